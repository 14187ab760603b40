// Go's context tests (context_test.go, x_test.go), ported by category.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <map>
#include <memory>
#include <random>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <ctx/ctx.hpp>

#include "test_util.hpp"

namespace ctxtest {

// Distinct key types, as Go's `type key1 int; type key2 int`.
struct key1 {
  int v;
  bool operator==(const key1&) const = default;
};
struct key2 {
  int v;
  bool operator==(const key2&) const = default;
};

namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;

// Go's otherContext: a context type of its own that forwards everything to
// a runtime context (so derived contexts hook in without a watcher).
class OtherContext final : public ctx::CustomContext {
 public:
  explicit OtherContext(ctx::Context inner) : inner_(std::move(inner)) {}
  std::optional<ctx::TimePoint> deadline() const override { return inner_.deadline(); }
  ctx::Done done() const override { return inner_.done(); }
  ctx::Error err() const override { return inner_.err(); }
  ctx::Context values() const override { return inner_; }
  std::string to_string() const override { return inner_.to_string() + ".other"; }

 private:
  ctx::Context inner_;
};

ctx::Context other(ctx::Context inner) { return ctx::make_context(std::make_shared<OtherContext>(std::move(inner))); }

// Go's myDoneCtx: its own done signal, not one of its values' (so deriving
// from it needs a watcher).
class OwnDoneContext final : public ctx::CustomContext {
 public:
  OwnDoneContext(ctx::Context values, ctx::Context done_source)
      : values_(std::move(values)), done_source_(std::move(done_source)) {}
  ctx::Done done() const override { return done_source_.done(); }
  ctx::Error err() const override { return done_source_.err(); }
  ctx::Context values() const override { return values_; }
  std::string to_string() const override { return "own-done"; }

