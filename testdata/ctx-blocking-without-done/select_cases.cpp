// ctx::select: flagged without a done case and without a default; a done
// case of any context (also kept in a variable first), a default case, or a
// case the check cannot see keeps it silent. A timer case bounds it but does
// not make it cancellable (timer_bounded.cpp).
#include <ctx/ctx.hpp>

#include <chrono>
#include <optional>

using namespace std::chrono_literals;

std::size_t no_done(const ctx::Context &c, ctx::Chan<int> a, ctx::Chan<int> b) {
  std::optional<int> v;
  return ctx::select(ctx::recv(a, v), ctx::send(b, 1)); // want:10 "'ctx::select' has neither a done case nor a default and blocks without observing cancellation of 'c'; add a case 'ctx::recv\(c.done\(\)\)'"
}

// A timer case bounds the wait, but cancellation still cannot end it.
std::size_t with_timer(const ctx::Context &c, ctx::Chan<int> a) {
  return ctx::select(ctx::recv(a), ctx::recv(ctx::after(1s))); // want:10 "'ctx::select' is bounded by a timer but does not observe cancellation of 'c'"
}

// A select on a timer alone is a sleep.
void timer_alone(const ctx::Context &c) {
  ctx::select(ctx::recv(ctx::after(1s))); // want:3 "'ctx::select' has neither a done case"
}

std::size_t timer_kept_in_a_variable(const ctx::Context &c, ctx::Chan<int> a) {
  ctx::Chan<ctx::TimePoint> timeout = ctx::after(1s);
  return ctx::select(ctx::recv(a), ctx::recv(timeout)); // want:10 "'ctx::select' is bounded by a timer"
}

std::size_t with_done(const ctx::Context &c, ctx::Chan<int> a) {
  return ctx::select(ctx::recv(a), ctx::recv(c.done()));
}

std::size_t with_default(const ctx::Context &c, ctx::Chan<int> a) {
  return ctx::select(ctx::recv(a), ctx::default_case());
}

std::size_t with_other_done(const ctx::Context &c, const ctx::Context &shutdown, ctx::Chan<int> a) {
  return ctx::select(ctx::recv(a), ctx::recv(shutdown.done()));
}

std::size_t done_kept_in_a_variable(const ctx::Context &c, ctx::Chan<int> a) {
  auto done = ctx::recv(c.done());
  return ctx::select(ctx::recv(a), done);
}

std::size_t done_of_a_derived_context(const ctx::Context &c, ctx::Chan<int> a) {
  auto [child, cancel] = ctx::with_timeout(c, 1s);
  ctx::Defer guard{cancel};
  return ctx::select(ctx::recv(a), ctx::recv(child.done()));
}

std::size_t no_context(ctx::Chan<int> a, ctx::Chan<int> b) {
  return ctx::select(ctx::recv(a), ctx::recv(b));
}
