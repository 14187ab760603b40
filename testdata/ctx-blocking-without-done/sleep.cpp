// ctx::sleep(d) cannot be interrupted: with exactly one context available,
// the fix-it passes it (ctx::sleep(c, d)); with several, no fix-it.
#include <ctx/ctx.hpp>

#include <chrono>

using namespace std::chrono_literals;

void backoff(const ctx::Context &c) {
  ctx::sleep(10ms); // want:3 "'ctx::sleep' cannot be interrupted by cancellation of 'c'; use 'ctx::sleep\(c, ...\)'"
}

void retry(const ctx::Context &c, int attempts) {
  for (int i = 0; i < attempts; ++i)
    ctx::sleep(std::chrono::milliseconds(5 * i)); // want:5 "'ctx::sleep' cannot be interrupted by cancellation of 'c'"
}

void in_lambda(const ctx::Context &c) {
  auto wait = [c] { ctx::sleep(1ms); }; // want:21 "cancellation of 'c'"
  wait();
}

void not_captured(const ctx::Context &c) {
  // 'c' is not captured: no fix-it.
  ctx::go([] { ctx::sleep(1ms); }); // want:16 "cancellation of 'c'"
}

void captured_by_the_outer_lambda_only(const ctx::Context &c) {
  auto outer = [c] {
    auto inner = [] { ctx::sleep(1ms); }; // want:23 "cancellation of 'c'"
    inner();
  };
  outer();
}

void default_capture(const ctx::Context &c) {
  auto outer = [c] {
    auto inner = [=] { ctx::sleep(1ms); }; // want:24 "cancellation of 'c'"
    inner();
  };
  outer();
}

void two_contexts(const ctx::Context &c) {
  auto [child, cancel] = ctx::with_timeout(c, 1s);
  ctx::Defer guard{cancel};
  ctx::sleep(1ms); // want:3 "'ctx::sleep' cannot be interrupted by cancellation of 'child'"
}

ctx::Error interruptible(const ctx::Context &c) { return ctx::sleep(c, 10ms); }

void no_context() { ctx::sleep(1ms); }
