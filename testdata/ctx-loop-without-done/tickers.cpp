// Tickers and timers (issue 10). A timer's channel is never closed, so
// `for (auto t : ticker.c())` (Go's `for t := range ticker.C`) never ends by
// itself: in a function with a context, or in a goroutine, it must observe
// cancellation. A ticker case inside a select is only a timer case; the loop
// around it is judged by its other cases. With ctx-blocking-without-done on
// as well: one finding per loop, never a second one for its wait.
// CHECKS: ctx-loop-without-done,ctx-blocking-without-done
#include <ctx/ctx.hpp>

#include <chrono>

using namespace std::chrono_literals;

void poll(const ctx::Context &c);

void range_over_ticker(const ctx::Context &c) {
  ctx::Ticker ticker(10ms);
  for (auto t : ticker.c()) // want:3 ctx-loop-without-done "loop never observes cancellation of 'c'; check 'c.err\(\)'"
    (void)t;
}

void goroutine_ranges_over_ticker() {
  ctx::go([] {
    ctx::Ticker ticker(1s);
    for (auto t : ticker.c()) // want:5 ctx-loop-without-done "loop in the goroutine started on line 23 never exits and cannot be cancelled"
      (void)t;
  });
}

// The channel kept in a local first.
void range_over_kept_channel(const ctx::Context &c) {
  ctx::Ticker ticker(10ms);
  ctx::RecvChan<ctx::TimePoint> tick = ticker.c();
  for (auto t : tick) // want:3 ctx-loop-without-done "loop never observes cancellation of 'c'"
    (void)t;
}

// Go's `for range time.Tick(d)`: the channel comes from a timer function.
void range_over_tick(const ctx::Context &c) {
  for (auto t : ctx::after(1s)) // want:3 ctx-loop-without-done "loop never observes cancellation of 'c'"
    (void)t;
}

// The fix: select on the tick and on the context.
void ticker_with_done(const ctx::Context &c) {
  ctx::Ticker ticker(10ms);
  for (;;) {
    switch (ctx::select(ctx::recv(ticker.c()), ctx::recv(c.done()))) {
    case 0:
      continue;
    default:
      return;
    }
  }
}

// A ticker loop that checks the context each tick, or hands it on.
void ticker_checks_err(const ctx::Context &c) {
  ctx::Ticker ticker(10ms);
  for (auto t : ticker.c()) {
    (void)t;
    if (c.err())
      return;
  }
}

void ticker_hands_context_on(const ctx::Context &c) {
  ctx::Ticker ticker(10ms);
  for (auto t : ticker.c()) {
    (void)t;
    poll(c);
  }
}

// A ticker loop that leaves after a count: it ends by itself.
void bounded_ticks(const ctx::Context &c) {
  ctx::Ticker ticker(1ms);
  int n = 0;
  for (auto t : ticker.c()) {
    (void)t;
    if (++n == 3)
      break;
  }
}

// No context and no goroutine: a process's main loop is not this check's
// business.
void heartbeat_without_context() {
  ctx::Ticker ticker(1s);
  for (auto t : ticker.c())
    (void)t;
}
