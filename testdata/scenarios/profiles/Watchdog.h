// The runtime scenarios of the profiles (../README.md, "Profiles"): a
// wrapper includes one fixture and lists the fixture's functions to run, each
// marked with the fixture code whose warning predicts that it hangs.
#ifndef CTXGUARD_TESTDATA_SCENARIOS_PROFILES_WATCHDOG_H
#define CTXGUARD_TESTDATA_SCENARIOS_PROFILES_WATCHDOG_H

#include <vector>

struct JoinCase {
  const char *Name;
  void (*Run)();
  // A snippet of the one fixture line that carries the `want` predicting that
  // Run never returns (it hangs in a std::jthread's destructor), or nullptr
  // when Run must return.
  const char *Exercises;
};

// Defined by the wrapper: the fixture it includes (relative to the wrapper),
// the wrapper's own absolute path (CTXGUARD_SCENARIO_WRAPPER, set by CMake)
// and the cases.
extern const char *const ScenarioFixture;
extern const char *const ScenarioWrapper;
std::vector<JoinCase> joinCases();

#endif
