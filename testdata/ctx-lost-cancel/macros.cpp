// Macros: a cancel source, a defer or a use spelled through a macro is seen
// through the expansion; diagnostics point at the expansion site.
#include <ctx/ctx.hpp>

void use(const ctx::Context &c) noexcept;

#define WITH_TIMEOUT(parent) ctx::with_timeout(parent, std::chrono::seconds(5))
#define DEFER_CANCEL(fn) ctx::Defer fn##_guard { fn }
#define DISCARD(expr) (void)(expr)
#define DERIVE(parent, c, cancel) auto [c, cancel] = ctx::with_cancel(parent)

void sourceInMacro(const ctx::Context &p, bool b) {
  auto [c, cancel] = WITH_TIMEOUT(p); // want:22 "'cancel' is not used on all paths"
  if (b)
    return; // note:5 "this return may be reached without using 'cancel'"
  cancel();
}

void deferInMacro(const ctx::Context &p, bool b) {
  auto [c, cancel] = WITH_TIMEOUT(p);
  DEFER_CANCEL(cancel);
  if (b)
    return;
  use(c);
}

void discardInMacro(const ctx::Context &p) {
  DISCARD(ctx::with_cancel(p)); // want:11 "returned by ctx::with_cancel should be called"
}

void declarationInMacro(const ctx::Context &p, bool b) {
  DERIVE(p, c, cancel); // want:3 "'cancel' is not used on all paths"
  if (b)
    return; // note:5 "this return may be reached without using 'cancel'"
  cancel();
}
