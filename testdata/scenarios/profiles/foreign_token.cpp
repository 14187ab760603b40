// Runs the functions of testdata/ctx-jthread-foreign-token/std_foreign_token.cpp
// under a watchdog: a std::jthread whose callable received a foreign token
// (from a source nobody stops) hangs in its destructor; the ones whose
// callable gets the jthread's own token return.
#define CTXGUARD_FIXTURE "../../ctx-jthread-foreign-token/std_foreign_token.cpp"
#include CTXGUARD_FIXTURE
#include "Watchdog.h"

const char *const ScenarioFixture = CTXGUARD_FIXTURE;
const char *const ScenarioWrapper = CTXGUARD_SCENARIO_WRAPPER;

namespace {
std::stop_source parent; // never stopped
}

std::vector<JoinCase> joinCases() {
  using namespace foreign_token;
  return {
      {"parent_token", [] { parent_token(parent); }, "t(worker, parent.get_token());"},
      {"token_then_args", [] { token_then_args(parent); }, "t(worker_on, tok, 3);"},
      {"lambda", [] { lambda(parent.get_token()); }, "std::jthread t( // want"},
      {"generic_lambda", [] { generic_lambda(parent.get_token()); }, "std::jthread g( // want"},
      {"member_function", [] { member_function(parent.get_token()); }, "&Poller::run, &p, tok"},
      {"function_object", [] { function_object(parent.get_token()); }, "t(Poller{}, tok);"},
      {"temporary", [] { temporary(parent.get_token()); }, "std::jthread(worker, tok);"},
      {"never_stops", never_stops, "t(worker, std::stop_token{});"},
      {"own_token", own_token, nullptr},
      {"own_and_parent", [] { own_and_parent(parent.get_token()); }, nullptr},
      {"variadic", [] { variadic(parent.get_token()); }, nullptr},
      {"no_token_argument", no_token_argument, nullptr},
      {"their_token", [] { their_token({}); }, nullptr},
  };
}
