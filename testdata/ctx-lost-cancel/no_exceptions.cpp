// With -fno-exceptions nothing can skip a manual cancel: the not-deferred
// part is off, while dropped cancels and leaking returns are still found.
// FLAGS: -fno-exceptions
#include <ctx/ctx.hpp>

int fetch(const ctx::Context &c);

int manual(const ctx::Context &p) {
  auto [c, cancel] = ctx::with_timeout(p, ctx::Duration{});
  int n = fetch(c);
  cancel();
  return n;
}

int leaks(const ctx::Context &p) {
  auto [c, cancel] = ctx::with_timeout(p, ctx::Duration{}); // want:22 "'cancel' is not used on all paths"
  int n = fetch(c);
  if (n < 0)
    return n; // note:5 "this return may be reached without using 'cancel'"
  cancel();
  return n;
}

void dropped(const ctx::Context &p) {
  (void)ctx::with_cancel(p); // want:9 "returned by ctx::with_cancel should be called"
}
