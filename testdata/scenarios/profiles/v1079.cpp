// Runs the workers of testdata/ctx-loop-without-done/pvs_v1079.cpp under a
// watchdog: the jthread whose worker loops forever, and the one whose worker
// waits on a condition variable nobody notifies, hang in their destructors;
// V1079's own finite example and its fix return.
#define CTXGUARD_FIXTURE "../../ctx-loop-without-done/pvs_v1079.cpp"
#include CTXGUARD_FIXTURE
#include "Watchdog.h"

const char *const ScenarioFixture = CTXGUARD_FIXTURE;
const char *const ScenarioWrapper = CTXGUARD_SCENARIO_WRAPPER;

namespace {
v1079::Inbox inbox;
}

std::vector<JoinCase> joinCases() {
  using namespace v1079;
  return {
      {"start_worker", start_worker, nullptr},
      {"start_poller", start_poller, "for (long i = 0;; ++i) { // want"},
      {"start_waiter", [] { start_waiter(inbox); }, "inbox.cv.wait(lock"},
      {"start_fixed_poller", start_fixed_poller, nullptr},
  };
}
