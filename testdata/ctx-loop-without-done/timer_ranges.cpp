// A range-for over a timer's channel never ends: nothing closes a ticker's
// channel. It is an unbounded loop like `for (;;)`, judged by what its body
// does. A range-for over any other channel ends when the channel is closed:
// ctx-blocking-without-done judges it (closing_paths.cpp and
// goroutine_ranges.cpp there), so this check says nothing about it.
#include <ctx/ctx.hpp>

#include <chrono>

using namespace std::chrono_literals;

void poll();

void everyTick(const ctx::Context &c) {
  ctx::Ticker ticker(10ms);
  for (ctx::TimePoint t : ticker.c()) // want:3 "loop never observes cancellation of 'c'"
    poll();
}

// Not flagged: the body observes cancellation, or leaves.
void everyTickUntilDone(const ctx::Context &c) {
  ctx::Ticker ticker(10ms);
  for (ctx::TimePoint t : ticker.c()) {
    if (c.err())
      return;
    poll();
  }
}

// Not flagged here: a range over a channel that is not a timer's.
int sum(const ctx::Context &c, ctx::Chan<int> in) {
  int total = 0;
  for (int v : in) // ctx-blocking-without-done's
    total += v;
  return total;
}
