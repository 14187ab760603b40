// Not deferred, callees with a visible body: clang-tidy's ExceptionAnalyzer
// decides whether the body can throw (directly or through its callees).
// Regression for the runtime's own tests: a std::chrono literal operator and
// a helper that only polls the context were said to "throw". Running out of
// memory does not count (std::make_shared of a type whose constructor cannot
// throw); a body that throws, or reaches a throw, does.
#include <ctx/ctx.hpp>

#include <chrono>
#include <memory>
#include <stdexcept>
#include <string>

using namespace std::chrono_literals;

std::string fetch(const ctx::Context &c);

bool isDoneNow(const ctx::Context &c) {
  return ctx::select(ctx::recv(c.done()), ctx::default_case()) == 0;
}

struct Point {
  int x = 0;
  int y = 0;
};

void chronoLiteralBetween(const ctx::Context &p) {
  auto [c, cancel] = ctx::with_timeout(p, 1h);
  auto [t, stop] = ctx::with_timeout(c, 10ms);
  stop();
  cancel();
}

void pollingHelperBetween(const ctx::Context &p) {
  auto [c, cancel] = ctx::with_cancel(p);
  bool done = isDoneNow(c);
  cancel();
  (void)done;
}

void allocationBetween(const ctx::Context &p) {
  auto [c, cancel] = ctx::with_cancel(p);
  std::shared_ptr<Point> at = std::make_shared<Point>();
  cancel();
  (void)at;
}

void mustBeReady(bool ready) {
  if (!ready)
    throw std::runtime_error("not ready");
}

void throwingHelperBetween(const ctx::Context &p) {
  auto [c, cancel] = ctx::with_cancel(p); // want:22 "'cancel' is skipped if 'mustBeReady' throws; defer it"
  mustBeReady(isDoneNow(c));              // note:3 "'mustBeReady' may throw here"
  cancel();
}

void checkTwice(bool ready) {
  mustBeReady(ready);
  mustBeReady(!ready);
}

void indirectlyThrowingHelperBetween(const ctx::Context &p) {
  auto [c, cancel] = ctx::with_cancel(p); // want:22 "'cancel' is skipped if 'checkTwice' throws"
  checkTwice(isDoneNow(c));               // note:3 "'checkTwice' may throw here"
  cancel();
}

struct Strict {
  explicit Strict(int v) {
    if (v < 0)
      throw std::invalid_argument("negative");
  }
};

void throwingConstructorBetween(const ctx::Context &p, int v) {
  auto [c, cancel] = ctx::with_cancel(p); // want:22 "'cancel' is skipped if 'make_shared' throws"
  auto s = std::make_shared<Strict>(v);   // note:12 "'make_shared' may throw here"
  cancel();
  (void)s;
}

void declaredOnlyBetween(const ctx::Context &p) {
  auto [c, cancel] = ctx::with_cancel(p); // want:22 "'cancel' is skipped if 'fetch' throws"
  fetch(c);                               // note:3 "'fetch' may throw here"
  cancel();
}