 private:
  ctx::Context values_;
  ctx::Context done_source_;
};

bool is_done_now(const ctx::Context& c) {
  return ctx::select(ctx::recv(c.done()), ctx::default_case()) == 0;
}

// Go's testDeadline: c must time out within a generous bound.
void expect_deadline(const ctx::Context& c, const char* name) {
  EXPECT_TRUE(c.done().wait_for(kLong)) << name << ": context not timed out";
  EXPECT_EQ(c.err(), ctx::deadline_exceeded) << name;
}

TEST(ContextTest, Background) {
  ctx::Context c = ctx::background();
  ASSERT_TRUE(c);
  EXPECT_TRUE(c.done().never());
  EXPECT_FALSE(c.done().closed());
  EXPECT_FALSE(is_done_now(c));
  EXPECT_FALSE(c.err());
  EXPECT_FALSE(c.deadline().has_value());
  EXPECT_EQ(c.to_string(), "ctx.background");
  EXPECT_EQ(ctx::background(), ctx::background());
}

TEST(ContextTest, Todo) {
  ctx::Context c = ctx::todo();
  ASSERT_TRUE(c);
  EXPECT_TRUE(c.done().never());
  EXPECT_FALSE(c.err());
  EXPECT_EQ(c.to_string(), "ctx.todo");
  EXPECT_NE(ctx::todo(), ctx::background());
}

TEST(ContextTest, WithCancelPropagatesSynchronously) {
  auto [c1, cancel] = ctx::with_cancel(ctx::background());
  EXPECT_EQ(c1.to_string(), "ctx.background.with_cancel");
  ctx::Context o = other(c1);
  auto [c2, cancel2] = ctx::with_cancel(o);
  ctx::Defer guard{cancel2};
  const std::vector<ctx::Context> contexts{c1, o, c2};
  for (std::size_t i = 0; i < contexts.size(); ++i) {
    EXPECT_FALSE(contexts[i].done().never()) << i;
    EXPECT_FALSE(contexts[i].err()) << i;
    EXPECT_FALSE(is_done_now(contexts[i])) << i;
  }
  cancel();  // should propagate synchronously
  for (std::size_t i = 0; i < contexts.size(); ++i) {
    EXPECT_TRUE(is_done_now(contexts[i])) << "c[" << i << "].done() blocked, but shouldn't have";
    EXPECT_EQ(contexts[i].err(), ctx::canceled) << i;
  }
}

TEST(ContextTest, ParentFinishesChild) {
  // parent -> cancel_child; parent -> value_child -> timer_child; parent -> after_func
  auto [parent, cancel] = ctx::with_cancel(ctx::background());
  auto [cancel_child, stop1] = ctx::with_cancel(parent);
  ctx::Defer d1{stop1};
  // NOLINTNEXTLINE(ctx-value-key-type): Go's string key, as in its TestParentFinishesChild
  ctx::Context value_child = ctx::with_value(parent, "key", "value");
  auto [timer_child, stop2] = ctx::with_timeout(value_child, std::chrono::hours(1));
  ctx::Defer d2{stop2};
  ctx::StopFunc after_stop = ctx::after_func(parent, [] {});
  EXPECT_FALSE(is_done_now(parent));
  EXPECT_EQ(ctx::detail::child_count(parent), 3u);  // cancel_child, timer_child, the after_func
  cancel();
  EXPECT_EQ(ctx::detail::child_count(parent), 0u);
  for (const auto& [c, name] : {std::pair{parent, "parent"}, std::pair{cancel_child, "cancel_child"},
                                std::pair{value_child, "value_child"}, std::pair{timer_child, "timer_child"}}) {
    EXPECT_TRUE(is_done_now(c)) << name;
    EXPECT_EQ(c.err(), ctx::canceled) << name;
  }
  // Deriving from a cancelled parent gives a cancelled context.
  ctx::Context precanceled = ctx::with_value(parent, "key", "value");  // NOLINT(ctx-value-key-type): as above
  EXPECT_TRUE(is_done_now(precanceled));
  EXPECT_EQ(precanceled.err(), ctx::canceled);
  auto [precanceled2, stop3] = ctx::with_cancel(parent);
  EXPECT_TRUE(precanceled2.done().closed());
  EXPECT_EQ(precanceled2.err(), ctx::canceled);
  stop3();
  EXPECT_FALSE(after_stop());  // already run
}

TEST(ContextTest, ChildFinishesFirst) {
  auto [cancelable, stop] = ctx::with_cancel(ctx::background());
  ctx::Defer guard{stop};
  for (const ctx::Context& parent : {ctx::background(), cancelable}) {
    const bool parent_cancellable = parent == cancelable;
    auto [child, cancel] = ctx::with_cancel(parent);
    EXPECT_FALSE(is_done_now(parent));
    EXPECT_FALSE(is_done_now(child));
    if (parent_cancellable) {
      EXPECT_EQ(ctx::detail::child_count(parent), 1u);
    }
    cancel();
    if (parent_cancellable) {
      EXPECT_EQ(ctx::detail::child_count(parent), 0u);
    }
    EXPECT_TRUE(is_done_now(child));
    EXPECT_EQ(child.err(), ctx::canceled);
    EXPECT_FALSE(is_done_now(parent));
    EXPECT_FALSE(parent.err());
  }
}

TEST(ContextTest, CancelRemovesChild) {
  {
    auto [c, cancel_c] = ctx::with_cancel(ctx::background());
    EXPECT_EQ(ctx::detail::child_count(c), 0u);
    auto [child, cancel] = ctx::with_cancel(c);
    EXPECT_EQ(ctx::detail::child_count(c), 1u);
    cancel();
    EXPECT_EQ(ctx::detail::child_count(c), 0u);
    cancel_c();
  }
  {
    auto [c, cancel_c] = ctx::with_cancel(ctx::background());
    auto [child, cancel] = ctx::with_timeout(c, std::chrono::minutes(60));
    EXPECT_EQ(ctx::detail::child_count(c), 1u);
    cancel();
    EXPECT_EQ(ctx::detail::child_count(c), 0u);
    cancel_c();
  }
  {
    auto [c, cancel_c] = ctx::with_cancel(ctx::background());
    ctx::StopFunc stop = ctx::after_func(c, [] {});
    EXPECT_EQ(ctx::detail::child_count(c), 1u);
    EXPECT_TRUE(stop());
    EXPECT_EQ(ctx::detail::child_count(c), 0u);
    cancel_c();
  }
  {
    // A child nobody can observe any more unregisters itself.
    auto [c, cancel_c] = ctx::with_cancel(ctx::background());
    { auto unused = ctx::with_cancel(c); }  // NOLINT(ctx-lost-cancel): dropped on purpose
    EXPECT_EQ(ctx::detail::child_count(c), 0u);
    cancel_c();
  }
}

TEST(ContextTest, CancelIsIdempotentAndFirstCancellationWins) {
  auto [c, cancel] = ctx::with_cancel_cause(ctx::background());
  const ctx::Error first = ctx::Error::make("first");
  cancel(first);
  cancel(ctx::Error::make("second"));
  cancel(ctx::Error{});
  EXPECT_EQ(c.err(), ctx::canceled);
  EXPECT_EQ(ctx::cause(c), first);
  auto [c2, cancel2] = ctx::with_cancel(ctx::background());
  ctx::CancelFunc copy = cancel2;
  copy();
  cancel2();
  copy();
  EXPECT_EQ(c2.err(), ctx::canceled);
  ctx::CancelFunc empty;
  empty();  // a default-constructed CancelFunc does nothing
}

TEST(ContextTest, ErrIsEmptyUntilDoneIsClosed) {
  for (int i = 0; i < 200; ++i) {
    auto [c, cancel] = ctx::with_cancel(ctx::background());
    std::atomic<bool> bad{false};
    ctx::WaitGroup wg;
    wg.go([c = c, &bad] {
      for (;;) {
        const bool closed = c.done().closed();
        const ctx::Error err = c.err();
        if (err && !c.done().closed()) bad = true;  // err set but done still open
        if (closed && !err) bad = true;             // done closed but no err
        if (closed) return;
      }
    });
    cancel();
    wg.wait();
    ASSERT_FALSE(bad.load());
  }
}

TEST(ContextTest, NoWatcherForRuntimeParents) {
  const std::size_t before = ctx::detail::watchers_started();
  auto [root, cancel_root] = ctx::with_cancel(ctx::background());
  auto [a, ca] = ctx::with_cancel(root);
  ctx::Context v = ctx::with_value(a, key1{1}, 1);
  auto [b, cb] = ctx::with_timeout(v, std::chrono::hours(1));
  auto [c, cc] = ctx::with_cancel_cause(b);
  auto [d, cd] = ctx::with_deadline(c, ctx::Clock::now() + std::chrono::hours(2));
  ctx::Context w = ctx::without_cancel(d);
  auto [e, ce] = ctx::with_cancel(w);
  ctx::StopFunc stop = ctx::after_func(d, [] {});
  // Custom contexts that forward to runtime contexts hook in directly too.
  auto [f, cf] = ctx::with_cancel(other(c));
  auto [g, cg] = ctx::with_timeout(other(ctx::background()), std::chrono::hours(1));
  EXPECT_EQ(ctx::detail::watchers_started(), before);
  EXPECT_EQ(ctx::detail::watcher_count(), 0u);
  cancel_root();
  EXPECT_TRUE(f.done().closed());
  EXPECT_TRUE(d.done().closed());
  EXPECT_FALSE(e.done().closed());
  EXPECT_FALSE(stop());
  ce();
  cg();
  // Cancelled through root above (what this test checks); called all the same.
  ca();
  cb();
  cc(ctx::Error{});
  cd();
  cf();
  EXPECT_EQ(ctx::detail::watchers_started(), before);
}

TEST(ContextTest, WatcherForForeignParents) {
  const std::size_t before = ctx::detail::watchers_started();
  auto [values, cancel_values] = ctx::with_cancel(ctx::background());
  auto [source, cancel_source] = ctx::with_cancel(ctx::background());
  ctx::Context foreign = ctx::make_context(std::make_shared<OwnDoneContext>(values, source));

  // The child is cancelled first: the watcher exits.
  auto [c1, cancel1] = ctx::with_cancel(foreign);
  EXPECT_EQ(ctx::detail::watchers_started(), before + 1);
  cancel1();
  EXPECT_TRUE(eventually([] { return ctx::detail::watcher_count() == 0; }));

  // The foreign parent is cancelled first: the watcher cancels the child.
  auto [c2, cancel2] = ctx::with_cancel(foreign);
  ctx::Defer guard{cancel2};
  EXPECT_EQ(ctx::detail::watchers_started(), before + 2);
  EXPECT_FALSE(c2.done().wait_for(kShort));
  cancel_source();
  EXPECT_TRUE(c2.done().wait_for(kLong));
  EXPECT_EQ(c2.err(), ctx::canceled);
  EXPECT_TRUE(eventually([] { return ctx::detail::watcher_count() == 0; }));
  cancel_values();

  // A foreign parent that can never be cancelled needs no watcher.
  ctx::Context never = ctx::make_context(std::make_shared<OtherContext>(ctx::background()));
  auto [c3, cancel3] = ctx::with_cancel(never);
  cancel3();
  EXPECT_EQ(ctx::detail::watchers_started(), before + 2);
}

TEST(ContextTest, Deadline) {
  {
    auto [c, cancel] = ctx::with_deadline(ctx::background(), ctx::Clock::now() + 50ms);
    ctx::Defer guard{cancel};
    EXPECT_THAT(c.to_string(), StartsWith("ctx.background.with_deadline("));
    expect_deadline(c, "with_deadline");
  }
  {
    auto [c, cancel] = ctx::with_deadline(ctx::background(), ctx::Clock::now() + 50ms);
    ctx::Defer guard{cancel};
    expect_deadline(other(c), "with_deadline+other");
  }
  {
    auto [c, cancel] = ctx::with_deadline(ctx::background(), ctx::Clock::now() + 50ms);
    ctx::Defer guard{cancel};
    auto [c2, cancel2] = ctx::with_deadline(other(c), ctx::Clock::now() + std::chrono::hours(1));
    ctx::Defer guard2{cancel2};
    expect_deadline(c2, "with_deadline+other+with_deadline");
  }
}

TEST(ContextTest, PastDeadlineCancelsAtOnce) {
  const std::size_t timers = ctx::detail::live_timer_count();
  auto [c, cancel] = ctx::with_deadline(ctx::background(), ctx::Clock::now() - 1s);
  EXPECT_TRUE(c.done().closed());  // synchronously
  EXPECT_EQ(c.err(), ctx::deadline_exceeded);
  EXPECT_EQ(ctx::cause(c), ctx::deadline_exceeded);
  auto [c2, cancel2] = ctx::with_deadline(ctx::background(), ctx::Clock::now());
  expect_deadline(c2, "with_deadline+now");
  auto [c3, cancel3] = ctx::with_timeout(ctx::background(), -5s);
  EXPECT_TRUE(c3.done().closed());
  EXPECT_EQ(ctx::detail::live_timer_count(), timers);  // no timer for a past deadline
  cancel();
  cancel2();
  cancel3();
  EXPECT_EQ(c.err(), ctx::deadline_exceeded);  // stays
}

TEST(ContextTest, ParentEarlierDeadlineWins) {
  auto [parent, cancel_parent] = ctx::with_timeout(ctx::background(), 50ms);
  ctx::Defer g1{cancel_parent};
  auto [child, cancel_child] = ctx::with_timeout(parent, std::chrono::hours(1));
  ctx::Defer g2{cancel_child};
  ASSERT_TRUE(child.deadline().has_value());
  EXPECT_EQ(*child.deadline(), *parent.deadline());  // never outlives the parent
  EXPECT_THAT(child.to_string(), StartsWith("ctx.background.with_deadline("));
  EXPECT_THAT(child.to_string(), ::testing::EndsWith(").with_cancel"));
  expect_deadline(child, "child of earlier deadline");
  EXPECT_EQ(ctx::cause(child), ctx::deadline_exceeded);
}

TEST(ContextTest, NestedEarlierChildDeadline) {
  auto [parent, cancel_parent] = ctx::with_timeout(ctx::background(), std::chrono::hours(1));
  ctx::Defer g1{cancel_parent};
  auto [child, cancel_child] = ctx::with_timeout(parent, 30ms);
  ctx::Defer g2{cancel_child};
  EXPECT_LT(*child.deadline(), *parent.deadline());
  expect_deadline(child, "nested");
  EXPECT_FALSE(parent.done().closed());
  EXPECT_FALSE(parent.err());
}

TEST(ContextTest, Timeout) {
  {
    auto [c, cancel] = ctx::with_timeout(ctx::background(), 50ms);
    ctx::Defer guard{cancel};
    EXPECT_THAT(c.to_string(), StartsWith("ctx.background.with_deadline("));
    expect_deadline(c, "with_timeout");
  }
  {
    auto [c, cancel] = ctx::with_timeout(ctx::background(), 50ms);
    ctx::Defer guard{cancel};
    auto [c2, cancel2] = ctx::with_timeout(other(c), std::chrono::hours(1));
    ctx::Defer guard2{cancel2};
    expect_deadline(c2, "with_timeout+other+with_timeout");
  }
}

TEST(ContextTest, CanceledTimeout) {
  auto [c, cancel] = ctx::with_timeout(ctx::background(), 1s);
  ctx::Defer guard{cancel};
  auto [c2, cancel2] = ctx::with_timeout(other(c), 2s);
  cancel2();  // should propagate synchronously
  EXPECT_TRUE(is_done_now(c2));
  EXPECT_EQ(c2.err(), ctx::canceled);
}

TEST(ContextTest, TimersAreReleasedByCancel) {
  const std::size_t before = ctx::detail::live_timer_count();
  auto [c, cancel] = ctx::with_timeout(ctx::background(), std::chrono::hours(1));
  auto [c2, cancel2] = ctx::with_deadline(c, ctx::Clock::now() + std::chrono::minutes(30));
  EXPECT_EQ(ctx::detail::live_timer_count(), before + 2);
  cancel2();
  EXPECT_EQ(ctx::detail::live_timer_count(), before + 1);
  cancel();
  EXPECT_EQ(ctx::detail::live_timer_count(), before);
  // Cancelling a parent releases the timers of its children.
  auto [p, cancel_p] = ctx::with_cancel(ctx::background());
  auto [t1, ct1] = ctx::with_timeout(p, std::chrono::hours(1));
  auto [t2, ct2] = ctx::with_timeout(t1, std::chrono::minutes(1));
  EXPECT_EQ(ctx::detail::live_timer_count(), before + 2);
  cancel_p();
  EXPECT_EQ(ctx::detail::live_timer_count(), before);
  // A timer that fired is gone too.
  auto [t3, ct3] = ctx::with_timeout(ctx::background(), 10ms);
  EXPECT_TRUE(t3.done().wait_for(kLong));
  EXPECT_TRUE(eventually([&] { return ctx::detail::live_timer_count() == before; }));
  ct1();
  ct2();
  ct3();
}

TEST(ContextTest, Values) {
  const key1 k1{1};
  const key2 k2{1};  // same value, different type: a different key
  const key2 k3{3};
  auto check = [](const ctx::Context& c, const char* name, const std::string& v1, const std::string& v2,
                  const std::string& v3) {
    EXPECT_EQ(c.value<std::string>(key1{1}).value_or(""), v1) << name;
    EXPECT_EQ(c.value<std::string>(key2{1}).value_or(""), v2) << name;
    EXPECT_EQ(c.value<std::string>(key2{3}).value_or(""), v3) << name;
  };
  ctx::Context c0 = ctx::background();
  check(c0, "c0", "", "", "");
  ctx::Context c1 = ctx::with_value(ctx::background(), k1, "c1k1");
  check(c1, "c1", "c1k1", "", "");
  EXPECT_EQ(c1.to_string(), "ctx.background.with_value(ctxtest::key1, c1k1)");
  ctx::Context c2 = ctx::with_value(c1, k2, "c2k2");
  check(c2, "c2", "c1k1", "c2k2", "");
  ctx::Context c3 = ctx::with_value(c2, k3, "c3k3");
  check(c3, "c3", "c1k1", "c2k2", "c3k3");
  // Shadowing: the nearest key wins; a value of another type reads as absent
  // (Go: WithValue(c3, k1, nil)).
  ctx::Context c4 = ctx::with_value(c3, k1, 42);
  check(c4, "c4", "", "c2k2", "c3k3");
  EXPECT_EQ(c4.value<int>(k1), 42);
  ctx::Context c5 = ctx::with_value(c4, k1, std::string("c5k1"));
  check(c5, "c5", "c5k1", "c2k2", "c3k3");

  ctx::Context o0 = other(ctx::background());
  check(o0, "o0", "", "", "");
  ctx::Context o1 = other(ctx::with_value(ctx::background(), k1, "c1k1"));
  check(o1, "o1", "c1k1", "", "");
  ctx::Context o2 = ctx::with_value(o1, k2, "o2k2");
  check(o2, "o2", "c1k1", "o2k2", "");
  ctx::Context o3 = other(c4);
  check(o3, "o3", "", "c2k2", "c3k3");
  ctx::Context o4 = ctx::with_value(o3, k3, "");
  check(o4, "o4", "", "c2k2", "");

  // Missing keys, and values survive cancellable layers.
  EXPECT_FALSE(c0.value<int>(k1).has_value());
  auto [cc, cancel] = ctx::with_cancel(c3);
  ctx::Defer guard{cancel};
  check(cc, "cc", "c1k1", "c2k2", "c3k3");
  // String keys compare by content; string literals are stored as std::string.
  ctx::Context s = ctx::with_value(ctx::background(), "user", "gopher");  // NOLINT(ctx-value-key-type): on purpose
  EXPECT_EQ(s.value<std::string>("user"), "gopher");
  EXPECT_EQ(s.value<std::string>(std::string("user")), "gopher");
  EXPECT_FALSE(s.value<std::string>("other").has_value());
  EXPECT_FALSE(s.value<int>("user").has_value());
}

TEST(ContextTest, ValueKeysByPointerIdentity) {
  int a = 0;
  int b = 0;
  ctx::Context c = ctx::with_value(ctx::with_value(ctx::background(), &a, 1), &b, 2);
  EXPECT_EQ(c.value<int>(&a), 1);
  EXPECT_EQ(c.value<int>(&b), 2);
  int other_int = 0;
  EXPECT_FALSE(c.value<int>(&other_int).has_value());
}

TEST(ContextTest, Cause) {
  const auto forever = std::chrono::seconds(1000000);
  const ctx::Error parent_cause = ctx::Error::make("parentCause");
  const ctx::Error child_cause = ctx::Error::make("childCause");
  const ctx::Error too_slow = ctx::Error::make("tooSlow");
  const ctx::Error finished_early = ctx::Error::make("finishedEarly");
  struct Case {
    const char* name;
    std::function<ctx::Context()> make;
    ctx::Error err;
    ctx::Error cause;
  };
  const ctx::Error none;
  const std::vector<Case> cases = {
      {"Background", [] { return ctx::background(); }, none, none},
      {"TODO", [] { return ctx::todo(); }, none, none},
      {"WithCancel",
       [] {
         auto [c, cancel] = ctx::with_cancel(ctx::background());
         cancel();
         return c;
       },
       ctx::canceled, ctx::canceled},
      {"WithCancelCause",
       [&] {
         auto [c, cancel] = ctx::with_cancel_cause(ctx::background());
         cancel(parent_cause);
         return c;
       },
       ctx::canceled, parent_cause},
      {"WithCancelCause nil",
       [] {
         auto [c, cancel] = ctx::with_cancel_cause(ctx::background());
         cancel(ctx::Error{});
         return c;
       },
       ctx::canceled, ctx::canceled},
      {"WithCancelCause: parent cause before child",
       [&] {
         auto [p, cancel_parent] = ctx::with_cancel_cause(ctx::background());
         auto [c, cancel_child] = ctx::with_cancel_cause(p);
         cancel_parent(parent_cause);
         cancel_child(child_cause);
         return c;
       },
       ctx::canceled, parent_cause},
      {"WithCancelCause: parent cause after child",
       [&] {
         auto [p, cancel_parent] = ctx::with_cancel_cause(ctx::background());
         auto [c, cancel_child] = ctx::with_cancel_cause(p);
         cancel_child(child_cause);
         cancel_parent(parent_cause);
         return c;
       },
       ctx::canceled, child_cause},
      {"WithCancelCause: parent cause before nil",
       [&] {
         auto [p, cancel_parent] = ctx::with_cancel_cause(ctx::background());
         auto [c, cancel_child] = ctx::with_cancel(p);
         cancel_parent(parent_cause);
         cancel_child();
         return c;
       },
       ctx::canceled, parent_cause},
      {"WithCancelCause: parent cause after nil",
       [&] {
         auto [p, cancel_parent] = ctx::with_cancel_cause(ctx::background());
         auto [c, cancel_child] = ctx::with_cancel(p);
         cancel_child();
         cancel_parent(parent_cause);
         return c;
       },
       ctx::canceled, ctx::canceled},
      {"WithCancelCause: child cause after nil",
       [&] {
         auto [p, cancel_parent] = ctx::with_cancel(ctx::background());
         auto [c, cancel_child] = ctx::with_cancel_cause(p);
         cancel_parent();
         cancel_child(child_cause);
         return c;
       },
       ctx::canceled, ctx::canceled},
      {"WithCancelCause: child cause before nil",
       [&] {
         auto [p, cancel_parent] = ctx::with_cancel(ctx::background());
         auto [c, cancel_child] = ctx::with_cancel_cause(p);
         cancel_child(child_cause);
         cancel_parent();
         return c;
       },
       ctx::canceled, child_cause},
      {"WithTimeout",
       [] {
         auto [c, cancel] = ctx::with_timeout(ctx::background(), ctx::Duration::zero());
         cancel();
         return c;
       },
       ctx::deadline_exceeded, ctx::deadline_exceeded},
      {"WithTimeout canceled",
       [&] {
         auto [c, cancel] = ctx::with_timeout(ctx::background(), forever);
         cancel();
         return c;
       },
       ctx::canceled, ctx::canceled},
      {"WithTimeoutCause",
       [&] {
         auto [c, cancel] = ctx::with_timeout_cause(ctx::background(), ctx::Duration::zero(), too_slow);
         cancel();
         return c;
       },
       ctx::deadline_exceeded, too_slow},
      {"WithTimeoutCause canceled",
       [&] {
         auto [c, cancel] = ctx::with_timeout_cause(ctx::background(), forever, too_slow);
         cancel();
         return c;
       },
       ctx::canceled, ctx::canceled},
      {"WithTimeoutCause stacked",
       [&] {
         auto [p, cancel] = ctx::with_cancel_cause(ctx::background());
         // NOLINTNEXTLINE(ctx-lost-cancel): Go's `ctx, _ = WithTimeoutCause(...)`, p's cancel covers it
         auto [c, unused] = ctx::with_timeout_cause(p, ctx::Duration::zero(), too_slow);
         cancel(finished_early);
         return c;
       },
       ctx::deadline_exceeded, too_slow},
      {"WithTimeoutCause stacked canceled",
       [&] {
         auto [p, cancel] = ctx::with_cancel_cause(ctx::background());
         // NOLINTNEXTLINE(ctx-lost-cancel): Go's `ctx, _ = WithTimeoutCause(...)`, p's cancel covers it
         auto [c, unused] = ctx::with_timeout_cause(p, forever, too_slow);
         cancel(finished_early);
         return c;
       },
       ctx::canceled, finished_early},
      {"WithDeadlineCause",
       [&] {
         auto [c, cancel] = ctx::with_deadline_cause(ctx::background(), ctx::Clock::now() - 1s, too_slow);
         cancel();
         return c;
       },
       ctx::deadline_exceeded, too_slow},
      {"WithoutCancel", [] { return ctx::without_cancel(ctx::background()); }, none, none},
      {"WithoutCancel canceled",
       [&] {
         auto [c, cancel] = ctx::with_cancel_cause(ctx::background());
         ctx::Context w = ctx::without_cancel(c);
         cancel(finished_early);
         return w;
       },
       none, none},
      {"WithoutCancel timeout",
       [&] {
         auto [c, cancel] = ctx::with_timeout_cause(ctx::background(), ctx::Duration::zero(), too_slow);
         ctx::Context w = ctx::without_cancel(c);
         cancel();
         return w;
       },
       none, none},
      {"WithValue of cancelled",
       [&] {
         auto [c, cancel] = ctx::with_cancel_cause(ctx::background());
         cancel(parent_cause);
         return ctx::with_value(c, key1{1}, 1);
       },
       ctx::canceled, parent_cause},
  };
  for (const Case& test : cases) {
    ctx::Context c = test.make();
    EXPECT_EQ(c.err(), test.err) << test.name << ": err() = " << c.err();
    EXPECT_EQ(ctx::cause(c), test.cause) << test.name << ": cause() = " << ctx::cause(c);
  }
}

TEST(ContextTest, CauseIsEmptyWhileNotDone) {
  auto [c, cancel] = ctx::with_cancel_cause(ctx::background());
  EXPECT_FALSE(ctx::cause(c));
  cancel(ctx::Error::make("x"));
  EXPECT_EQ(ctx::cause(c).message(), "x");
}

TEST(ContextTest, CauseRace) {
  const ctx::Error cause = ctx::Error::make("TestCauseRace");
  auto [c, cancel] = ctx::with_cancel_cause(ctx::background());
  ctx::go([cancel = cancel, cause] { cancel(cause); });
  for (;;) {
    // Poll cause() rather than waiting for done, so that access to the
    // cause is checked for synchronisation.
    if (ctx::Error err = ctx::cause(c)) {
      EXPECT_EQ(err, cause);
      break;
    }
    std::this_thread::yield();
  }
}

TEST(ContextTest, SimultaneousCancels) {
  auto [root, cancel_root] = ctx::with_cancel(ctx::background());
  std::vector<std::pair<ctx::Context, ctx::CancelFunc>> all{{root, cancel_root}};
  std::vector<ctx::Context> queue{root};
  for (std::size_t qi = 0; qi < queue.size() && all.size() < 100; ++qi) {
    for (int i = 0; i < 4; ++i) {
      auto [c, cancel] = ctx::with_cancel(queue[qi]);
      all.emplace_back(c, cancel);
      queue.push_back(c);
    }
  }
  std::shuffle(all.begin(), all.end(), std::mt19937(7));
  ctx::WaitGroup wg;
  for (auto& entry : all) wg.go([cancel = entry.second] { cancel(); });
  std::shuffle(all.begin(), all.end(), std::mt19937(8));
  for (auto& entry : all) ASSERT_TRUE(entry.first.done().wait_for(kLong)) << entry.first.to_string();
  wg.wait();
  for (auto& entry : all) {
    EXPECT_EQ(entry.first.err(), ctx::canceled);
    EXPECT_EQ(ctx::detail::child_count(entry.first), 0u);
  }
}

TEST(ContextTest, InterlockedCancels) {
  auto [parent, cancel_parent] = ctx::with_cancel(ctx::background());
  auto [child, cancel_child] = ctx::with_cancel(parent);
  ctx::go([parent = parent, cancel_child = cancel_child] {
    parent.done().wait();
    cancel_child();
  });
  cancel_parent();
  EXPECT_TRUE(child.done().wait_for(kLong));
}

TEST(ContextTest, RandomTreeCancelStress) {
  std::mt19937 rng(12345);
  const std::size_t timers = ctx::detail::live_timer_count();
  for (int round = 0; round < 5; ++round) {
    auto [root, cancel_root] = ctx::with_cancel(ctx::background());
    std::vector<ctx::Context> nodes{root};
    std::vector<std::function<void()>> cancels{cancel_root};
    for (int i = 0; i < 300; ++i) {
      const ctx::Context& parent = nodes[rng() % nodes.size()];
      switch (rng() % 4) {
        case 0: {
          auto [c, cancel] = ctx::with_cancel(parent);
          nodes.push_back(c);
          cancels.push_back(cancel);
          break;
        }
        case 1: {
          auto [c, cancel] = ctx::with_timeout(parent, std::chrono::hours(1));
          nodes.push_back(c);
          cancels.push_back(cancel);
          break;
        }
        case 2: {
          auto [c, cancel] = ctx::with_cancel_cause(parent);
          nodes.push_back(c);
          cancels.push_back([cancel = cancel] { cancel(ctx::Error::make("stress")); });
          break;
        }
        default:
          nodes.push_back(ctx::with_value(parent, key1{i}, i));
          break;
      }
    }
    std::shuffle(cancels.begin(), cancels.end(), rng);
    constexpr int kThreads = 4;
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
      threads.emplace_back([&cancels, t] {
        for (std::size_t i = static_cast<std::size_t>(t); i < cancels.size(); i += kThreads) cancels[i]();
      });
    }
    for (auto& th : threads) th.join();
    for (const ctx::Context& c : nodes) {
      ASSERT_TRUE(c.done().closed()) << c.to_string();
      EXPECT_EQ(c.err(), ctx::canceled);
      EXPECT_EQ(ctx::detail::child_count(c), 0u);
    }
  }
  EXPECT_EQ(ctx::detail::live_timer_count(), timers);
}

