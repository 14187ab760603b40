// Every way of dropping the cancel function: the whole pair ignored, only
// .first taken, std::ignore, a std::tie slot, a structured binding or a
// variable that is never referenced, for each cancel source. The message
// names the function that returned the cancel.
#include <ctx/ctx.hpp>

#include <tuple>

void use(const ctx::Context &c);

void wholePair(const ctx::Context &p) {
  (void)ctx::with_cancel(p);                     // want:9 "the cancel function returned by ctx::with_cancel should be called, not discarded, to avoid a context leak"
  static_cast<void>(ctx::with_timeout(p, ctx::Duration{})); // want:21 "returned by ctx::with_timeout should be called"
  std::ignore = ctx::with_deadline(p, ctx::TimePoint{});     // want:17 "returned by ctx::with_deadline should be called"
}

void firstOnly(const ctx::Context &p) {
  ctx::Context c = ctx::with_cancel_cause(p).first; // want:20 "returned by ctx::with_cancel_cause should be called"
  use(ctx::with_timeout_cause(p, ctx::Duration{}, ctx::Error::make("slow")).first); // want:7 "returned by ctx::with_timeout_cause should be called"
  auto &&ref = ctx::with_deadline_cause(p, ctx::TimePoint{}, ctx::Error{}).first;     // want:16 "returned by ctx::with_deadline_cause should be called"
  use(c);
  use(ref);
}

void tieIgnore(const ctx::Context &p) {
  ctx::Context c;
  std::tie(c, std::ignore) = ctx::with_cancel(p); // want:15 "returned by ctx::with_cancel should be called"
  use(c);
}

void unreferencedBinding(const ctx::Context &p) {
  auto [c, cancel] = ctx::with_timeout(p, ctx::Duration{}); // want:22 "returned by ctx::with_timeout should be called, not discarded"
  use(c);
}

void unreferencedVariables(const ctx::Context &p) {
  auto pair = ctx::with_cancel(p); // want:15 "returned by ctx::with_cancel should be called"
  ctx::CancelFunc cancel = ctx::with_cancel(p).second; // want:28 "returned by ctx::with_cancel should be called"
  ctx::Context c;
  ctx::CancelCauseFunc causeCancel;
  std::tie(c, causeCancel) = ctx::with_cancel_cause(p); // want:30 "returned by ctx::with_cancel_cause should be called"
  use(c);
}

// Only the context of a variable holding the pair is ever read.
void pairFirstOnly(const ctx::Context &p) {
  auto pair = ctx::with_cancel(p); // want:15 "returned by ctx::with_cancel should be called"
  use(pair.first);
}

// A discarded-value statement in a branch.
void statementInBranch(const ctx::Context &p, bool b) {
  if (b)
    (void)ctx::with_cancel(p); // want:11 "returned by ctx::with_cancel should be called"
}
