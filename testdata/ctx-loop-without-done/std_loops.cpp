// The std profile (docs/profiles.md): an unbounded loop in code that has a
// std::stop_token is flagged at the loop statement when it never calls
// stop_requested(), never waits with the token and never passes the token on
// (passing std::stop_token{} is not passing it on). A loop that a call's
// result ends (a queue's closed signal, a write that fails) is bounded.
#include <chrono>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <optional>
#include <stop_token>
#include <thread>

using namespace std::chrono_literals;

void step();
void step_with(std::stop_token st);

struct Channel {
  std::mutex mu;
  std::condition_variable_any cv;
  std::deque<int> items;
  bool closed = false;
  std::optional<int> pop(); // empty once closed and drained
  bool push(int v);         // false once closed
};

void for_ever(std::stop_token st) {
  for (;;) // want:3 "never observes.*'st'"
    step();
}

void while_true(const std::stop_token &st) {
  while (true) { // want:3 "never observes.*'st'"
    step();
    std::this_thread::sleep_for(1ms);
  }
}

void do_while(std::stop_token st) {
  do { // want:3 "never observes.*'st'"
    step();
  } while (true);
}

// A never-stopping token passed on is not the token.
void passes_empty_token(std::stop_token st) {
  for (;;) // want:3 "never observes.*'st'"
    step_with(std::stop_token{});
}

// A lambda inside a function that has a token.
void nested(std::stop_token st) {
  auto pump = [] {
    for (;;) // want:5 "never observes.*'st'"
      step();
  };
  pump();
}

// Not flagged: the loop observes the token, waits with it, passes it on, or
// a call's result ends it.
void observes(std::stop_token st, Channel &ch) {
  while (!st.stop_requested())
    step();
  for (;;) {
    if (st.stop_requested())
      return;
    step();
  }
}

void checks_then_breaks(std::stop_token st) {
  for (;;) {
    step();
    if (st.stop_requested())
      break;
  }
}

void waits_with_token(std::stop_token st, Channel &ch) {
  for (;;) {
    std::unique_lock lock(ch.mu);
    ch.cv.wait(lock, st, [&] { return !ch.items.empty(); });
    step();
  }
}

void passes_token_on(std::stop_token st) {
  for (;;)
    step_with(st);
}

void until_closed(std::stop_token st, Channel &in, Channel &out) {
  for (;;) {
    std::optional<int> item = in.pop();
    if (!item)
      return;
    if (!out.push(*item))
      break;
  }
  while (out.push(0)) {
  }
}

// No token, no finding.
void no_token() {
  for (;;)
    step();
}