// Go's testLayers.
void test_layers(std::uint32_t seed, bool test_timeout) {
  std::mt19937 rng(seed);
  struct value {};
  std::vector<std::unique_ptr<value>> vals;
  std::vector<ctx::CancelFunc> cancels;
  int num_timers = 0;
  ctx::Context c = ctx::background();
  for (int i = 0; i < 30 || num_timers == 0 || cancels.empty() || vals.empty(); ++i) {
    switch (rng() % 3) {
      case 0: {
        vals.push_back(std::make_unique<value>());
        value* v = vals.back().get();
        c = ctx::with_value(c, v, v);
        break;
      }
      case 1: {
        auto [next, cancel] = ctx::with_cancel(c);
        c = next;
        cancels.push_back(cancel);
        break;
      }
      default: {
        auto [next, cancel] = ctx::with_timeout(c, test_timeout ? ctx::Duration(20ms) : std::chrono::hours(1));
        c = next;
        cancels.push_back(cancel);
        ++num_timers;
        break;
      }
    }
  }
  auto check_values = [&](const char* when) {
    for (const auto& key : vals) {
      EXPECT_EQ(c.value<value*>(key.get()), key.get()) << "seed=" << seed << " " << when;
    }
  };
  if (!test_timeout) {
    EXPECT_FALSE(is_done_now(c)) << "seed=" << seed << ": ctx should not be canceled yet";
  }
  EXPECT_THAT(c.to_string(), StartsWith("ctx.background."));
  check_values("before cancel");
  if (test_timeout) {
    EXPECT_TRUE(c.done().wait_for(kLong)) << "seed=" << seed << ": ctx should have timed out";
    check_values("after timeout");
  } else {
    cancels[rng() % cancels.size()]();
    EXPECT_TRUE(is_done_now(c)) << "seed=" << seed << ": ctx should be canceled";
    check_values("after cancel");
  }
  for (auto& cancel : cancels) cancel();
}

