// Silent: waiting on done itself, a receive or range over a channel closed
// earlier in the same block, a range over a local channel its function
// closes (fan-in), a select that observes done, sleeps and waits given the
// context, the runtime's own namespace, NOLINT, code without a context. And
// near misses: a close on one branch only, a local channel nobody closes.
#include <ctx/ctx.hpp>

#include <chrono>

using namespace std::chrono_literals;

void wait_for_done(const ctx::Context &c) {
  c.done().wait();
  (void)c.done().wait_for(1ms);
  (void)ctx::sleep(c, 1ms);
}

int drain_after_close(const ctx::Context &c) {
  ctx::Chan<int> results(4);
  ctx::WaitGroup wg;
  for (int w = 0; w < 4; ++w)
    wg.go([c, results, w] {
      switch (ctx::select(ctx::send(results, w), ctx::recv(c.done()))) {
      default:
        break;
      }
    });
  wg.wait();
  results.close();
  int sum = 0;
  for (int v : results)
    sum += v;
  return sum + results.recv().value_or(0);
}

void closed_on_one_branch(const ctx::Context &c, ctx::Chan<int> ch, bool stop) {
  if (stop)
    ch.close();
  (void)ch.recv(); // want:9 "'ch.recv' blocks without observing cancellation of 'c'"
}

void silenced(const ctx::Context &c, ctx::Chan<int> ch) {
  ch.send(1); // NOLINT(ctx-blocking-without-done)
}

namespace ctx {
void runtime_helper(const Context &c, Chan<int> ch) { ch.send(1); }
} // namespace ctx

int no_context(ctx::Chan<int> ch) {
  ctx::sleep(1ms);
  ch.send(1);
  return ch.recv().value_or(0);
}

// Go's fan-in: the producers select on done, a goroutine closes the channel
// after their join, and the range ends with that close.
int fan_in(const ctx::Context &c, int workers) {
  ctx::Chan<int> results;
  ctx::WaitGroup wg;
  for (int w = 0; w < workers; ++w)
    wg.go([c, results, w] { (void)ctx::select(ctx::send(results, w), ctx::recv(c.done())); });
  ctx::go([&wg, results] {
    wg.wait();
    results.close();
  });
  int sum = 0;
  for (int v : results)
    sum += v;
  return sum;
}

// Nobody closes it: the range waits for ever once the producer is done.
int never_closed(const ctx::Context &c) {
  ctx::Chan<int> results(1);
  ctx::go([c, results] { (void)ctx::select(ctx::send(results, 1), ctx::recv(c.done())); });
  int sum = 0;
  for (int v : results) // want:16 "range over 'results' blocks without observing cancellation of 'c'"
    sum += v;
  return sum;
}

// A range over a timer's channel written in place never ends: an endless
// loop, ctx-loop-without-done's (timer_ranges.cpp there), not reported twice.
void tick(const ctx::Context &c);
void every_tick(const ctx::Context &c) {
  ctx::Ticker ticker(10ms);
  for (ctx::TimePoint t : ticker.c())
    tick(c);
}
