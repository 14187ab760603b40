// Channel operations in a function that has a context: a send, a receive and
// a range-for that do not observe its cancellation; the same operations in a
// select with a done case are fine.
#include <ctx/ctx.hpp>

#include <optional>

void produce(const ctx::Context &c, ctx::Chan<int> out) {
  out.send(1); // want:3 "'out.send' blocks without observing cancellation of 'c'; select on 'c.done\(\)' too"
}

int consume(const ctx::Context &c, ctx::Chan<int> in) {
  std::optional<int> v = in.recv(); // want:26 "'in.recv' blocks without observing cancellation of 'c'"
  return v.value_or(0);
}

int drain(const ctx::Context &c, ctx::Chan<int> in) {
  int sum = 0;
  for (int v : in) // want:16 "range over 'in' blocks without observing cancellation of 'c'; receive in a select on 'c.done\(\)' instead"
    sum += v;
  return sum;
}

struct Pipeline {
  ctx::Chan<int> stage;
  void push(const ctx::Context &c, int v) {
    stage.send(v); // want:5 "'stage.send' blocks"
  }
};

// The Go idiom: select on the value and on done.
ctx::Error produce_or_quit(const ctx::Context &c, ctx::Chan<int> out) {
  switch (ctx::select(ctx::send(out, 1), ctx::recv(c.done()))) {
  case 0:
    return {};
  default:
    return c.err();
  }
}

std::optional<int> consume_or_quit(const ctx::Context &c, ctx::Chan<int> in) {
  std::optional<int> v;
  switch (ctx::select(ctx::recv(in, v), ctx::recv(c.done()))) {
  case 0:
    return v;
  default:
    return std::nullopt;
  }
}

// No context available: nothing to observe, nothing to report.
int no_context(ctx::Chan<int> in, ctx::Chan<int> out) {
  out.send(1);
  int sum = 0;
  for (int v : in)
    sum += v;
  return sum + in.recv().value_or(0);
}

// Close, size and capacity never block.
void bookkeeping(const ctx::Context &c, ctx::Chan<int> ch) {
  if (ch.size() < ch.capacity())
    ch.close();
}
