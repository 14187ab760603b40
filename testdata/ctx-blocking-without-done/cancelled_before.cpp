// A context the function has already cancelled itself, by a statement that
// runs before the wait on every path, is done: there is no cancellation left
// to observe, and a select on its done() would return at once. Regression
// for the runtime's own select stress test: cancel the consumers, join them,
// then collect each one's result. Near misses: a cancel on one branch only,
// a cancel after the wait, another context that is still live.
#include <ctx/ctx.hpp>

long long collectAfterCancel(int workers) {
  ctx::Chan<long long> sums(workers);
  auto [c, cancel] = ctx::with_cancel(ctx::background());
  ctx::Defer guard{cancel};
  ctx::WaitGroup wg;
  for (int w = 0; w < workers; ++w)
    wg.go([c = c, sums] {
      c.done().wait();
      sums.send(1);
    });
  cancel();
  wg.wait();
  long long total = 0;
  for (int w = 0; w < workers; ++w)
    total += *sums.recv();
  return total;
}

int cancelledOnOneBranch(ctx::Chan<int> results, bool early) {
  auto [c, cancel] = ctx::with_cancel(ctx::background());
  ctx::Defer guard{cancel};
  if (early)
    cancel();
  return *results.recv(); // want:11 "'results.recv' blocks without observing cancellation of 'c'"
}

int cancelledAfter(ctx::Chan<int> results) {
  auto [c, cancel] = ctx::with_cancel(ctx::background());
  int v = *results.recv(); // want:12 "'results.recv' blocks without observing cancellation of 'c'"
  cancel();
  return v;
}

int parentStillLive(const ctx::Context &parent, ctx::Chan<int> results) {
  auto [c, cancel] = ctx::with_cancel(parent);
  cancel();
  return *results.recv(); // want:11 "'results.recv' blocks without observing cancellation of 'parent'"
}
