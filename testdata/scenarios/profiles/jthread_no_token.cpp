// Runs the functions of testdata/ctx-loop-without-done/std_jthread.cpp under
// a watchdog: a std::jthread whose callable takes no token and loops forever
// hangs in its destructor; the fixed and the bounded ones return.
#define CTXGUARD_FIXTURE "../../ctx-loop-without-done/std_jthread.cpp"
#include CTXGUARD_FIXTURE
#include "Watchdog.h"

const char *const ScenarioFixture = CTXGUARD_FIXTURE;
const char *const ScenarioWrapper = CTXGUARD_SCENARIO_WRAPPER;

std::vector<JoinCase> joinCases() {
  using namespace jthread_fixture;
  return {
      {"start_function", start_function, "for (;;) // want"},
      {"start_lambda", start_lambda, "while (true) // want"},
      {"start_observing", start_observing, nullptr},
      {"start_bounded", start_bounded, nullptr},
      {"start_detached", start_detached, nullptr},
      {"start_plain_thread", start_plain_thread, nullptr},
  };
}
