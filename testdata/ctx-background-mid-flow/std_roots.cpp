// The std profile (docs/profiles.md): where a token is available, passing
// std::stop_token{} (a token that never stops) or the token of a local
// std::stop_source that is not linked to it (no std::stop_callback on the
// available token that requests a stop on it) is flagged at the argument:
// the callee can no longer be stopped. The message names the available token.
#include <condition_variable>
#include <mutex>
#include <stop_token>
#include <thread>

void work(std::stop_token st);
void work_at(int shard, std::stop_token st);
void work_default(std::stop_token st = {});

void empty_tokens(std::stop_token st) {
  work(std::stop_token{}); // want:8 "'st'"
  work(std::stop_token()); // want:8 "'st'"
  work({}); // want:8 "'st'"
  work_at(1, std::stop_token{}); // want:14 "'st'"
}

void unlinked_source(std::stop_token st) {
  std::stop_source src;
  work(src.get_token()); // want:8 "(?=.*'src')(?=.*'st')"
  src.request_stop();
}

// The callback on the token stops another source, not this one.
void linked_elsewhere(std::stop_token st, std::stop_source &other) {
  std::stop_source child;
  std::stop_callback link(st, [&other] { other.request_stop(); });
  work(child.get_token()); // want:8 "(?=.*'child')(?=.*'st')"
}

// A lambda that captures the token, a jthread callable, a token overload.
void nested(std::stop_token st, std::mutex &mu, std::condition_variable_any &cv, bool &ready) {
  auto later = [st] { work(std::stop_token{}); }; // want:28 "'st'"
  later();
  std::jthread worker([](std::stop_token own) { work(std::stop_token{}); }); // want:54 "'own'"
  std::unique_lock lock(mu);
  cv.wait(lock, std::stop_token{}, [&] { return ready; }); // want:17 "'st'"
}

// Not flagged: the token itself, a copy, a source linked to the token, a
// member source (the owner's own lifetime, not a local root), no token
// available, a default argument, a type named stop_token elsewhere.
void passes(std::stop_token st) {
  work(st);
  std::stop_token copy = st;
  work_at(2, copy);
  work_default(st);
}

void linked(std::stop_token st) {
  std::stop_source child;
  std::stop_callback link(st, [&child] { child.request_stop(); });
  work(child.get_token());
}

struct Service {
  std::stop_source shutdown;
  void handle(std::stop_token st) { work(shutdown.get_token()); }
};

void no_token_available() {
  work(std::stop_token{});
  std::stop_source src;
  work(src.get_token());
  work_default();
}

int main() {
  std::stop_source root;
  work(root.get_token());
}

namespace mylib {
struct stop_token {};
void work(stop_token t);
} // namespace mylib
void lookalike(std::stop_token st) { mylib::work(mylib::stop_token{}); }
