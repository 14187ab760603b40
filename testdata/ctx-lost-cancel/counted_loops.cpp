// A counted loop whose first test holds with its constants runs its body at
// least once: `for (int k = 0; k < 3; ++k)` cannot skip a hand-off inside
// it. Regression for the runtime's own AfterFunc test, whose goroutines
// each get a copy of the cancel in such a loop. Near misses: a bound that
// is not a constant, a first test that fails, a use after a `break` that can
// leave the loop early.
#include <ctx/ctx.hpp>

void use(const ctx::Context &c);

void cancelInCountedLoop(const ctx::Context &p) {
  auto [c, cancel] = ctx::with_cancel(p);
  ctx::WaitGroup wg;
  for (int k = 0; k < 3; ++k)
    wg.go([cancel = cancel] { cancel(); });
  wg.wait();
  use(c);
}

void cancelInCountingDownLoop(const ctx::Context &p) {
  auto [c, cancel] = ctx::with_cancel(p);
  ctx::WaitGroup wg;
  for (int k = 2; 0 < k; --k)
    wg.go([cancel = cancel] { cancel(); });
  wg.wait();
  use(c);
}

void cancelInLoopWithVariableBound(const ctx::Context &p, int n) {
  auto [c, cancel] = ctx::with_cancel(p); // want:22 "'cancel' is not used on all paths"
  ctx::WaitGroup wg;
  for (int k = 0; k < n; ++k)
    wg.go([cancel = cancel] { cancel(); });
  wg.wait();
} // note:1 "this return may be reached without using 'cancel'"

void cancelInLoopThatNeverRuns(const ctx::Context &p) {
  auto [c, cancel] = ctx::with_cancel(p); // want:22 "'cancel' is not used on all paths"
  for (int k = 3; k < 3; ++k)
    cancel();
  use(c);
} // note:1 "this return may be reached without using 'cancel'"

void cancelAfterBreak(const ctx::Context &p, bool stop) {
  auto [c, cancel] = ctx::with_cancel(p); // want:22 "'cancel' is not used on all paths"
  for (int k = 0; k < 3; ++k) {
    if (stop)
      break;
    cancel();
  }
  use(c);
} // note:1 "this return may be reached without using 'cancel'"
