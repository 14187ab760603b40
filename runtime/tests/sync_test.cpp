// Goroutines, WaitGroup, ErrGroup and Defer.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>
#include <functional>
#include <memory>
#include <stdexcept>
#include <string>

#include <ctx/ctx.hpp>

#include "test_util.hpp"

namespace ctxtest {
namespace {

void add_to(std::atomic<int>* target, int x) { *target += x; }

TEST(GoTest, FunctionWithArguments) {
  std::atomic<int> total{0};
  ctx::WaitGroup wg;
  wg.add(2);
  ctx::go(
      [&wg](std::atomic<int>* t, int x) {
        add_to(t, x);
        wg.done();
      },
      &total, 5);
  ctx::go([&] {
    add_to(&total, 7);
    wg.done();
  });
  wg.wait();
  EXPECT_EQ(total.load(), 12);
}

TEST(GoTest, PlainFunctionPointer) {
  std::atomic<int> total{0};
  ctx::go(add_to, &total, 3);
  EXPECT_TRUE(eventually([&] { return total.load() == 3; }));
  EXPECT_TRUE(eventually([] { return ctx::leakcheck::running().empty(); }));
}

TEST(GoTest, ArgumentsAreDecayCopied) {
  std::string s = "before";
  ctx::Chan<std::string> out;
  ctx::Chan<int> start;
  ctx::go(
      [out, start](std::string copy) {
        start.recv();
        out.send(copy);
      },
      s);
  s = "after";  // the goroutine has its own copy
  start.send(1);
  EXPECT_EQ(out.recv(), "before");
}

TEST(GoTest, MoveOnlyArgumentsAndStdRef) {
  ctx::Chan<int> out(2);
  ctx::go([out](std::unique_ptr<int> p) { out.send(*p); }, std::make_unique<int>(11));
  int target = 0;
  ctx::WaitGroup wg;
  wg.add(1);
  ctx::go(
      [&wg](int& r) {
        r = 5;
        wg.done();
      },
      std::ref(target));
  EXPECT_EQ(out.recv(), 11);
  wg.wait();
  EXPECT_EQ(target, 5);
}

TEST(GoTest, BracedSingleCallable) {
  // `ctx::go(f);` with a plain identifier would declare a variable f: use braces.
  std::atomic<int> hits{0};
  auto f = [&hits] { ++hits; };
  ctx::go{f};
  EXPECT_TRUE(eventually([&] { return hits.load() == 1; }));
  EXPECT_TRUE(eventually([] { return ctx::leakcheck::running().empty(); }));
}

TEST(GoTest, ExceptionEscapingAGoroutineTerminates) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  EXPECT_DEATH(
      {
        ctx::go([] { throw std::runtime_error("boom"); });
        ctx::sleep(std::chrono::seconds(30));
      },
      "panic: exception escaped goroutine .*sync_test.cpp:[0-9]+\\): boom");
}

[[noreturn]] void exit_with_blocked_goroutines() {
  ctx::Chan<int> no_receiver;
  ctx::Chan<int> no_sender;
  ctx::go([no_receiver] { no_receiver.send(1); });  // blocked in send forever
  ctx::go([no_sender] { (void)no_sender.recv(); });  // blocked in recv forever
  auto [c, cancel] = ctx::with_timeout(ctx::background(), std::chrono::hours(1));
  ctx::go([c = c] { c.done().wait(); });  // waits on a pending timer
  ctx::go([] { ctx::select(); });         // select {}
  eventually([] { return ctx::leakcheck::running().size() == 4; });
  (void)cancel;
  std::exit(0);
}

TEST(GoTest, GoroutinesBlockedAtExitAreHarmless) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  EXPECT_EXIT(exit_with_blocked_goroutines(), ::testing::ExitedWithCode(0), "");
}

TEST(WaitGroupTest, AddDoneWait) {
  ctx::WaitGroup wg;
  wg.wait();  // zero: returns at once
  std::atomic<int> n{0};
  for (int i = 0; i < 8; ++i) {
    wg.add(1);
    ctx::go([&] {
      ++n;
      wg.done();
    });
  }
  wg.wait();
  EXPECT_EQ(n.load(), 8);
}

TEST(WaitGroupTest, WaitBlocksUntilZero) {
  ctx::WaitGroup wg;
  wg.add(1);
  std::atomic<bool> waited{false};
  ctx::WaitGroup outer;
  outer.go([&] {
    wg.wait();
    waited = true;
  });
  ctx::sleep(kShort);
  EXPECT_FALSE(waited.load());
  wg.done();
  outer.wait();
  EXPECT_TRUE(waited.load());
}

