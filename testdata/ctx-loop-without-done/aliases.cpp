// Recognition by meaning: context types through typedefs, using and namespace
// aliases, loops written through macros, templates (their pattern), nested
// lambdas that see an enclosing function's context, locals, methods; and the
// ways out that make a loop bounded: break, return, throw, goto, [[noreturn]].
#include <ctx/ctx.hpp>

#include <cstdlib>
#include <stdexcept>

using namespace std::chrono_literals;
namespace rt = ctx;
using Ctx = rt::Context;
typedef const ctx::Context &CtxRef;
#define FOREVER for (;;) // note:17 "expanded from macro 'FOREVER'"

void typedefParam(CtxRef c) {
  FOREVER // want:3 "loop never observes cancellation of 'c'; check 'c.err\(\)' or select on 'c.done\(\)'"
    rt::sleep(1ms);
}

void whileOne(Ctx parent) {
  while (1) // want:3 "never observes cancellation of 'parent'"
    ctx::sleep(1ms);
}

void doWhileTrue(Ctx c) {
  do { // want:3 "never observes cancellation of 'c'"
    ctx::sleep(1ms);
  } while (true);
}

void localContext() {
  auto [c, cancel] = ctx::with_cancel(ctx::background());
  ctx::Defer guard{cancel};
  for (;;) // want:3 "never observes cancellation of 'c'"
    ctx::sleep(1ms);
}

void nestedLambda(const Ctx &c) {
  auto tick = [] {
    for (;;) // want:5 "never observes cancellation of 'c'"
      ctx::sleep(1ms);
  };
  tick();
}

template <class T> void templated(const ctx::Context &c, T step) {
  for (;;) // want:3 "never observes cancellation of 'c'"
    step();
}
template void templated<void (*)()>(const ctx::Context &, void (*)());

struct Poller {
  void poll(const ctx::Context &c) {
    for (;;) // want:5 "never observes cancellation of 'c'"
      ctx::sleep(1ms);
  }
};

void suppressed(const Ctx &c) {
  for (;;) // NOLINT(ctx-loop-without-done)
    ctx::sleep(1ms);
}

// Not flagged: each loop has a way out.
[[noreturn]] void die() { std::abort(); }
int exits(const Ctx &c, int n) {
  for (;;) {
    if (n-- == 0)
      break;
  }
  while (true)
    if (n++ > 3)
      return n;
  for (;;)
    if (n > 10)
      throw std::runtime_error("done");
    else
      ++n;
  for (;;) {
    if (n > 20)
      goto out;
    ++n;
  }
out:
  for (;;)
    if (n > 30)
      die();
    else
      ++n;
}

// Flagged: a break in a nested switch or loop leaves only that statement.
void nestedBreak(const Ctx &c, int n) {
  for (;;) { // want:3 "never observes cancellation of 'c'"
    switch (n) {
    case 0:
      break;
    }
    for (;;)
      break;
  }
}

// A condition that is a constant through a constexpr variable.
constexpr bool kForever = true;
void constexprCondition(const Ctx &c) {
  while (kForever) // want:3 "never observes cancellation of 'c'"
    ctx::sleep(1ms);
}