TEST(ContextTest, LayersCancel) {
  for (std::uint32_t seed = 1; seed <= 20; ++seed) test_layers(seed, false);
}

TEST(ContextTest, LayersTimeout) {
  for (std::uint32_t seed = 1; seed <= 5; ++seed) test_layers(seed, true);
}

TEST(ContextTest, WithCancelCanceledParent) {
  auto [parent, pcancel] = ctx::with_cancel_cause(ctx::background());
  const ctx::Error cause = ctx::Error::make("Because!");
  pcancel(cause);
  auto [c, cancel] = ctx::with_cancel(parent);
  EXPECT_TRUE(is_done_now(c)) << "child not done immediately upon construction";
  EXPECT_EQ(c.err(), ctx::canceled);
  EXPECT_EQ(ctx::cause(c), cause);
  auto [t, tcancel] = ctx::with_timeout(parent, std::chrono::hours(1));
  EXPECT_TRUE(is_done_now(t));
  EXPECT_EQ(ctx::cause(t), cause);
  cancel();
  tcancel();
}

TEST(ContextTest, WithCancelSimultaneouslyCanceledParent) {
  for (int i = 0; i < 100; ++i) {
    auto [parent, pcancel] = ctx::with_cancel_cause(ctx::background());
    const ctx::Error cause = ctx::Error::make("Because!");
    ctx::go(pcancel, cause);
    auto [c, cancel] = ctx::with_cancel(parent);
    c.done().wait();
    EXPECT_EQ(c.err(), ctx::canceled);
    EXPECT_EQ(ctx::cause(c), cause);
    cancel();
  }
}

