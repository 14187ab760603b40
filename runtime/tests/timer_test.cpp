// Ticker and Timer, tested as Go's time package tests them (sleep_test.go,
// tick_test.go), with lower bounds on time and generous upper ones.
#include <gtest/gtest.h>

#include <atomic>
#include <fstream>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include <ctx/ctx.hpp>

#include "test_util.hpp"

namespace ctxtest {
namespace {

// A non-blocking receive: the value, or nullopt if none is ready.
std::optional<ctx::TimePoint> poll(const ctx::RecvChan<ctx::TimePoint>& c) {
  std::optional<ctx::TimePoint> v;
  if (ctx::select(ctx::recv(c, v), ctx::default_case()) == 0) return v;
  return std::nullopt;
}

// A receive that gives up after kLong (a failure, not a hang). A Timer, not
// after(), so that no timer outlives the call (the tests count them).
std::optional<ctx::TimePoint> recv_within(const ctx::RecvChan<ctx::TimePoint>& c) {
  const ctx::Timer limit(kLong);
  std::optional<ctx::TimePoint> v;
  if (ctx::select(ctx::recv(c, v), ctx::recv(limit.c())) == 0) return v;
  return std::nullopt;
}

// ---- Ticker

// tick_test.go TestTicker: count ticks at one period, reset to twice the
// period, count again; the ticks cannot come earlier than their periods.
TEST(TickerTest, PeriodAndReset) {
  constexpr auto kDelta = 20ms;
  constexpr int kCount = 10;
  const auto t0 = ctx::Clock::now();
  ctx::Ticker ticker(kDelta);
  EXPECT_EQ(ticker.c().capacity(), 1u);
  for (int i = 0; i < kCount / 2; ++i) ASSERT_TRUE(recv_within(ticker.c())) << "tick " << i;
  const auto t1 = ctx::Clock::now();
  ticker.reset(kDelta * 2);
  for (int i = 0; i < kCount / 2; ++i) ASSERT_TRUE(recv_within(ticker.c())) << "tick after reset " << i;
  const auto t2 = ctx::Clock::now();
  ticker.stop();
  EXPECT_GE(t1 - t0, kDelta * (kCount / 2));
  EXPECT_GE(t2 - t1, kDelta * 2 * (kCount / 2));
  EXPECT_LT(t2 - t0, kLong);

  // Stopped: no tick, not even one that was pending.
  ctx::sleep(kDelta * 3);
  EXPECT_EQ(poll(ticker.c()), std::nullopt) << "Ticker did not shut down";
}

TEST(TickerTest, ResetToAShorterPeriodTakesEffect) {
  ctx::Ticker ticker(std::chrono::hours(1));
  const auto start = ctx::Clock::now();
  ticker.reset(5ms);
  const std::optional<ctx::TimePoint> tick = recv_within(ticker.c());
  ASSERT_TRUE(tick);
  EXPECT_GE(*tick - start, 5ms);
}

TEST(TickerTest, TickValuesAreTheTimeOfTheTick) {
  const auto start = ctx::Clock::now();
  ctx::Ticker ticker(10ms);
  const std::optional<ctx::TimePoint> first = recv_within(ticker.c());
  ASSERT_TRUE(first);
  EXPECT_GE(*first - start, 10ms);
  EXPECT_LE(*first, ctx::Clock::now());
  const std::optional<ctx::TimePoint> second = recv_within(ticker.c());
  ASSERT_TRUE(second);
  EXPECT_GT(*second, *first);
}

// A slow receiver misses ticks: one is kept, the others are dropped, and the
// ticker goes on.
TEST(TickerTest, SlowReceiverDropsTicks) {
  ctx::Ticker ticker(2ms);
  ASSERT_TRUE(eventually([&] { return ticker.c().size() == 1; }));
  ctx::sleep(30ms);  // ~15 periods without receiving
  EXPECT_EQ(ticker.c().size(), 1u);
  ASSERT_TRUE(poll(ticker.c()));
  ASSERT_TRUE(recv_within(ticker.c()));
  ASSERT_TRUE(recv_within(ticker.c()));
}

TEST(TickerTest, StopDropsAPendingTickAndStopsTheTimer) {
  const std::size_t timers = ctx::detail::live_timer_count();
  ctx::Ticker ticker(1ms);
  ASSERT_TRUE(eventually([&] { return ticker.c().size() == 1; }));
  ticker.stop();
  EXPECT_EQ(poll(ticker.c()), std::nullopt);
  EXPECT_EQ(ctx::detail::live_timer_count(), timers);
  ticker.stop();  // idempotent
  ctx::sleep(10ms);
  EXPECT_EQ(poll(ticker.c()), std::nullopt);
  ticker.reset(1ms);  // restarts it, as in Go
  EXPECT_TRUE(recv_within(ticker.c()));
}

TEST(TickerTest, DestructionStopsIt) {
  const std::size_t timers = ctx::detail::live_timer_count();
  ctx::RecvChan<ctx::TimePoint> c;
  {
    ctx::Ticker ticker(1ms);
    c = ticker.c();
    ASSERT_TRUE(recv_within(c));
    ASSERT_TRUE(eventually([&] { return c.size() == 1; }));
  }
  EXPECT_EQ(ctx::detail::live_timer_count(), timers);
  EXPECT_EQ(poll(c), std::nullopt);  // the pending tick was dropped
  ctx::sleep(10ms);
  EXPECT_EQ(poll(c), std::nullopt);  // and no tick came after
  {
    ctx::Ticker idle(std::chrono::hours(1));
    EXPECT_EQ(ctx::detail::live_timer_count(), timers + 1);
  }
  EXPECT_EQ(ctx::detail::live_timer_count(), timers);
}

TEST(TickerTest, NonPositivePeriodThrows) {
  EXPECT_THROW(ctx::Ticker{ctx::Duration::zero()}, std::invalid_argument);
  EXPECT_THROW(ctx::Ticker{-1ms}, std::invalid_argument);
  ctx::Ticker ticker(std::chrono::hours(1));
  EXPECT_THROW(ticker.reset(ctx::Duration::zero()), std::invalid_argument);
}

TEST(TickerTest, MoveTransfersAndAssignmentStopsTheOld) {
  const std::size_t timers = ctx::detail::live_timer_count();
  ctx::Ticker a(std::chrono::hours(1));
  ctx::Ticker b(std::chrono::hours(1));
  const ctx::RecvChan<ctx::TimePoint> bc = b.c();
  EXPECT_EQ(ctx::detail::live_timer_count(), timers + 2);
  a = std::move(b);
  EXPECT_EQ(ctx::detail::live_timer_count(), timers + 1);
  EXPECT_TRUE(a.c() == bc);
  EXPECT_TRUE(b.c().is_nil());  // NOLINT(bugprone-use-after-move): a moved-from Ticker has a nil channel
  b.stop();                     // and stopping it does nothing
  EXPECT_THROW(b.reset(1ms), std::logic_error);
  ctx::Ticker c(std::move(a));
  EXPECT_TRUE(c.c() == bc);
  EXPECT_EQ(ctx::detail::live_timer_count(), timers + 1);
}

// The worker loop of Go services: tick until the context is done.
TEST(TickerTest, InASelectWithADoneCase) {
  auto [c, cancel] = ctx::with_cancel(ctx::background());
  ctx::Chan<int> three_ticks;
  ctx::Chan<int> ticks_seen(1);
  ctx::go([c = c, three_ticks, ticks_seen] {
    ctx::Ticker ticker(1ms);
    int n = 0;
    for (;;) {
      switch (ctx::select(ctx::recv(ticker.c()), ctx::recv(c.done()))) {
        case 0:
          if (++n == 3) three_ticks.close();
          continue;
        default:
          ticks_seen.send(n);
          return;
      }
    }
  });
  const ctx::Timer limit(kLong);
  EXPECT_EQ(ctx::select(ctx::recv(three_ticks), ctx::recv(limit.c())), 0u);  // NOLINT(ctx-blocking-without-done): the timer is the test's bound
  cancel();
  const std::optional<int> n = ticks_seen.recv();
  ASSERT_TRUE(n);
  EXPECT_GE(*n, 3);
}

// ---- Timer

TEST(TimerTest, FiresOnceAfterTheDuration) {
  const auto start = ctx::Clock::now();
  ctx::Timer timer(30ms);
  EXPECT_EQ(timer.c().capacity(), 1u);
  const std::optional<ctx::TimePoint> when = recv_within(timer.c());
  ASSERT_TRUE(when);
  EXPECT_GE(*when - start, 30ms);
  EXPECT_GE(ctx::Clock::now() - start, 30ms);
  ctx::sleep(10ms);
  EXPECT_EQ(poll(timer.c()), std::nullopt);  // only once
}

TEST(TimerTest, ZeroAndNegativeFireAtOnce) {
  ctx::Timer zero(ctx::Duration::zero());
  ctx::Timer negative(-1s);
  EXPECT_TRUE(recv_within(zero.c()));
  EXPECT_TRUE(recv_within(negative.c()));
}

// Stop returns true only if it prevented the value from being received.
TEST(TimerTest, StopReportsWhetherItPreventedTheFire) {
  ctx::Timer pending(std::chrono::hours(1));
  EXPECT_TRUE(pending.stop());
  EXPECT_FALSE(pending.stop());  // already stopped

  ctx::Timer received(1ms);
  ASSERT_TRUE(recv_within(received.c()));
  EXPECT_FALSE(received.stop());  // too late: its value was received

  // Go 1.23: a value sent but not received yet is dropped by stop(), which
  // then reports that it prevented the fire.
  ctx::Timer unreceived(1ms);
  ASSERT_TRUE(eventually([&] { return unreceived.c().size() == 1; }));
  EXPECT_TRUE(unreceived.stop());
  EXPECT_EQ(poll(unreceived.c()), std::nullopt);
  EXPECT_FALSE(unreceived.stop());
}

// No stale value after reset (Go 1.23's TestTimerModifiedEarlier /
// TestStopResult behaviour).
TEST(TimerTest, NoStaleValueAfterReset) {
  ctx::Timer timer(1ms);
  ASSERT_TRUE(eventually([&] { return timer.c().size() == 1; }));
  EXPECT_TRUE(timer.reset(std::chrono::hours(1)));  // dropped the unreceived value
  EXPECT_EQ(poll(timer.c()), std::nullopt);
  const auto before = ctx::Clock::now();
  EXPECT_TRUE(timer.reset(5ms));  // was pending
  const std::optional<ctx::TimePoint> when = recv_within(timer.c());
  ASSERT_TRUE(when);
  EXPECT_GE(*when - before, 5ms) << "received a value of before the reset";
  EXPECT_FALSE(timer.reset(std::chrono::hours(1)));  // had fired and been received
  EXPECT_TRUE(timer.stop());
}

TEST(TimerTest, ResetAfterStopRearms) {
  ctx::Timer timer(std::chrono::hours(1));
  EXPECT_TRUE(timer.stop());
  EXPECT_FALSE(timer.reset(1ms));
  EXPECT_TRUE(recv_within(timer.c()));
}

TEST(TimerTest, DestructionReleasesTheTimer) {
  const std::size_t timers = ctx::detail::live_timer_count();
  ctx::RecvChan<ctx::TimePoint> c;
  {
    ctx::Timer timer(std::chrono::hours(1));
    c = timer.c();
    EXPECT_EQ(ctx::detail::live_timer_count(), timers + 1);
  }
  EXPECT_EQ(ctx::detail::live_timer_count(), timers);
  {
    ctx::Timer fired(1ms);
    c = fired.c();
    ASSERT_TRUE(eventually([&] { return c.size() == 1; }));
  }
  EXPECT_EQ(poll(c), std::nullopt);  // its unreceived value was dropped
}

// sleep_test.go TestTimerStopStress: timers stopped from many goroutines
// before they fire never fire.
TEST(TimerTest, StopStress) {
  const std::size_t timers = ctx::detail::live_timer_count();
  std::atomic<int> not_prevented{0};
  ctx::WaitGroup wg;
  for (int i = 0; i < 50; ++i) {
    wg.go([&not_prevented, i] {
      ctx::Timer timer(std::chrono::hours(1));
      ctx::sleep(std::chrono::microseconds(100 * (i % 7)));
      if (!timer.stop()) ++not_prevented;
      if (poll(timer.c())) ++not_prevented;
    });
  }
  wg.wait();
  EXPECT_EQ(not_prevented.load(), 0);
  EXPECT_EQ(ctx::detail::live_timer_count(), timers);
}

// Stop and reset racing from several goroutines with a receiver: every arming
// (the constructor and each reset) is accounted for exactly once, either by a
// received value or by a stop/reset that returned true; nothing arrives after
// the final stop.
TEST(TimerTest, StopResetRaceAccountsForEveryArming) {
  const std::size_t timers = ctx::detail::live_timer_count();
  ctx::Timer timer(100us);
  std::atomic<int> armings{1};
  std::atomic<int> prevented{0};
  auto [c, cancel] = ctx::with_cancel(ctx::background());
  ctx::Chan<int> received(1);
  ctx::go([tc = timer.c(), c = c, received] {
    int n = 0;
    while (ctx::select(ctx::recv(tc), ctx::recv(c.done())) == 0) ++n;
    received.send(n);
  });
  ctx::WaitGroup wg;
  for (int g = 0; g < 4; ++g) {
    wg.go([&timer, &armings, &prevented, g] {
      for (int i = 0; i < 1000; ++i) {
        if ((i + g) % 3 == 0) {
          if (timer.stop()) ++prevented;
        } else {
          ++armings;
          if (timer.reset(std::chrono::microseconds((i * 37 + g * 11) % 50))) ++prevented;
        }
      }
    });
  }
  wg.wait();
  if (timer.stop()) ++prevented;
  ctx::sleep(5ms);  // a stray value would arrive now, and be counted  // NOLINT(ctx-blocking-without-done): the test waits a fixed time on purpose
  cancel();
  const std::optional<int> n = received.recv();
  ASSERT_TRUE(n);
  EXPECT_EQ(*n + prevented.load(), armings.load()) << "received " << *n << ", prevented " << prevented.load();
  EXPECT_EQ(poll(timer.c()), std::nullopt);
  EXPECT_EQ(ctx::detail::live_timer_count(), timers);
}

// The threads of this process, from /proc (Linux); nullopt elsewhere.
std::optional<int> thread_count() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("Threads:", 0) == 0) return std::stoi(line.substr(8));
  }
  return std::nullopt;
}

// All Tickers and Timers share the runtime's one timer thread.
TEST(TimerTest, ManyTimersDoNotMakeManyThreads) {
  ctx::Timer warm_up(ctx::Duration::zero());  // the timer thread exists from here on
  ASSERT_TRUE(recv_within(warm_up.c()));
  const std::size_t timers = ctx::detail::live_timer_count();
  const std::optional<int> threads = thread_count();
  {
    std::vector<ctx::Timer> many_timers;
    std::vector<ctx::Ticker> many_tickers;
    for (int i = 0; i < 500; ++i) {
      many_timers.emplace_back(std::chrono::hours(1));
      many_tickers.emplace_back(std::chrono::hours(1));
    }
    EXPECT_EQ(ctx::detail::live_timer_count(), timers + 1000);
    if (threads) {
      EXPECT_LE(*thread_count(), *threads + 2);  // slack for goroutine threads of other tests still exiting
    }
  }
  EXPECT_EQ(ctx::detail::live_timer_count(), timers);
}

}  // namespace
}  // namespace ctxtest
