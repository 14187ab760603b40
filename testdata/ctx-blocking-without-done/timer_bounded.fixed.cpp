// A select bounded only by a timer is bounded but not cancellable, exactly
// like ctx::sleep(d): cancelling the context does not end it before the
// timer fires. The fix-it adds the done case last, so the indices of the
// existing cases, and the switch over them, stay as they are. A Ticker's or
// a Timer's channel is a timer case too.
#include <ctx/ctx.hpp>

#include <chrono>
#include <optional>

using namespace std::chrono_literals;

std::optional<int> receiveFor(const ctx::Context &c, ctx::Chan<int> in) {
  std::optional<int> v;
  switch (ctx::select(ctx::recv(in, v), ctx::recv(ctx::after(1s)), ctx::recv(c.done()))) { // want:11 "'ctx::select' is bounded by a timer but does not observe cancellation of 'c'; add a case 'ctx::recv\(c.done\(\)\)'"
  case 0:
    return v;
  default:
    return std::nullopt;
  }
}

std::size_t keptInAVariable(const ctx::Context &c, ctx::Chan<int> in) {
  ctx::Chan<ctx::TimePoint> timeout = ctx::after(1s);
  return ctx::select(ctx::recv(in), ctx::recv(timeout), ctx::recv(c.done())); // want:10 "bounded by a timer"
}

void ticks(const ctx::Context &c, ctx::Chan<int> in) {
  ctx::Ticker ticker(10ms);
  ctx::select(ctx::recv(in), ctx::recv(ticker.c()), ctx::recv(c.done())); // want:3 "bounded by a timer"
}

void timer(const ctx::Context &c, ctx::Chan<int> in) {
  ctx::Timer deadline(1s);
  ctx::select(ctx::recv(in), ctx::recv(deadline.c()), ctx::recv(c.done())); // want:3 "bounded by a timer"
}

// A derived context is the one to observe.
void derived(const ctx::Context &parent, ctx::Chan<int> in) {
  auto [c, cancel] = ctx::with_timeout(parent, 1s);
  ctx::Defer guard{cancel};
  ctx::select(ctx::recv(in), ctx::recv(ctx::after(1s))); // want:3 "cancellation of 'c'; add a case 'ctx::recv\(c.done\(\)\)'"
}

// Not flagged: a done case, or a default.
std::size_t observes(const ctx::Context &c, ctx::Chan<int> in) {
  return ctx::select(ctx::recv(in), ctx::recv(ctx::after(1s)), ctx::recv(c.done()));
}
std::size_t polls(const ctx::Context &c, ctx::Chan<int> in) {
  return ctx::select(ctx::recv(in), ctx::recv(ctx::after(1s)), ctx::default_case());
}
