// The escape hatch: NOLINT(ctx-lost-cancel) on the line, NOLINTNEXTLINE on
// the line before, and ctx::without_cancel for a child that should never be
// cancelled (no cancel function to lose).
#include <ctx/ctx.hpp>

void use(const ctx::Context &c) noexcept;

void suppressedDrop(const ctx::Context &p) {
  (void)ctx::with_cancel(p); // NOLINT(ctx-lost-cancel)
}

void suppressedPaths(const ctx::Context &p, bool b) {
  // NOLINTNEXTLINE(ctx-lost-cancel)
  auto [c, cancel] = ctx::with_cancel(p);
  if (b)
    return;
  cancel();
}

void otherCheckSuppressed(const ctx::Context &p) {
  (void)ctx::with_cancel(p); // NOLINT(ctx-nil-context) // want:9 "should be called, not discarded"
}

void detached(const ctx::Context &p) {
  ctx::Context c = ctx::without_cancel(p);
  use(c);
}