TEST(ContextTest, AfterFuncCalledAfterCancel) {
  auto [c, cancel] = ctx::with_cancel(ctx::background());
  ctx::Chan<ctx::detail::Unit> donec;
  ctx::StopFunc stop = ctx::after_func(c, [donec] { donec.close(); });
  EXPECT_EQ(ctx::select(ctx::recv(donec), ctx::recv(ctx::after(kShort))), 1u)  // NOLINT(ctx-blocking-without-done): the timer is the test's bound
      << "after_func called before the context is done";
  cancel();
  EXPECT_EQ(ctx::select(ctx::recv(donec), ctx::recv(ctx::after(kLong))), 0u)
      << "after_func not called after the context is cancelled";
  EXPECT_FALSE(stop());
}

TEST(ContextTest, AfterFuncCalledAfterTimeout) {
  auto [c, cancel] = ctx::with_timeout(ctx::background(), 20ms);
  ctx::Defer guard{cancel};
  ctx::Chan<ctx::detail::Unit> donec;
  ctx::StopFunc stop = ctx::after_func(c, [donec] { donec.close(); });
  EXPECT_EQ(ctx::select(ctx::recv(donec), ctx::recv(ctx::after(kLong))), 0u);  // NOLINT(ctx-blocking-without-done): as above
  EXPECT_FALSE(stop());
}

