// The goroutine-leak checker and its GoogleTest listener.
#include <gmock/gmock.h>
#include <gtest/gtest-spi.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include <ctx/ctx.hpp>
#include <ctx/leakcheck_gtest.hpp>

#include "test_util.hpp"

namespace ctxtest {
namespace {

using ::testing::HasSubstr;

std::string site(int line) { return std::string(__FILE__) + ":" + std::to_string(line); }

// Waits until a goroutine spawned at `spawn_site` reports a state starting
// with `state_prefix`; returns it.
std::optional<ctx::leakcheck::Goroutine> wait_for_state(const std::string& spawn_site,
                                                        const std::string& state_prefix) {
  std::optional<ctx::leakcheck::Goroutine> found;
  eventually([&] {
    for (const auto& g : ctx::leakcheck::running()) {
      if (g.spawn_site == spawn_site && g.state.rfind(state_prefix, 0) == 0) {
        found = g;
        return true;
      }
    }
    return false;
  });
  return found;
}

TEST(LeakcheckTest, NoneWhenIdle) {
  EXPECT_TRUE(ctx::leakcheck::running().empty());
  EXPECT_FALSE(ctx::leakcheck::verify_none());
}

TEST(LeakcheckTest, BlockedSendIsReportedWithItsSpawnSite) {
  ctx::Chan<int> ch;
  const int line = __LINE__ + 1;
  ctx::go([ch] { ch.send(1); });
  const auto g = wait_for_state(site(line), "blocked in send on chan");
  ASSERT_TRUE(g.has_value()) << "no goroutine blocked in send from " << site(line);
  EXPECT_THAT(g->state, HasSubstr("(capacity 0)"));
  EXPECT_GT(g->id, 0u);

  const ctx::Error leaks = ctx::leakcheck::verify_none(std::chrono::milliseconds(50));
  ASSERT_TRUE(leaks);
  EXPECT_THAT(leaks.message(), HasSubstr("found 1 leaked goroutine:"));
  EXPECT_THAT(leaks.message(), HasSubstr("spawned at " + site(line)));
  EXPECT_THAT(leaks.message(), HasSubstr("blocked in send on chan"));

  EXPECT_EQ(ch.recv(), 1);  // unblock it
  EXPECT_FALSE(ctx::leakcheck::verify_none(kLong));
}

TEST(LeakcheckTest, StatesOfBlockedGoroutines) {
  ctx::Chan<int> unbuffered;
  ctx::Chan<int> buffered(3);
  ctx::Chan<int> sel_a;
  ctx::Chan<int> sel_b(1);
  auto [c, cancel] = ctx::with_cancel(ctx::background());
  ctx::WaitGroup never_done;
  never_done.add(1);

  const int recv_line = __LINE__ + 1;
  ctx::go([buffered] { buffered.recv(); });
  const int select_line = __LINE__ + 1;
  ctx::go([sel_a, sel_b, c = c] { ctx::select(ctx::recv(sel_a), ctx::recv(sel_b), ctx::recv(c.done())); });
  const int wg_line = __LINE__ + 1;
  ctx::go([&never_done] { never_done.wait(); });
  const int done_line = __LINE__ + 1;
  ctx::go([c = c] { c.done().wait(); });
  const int sleep_line = __LINE__ + 1;
  ctx::go([c = c] { (void)ctx::sleep(c, std::chrono::hours(1)); });
  const int plain_sleep_line = __LINE__ + 1;
  ctx::go([] { ctx::sleep(std::chrono::milliseconds(300)); });
  const int wg_go_line = __LINE__ + 1;
  never_done.go([unbuffered] { unbuffered.send(2); });
  ctx::ErrGroup g;
  const int eg_line = __LINE__ + 1;
  g.go([c = c] { return ctx::sleep(c, std::chrono::hours(1)); });

  EXPECT_TRUE(wait_for_state(site(recv_line), "blocked in recv on chan"));
  const auto rg = wait_for_state(site(recv_line), "blocked in recv on chan");
  if (rg) {
    EXPECT_THAT(rg->state, HasSubstr("(capacity 3)"));
  }
  EXPECT_TRUE(wait_for_state(site(select_line), "blocked in select (3 cases)"));
  EXPECT_TRUE(wait_for_state(site(wg_line), "blocked in WaitGroup::wait"));
  EXPECT_TRUE(wait_for_state(site(done_line), "blocked in Done::wait"));
  EXPECT_TRUE(wait_for_state(site(sleep_line), "blocked in sleep"));
  EXPECT_TRUE(wait_for_state(site(plain_sleep_line), "blocked in sleep"));
  EXPECT_TRUE(wait_for_state(site(wg_go_line), "blocked in send on chan"));
  EXPECT_TRUE(wait_for_state(site(eg_line), "blocked in sleep"));

  // Unblock everything.
  buffered.send(1);
  EXPECT_EQ(unbuffered.recv(), 2);  // NOLINT(ctx-blocking-without-done): the WaitGroup::go goroutine is parked in send
  never_done.done();                // the goroutine in WaitGroup::wait
  cancel();                         // select, Done::wait, sleep(c, ...) and the group
  EXPECT_EQ(g.wait(), ctx::canceled);
  never_done.wait();
  EXPECT_FALSE(ctx::leakcheck::verify_none(kLong));
}

TEST(LeakcheckTest, RunningState) {
  std::atomic<bool> stop{false};
  const int line = __LINE__ + 1;
  ctx::go([&stop] {
    while (!stop.load()) std::this_thread::yield();
  });
  const auto g = wait_for_state(site(line), "running");
  ASSERT_TRUE(g.has_value());
  EXPECT_EQ(g->state, "running");
  stop = true;
  EXPECT_FALSE(ctx::leakcheck::verify_none(kLong));
}

TEST(LeakcheckTest, AfterFuncGoroutinesAreRegistered) {
  auto [c, cancel] = ctx::with_cancel(ctx::background());
  ctx::Chan<int> block;
  ctx::StopFunc stop = ctx::after_func(c, [block] { block.recv(); });
  cancel();
  EXPECT_TRUE(wait_for_state("ctx::after_func", "blocked in recv on chan"));
  block.close();
  EXPECT_FALSE(ctx::leakcheck::verify_none(kLong));
  EXPECT_FALSE(stop());
}

TEST(LeakcheckTest, VerifyNoneWaitsForFinishingGoroutines) {
  ctx::go([] { ctx::sleep(std::chrono::milliseconds(50)); });
  EXPECT_FALSE(ctx::leakcheck::verify_none(kLong));
}

TEST(LeakcheckTest, VerifyNoneExcept) {
  ctx::Chan<int> ch;
  ctx::go([ch] { ch.recv(); });
  ASSERT_TRUE(eventually([] { return ctx::leakcheck::running().size() == 1; }));
  const std::vector<std::uint64_t> ignore = ctx::leakcheck::current_ids();
  ASSERT_EQ(ignore.size(), 1u);
  EXPECT_FALSE(ctx::leakcheck::verify_none_except(ignore, std::chrono::milliseconds(10)));
  EXPECT_TRUE(ctx::leakcheck::verify_none(std::chrono::milliseconds(10)));
  ch.close();
}

TEST(LeakcheckTest, VerifyNoneFromInsideAGoroutineIgnoresItself) {
  ctx::Chan<ctx::Error> result(1);
  ctx::go([result] { result.send(ctx::leakcheck::verify_none(std::chrono::milliseconds(10))); });
  const std::optional<ctx::Error> err = result.recv();
  ASSERT_TRUE(err.has_value());
  EXPECT_FALSE(*err) << err->message();
}

TEST(LeakcheckGTestListenerTest, FailsTheTestThatLeaked) {
  ctx::leakcheck::GTestListener listener({.grace = std::chrono::milliseconds(50), .ignore_current = false});
  const ::testing::TestInfo& info = *::testing::UnitTest::GetInstance()->current_test_info();
  ctx::Chan<int> ch;
  ::testing::TestPartResultArray failures;
  int line = 0;
  {
    ::testing::ScopedFakeTestPartResultReporter reporter(
        ::testing::ScopedFakeTestPartResultReporter::INTERCEPT_ALL_THREADS, &failures);
    listener.OnTestStart(info);
    line = __LINE__ + 1;
    ctx::go([ch] { ch.send(1); });
    wait_for_state(site(line), "blocked in send");
    listener.OnTestEnd(info);
    // Reported once: the next test is not blamed for it.
    listener.OnTestStart(info);
    listener.OnTestEnd(info);
  }
  ASSERT_EQ(failures.size(), 1);
  EXPECT_TRUE(failures.GetTestPartResult(0).nonfatally_failed());
  EXPECT_THAT(failures.GetTestPartResult(0).message(), HasSubstr("goroutine leak"));
  EXPECT_THAT(failures.GetTestPartResult(0).message(), HasSubstr("spawned at " + site(line)));
  EXPECT_THAT(failures.GetTestPartResult(0).message(), HasSubstr("blocked in send on chan"));
  ch.recv();
}

TEST(LeakcheckGTestListenerTest, PassesWhenNothingLeaks) {
  ctx::leakcheck::GTestListener listener;
  const ::testing::TestInfo& info = *::testing::UnitTest::GetInstance()->current_test_info();
  ::testing::TestPartResultArray failures;
  {
    ::testing::ScopedFakeTestPartResultReporter reporter(
        ::testing::ScopedFakeTestPartResultReporter::INTERCEPT_ALL_THREADS, &failures);
    listener.OnTestStart(info);
    ctx::WaitGroup wg;
    wg.go([] { ctx::sleep(std::chrono::milliseconds(5)); });
    wg.wait();
    listener.OnTestEnd(info);
  }
  EXPECT_EQ(failures.size(), 0);
}

TEST(LeakcheckGTestListenerTest, IgnoreCurrent) {
  ctx::Chan<int> ch;
  ctx::go([ch] { ch.recv(); });  // running before the "test" starts
  ASSERT_TRUE(eventually([] { return ctx::leakcheck::running().size() == 1; }));
  ctx::leakcheck::GTestListener listener({.grace = std::chrono::milliseconds(20), .ignore_current = true});
  const ::testing::TestInfo& info = *::testing::UnitTest::GetInstance()->current_test_info();
  ::testing::TestPartResultArray failures;
  {
    ::testing::ScopedFakeTestPartResultReporter reporter(
        ::testing::ScopedFakeTestPartResultReporter::INTERCEPT_ALL_THREADS, &failures);
    listener.OnTestStart(info);
    listener.OnTestEnd(info);
  }
  EXPECT_EQ(failures.size(), 0);
  ch.close();
}

}  // namespace
}  // namespace ctxtest
