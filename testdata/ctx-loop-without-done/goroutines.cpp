// Goroutine bodies that loop forever: with a context they ignore, and without
// any context at all. Each is started by a function of this file, and the
// warning names that spawn line. (A range-for over a channel nothing closes,
// the Go runtime's leak-profile NoCloseRange worker, is
// ctx-blocking-without-done's: goroutine_ranges.cpp there.)
#include <ctx/ctx.hpp>

using namespace std::chrono_literals;

void heartbeat(const ctx::Context &c) {
  ctx::go([c] {
    while (true) // want:5 "loop in the goroutine started on line 11 never observes cancellation of 'c'"
      ctx::sleep(1ms);
  });
}

void pump(ctx::Chan<int> out) {
  ctx::go([out] {
    for (int i = 0;; ++i) // want:5 "loop in the goroutine started on line 18 never exits and cannot be cancelled; pass it a context"
      if (out.size() < out.capacity())
        out.send(i);
      else
        ctx::sleep(1ms);
  });
}

// Not flagged: the loop checks err(), selects on done, or passes the context on.
void observes(const ctx::Context &c, ctx::Chan<int> in) {
  ctx::go([c] {
    while (!c.err())
      ctx::sleep(1ms);
  });
  ctx::go([c] {
    for (;;) {
      if (c.err())
        return;
      ctx::sleep(1ms);
    }
  });
  ctx::go([c, in] {
    for (;;)
      if (ctx::select(ctx::recv(in), ctx::recv(c.done())) == 1)
        break;
  });
  ctx::go([c] {
    do {
    } while (!ctx::sleep(c, 1ms)); // a context-aware call in the condition
  });
}

// Not flagged: a receive loop that stops when the channel is closed.
void drains(ctx::Chan<int> in) {
  ctx::go([in] {
    for (;;) {
      std::optional<int> v = in.recv();
      if (!v)
        return;
    }
  });
}

// Not flagged: the range-for ends, because this file closes such channels.
void ranges(ctx::Chan<int> in) {
  ctx::go([in] {
    for (int v : in)
      (void)v;
  });
}
void finish(ctx::Chan<int> in) { in.close(); }

// Not flagged: no goroutine, no context.
void spin() {
  for (;;)
    ctx::sleep(1ms);
}

#ifdef CTXGUARD_SCENARIO
void scenario() {
  auto [c, cancel] = ctx::with_cancel(ctx::background());
  heartbeat(c);
  ctx::Chan<int> numbers(1);
  pump(numbers);
  ctx::Chan<int> in;
  observes(c, in);
  ctx::Chan<int> more;
  drains(more);
  ranges(more);
  more.send(1);
  finish(more);
  cancel();
}
#endif