TEST(ContextTest, AfterFuncCalledImmediately) {
  auto [c, cancel] = ctx::with_cancel(ctx::background());
  cancel();
  ctx::Chan<ctx::detail::Unit> donec;
  ctx::StopFunc stop = ctx::after_func(c, [donec] { donec.close(); });
  EXPECT_EQ(ctx::select(ctx::recv(donec), ctx::recv(ctx::after(kLong))), 0u);
  EXPECT_FALSE(stop());
}

TEST(ContextTest, AfterFuncNotCalledAfterStop) {
  auto [c, cancel] = ctx::with_cancel(ctx::background());
  ctx::Chan<ctx::detail::Unit> donec;
  ctx::StopFunc stop = ctx::after_func(c, [donec] { donec.close(); });
  EXPECT_TRUE(stop());
  cancel();
  EXPECT_EQ(ctx::select(ctx::recv(donec), ctx::recv(ctx::after(kShort))), 1u)
      << "after_func called for a context after stop";
  EXPECT_FALSE(stop());
}

TEST(ContextTest, AfterFuncCalledAsynchronously) {
  auto [c, cancel] = ctx::with_cancel(ctx::background());
  ctx::Chan<int> donec;
  // The send blocks until donec is read: would deadlock if f ran inside cancel().
  ctx::StopFunc stop = ctx::after_func(c, [donec] { donec.send(1); });
  cancel();
  EXPECT_EQ(ctx::select(ctx::recv(donec), ctx::recv(ctx::after(kLong))), 0u);
  EXPECT_FALSE(stop());
}

