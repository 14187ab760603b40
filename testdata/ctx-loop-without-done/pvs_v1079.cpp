// CHECKS: ctx-loop-without-done,ctx-blocking-without-done
// Ports PVS-Studio's V1079 ("parameter of 'std::stop_token' type is not used
// inside function's body", its synthetic example: a std::jthread worker that
// loads data in a loop and never looks at its token). ctxguard has no
// unused-parameter rule; it reports the token where ignoring it does harm
// (decision, docs/profiles.md):
// - the worker's loop is unbounded: ctx-loop-without-done at the loop;
// - the worker blocks in a wait that cannot see the token:
//   ctx-blocking-without-done at the wait;
// - the loop ends by itself (V1079's own example iterates over a finite list
//   of keys): the stop is only delayed; not reported.
// testdata/scenarios/profiles/v1079.cpp runs the workers under a watchdog.
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <stop_token>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace v1079 {

struct HugeStruct {
  std::string payload;
};
std::atomic<long> loaded{0};
HugeStruct LoadHugeData(std::string_view key) {
  loaded.fetch_add(1, std::memory_order_relaxed);
  std::this_thread::sleep_for(std::chrono::milliseconds(1));
  return {std::string(key)};
}

// V1079's example: a finite loop over keys, the token unused. Not reported.
void worker(std::stop_token st, std::vector<std::string> keys) {
  for (const auto &key : keys) {
    auto data = LoadHugeData(key);
    (void)data;
  }
}

// The same worker polling for new keys forever.
void poller(std::stop_token st, std::string prefix) {
  for (long i = 0;; ++i) { // want:3 ctx-loop-without-done "never observes.*'st'"
    auto data = LoadHugeData(prefix + std::to_string(i));
    (void)data;
  }
}

// The same worker waiting for work on a condition variable.
struct Inbox {
  std::mutex mu;
  std::condition_variable cv;
  std::vector<std::string> keys;
};
void waiter(std::stop_token st, Inbox &inbox) {
  std::unique_lock lock(inbox.mu);
  inbox.cv.wait(lock, [&] { return !inbox.keys.empty(); }); // want:3 ctx-blocking-without-done "'cv\.wait' blocks.*'st'"
  for (const auto &key : inbox.keys)
    (void)LoadHugeData(key);
}

// V1079's fix: look at the token in the loop. Not reported.
void fixed_poller(std::stop_token st, std::string prefix) {
  for (long i = 0;; ++i) {
    if (st.stop_requested())
      return;
    auto data = LoadHugeData(prefix + std::to_string(i));
    (void)data;
  }
}

void start_worker() { std::jthread thread{worker, std::vector<std::string>{"a", "b", "c"}}; }
void start_poller() { std::jthread thread{poller, std::string("key-")}; }
void start_waiter(Inbox &inbox) { std::jthread thread{waiter, std::ref(inbox)}; }
void start_fixed_poller() { std::jthread thread{fixed_poller, std::string("key-")}; }

} // namespace v1079
