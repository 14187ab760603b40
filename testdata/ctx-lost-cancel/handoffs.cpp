// Negatives: any hand-off of the cancel discharges it, as in go vet (a
// reference is a use): calling, deferring (ctx::Defer), returning, storing,
// copying, moving, capturing in a lambda or a goroutine, passing to a
// function, keeping it in a member. None of these is reported.
#include <ctx/ctx.hpp>

#include <functional>
#include <tuple>
#include <utility>
#include <vector>

void use(const ctx::Context &c);
void takeCancel(ctx::CancelFunc cancel);
void registerCleanup(std::function<void()> f);

ctx::CancelFunc returned(const ctx::Context &p) {
  auto [c, cancel] = ctx::with_cancel(p);
  use(c);
  return cancel;
}

std::pair<ctx::Context, ctx::CancelFunc> returnedPair(const ctx::Context &p) {
  return ctx::with_timeout(p, ctx::Duration{});
}

ctx::CancelFunc returnedSecond(const ctx::Context &p) { return ctx::with_cancel(p).second; }

void passed(const ctx::Context &p) {
  auto [c, cancel] = ctx::with_cancel(p);
  takeCancel(cancel);
  takeCancel(ctx::with_cancel(c).second);
}

void moved(const ctx::Context &p) {
  auto [c, cancel] = ctx::with_deadline(p, ctx::TimePoint{});
  ctx::CancelFunc owner = std::move(cancel);
  owner();
}

void copiedIntoContainer(const ctx::Context &p, std::vector<ctx::CancelFunc> &cleanups) {
  auto [c, cancel] = ctx::with_cancel(p);
  cleanups.push_back(cancel);
}

void capturedByLambda(const ctx::Context &p) {
  auto [c, cancel] = ctx::with_cancel(p);
  registerCleanup([cancel] { cancel(); });
}

void capturedByReference(const ctx::Context &p, bool b) {
  auto [c, cancel] = ctx::with_cancel(p);
  auto stop = [&] { cancel(); };
  if (b)
    return stop();
  stop();
}

void goroutineCancels(const ctx::Context &p) {
  auto [c, cancel] = ctx::with_timeout(p, ctx::Duration{});
  ctx::go([c, cancel] {
    use(c);
    cancel();
  });
}

void deferredCause(const ctx::Context &p) {
  auto [c, cancel] = ctx::with_cancel_cause(p);
  ctx::Defer guard{[cancel] { cancel(ctx::Error::make("done")); }};
  use(c);
}

void calledOnEveryPath(const ctx::Context &p, bool b) {
  auto [c, cancel] = ctx::with_cancel(p);
  if (b) {
    cancel();
    return;
  }
  cancel();
}

struct Worker {
  ctx::Context ctx_;
  ctx::CancelFunc stop_;
  std::pair<ctx::Context, ctx::CancelFunc> both_;

  void start(const ctx::Context &p) {
    std::tie(ctx_, stop_) = ctx::with_cancel(p);
    both_ = ctx::with_timeout(p, ctx::Duration{});
    auto [c, cancel] = ctx::with_cancel(p);
    stop_ = cancel;
  }
};

// Outlives the function on purpose: a static or global holder.
void keptForever(const ctx::Context &p) {
  static auto forever = ctx::with_cancel(p);
  use(forever.first);
}
auto globalPair = ctx::with_cancel(ctx::background());

// A pair variable handed off whole, or through .second.
void pairHandedOff(const ctx::Context &p) {
  auto pair = ctx::with_cancel(p);
  ctx::Defer guard{pair.second};
  use(pair.first);
  auto other = ctx::with_cancel(p);
  takeCancel(other.second);
}

// An out-parameter stores it for the caller.
void outParameter(const ctx::Context &p, ctx::CancelFunc &out) {
  ctx::Context c;
  std::tie(c, out) = ctx::with_cancel(p);
  use(c);
}

// Reassigned in a loop, used on every iteration.
void loop(const ctx::Context &p, int n) {
  ctx::Context c;
  ctx::CancelFunc cancel;
  for (int i = 0; i < n; ++i) {
    std::tie(c, cancel) = ctx::with_cancel(p);
    takeCancel(cancel);
  }
}

// Code that does not use the runtime's roles at all.
struct Lookalike {
  std::pair<int, std::function<void()>> with_cancel(int) { return {0, [] {}}; }
};
void lookalike(Lookalike l) {
  auto [x, cancel] = l.with_cancel(1);
  (void)x;
}
