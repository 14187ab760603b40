// ctx-nil-context is not applied to the std profile (docs/profiles.md):
// std::stop_token{} is a valid token that never stops (a root, which
// ctx-background-mid-flow judges where a token is available), not a nil.
// Silent today, silent with profiles on.
#include <stop_token>
#include <thread>

void work(std::stop_token st);
void work_n(int n, std::stop_token st = {});

void roots() {
  work(std::stop_token{});
  work(std::stop_token());
  work({});
  work_n(1);
  std::stop_token none;
  work(none);
  std::jthread t([](std::stop_token st) { work(st); });
}