TEST(ContextTest, AfterFuncRunsAtMostOnce) {
  for (int i = 0; i < 50; ++i) {
    auto [c, cancel] = ctx::with_cancel(ctx::background());
    std::atomic<int> calls{0};
    ctx::WaitGroup ran;
    ran.add(1);
    ctx::StopFunc stop = ctx::after_func(c, [&] {
      calls.fetch_add(1);
      ran.done();
    });
    std::atomic<int> stopped{0};
    ctx::WaitGroup wg;
    for (int k = 0; k < 3; ++k) {
      wg.go([cancel = cancel] { cancel(); });
      wg.go([stop, &stopped] { stopped += stop() ? 1 : 0; });
    }
    wg.wait();
    if (stopped.load() == 0) {
      ran.wait();
    } else {
      ran.done();
    }
    EXPECT_EQ(calls.load() + stopped.load(), 1);
  }
}

TEST(ContextTest, AfterFuncOnNeverDoneContext) {
  ctx::StopFunc stop = ctx::after_func(ctx::background(), [] { FAIL() << "never runs"; });
  EXPECT_TRUE(stop());
  EXPECT_FALSE(stop());
  EXPECT_FALSE(ctx::StopFunc{}());
}

TEST(ContextTest, WithoutCancel) {
  // NOLINTNEXTLINE(ctx-value-key-type): Go's string key; to_string shows it below
  ctx::Context c = ctx::with_value(ctx::background(), "key", "value");
  auto [cc, cancel] = ctx::with_timeout_cause(c, 1h, ctx::Error::make("x"));
  ctx::Context w = ctx::without_cancel(cc);
  EXPECT_FALSE(w.deadline().has_value());
  EXPECT_TRUE(w.done().never());
  EXPECT_FALSE(w.err());
  EXPECT_EQ(w.value<std::string>("key"), "value");
  EXPECT_THAT(w.to_string(), StartsWith("ctx.background.with_value(key, value).with_deadline(in "));
  EXPECT_THAT(w.to_string(), ::testing::EndsWith(").without_cancel"));
  cancel();
  EXPECT_TRUE(cc.done().closed());
  EXPECT_FALSE(w.done().closed());
  EXPECT_FALSE(w.err());
  EXPECT_FALSE(ctx::cause(w));
  // Children of a detached context are not cancelled by the original parent.
  auto [child, cancel_child] = ctx::with_cancel(w);
  EXPECT_FALSE(child.done().closed());
  cancel_child();
  EXPECT_TRUE(child.done().closed());
}