TEST(WaitGroupTest, NegativeCounterThrows) {
  ctx::WaitGroup wg;
  EXPECT_THROW(wg.done(), std::logic_error);
  EXPECT_THROW(wg.add(-1), std::logic_error);
  wg.add(2);
  EXPECT_THROW(wg.add(-3), std::logic_error);
  wg.add(-2);
  wg.wait();
}

TEST(WaitGroupTest, Go) {
  ctx::WaitGroup wg;
  std::atomic<int> n{0};
  for (int i = 0; i < 10; ++i) wg.go([&n] { ++n; });
  wg.wait();
  EXPECT_EQ(n.load(), 10);
}

// A handle: copies share the counter, whichever copy adds, finishes or waits.
TEST(WaitGroupTest, CopiesShareTheGroup) {
  ctx::WaitGroup wg;
  const ctx::WaitGroup copy = wg;
  copy.add(2);
  std::atomic<bool> waited{false};
  ctx::go([wg, &waited] {
    wg.wait();
    waited = true;
  });
  wg.done();
  ctx::sleep(kShort);
  EXPECT_FALSE(waited.load()) << "wait returned with the counter at 1";
  ctx::WaitGroup assigned;
  assigned = copy;
  assigned.done();
  copy.wait();
  EXPECT_TRUE(eventually([&] { return waited.load(); }));
  EXPECT_THROW(wg.done(), std::logic_error);  // the shared counter is at 0
}

// The Go blog's merge: the closer goroutine captures the group by value and
// outlives the function that made it.
ctx::Chan<int> merge_two(ctx::Chan<int> a, ctx::Chan<int> b) {
  ctx::WaitGroup wg;
  ctx::Chan<int> out;
  for (const ctx::Chan<int>& c : {a, b}) {
    wg.go([c, out] {
      for (int v : c) out.send(v);
    });
  }
  ctx::go([wg, out] {
    wg.wait();
    out.close();
  });
  return out;
}

TEST(WaitGroupTest, CloserGoroutineOutlivesItsFunction) {
  ctx::Chan<int> a;
  ctx::Chan<int> b;
  const ctx::Chan<int> out = merge_two(a, b);  // merge_two's WaitGroup variable is gone
  ctx::go([a] {
    for (int i = 0; i < 10; ++i) a.send(1);
    a.close();
  });
  ctx::go([b] {
    for (int i = 0; i < 10; ++i) b.send(10);
    b.close();
  });
  int sum = 0;
  for (int v : out) sum += v;
  EXPECT_EQ(sum, 110);
}

TEST(ErrGroupTest, WaitOnAConstGroup) {
  ctx::ErrGroup g;
  const ctx::Error boom = ctx::Error::make("boom");
  g.go([boom] { return boom; });
  const ctx::ErrGroup& view = g;
  EXPECT_EQ(view.wait(), boom);
  // and from a goroutine that captured a copy
  ctx::Chan<ctx::Error> result(1);
  ctx::go([g, result] { result.send(g.wait()); });
  EXPECT_EQ(result.recv(), boom);
}

TEST(ErrGroupTest, FirstErrorWinsWithoutContext) {
  ctx::ErrGroup g;
  const ctx::Error first = ctx::Error::make("first");
  ctx::Chan<int> second_may_fail;
  g.go([&] {
    second_may_fail.close();
    return first;
  });
  g.go([&] {
    second_may_fail.recv();
    ctx::sleep(kShort);
    return ctx::Error::make("second");
  });
  g.go([] { return ctx::Error{}; });
  EXPECT_EQ(g.wait(), first);
}

TEST(ErrGroupTest, NoError) {
  ctx::ErrGroup g;
  std::atomic<int> n{0};
  for (int i = 0; i < 5; ++i) g.go([&n] { ++n; });  // void callables are fine too
  EXPECT_FALSE(g.wait());
  EXPECT_EQ(n.load(), 5);
}

