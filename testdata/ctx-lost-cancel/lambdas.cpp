// Lambdas and goroutine bodies are functions of their own, as go vet treats
// func literals: a cancel created inside one must be used on every path out
// of that lambda, and a use inside a nested lambda (a capture) counts for the
// function that created the cancel.
#include <ctx/ctx.hpp>

void use(const ctx::Context &c) noexcept;

void goroutineBody(const ctx::Context &parent) {
  ctx::go([parent] {
    auto [c, cancel] = ctx::with_cancel(parent); // want:24 "'cancel' is not used on all paths"
    if (!c)
      return; // note:7 "this return may be reached without using 'cancel' defined on line 11"
    cancel();
  });
}

void goroutineWithArgs(const ctx::Context &parent) {
  ctx::go(
      [](ctx::Context p, int n) {
        auto [c, cancel] = ctx::with_timeout(p, ctx::Duration{}); // want:28 "'cancel' is not used on all paths"
        for (int i = 0; i < n; ++i)
          if (i == 3)
            return; // note:13 "this return may be reached without using 'cancel'"
        cancel();
      },
      parent, 5);
}

void waitGroupWorkers(const ctx::Context &parent) {
  ctx::WaitGroup wg;
  for (int i = 0; i < 3; ++i)
    wg.go([parent] {
      auto [c, cancel] = ctx::with_cancel(parent);
      ctx::Defer guard{cancel};
      use(c);
    });
  wg.wait();
}

// The outer function's cancel is used by the nested lambda: a hand-off.
void nestedUse(const ctx::Context &parent) {
  auto [c, cancel] = ctx::with_cancel(parent);
  auto outer = [&] {
    auto inner = [&] { cancel(); };
    inner();
  };
  outer();
}

// A nested lambda leaks its own cancel; the enclosing ones are fine.
void nestedLeak(const ctx::Context &parent) {
  auto outer = [parent](bool b) {
    auto inner = [parent](bool stop) {
      auto [c, cancel] = ctx::with_cancel(parent); // want:26 "'cancel' is not used on all paths"
      if (stop)
        return; // note:9 "this return may be reached without using 'cancel'"
      cancel();
    };
    inner(b);
  };
  outer(true);
}

// The lambda returns the cancel: handed off to its caller.
auto makeChild(const ctx::Context &parent) {
  return [parent] {
    auto [c, cancel] = ctx::with_cancel(parent);
    return cancel;
  };
}

// A lambda whose body leaks at its closing brace.
void leakAtEnd(const ctx::Context &parent) {
  auto task = [&parent] {
    auto [c, cancel] = ctx::with_cancel(parent); // want:24 "'cancel' is not used on all paths"
    if (false)
      cancel();
  }; // note:3 "this return may be reached without using 'cancel'"
  task();
}
