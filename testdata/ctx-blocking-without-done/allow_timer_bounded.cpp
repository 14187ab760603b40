// AllowTimerBoundedWaits: a team that accepts waits a timer bounds keeps the
// first behaviour: a timer case beside another case bounds the select.
// OPTION: ctx-blocking-without-done.AllowTimerBoundedWaits=true
#include <ctx/ctx.hpp>

#include <chrono>

using namespace std::chrono_literals;

std::size_t withTimer(const ctx::Context &c, ctx::Chan<int> in) {
  return ctx::select(ctx::recv(in), ctx::recv(ctx::after(1s)));
}

void ticks(const ctx::Context &c, ctx::Chan<int> in) {
  ctx::Ticker ticker(10ms);
  ctx::select(ctx::recv(in), ctx::recv(ticker.c()));
}

// A timer alone is still a sleep.
void timerAlone(const ctx::Context &c) {
  ctx::select(ctx::recv(ctx::after(1s))); // want:3 "'ctx::select' has neither a done case nor a default"
}
