// A C++ throw is an exit like a return: a throw reached without using the
// cancel leaks it ("this throw may be reached ..."), whether it leaves the
// function directly or through a try whose handlers do not catch it. A throw
// caught inside the function continues along the handler.
#include <ctx/ctx.hpp>

#include <stdexcept>

void use(const ctx::Context &c) noexcept;

void throwsBeforeCancel(const ctx::Context &p, bool bad) {
  auto [c, cancel] = ctx::with_cancel(p); // want:22 "'cancel' is not used on all paths \(possible context leak\)"
  if (bad)
    throw std::runtime_error("bad"); // note:5 "this throw may be reached without using 'cancel' defined on line 12"
  cancel();
}

void throwAndReturn(const ctx::Context &p, int mode) {
  auto [c, cancel] = ctx::with_timeout(p, ctx::Duration{}); // want:22 "'cancel' is not used on all paths"
  if (mode == 1)
    throw 1; // note:5 "this throw may be reached without using 'cancel' defined on line 19"
  if (mode == 2)
    return; // note:5 "this return may be reached without using 'cancel' defined on line 19"
  cancel();
}

// Caught by a handler of another type: it leaves the function.
void escapesTry(const ctx::Context &p, bool bad) {
  auto [c, cancel] = ctx::with_cancel(p); // want:22 "'cancel' is not used on all paths"
  try {
    if (bad)
      throw std::runtime_error("bad"); // note:7 "this throw may be reached without using 'cancel'"
  } catch (const std::logic_error &) {
    cancel();
    return;
  }
  cancel();
}

// Caught and handled inside: the handler cancels, so no path leaks.
void caughtInside(const ctx::Context &p, bool bad) {
  auto [c, cancel] = ctx::with_cancel(p);
  try {
    if (bad)
      throw std::runtime_error("bad");
    use(c);
  } catch (...) {
    cancel();
    return;
  }
  cancel();
}

// Caught inside, but the handler falls off the end without cancelling.
void handlerFallsThrough(const ctx::Context &p, bool bad) {
  auto [c, cancel] = ctx::with_cancel(p); // want:22 "'cancel' is not used on all paths"
  try {
    if (bad)
      throw std::runtime_error("bad");
    cancel();
  } catch (...) {
  }
} // note:1 "this return may be reached without using 'cancel'"

// Deferred: the guard runs during unwinding, nothing leaks.
void deferredThrow(const ctx::Context &p, bool bad) {
  auto [c, cancel] = ctx::with_cancel(p);
  ctx::Defer guard{cancel};
  if (bad)
    throw std::runtime_error("bad");
}

// A rethrow in a handler that cancels first.
void rethrows(const ctx::Context &p) {
  auto [c, cancel] = ctx::with_cancel(p);
  try {
    use(c);
    throw 1;
  } catch (...) {
    cancel();
    throw;
  }
}
