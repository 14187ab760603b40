// ctx-jthread-foreign-token (docs/profiles.md): a std::jthread constructed
// with (f, tok, args...) where tok is a std::stop_token and f is not
// invocable as f(std::stop_token, tok, args...) (the standard's test for
// passing the jthread's own token): f receives the foreign token, and the
// jthread's own request_stop(), which its destructor calls, is never seen.
// Flagged at the construction (for a declared jthread, clang's location of
// the construction: the variable's name); the message names the callable or
// the token passed. Only direct constructions are expected here
// (emplace_back / make_unique<std::jthread> may be reported too).
// testdata/scenarios/profiles/foreign_token.cpp runs these functions under a
// watchdog: the flagged ones hang in the destructor, the others return.
#include <atomic>
#include <chrono>
#include <stop_token>
#include <thread>

namespace foreign_token {

std::atomic<long> ticks{0};
void tick() {
  ticks.fetch_add(1, std::memory_order_relaxed);
  std::this_thread::sleep_for(std::chrono::milliseconds(1));
}

void worker(std::stop_token tok) {
  while (!tok.stop_requested())
    tick();
}
void worker_on(std::stop_token tok, int shard) {
  while (!tok.stop_requested())
    tick();
}
void either(std::stop_token own, std::stop_token parent) {
  while (!own.stop_requested() && !parent.stop_requested())
    tick();
}
void counted(int n) {
  for (int i = 0; i < n; ++i)
    tick();
}
struct Poller {
  void run(std::stop_token tok) {
    while (!tok.stop_requested())
      tick();
  }
  void operator()(std::stop_token tok) const {
    while (!tok.stop_requested())
      tick();
  }
};
using Token = std::stop_token;
using Thread = std::jthread;

void parent_token(std::stop_source &parent) {
  std::jthread t(worker, parent.get_token()); // want:16 "'worker'"
}

void token_then_args(std::stop_source &parent) {
  Token tok = parent.get_token();
  std::jthread t(worker_on, tok, 3); // want:16 "(?=.*'worker_on')(?=.*'tok')"
}

void lambda(std::stop_token tok) {
  std::jthread t( // want:16 "'tok'"
      [](std::stop_token st) {
        while (!st.stop_requested())
          tick();
      },
      tok);
}

void generic_lambda(std::stop_token tok) {
  std::jthread g( // want:16 "'tok'"
      [](auto st) {
        while (!st.stop_requested())
          tick();
      },
      tok);
}

void member_function(std::stop_token tok) {
  Poller p;
  std::jthread t(&Poller::run, &p, tok); // want:16 "(?=.*run)(?=.*'tok')"
}

void function_object(std::stop_token tok) {
  Thread t(Poller{}, tok); // want:10 "'tok'"
}

void temporary(std::stop_token tok) {
  auto t = std::jthread(worker, tok); // want:12 "(?=.*'worker')(?=.*'tok')"
}

// A token that never stops is foreign too.
void never_stops() {
  std::jthread t(worker, std::stop_token{}); // want:16 "'worker'"
}

// Not flagged: the jthread's own token reaches f.
void own_token() { std::jthread t(worker); }
void own_and_parent(std::stop_token parent) { std::jthread t(either, parent); }
void variadic(std::stop_token parent) {
  std::jthread t(
      [](auto... tokens) {
        while (!(tokens.stop_requested() || ...))
          tick();
      },
      parent);
}
void no_token_argument() { std::jthread t(counted, 3); }

// Not flagged: a std::thread has no token of its own; passing one is the way.
void plain_thread(std::stop_token tok) {
  std::thread t(worker, tok);
  t.join();
}

// Not flagged: a type named stop_token in another namespace.
namespace mylib {
struct stop_token {
  bool stop_requested() const { return true; }
};
} // namespace mylib
void their_token(mylib::stop_token tok) {
  std::jthread t([](mylib::stop_token st) { (void)st.stop_requested(); }, tok);
}

} // namespace foreign_token
