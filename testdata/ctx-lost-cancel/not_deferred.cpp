// Not deferred: a manual cancel() that an exception can skip. The cancel is
// neither deferred nor handed off and a call that may throw lies between its
// creation and the manual call. The fix-it inserts a ctx::Defer on the line
// after the creation and removes nothing (cancel is idempotent).
#include <ctx/ctx.hpp>

#include <string>
#include <tuple>

std::string fetch(const ctx::Context &c);
int compute(const ctx::Context &c) noexcept;
void log(const std::string &s);

std::string simple(const ctx::Context &p) {
  auto [c, cancel] = ctx::with_timeout(p, std::chrono::seconds(1)); // want:22 "'cancel' is skipped if 'fetch' throws; defer it"
  std::string body = fetch(c); // note:22 "'fetch' may throw here, before 'cancel' is called on line 17"
  cancel();
  return body;
}

void nameTaken(const ctx::Context &p) {
  int cancel_guard = 0;
  auto [c, cancel] = ctx::with_cancel(p); // want:22 "'cancel' is skipped if 'fetch' throws"
  fetch(c); // note:3 "'fetch' may throw"
  cancel();
  (void)cancel_guard;
}

void withCause(const ctx::Context &p) {
  auto [c, cancel] = ctx::with_cancel_cause(p); // want:22 "'cancel' is skipped if 'log' throws"
  log("start"); // note:3 "'log' may throw here"
  cancel(ctx::Error::make("finished"));
}

void pairVariable(const ctx::Context &p) {
  auto pair = ctx::with_deadline(p, ctx::TimePoint{}); // want:15 "'pair.second' is skipped if 'fetch' throws"
  fetch(pair.first); // note:3 "'fetch' may throw"
  pair.second();
}

void assigned(const ctx::Context &p) {
  ctx::Context c;
  ctx::CancelFunc cancel;
  std::tie(c, cancel) = ctx::with_cancel(p); // want:25 "'cancel' is skipped if 'fetch' throws"
  fetch(c); // note:3 "'fetch' may throw"
  cancel();
}

void sameLine(const ctx::Context &p) {
  auto [c, cancel] = ctx::with_cancel(p); fetch(c); cancel(); // want:22 "'cancel' is skipped if 'fetch' throws" note:43 "'fetch' may throw"
}

void inLambda(const ctx::Context &p) {
  auto task = [p] {
    auto [c, cancel] = ctx::with_cancel(p); // want:24 "'cancel' is skipped if 'fetch' throws"
    fetch(c);                               // note:5 "'fetch' may throw"
    cancel();
  };
  task();
}

// Negatives.

void onlyNoexceptBetween(const ctx::Context &p) {
  auto [c, cancel] = ctx::with_cancel(p);
  int n = compute(c);
  cancel();
  (void)n;
}

void throwingAfterCancel(const ctx::Context &p) {
  auto [c, cancel] = ctx::with_cancel(p);
  cancel();
  fetch(c);
}

void handlerCancels(const ctx::Context &p) {
  auto [c, cancel] = ctx::with_cancel(p);
  try {
    fetch(c);
  } catch (...) {
    cancel();
    throw;
  }
  cancel();
}

void deferred(const ctx::Context &p) {
  auto [c, cancel] = ctx::with_cancel(p);
  ctx::Defer guard{cancel};
  fetch(c);
  cancel();
}
