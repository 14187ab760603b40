// Not deferred, negatives: a manual cancel that is a step of the logic (the
// code goes on observing the cancelled context, or a context derived from
// it), and calls that are not counted as throwing: the runtime's own
// functions, standard-library operators, noexcept functions. One positive at
// the end shows that a later use of an unrelated context does not exempt.
#include <ctx/ctx.hpp>

#include <string>
#include <vector>

std::string fetch(const ctx::Context &c);
void wait_all(const std::vector<ctx::Context> &contexts);

void cancelThenObserve(const ctx::Context &p) {
  auto [c, cancel] = ctx::with_cancel(p);
  fetch(c);
  cancel();
  c.done().wait();
}

void cancelThenObserveChild(const ctx::Context &p) {
  auto [root, cancel] = ctx::with_cancel(p);
  auto [child, stop] = ctx::with_timeout(root, std::chrono::hours(1));
  ctx::Defer guard{stop};
  fetch(child);
  cancel();
  child.done().wait();
}

void cancelThenObserveCopies(const ctx::Context &p) {
  auto [c, cancel] = ctx::with_cancel(p);
  const std::vector<ctx::Context> all{c, p};
  fetch(c);
  cancel();
  wait_all(all);
}

void runtimeCallsBetween(const ctx::Context &p) {
  auto [c, cancel] = ctx::with_deadline(p, ctx::Clock::now() + std::chrono::hours(1));
  auto [child, stop] = ctx::with_cancel(c);
  bool done = child.done().closed() || c.err();
  stop();
  cancel();
  (void)done;
}

void libraryOperatorsBetween(const ctx::Context &p, const std::string &name) {
  auto [c, cancel] = ctx::with_cancel(p);
  std::string greeting = "hello " + name;
  cancel();
  (void)greeting;
}

std::string unrelatedContextLater(const ctx::Context &p) {
  auto [c, cancel] = ctx::with_cancel(p); // want:22 "'cancel' is skipped if 'fetch' throws"
  std::string body = fetch(c);           // note:22 "'fetch' may throw"
  cancel();
  return body + fetch(p);
}