TEST(ContextTest, DoneNeverForRoots) {
  EXPECT_TRUE(ctx::background().done().never());
  EXPECT_TRUE(ctx::todo().done().never());
  EXPECT_TRUE(ctx::with_value(ctx::todo(), key1{1}, 1).done().never());
  EXPECT_TRUE(ctx::without_cancel(ctx::background()).done().never());
  EXPECT_TRUE(ctx::Done{}.never());
  EXPECT_FALSE(ctx::Done{}.wait_for(1ms));
  auto [c, cancel] = ctx::with_cancel(ctx::background());
  EXPECT_FALSE(c.done().never());
  EXPECT_EQ(c.done(), c.done());
  cancel();
}

TEST(ContextTest, NilContextThrows) {
  const ctx::Context nil;
  EXPECT_FALSE(nil);
  EXPECT_THROW((void)nil.err(), std::invalid_argument);
  EXPECT_THROW((void)nil.done(), std::invalid_argument);
  EXPECT_THROW((void)nil.deadline(), std::invalid_argument);
  EXPECT_THROW((void)nil.to_string(), std::invalid_argument);
  EXPECT_THROW((void)nil.value<int>(key1{1}), std::invalid_argument);
  // Each call below must throw before it creates a cancel: none to keep.
  // NOLINTBEGIN(ctx-lost-cancel)
  EXPECT_THROW((void)ctx::with_cancel(nil), std::invalid_argument);
  EXPECT_THROW((void)ctx::with_cancel_cause(nil), std::invalid_argument);
  EXPECT_THROW((void)ctx::with_deadline(nil, ctx::Clock::now()), std::invalid_argument);
  EXPECT_THROW((void)ctx::with_deadline_cause(nil, ctx::Clock::now(), ctx::Error{}), std::invalid_argument);
  EXPECT_THROW((void)ctx::with_timeout(nil, 1s), std::invalid_argument);
  EXPECT_THROW((void)ctx::with_timeout_cause(nil, 1s, ctx::Error{}), std::invalid_argument);
  // NOLINTEND(ctx-lost-cancel)
  EXPECT_THROW((void)ctx::with_value(nil, key1{1}, 1), std::invalid_argument);
  EXPECT_THROW((void)ctx::without_cancel(nil), std::invalid_argument);
  EXPECT_THROW((void)ctx::cause(nil), std::invalid_argument);
  EXPECT_THROW((void)ctx::after_func(nil, [] {}), std::invalid_argument);
  EXPECT_THROW((void)ctx::sleep(nil, 1ms), std::invalid_argument);
  EXPECT_THROW((void)ctx::make_context(nullptr), std::invalid_argument);
}

TEST(ContextTest, ErrorIdentity) {
  EXPECT_FALSE(ctx::Error{});
  EXPECT_EQ(ctx::Error{}.message(), "");
  EXPECT_EQ(ctx::canceled.message(), "context canceled");
  EXPECT_EQ(ctx::deadline_exceeded.message(), "context deadline exceeded");
  const ctx::Error a = ctx::Error::make("x");
  const ctx::Error b = ctx::Error::make("x");
  EXPECT_NE(a, b);  // two errors.New("x") differ
  const ctx::Error copy = a;
  EXPECT_EQ(copy, a);
  EXPECT_EQ(ctx::Error{}, ctx::Error{});
  std::ostringstream os;
  os << a << " " << ctx::Error{};
  EXPECT_EQ(os.str(), "x <nil>");
}

}  // namespace
}  // namespace ctxtest
