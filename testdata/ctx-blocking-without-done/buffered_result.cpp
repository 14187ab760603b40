// Go's "buffered result channel" idiom (`ch := make(chan T, 1)` and one
// worker sending its one result) and its fan-out form (a channel sized for
// one send per goroutine of a counted loop): a send on a local channel whose
// capacity covers every send that can reach it cannot block. Whatever defeats
// the count is flagged: a second send, a loop, goroutines started in a loop,
// a lambda that may run more than once, a channel handed to other code, no
// buffer or a capacity that is not a constant.
#include <ctx/ctx.hpp>

#include <cstddef>
#include <optional>

int compute();
void worker(ctx::Chan<int> out);

std::optional<int> one_result(const ctx::Context &c) {
  ctx::Chan<int> result(1);
  ctx::go([result] { result.send(compute()); });
  std::optional<int> v;
  switch (ctx::select(ctx::recv(result, v), ctx::recv(c.done()))) {
  case 0:
    return v;
  default:
    return std::nullopt;
  }
}

void two_sends_two_slots(const ctx::Context &c) {
  ctx::Chan<int> results(2);
  ctx::go([results] { results.send(1); });
  results.send(2);
}

void wait_group_worker(const ctx::Context &c) {
  ctx::Chan<ctx::Error> errs{1};
  ctx::WaitGroup wg;
  wg.go([errs] { errs.send(ctx::Error{}); });
  wg.wait();
}

constexpr std::size_t Slots = 1;
void constant_expression(const ctx::Context &c) {
  auto ch = ctx::Chan<int>(Slots * 2);
  ctx::go([ch] { ch.send(1); });
  ch.send(2);
}

void too_many(const ctx::Context &c) {
  ctx::Chan<int> ch(1);
  ctx::go([ch] { ch.send(1); }); // want:18 "'ch.send' blocks without observing cancellation of 'c'"
  ch.send(2);                    // want:3 "'ch.send' blocks"
}

void in_a_loop(const ctx::Context &c, int n) {
  ctx::Chan<int> ch(1);
  for (int i = 0; i < n; ++i)
    ch.send(i); // want:5 "'ch.send' blocks"
}

void goroutines_in_a_loop(const ctx::Context &c, int n) {
  ctx::Chan<int> ch(1);
  for (int i = 0; i < n; ++i)
    ctx::go([ch, i] { ch.send(i); }); // want:23 "'ch.send' blocks"
}

void lambda_called_twice(const ctx::Context &c) {
  ctx::Chan<int> ch(1);
  auto send_one = [ch] { ch.send(1); }; // want:26 "'ch.send' blocks"
  send_one();
  send_one();
}

void handed_off(const ctx::Context &c) {
  ctx::Chan<int> ch(1);
  ctx::go(worker, ch);
  ch.send(1); // want:3 "'ch.send' blocks"
}

void unbuffered(const ctx::Context &c) {
  ctx::Chan<int> ch;
  ctx::go([ch] { ch.send(1); }); // want:18 "'ch.send' blocks"
}

void runtime_capacity(const ctx::Context &c, std::size_t n) {
  ctx::Chan<int> ch(n);
  ctx::go([ch] { ch.send(1); }); // want:18 "'ch.send' blocks"
}

// A straight-line sequence on a local buffered channel is simulated against
// its buffer: a send with room and a receive with a value cannot block (the
// "Go to C++ at a glance" example). The simulation stops at the first
// operation that would block or that is not straight-line (a branch, a loop):
// from there on, operations are judged as usual.
int sequence(const ctx::Context &c) {
  ctx::Chan<int> ch(1);
  ch.send(1);
  std::optional<int> v0 = ch.recv();
  ch.send(2);
  ch.close();
  return v0.value_or(0) + ch.recv().value_or(0) + ch.recv().value_or(0);
}

void sequence_overflows(const ctx::Context &c) {
  ctx::Chan<int> ch(1);
  ch.send(1);
  ch.send(2); // want:3 "'ch.send' blocks"
}

int receive_first(const ctx::Context &c) {
  ctx::Chan<int> ch(1);
  std::optional<int> v = ch.recv(); // want:26 "'ch.recv' blocks"
  ch.send(1);
  return v.value_or(0);
}

void sequence_with_branch(const ctx::Context &c, bool twice) {
  ctx::Chan<int> ch(1);
  ch.send(1);
  if (twice)
    (void)ch.recv(); // want:11 "'ch.recv' blocks"
  ch.send(2);        // want:3 "'ch.send' blocks"
}

// Go's fan-out into a channel sized for it: one send per goroutine, started by
// a counted loop whose bound is the capacity (the same unmodified variable, or
// an equal constant).
int fan_out(const ctx::Context &c, int workers) {
  ctx::Chan<int> results(static_cast<std::size_t>(workers));
  for (int w = 0; w < workers; ++w)
    ctx::go([results, w] { results.send(w * w); });
  int sum = 0;
  for (int w = 0; w < workers; ++w) {
    std::optional<int> v;
    if (ctx::select(ctx::recv(results, v), ctx::recv(c.done())) != 0)
      break;
    sum += v.value_or(0);
  }
  return sum;
}

void fan_out_constant(const ctx::Context &c) {
  ctx::Chan<int> results(4);
  ctx::WaitGroup wg;
  for (int w = 0; w < 4; ++w)
    wg.go([results, w] { results.send(w); });
  wg.wait();
}

void one_goroutine_too_many(const ctx::Context &c, int workers) {
  ctx::Chan<int> results(static_cast<std::size_t>(workers));
  for (int w = 0; w < workers + 1; ++w)
    ctx::go([results, w] { results.send(w); }); // want:28 "'results.send' blocks"
}

void bound_modified(const ctx::Context &c, int workers) {
  ctx::Chan<int> results(static_cast<std::size_t>(workers));
  ++workers;
  for (int w = 0; w < workers; ++w)
    ctx::go([results, w] { results.send(w); }); // want:28 "'results.send' blocks"
}

void nested_loops(const ctx::Context &c, int workers) {
  ctx::Chan<int> results(static_cast<std::size_t>(workers));
  for (int round = 0; round < 2; ++round)
    for (int w = 0; w < workers; ++w)
      ctx::go([results, w] { results.send(w); }); // want:30 "'results.send' blocks"
}
