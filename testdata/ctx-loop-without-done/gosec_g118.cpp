// Ports gosec G118's loop samples (testutils/g118_samples.go): a
// long-running loop in a function that has a context, with no ctx.Done()
// guard. Vulnerable: an endless loop around an uninterruptible sleep, and an
// endless loop around a select that has no done case. Safe: a select on
// done, a bounded loop, a loop with its own exit.
#include <ctx/ctx.hpp>

using namespace std::chrono_literals;

// Vulnerable: loop with a blocking call and no done guard.
void run(ctx::Context c) {
  for (;;) // want:3 "loop in the goroutine started on line 59 never observes cancellation of 'c'; check 'c.err\(\)' or select on 'c.done\(\)'"
    ctx::sleep(1ms);
}

// Vulnerable: a multi-block endless loop; the select has no done case.
void complexInfinite(ctx::Context c, ctx::Chan<int> ch) {
  for (;;) { // want:3 "loop in the goroutine started on line 60 never observes cancellation of 'c'"
    switch (ctx::select(ctx::recv(ch), ctx::default_case())) {
    case 0:
      ctx::sleep(1ms);
      break;
    default:
      ctx::sleep(1ms);
    }
  }
}

// Safe: the goroutine propagates the context and selects on done.
void handler(const ctx::Context &c) {
  ctx::go([c] {
    for (;;)
      if (ctx::select(ctx::recv(c.done()), ctx::recv(ctx::after(1ms))) == 0)
        return;
  });
}

// Safe: bounded by its condition.
void bounded(ctx::Context c) {
  for (int i = 0; i < 3; ++i)
    ctx::sleep(1ms);
}

// Safe: an explicit exit that is not the context.
void worker(ctx::Context c, int max) {
  int i = 0;
  for (;;) {
    if (i >= max)
      break;
    ctx::sleep(1ms);
    ++i;
  }
}

// The starters: each runs a vulnerable loop in a goroutine, as gosec's
// samples are run by their callers.
void startAll(const ctx::Context &c) {
  ctx::Chan<int> ch(1);
  ctx::go(run, c);
  ctx::go(complexInfinite, c, ch);
  handler(c);
}

#ifdef CTXGUARD_SCENARIO
void scenario() {
  auto [c, cancel] = ctx::with_cancel(ctx::background());
  startAll(c);
  bounded(c);
  worker(c, 2);
  cancel(); // only the loops that observe the context stop
}
#endif
