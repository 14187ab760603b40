// A std::jthread started with a callable that takes no std::stop_token and
// loops without bound (docs/profiles.md): the jthread's destructor requests a
// stop the callable cannot see, then joins forever. Warning at the loop, note
// at the jthread's construction (the variable's name, where clang places the
// construction of a declared object).
// testdata/scenarios/profiles/jthread_no_token.cpp runs these functions under
// a watchdog: the flagged ones hang in the destructor, the others return.
#include <atomic>
#include <chrono>
#include <stop_token>
#include <thread>

namespace jthread_fixture {

std::atomic<long> ticks{0};
void tick() {
  ticks.fetch_add(1, std::memory_order_relaxed);
  std::this_thread::sleep_for(std::chrono::milliseconds(1));
}

void spin() {
  for (;;) // want:3 "(?=.*jthread)(?=.*never)"
    tick();
}

void start_function() {
  std::jthread worker(spin); // note:16 "request_stop|destructor"
}

void start_lambda() {
  std::jthread poller([] { // note:16 "request_stop|destructor"
    while (true) // want:5 "(?=.*jthread)(?=.*never)"
      tick();
  });
}

// The fix: take the jthread's token and look at it.
void start_observing() {
  std::jthread poller([](std::stop_token st) {
    while (!st.stop_requested())
      tick();
  });
}

// Not flagged: a loop that ends by itself.
void start_bounded() {
  std::jthread counter([] {
    for (int i = 0; i < 3; ++i)
      tick();
  });
}

// Not flagged (decision): a detached jthread's destructor neither requests a
// stop nor joins, so nothing hangs; the loop is a daemon on purpose.
void start_detached() {
  std::jthread daemon([] {
    for (;;)
      tick();
  });
  daemon.detach();
}

// Not flagged (decision): a std::thread has no stop request for its callable
// to miss; profiles.md names the std::jthread only.
void start_plain_thread() {
  std::thread daemon([] {
    for (;;)
      tick();
  });
  daemon.detach();
}

} // namespace jthread_fixture
