// Ports the stages of the Go blog's "Go Concurrency Patterns: Pipelines and
// cancellation": the first version of sq, whose goroutine ranges over its
// input and sends without observing cancellation (both flagged), and the
// final version, where every receive and send selects on done. (The blog's
// final sq still ranges over `in`, relying on the upstream stage to close
// it; that is not visible locally and is flagged, so the port receives in a
// select.) gen has no context and is left alone.
#include <ctx/ctx.hpp>

#include <optional>
#include <vector>

ctx::Chan<int> gen(std::vector<int> nums) {
  ctx::Chan<int> out;
  ctx::go([out, nums] {
    for (int n : nums)
      out.send(n);
    out.close();
  });
  return out;
}

ctx::Chan<int> sq_first_version(const ctx::Context &c, ctx::Chan<int> in) {
  ctx::Chan<int> out;
  ctx::go([out, in] {
    for (int n : in)   // want:18 "range over 'in' blocks without observing cancellation of 'c'"
      out.send(n * n); // want:7 "'out.send' blocks without observing cancellation of 'c'"
    out.close();
  });
  return out;
}

ctx::Chan<int> sq(const ctx::Context &c, ctx::Chan<int> in) {
  ctx::Chan<int> out;
  ctx::go([c, out, in] {
    ctx::Defer closer{[out] { out.close(); }};
    for (;;) {
      std::optional<int> n;
      if (ctx::select(ctx::recv(in, n), ctx::recv(c.done())) != 0 || !n)
        return;
      if (ctx::select(ctx::send(out, *n * *n), ctx::recv(c.done())) != 0)
        return;
    }
  });
  return out;
}

int sum_of_squares(const ctx::Context &parent) {
  auto [c, cancel] = ctx::with_cancel(parent);
  ctx::Defer guard{cancel};
  ctx::Chan<int> squares = sq(c, gen({1, 2, 3}));
  int sum = 0;
  for (;;) {
    std::optional<int> v;
    if (ctx::select(ctx::recv(squares, v), ctx::recv(c.done())) != 0 || !v)
      return sum;
    sum += *v;
  }
}
