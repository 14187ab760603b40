// Option RequireDefer: every manual, undeferred, not handed-off cancel is
// reported ("defer cancel() on the next line"), even when nothing between
// the creation and the call can throw. Deferred and handed-off cancels are
// still fine, and the fix-it is the same ctx::Defer.
// OPTION: ctx-lost-cancel.RequireDefer=true
#include <ctx/ctx.hpp>

int compute(const ctx::Context &c) noexcept;
void takeCancel(ctx::CancelFunc f);

int manual(const ctx::Context &p) {
  auto [c, cancel] = ctx::with_cancel(p); // want:22 "'cancel' is called manually; defer it on the line after its creation"
  ctx::Defer cancel_guard{cancel};
  int n = compute(c);
  cancel();
  return n;
}

void manualCause(const ctx::Context &p) {
  auto [c, stop] = ctx::with_cancel_cause(p); // want:20 "'stop' is called manually"
  ctx::Defer stop_guard{[stop] { stop({}); }};
  stop(ctx::Error::make("done"));
}

void deferred(const ctx::Context &p) {
  auto [c, cancel] = ctx::with_cancel(p);
  ctx::Defer guard{cancel};
  compute(c);
}

void handedOff(const ctx::Context &p) {
  auto [c, cancel] = ctx::with_cancel(p);
  takeCancel(cancel);
}

// main stays exempt from the path analyses.
int main() {
  auto [c, cancel] = ctx::with_cancel(ctx::background());
  cancel();
  return 0;
}
