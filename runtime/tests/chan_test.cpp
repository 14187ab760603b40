// Channels, select, after() and the sleeps.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <memory>
#include <numeric>
#include <string>
#include <vector>

#include <ctx/ctx.hpp>

#include "test_util.hpp"

namespace ctxtest {
namespace {

using ::testing::HasSubstr;

TEST(ChanTest, UnbufferedSendBlocksUntilReceived) {
  ctx::Chan<int> ch;
  std::atomic<bool> sent{false};
  ctx::WaitGroup wg;
  wg.go([&] {
    ch.send(42);
    sent = true;
  });
  ctx::sleep(kShort);
  EXPECT_FALSE(sent.load()) << "send completed without a receiver";
  EXPECT_EQ(ch.size(), 0u);
  EXPECT_EQ(ch.recv(), 42);
  wg.wait();
  EXPECT_TRUE(sent.load());
}

TEST(ChanTest, UnbufferedRecvBlocksUntilSent) {
  ctx::Chan<std::string> ch;
  std::atomic<bool> received{false};
  ctx::WaitGroup wg;
  wg.go([&] {
    EXPECT_EQ(ch.recv(), "hello");
    received = true;
  });
  ctx::sleep(kShort);
  EXPECT_FALSE(received.load());
  ch.send("hello");
  wg.wait();
  EXPECT_TRUE(received.load());
}

TEST(ChanTest, Buffered) {
  ctx::Chan<int> ch(3);
  EXPECT_EQ(ch.capacity(), 3u);
  ch.send(1);
  ch.send(2);
  ch.send(3);
  EXPECT_EQ(ch.size(), 3u);
  // Full: a send would block.
  EXPECT_EQ(ctx::select(ctx::send(ch, 4), ctx::default_case()), 1u);
  EXPECT_EQ(ch.recv(), 1);
  EXPECT_EQ(ctx::select(ctx::send(ch, 4), ctx::default_case()), 0u);
  EXPECT_EQ(ch.recv(), 2);
  EXPECT_EQ(ch.recv(), 3);
  EXPECT_EQ(ch.recv(), 4);
  EXPECT_EQ(ch.size(), 0u);
  EXPECT_EQ(ctx::select(ctx::recv(ch), ctx::default_case()), 1u);
}

TEST(ChanTest, BufferedBlockedSenderKeepsOrder) {
  ctx::Chan<int> ch(2);
  ch.send(0);
  ch.send(1);
  ctx::WaitGroup wg;
  wg.go([&] { ch.send(2); });  // blocks: the buffer is full
  ASSERT_TRUE(eventually([&] {
    for (const auto& g : ctx::leakcheck::running()) {
      if (g.state.find("blocked in send") != std::string::npos) return true;
    }
    return false;
  }));
  EXPECT_EQ(ch.recv(), 0);
  EXPECT_EQ(ch.recv(), 1);
  EXPECT_EQ(ch.recv(), 2);
  wg.wait();
}

TEST(ChanTest, CloseDrainsThenNullopt) {
  ctx::Chan<int> ch(2);
  ch.send(1);
  ch.send(2);
  ch.close();
  EXPECT_EQ(ch.recv(), 1);
  EXPECT_EQ(ch.recv(), 2);
  EXPECT_EQ(ch.recv(), std::nullopt);
  EXPECT_EQ(ch.recv(), std::nullopt);
}

TEST(ChanTest, SecondCloseThrows) {
  ctx::Chan<int> ch;
  ch.close();
  EXPECT_THROW(ch.close(), ctx::ClosedChannel);
  try {
    ch.close();
  } catch (const ctx::ClosedChannel& e) {
    EXPECT_STREQ(e.what(), "close of closed channel");
  }
}

TEST(ChanTest, SendOnClosedThrows) {
  ctx::Chan<int> ch(1);
  ch.close();
  EXPECT_THROW(ch.send(1), ctx::ClosedChannel);
  EXPECT_THROW(ctx::select(ctx::send(ch, 1)), ctx::ClosedChannel);
  EXPECT_THROW(ctx::select(ctx::send(ch, 1), ctx::default_case()), ctx::ClosedChannel);
  try {
    ch.send(1);
  } catch (const std::logic_error& e) {
    EXPECT_STREQ(e.what(), "send on closed channel");
  }
}

TEST(ChanTest, CloseWakesBlockedSendersAndReceivers) {
  ctx::Chan<int> ch;
  ctx::Chan<std::string> results(4);
  ctx::WaitGroup wg;
  for (int i = 0; i < 2; ++i) {
    wg.go([&] {
      try {
        ch.send(1);
        results.send("sent");
      } catch (const ctx::ClosedChannel&) {
        results.send("threw");
      }
    });
  }
  ctx::Chan<int> other;
  for (int i = 0; i < 2; ++i) {
    wg.go([&] { results.send(other.recv().has_value() ? "value" : "closed"); });
  }
  ASSERT_TRUE(eventually([] {
    int blocked = 0;
    for (const auto& g : ctx::leakcheck::running()) blocked += g.state.rfind("blocked in", 0) == 0 ? 1 : 0;
    return blocked == 4;
  }));
  ch.close();
  other.close();
  wg.wait();
  std::vector<std::string> got;
  for (int i = 0; i < 4; ++i) got.push_back(*results.recv());
  EXPECT_THAT(got, ::testing::UnorderedElementsAre("threw", "threw", "closed", "closed"));
}

TEST(ChanTest, RangeFor) {
  ctx::Chan<int> ch;
  ctx::go([ch] {
    for (int i = 0; i < 5; ++i) ch.send(i);
    ch.close();
  });
  std::vector<int> got;
  for (int v : ch) got.push_back(v);
  EXPECT_EQ(got, (std::vector<int>{0, 1, 2, 3, 4}));
  // Over a closed, drained channel: no iteration.
  for (int v : ch) ADD_FAILURE() << v;
}

TEST(ChanTest, MoveOnlyElements) {
  ctx::Chan<std::unique_ptr<int>> ch(1);
  ch.send(std::make_unique<int>(7));
  std::optional<std::unique_ptr<int>> v = ch.recv();
  ASSERT_TRUE(v && *v);
  EXPECT_EQ(**v, 7);
  ctx::Chan<std::unique_ptr<int>> unbuffered;
  ctx::go([unbuffered] { unbuffered.send(std::make_unique<int>(8)); });
  EXPECT_EQ(**unbuffered.recv(), 8);
}

TEST(ChanTest, CopiesShareTheChannel) {
  ctx::Chan<int> a(1);
  ctx::Chan<int> b = a;
  EXPECT_EQ(a, b);
  b.send(3);
  EXPECT_EQ(a.recv(), 3);
  EXPECT_NE(a, ctx::Chan<int>(1));
}

TEST(SelectTest, DefaultWhenNothingReady) {
  ctx::Chan<int> a;
  ctx::Chan<int> b(1);
  auto [c, cancel] = ctx::with_cancel(ctx::background());
  EXPECT_EQ(ctx::select(ctx::recv(a), ctx::recv(b), ctx::recv(c.done()), ctx::default_case()), 3u);
  EXPECT_EQ(ctx::select(ctx::default_case(), ctx::recv(a)), 0u);
  b.send(1);
  EXPECT_EQ(ctx::select(ctx::recv(a), ctx::recv(b), ctx::default_case()), 1u);
  cancel();
  EXPECT_EQ(ctx::select(ctx::recv(a), ctx::recv(c.done()), ctx::default_case()), 1u);
  // A never-closing Done is never ready.
  EXPECT_EQ(ctx::select(ctx::recv(ctx::background().done()), ctx::default_case()), 1u);
}

TEST(SelectTest, RecvIntoOut) {
  ctx::Chan<int> a(1);
  ctx::Chan<int> b(1);
  std::optional<int> va = -1;
  std::optional<int> vb = -1;
  b.send(5);
  EXPECT_EQ(ctx::select(ctx::recv(a, va), ctx::recv(b, vb)), 1u);
  EXPECT_EQ(vb, 5);
  EXPECT_EQ(va, -1);  // untouched: its case was not chosen
  a.close();
  EXPECT_EQ(ctx::select(ctx::recv(a, va), ctx::recv(b, vb)), 0u);
  EXPECT_EQ(va, std::nullopt);  // closed
}

TEST(SelectTest, BlocksUntilACaseProceeds) {
  ctx::Chan<int> a;
  ctx::Chan<int> b;
  ctx::go([b] {
    ctx::sleep(kShort);
    b.send(9);
  });
  std::optional<int> v;
  EXPECT_EQ(ctx::select(ctx::recv(a), ctx::recv(b, v)), 1u);
  EXPECT_EQ(v, 9);
}

TEST(SelectTest, SendCase) {
  ctx::Chan<long> ch;
  std::optional<long> got;
  ctx::WaitGroup wg;
  wg.go([&] { got = ch.recv(); });
  ctx::Chan<int> never;
  EXPECT_EQ(ctx::select(ctx::recv(never), ctx::send(ch, 1)), 1u);  // the value is not deduced
  wg.wait();
  EXPECT_EQ(got, 1L);
}

TEST(SelectTest, BlockedSendCaseThrowsWhenClosed) {
  ctx::Chan<int> ch;
  ctx::Chan<int> never;
  ctx::go([ch] {
    ctx::sleep(kShort);
    ch.close();
  });
  EXPECT_THROW(ctx::select(ctx::recv(never), ctx::send(ch, 1)), ctx::ClosedChannel);
}

TEST(SelectTest, ClosedChannelIsAlwaysReadyForReceive) {
  ctx::Chan<int> closed;
  closed.close();
  ctx::Chan<int> never;
  for (int i = 0; i < 100; ++i) {
    std::optional<int> v = 1;
    EXPECT_EQ(ctx::select(ctx::recv(never), ctx::recv(closed, v)), 1u);
    EXPECT_EQ(v, std::nullopt);
  }
  auto [c, cancel] = ctx::with_cancel(ctx::background());
  cancel();
  for (int i = 0; i < 10; ++i) EXPECT_EQ(ctx::select(ctx::recv(never), ctx::recv(c.done())), 1u);
}

TEST(SelectTest, FairAmongReadyCases) {
  ctx::Chan<int> a;
  ctx::Chan<int> b;
  a.close();
  b.close();
  constexpr int kRounds = 10000;
  int counts[2] = {0, 0};
  for (int i = 0; i < kRounds; ++i) ++counts[ctx::select(ctx::recv(a), ctx::recv(b))];
  EXPECT_GT(counts[0], kRounds * 40 / 100);
  EXPECT_GT(counts[1], kRounds * 40 / 100);

  // Buffered channels kept ready, three cases.
  ctx::Chan<int> x(1);
  ctx::Chan<int> y(1);
  ctx::Chan<int> z(1);
  int three[3] = {0, 0, 0};
  x.send(0);
  y.send(1);
  z.send(2);
  for (int i = 0; i < kRounds; ++i) {
    std::optional<int> v;
    const std::size_t k = ctx::select(ctx::recv(x, v), ctx::recv(y, v), ctx::recv(z, v));
    ++three[k];
    ASSERT_EQ(*v, static_cast<int>(k));
    (k == 0 ? x : k == 1 ? y : z).send(*v);
  }
  for (int n : three) EXPECT_GT(n, kRounds * 28 / 100);
}

TEST(SelectTest, SameChannelTwice) {
  ctx::Chan<int> ch(1);
  ch.send(1);
  const std::size_t k = ctx::select(ctx::recv(ch), ctx::recv(ch));
  EXPECT_LT(k, 2u);
  EXPECT_EQ(ctx::select(ctx::recv(ch), ctx::recv(ch), ctx::default_case()), 2u);
}

// Many goroutines selecting over shared channels: every value is delivered
// exactly once and nobody stays parked (no lost wake-up).
TEST(SelectTest, NoLostWakeupsStress) {
  constexpr int kProducers = 6;
  constexpr int kConsumers = 6;
  constexpr int kPerProducer = 1500;
  ctx::Chan<int> a;
  ctx::Chan<int> b(4);
  ctx::Chan<long long> sums(kConsumers);
  auto [c, cancel] = ctx::with_cancel(ctx::background());
  ctx::Defer guard{cancel};  // a failed ASSERT below must still stop the consumers
  ctx::WaitGroup producers;
  for (int p = 0; p < kProducers; ++p) {
    producers.go([=] {
      for (int i = 1; i <= kPerProducer; ++i) ctx::select(ctx::send(a, i), ctx::send(b, i));
    });
  }
  ctx::WaitGroup consumers;
  for (int q = 0; q < kConsumers; ++q) {
    consumers.go([=, c = c] {
      long long sum = 0;
      for (;;) {
        std::optional<int> v;
        const std::size_t k = ctx::select(ctx::recv(a, v), ctx::recv(b, v), ctx::recv(c.done()));
        if (k == 2) break;
        sum += *v;
      }
      // Drain what is left in the buffer after cancellation.
      for (;;) {
        std::optional<int> v;
        if (ctx::select(ctx::recv(b, v), ctx::default_case()) == 1) break;
        sum += *v;
      }
      sums.send(sum);
    });
  }
  producers.wait();
  // Every send completed; let the consumers empty the buffer, then stop them.
  ASSERT_TRUE(eventually([&] { return b.size() == 0; }));
  cancel();
  consumers.wait();
  long long total = 0;
  for (int q = 0; q < kConsumers; ++q) total += *sums.recv();
  EXPECT_EQ(total, static_cast<long long>(kProducers) * kPerProducer * (kPerProducer + 1) / 2);
}

TEST(SelectTest, PingPongManyRounds) {
  ctx::Chan<int> ping;
  ctx::Chan<int> pong;
  ctx::go([=] {
    for (std::optional<int> v = ping.recv(); v; v = ping.recv()) pong.send(*v + 1);
  });
  int v = 0;
  for (int i = 0; i < 2000; ++i) {
    ping.send(v);
    v = *pong.recv();
  }
  EXPECT_EQ(v, 2000);
  ping.close();
}

TEST(TimeTest, AfterFiresOnceAfterTheDuration) {
  const auto start = ctx::Clock::now();
  ctx::Chan<ctx::TimePoint> t = ctx::after(30ms);
  EXPECT_EQ(t.capacity(), 1u);
  std::optional<ctx::TimePoint> when = t.recv();
  ASSERT_TRUE(when.has_value());
  EXPECT_GE(*when - start, 30ms);
  EXPECT_GE(ctx::Clock::now() - start, 30ms);
  EXPECT_EQ(ctx::select(ctx::recv(t), ctx::default_case()), 1u);  // only once
}

TEST(TimeTest, AfterZeroIsReadyAtOnce) {
  ctx::Chan<ctx::TimePoint> t = ctx::after(ctx::Duration::zero());
  EXPECT_EQ(t.size(), 1u);
  EXPECT_EQ(ctx::select(ctx::recv(t), ctx::default_case()), 0u);
}

TEST(TimeTest, AfterTimerIsReleasedWhenItFires) {
  const std::size_t before = ctx::detail::live_timer_count();
  ctx::Chan<ctx::TimePoint> t = ctx::after(10ms);
  EXPECT_GE(ctx::detail::live_timer_count(), before + 1);
  t.recv();
  EXPECT_TRUE(eventually([&] { return ctx::detail::live_timer_count() == before; }));
}

TEST(TimeTest, SelectWithTimeout) {
  ctx::Chan<int> never;
  EXPECT_EQ(ctx::select(ctx::recv(never), ctx::recv(ctx::after(10ms))), 1u);
}

TEST(TimeTest, SleepWaitsAtLeastTheDuration) {
  const auto start = ctx::Clock::now();
  ctx::sleep(15ms);
  EXPECT_GE(ctx::Clock::now() - start, 15ms);
  ctx::sleep(-1ms);  // no-op
}

TEST(TimeTest, SleepWithContextWakesOnCancel) {
  auto [c, cancel] = ctx::with_cancel(ctx::background());
  ctx::go([cancel = cancel] {
    ctx::sleep(kShort);
    cancel();
  });
  const auto start = ctx::Clock::now();
  EXPECT_EQ(ctx::sleep(c, std::chrono::seconds(60)), ctx::canceled);
  EXPECT_LT(ctx::Clock::now() - start, std::chrono::seconds(30));
}

TEST(TimeTest, SleepWithContextReturnsNoErrorAfterTheDuration) {
  auto [c, cancel] = ctx::with_cancel(ctx::background());
  ctx::Defer guard{cancel};
  const auto start = ctx::Clock::now();
  EXPECT_FALSE(ctx::sleep(c, 15ms));
  EXPECT_GE(ctx::Clock::now() - start, 15ms);
  EXPECT_FALSE(ctx::sleep(ctx::background(), 1ms));
}

TEST(TimeTest, SleepWithDoneContextReturnsAtOnce) {
  auto [c, cancel] = ctx::with_timeout(ctx::background(), -1s);
  ctx::Defer guard{cancel};
  const auto start = ctx::Clock::now();
  EXPECT_EQ(ctx::sleep(c, std::chrono::seconds(60)), ctx::deadline_exceeded);
  EXPECT_LT(ctx::Clock::now() - start, std::chrono::seconds(30));
}

TEST(TimeTest, HugeDurationsDoNotOverflow) {
  auto [c, cancel] = ctx::with_cancel(ctx::background());
  EXPECT_EQ(ctx::select(ctx::recv(ctx::after(ctx::Duration::max())), ctx::default_case()), 1u);
  ctx::go([cancel = cancel] {
    ctx::sleep(kShort);
    cancel();
  });
  EXPECT_EQ(ctx::sleep(c, ctx::Duration::max()), ctx::canceled);
  EXPECT_TRUE(c.done().wait_for(ctx::Duration::max()));
  auto [t, cancel_t] = ctx::with_timeout(ctx::background(), ctx::Duration::max());
  EXPECT_EQ(t.deadline(), ctx::TimePoint::max());
  EXPECT_FALSE(t.done().closed());
  cancel_t();
}

TEST(TimeTest, DoneWaitFor) {
  auto [c, cancel] = ctx::with_cancel(ctx::background());
  EXPECT_FALSE(c.done().wait_for(kShort));
  ctx::go([cancel = cancel] { cancel(); });
  EXPECT_TRUE(c.done().wait_for(kLong));
  c.done().wait();  // returns at once
}

}  // namespace
}  // namespace ctxtest