TEST(ErrGroupTest, FirstErrorCancelsContextWithCause) {
  auto [parent, cancel_parent] = ctx::with_cancel(ctx::background());
  ctx::Defer guard{cancel_parent};
  auto [g, gctx] = ctx::ErrGroup::with_context(parent);
  const ctx::Error boom = ctx::Error::make("boom");
  std::atomic<int> cancelled_seen{0};
  for (int i = 0; i < 3; ++i) {
    g.go([gctx = gctx, &cancelled_seen] {
      gctx.done().wait();  // until the failing goroutine cancels the group
      ++cancelled_seen;
      return gctx.err();
    });
  }
  g.go([boom] { return boom; });
  EXPECT_EQ(g.wait(), boom);
  EXPECT_EQ(cancelled_seen.load(), 3);
  EXPECT_EQ(gctx.err(), ctx::canceled);
  EXPECT_EQ(ctx::cause(gctx), boom);
  EXPECT_FALSE(parent.err());
}

TEST(ErrGroupTest, WaitCancelsTheContext) {
  auto [g, gctx] = ctx::ErrGroup::with_context(ctx::background());
  g.go([] { return ctx::Error{}; });
  EXPECT_FALSE(gctx.err());
  EXPECT_FALSE(g.wait());
  EXPECT_EQ(gctx.err(), ctx::canceled);
  EXPECT_EQ(ctx::cause(gctx), ctx::canceled);
}

TEST(ErrGroupTest, SetLimitIsEnforced) {
  ctx::ErrGroup g;
  g.set_limit(2);
  std::atomic<int> active{0};
  std::atomic<int> peak{0};
  for (int i = 0; i < 12; ++i) {
    g.go([&] {
      const int now = ++active;
      int seen = peak.load();
      while (now > seen && !peak.compare_exchange_weak(seen, now)) {
      }
      ctx::sleep(2ms);
      --active;
      return ctx::Error{};
    });
  }
  EXPECT_FALSE(g.wait());
  EXPECT_LE(peak.load(), 2);
  EXPECT_GE(peak.load(), 1);
}

TEST(ErrGroupTest, TryGo) {
  ctx::ErrGroup g;
  g.set_limit(1);
  ctx::Chan<int> release;
  EXPECT_TRUE(g.try_go([release] {
    release.recv();
    return ctx::Error{};
  }));
  EXPECT_FALSE(g.try_go([] { return ctx::Error::make("never runs"); }));
  EXPECT_THROW(g.set_limit(3), std::logic_error);  // goroutines active
  release.close();
  EXPECT_FALSE(g.wait());
  EXPECT_TRUE(g.try_go([] { return ctx::Error{}; }));
  EXPECT_FALSE(g.wait());
  g.set_limit(-1);
  EXPECT_TRUE(g.try_go([] { return ctx::Error{}; }));
  EXPECT_FALSE(g.wait());
}

TEST(ErrGroupTest, GoBlocksAtTheLimit) {
  ctx::ErrGroup g;
  g.set_limit(1);
  ctx::Chan<int> release;
  g.go([release] {
    release.recv();
    return ctx::Error{};
  });
  std::atomic<bool> second_started{false};
  ctx::WaitGroup spawner;
  spawner.go([&] {
    g.go([&] {
      second_started = true;
      return ctx::Error{};
    });
  });
  ASSERT_TRUE(eventually([] {
    for (const auto& r : ctx::leakcheck::running()) {
      if (r.state == "blocked in ErrGroup::go (group at its limit)") return true;
    }
    return false;
  }));
  EXPECT_FALSE(second_started.load());
  release.close();
  spawner.wait();
  EXPECT_FALSE(g.wait());
  EXPECT_TRUE(second_started.load());
}

TEST(DeferTest, RunsOnceAtScopeExit) {
  int runs = 0;
  {
    ctx::Defer guard{[&] { ++runs; }};
    EXPECT_EQ(runs, 0);
  }
  EXPECT_EQ(runs, 1);
}

TEST(DeferTest, WithCancelFunc) {
  ctx::Context c;
  {
    auto [cc, cancel] = ctx::with_cancel(ctx::background());
    ctx::Defer guard{cancel};  // CTAD: Defer<CancelFunc>
    c = cc;
    EXPECT_FALSE(c.err());
  }
  EXPECT_EQ(c.err(), ctx::canceled);
}

TEST(DeferTest, RunsDuringUnwinding) {
  int runs = 0;
  try {
    ctx::Defer guard{[&] { ++runs; }};
    throw std::runtime_error("x");
  } catch (const std::runtime_error&) {
  }
  EXPECT_EQ(runs, 1);
}

}  // namespace
}  // namespace ctxtest
