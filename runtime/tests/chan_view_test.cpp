// Directional channels (RecvChan, SendChan) and nil channels.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <initializer_list>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include <ctx/ctx.hpp>

#include "test_util.hpp"

namespace ctxtest {
namespace {

using ::testing::HasSubstr;

// ---- what each kind of channel can do, checked at compile time
template <class C>
concept can_send = requires(const C& c, typename C::value_type v) { c.send(v); };
template <class C>
concept can_recv = requires(const C& c) { c.recv(); };
template <class C>
concept can_close = requires(const C& c) { c.close(); };
template <class C>
concept can_range = requires(const C& c) { c.begin(); };
template <class C>
concept can_select_send = requires(const C& c) { ctx::send(c, 1); };
template <class C>
concept can_select_recv = requires(const C& c, std::optional<int>& out) {
  ctx::recv(c);
  ctx::recv(c, out);
};

static_assert(can_send<ctx::Chan<int>> && can_recv<ctx::Chan<int>> && can_close<ctx::Chan<int>>);
static_assert(can_recv<ctx::RecvChan<int>> && can_range<ctx::RecvChan<int>> && can_select_recv<ctx::RecvChan<int>>);
static_assert(!can_send<ctx::RecvChan<int>>, "a RecvChan cannot send");
static_assert(!can_close<ctx::RecvChan<int>>, "a RecvChan cannot close");
static_assert(!can_select_send<ctx::RecvChan<int>>, "a RecvChan is no send case");
static_assert(can_send<ctx::SendChan<int>> && can_close<ctx::SendChan<int>> && can_select_send<ctx::SendChan<int>>);
static_assert(!can_recv<ctx::SendChan<int>>, "a SendChan cannot receive");
static_assert(!can_range<ctx::SendChan<int>>, "a SendChan cannot be ranged over");
static_assert(!can_select_recv<ctx::SendChan<int>>, "a SendChan is no receive case");

// Chan converts to both views, implicitly; nothing converts back or across.
static_assert(std::is_convertible_v<ctx::Chan<int>, ctx::RecvChan<int>>);
static_assert(std::is_convertible_v<const ctx::Chan<int>&, ctx::SendChan<int>>);
static_assert(!std::is_constructible_v<ctx::Chan<int>, ctx::RecvChan<int>>);
static_assert(!std::is_constructible_v<ctx::Chan<int>, ctx::SendChan<int>>);
static_assert(!std::is_assignable_v<ctx::Chan<int>&, ctx::RecvChan<int>>);
static_assert(!std::is_constructible_v<ctx::SendChan<int>, ctx::RecvChan<int>>);
static_assert(!std::is_constructible_v<ctx::RecvChan<int>, ctx::SendChan<int>>);
static_assert(!std::is_constructible_v<ctx::RecvChan<int>, ctx::Chan<long>>);
static_assert(!std::is_convertible_v<std::size_t, ctx::RecvChan<int>>);

// ---- directional channels

TEST(ChanViewTest, ViewsShareTheChannel) {
  ctx::Chan<int> ch(2);
  ctx::RecvChan<int> r = ch;
  ctx::SendChan<int> s = ch;
  const ctx::RecvChan<int> r2 = r;
  EXPECT_TRUE(r == ch);
  EXPECT_TRUE(r2 == r);
  EXPECT_TRUE(s == ch);
  EXPECT_FALSE(r == ctx::Chan<int>(2));
  EXPECT_EQ(r.capacity(), 2u);
  EXPECT_EQ(s.capacity(), 2u);

  ch.send(1);
  s.send(2);
  EXPECT_EQ(r.size(), 2u);
  EXPECT_EQ(s.size(), 2u);
  EXPECT_EQ(r2.recv(), 1);
  EXPECT_EQ(ch.recv(), 2);
  s.send(3);
  EXPECT_EQ(r.recv(), 3);
  EXPECT_FALSE(r.is_nil());
  EXPECT_FALSE(s.is_nil());
}

TEST(ChanViewTest, CloseThroughSendChanEndsRangeOverRecvChan) {
  ctx::Chan<int> ch;
  ctx::SendChan<int> out = ch;
  ctx::go([out] {
    for (int i = 1; i <= 100; ++i) out.send(i);
    out.close();
  });
  const ctx::RecvChan<int> in = ch;
  int sum = 0;
  int count = 0;
  for (int v : in) {
    sum += v;
    ++count;
  }
  EXPECT_EQ(count, 100);
  EXPECT_EQ(sum, 5050);
  EXPECT_EQ(in.recv(), std::nullopt);
  EXPECT_THROW(out.close(), ctx::ClosedChannel);
  EXPECT_THROW(out.send(1), ctx::ClosedChannel);
}

TEST(ChanViewTest, SelectOnViews) {
  ctx::Chan<int> a(1);
  ctx::Chan<int> b(1);
  const ctx::RecvChan<int> in = a;
  const ctx::SendChan<int> out = b;
  std::optional<int> v;

  EXPECT_EQ(ctx::select(ctx::recv(in, v), ctx::default_case()), 1u);  // nothing to receive
  EXPECT_EQ(ctx::select(ctx::recv(in, v), ctx::send(out, 7)), 1u);    // only the send is ready
  EXPECT_EQ(b.recv(), 7);
  a.send(5);
  EXPECT_EQ(ctx::select(ctx::recv(in, v), ctx::default_case()), 0u);
  EXPECT_EQ(v, 5);
  a.send(6);
  EXPECT_EQ(ctx::select(ctx::recv(in)), 0u);
  EXPECT_EQ(a.size(), 0u);
  b.send(0);  // full: the send case blocks
  EXPECT_EQ(ctx::select(ctx::send(out, 8), ctx::default_case()), 1u);

  // A blocked select on a view is woken by a send through the channel.
  ctx::go([a] { a.send(9); });
  const ctx::Timer limit(kLong);
  EXPECT_EQ(ctx::select(ctx::recv(in, v), ctx::recv(limit.c())), 0u);
  EXPECT_EQ(v, 9);
  a.close();
  EXPECT_EQ(ctx::select(ctx::recv(in, v)), 0u);
  EXPECT_EQ(v, std::nullopt);
}

// The Go blog's pipelines (go.dev/blog/pipelines): gen, sq and merge, each
// handing out a receive-only channel; merge's closer goroutine captures the
// WaitGroup by value and outlives merge.
ctx::RecvChan<int> gen(std::vector<int> nums) {
  ctx::Chan<int> out;
  ctx::go([out, nums = std::move(nums)] {
    for (int n : nums) out.send(n);
    out.close();
  });
  return out;
}

ctx::RecvChan<int> sq(ctx::RecvChan<int> in) {
  ctx::Chan<int> out;
  ctx::go([in, out] {
    for (int n : in) out.send(n * n);
    out.close();
  });
  return out;
}

ctx::RecvChan<int> merge(std::initializer_list<ctx::RecvChan<int>> cs) {
  ctx::WaitGroup wg;
  ctx::Chan<int> out;
  for (const ctx::RecvChan<int>& c : cs) {
    wg.go([c, out] {
      for (int n : c) out.send(n);
    });
  }
  ctx::go([wg, out] {
    wg.wait();
    out.close();
  });
  return out;
}

TEST(ChanViewTest, PipelineFromTheGoBlog) {
  std::vector<int> nums;
  int want = 0;
  for (int i = 1; i <= 50; ++i) {
    nums.push_back(i);
    want += i * i;
  }
  const ctx::RecvChan<int> in = gen(nums);
  const ctx::RecvChan<int> c1 = sq(in);  // fan out: two workers read from in
  const ctx::RecvChan<int> c2 = sq(in);
  int sum = 0;
  int count = 0;
  for (int n : merge({c1, c2})) {
    sum += n;
    ++count;
  }
  EXPECT_EQ(count, 50);
  EXPECT_EQ(sum, want);
}

// ---- nil channels

TEST(NilChanTest, NilAndDefault) {
  const ctx::Chan<int> nil = ctx::Chan<int>::nil();
  EXPECT_TRUE(nil.is_nil());
  EXPECT_EQ(nil.size(), 0u);
  EXPECT_EQ(nil.capacity(), 0u);
  EXPECT_TRUE(nil == ctx::Chan<int>::nil());

  const ctx::Chan<int> made;  // make(chan int): not nil, unbuffered
  EXPECT_FALSE(made.is_nil());
  EXPECT_EQ(made.capacity(), 0u);
  EXPECT_FALSE(made == nil);

  EXPECT_TRUE(ctx::RecvChan<int>().is_nil());
  EXPECT_TRUE(ctx::SendChan<int>().is_nil());
  EXPECT_TRUE(ctx::RecvChan<int>::nil().is_nil());
  EXPECT_TRUE(ctx::SendChan<int>::nil().is_nil());
  EXPECT_TRUE(ctx::RecvChan<int>(nil).is_nil());
  EXPECT_TRUE(ctx::SendChan<int>(nil) == ctx::SendChan<int>());
  EXPECT_FALSE(ctx::RecvChan<int>(made).is_nil());

  ctx::Chan<int> moved(1);
  ctx::Chan<int> to(std::move(moved));
  EXPECT_TRUE(moved.is_nil());  // NOLINT(bugprone-use-after-move): documented
  EXPECT_FALSE(to.is_nil());
}

TEST(NilChanTest, CloseOfNilChannelThrows) {
  try {
    ctx::Chan<int>::nil().close();
    ADD_FAILURE() << "close of a nil channel did not throw";
  } catch (const ctx::ClosedChannel& e) {
    EXPECT_STREQ(e.what(), "close of nil channel");
  }
  EXPECT_THROW(ctx::SendChan<int>().close(), ctx::ClosedChannel);
}

// A nil case is never chosen, whatever the random poll order.
TEST(NilChanTest, SelectNeverChoosesANilCase) {
  const ctx::Chan<int> nil = ctx::Chan<int>::nil();
  ctx::Chan<int> ready(1);
  int counts[4] = {0, 0, 0, 0};
  for (int i = 0; i < 4000; ++i) {
    ready.send(i);
    std::optional<int> v;
    const std::size_t k = ctx::select(ctx::recv(nil), ctx::send(nil, 1), ctx::recv(ready, v),
                                      ctx::recv(ctx::RecvChan<int>::nil()));
    ++counts[k];
    ASSERT_EQ(v, i);
  }
  EXPECT_EQ(counts[2], 4000);

  // Beside a closed channel, which is always ready, and a default.
  ctx::Chan<int> closed;
  closed.close();
  for (int i = 0; i < 1000; ++i) {
    ASSERT_EQ(ctx::select(ctx::send(ctx::SendChan<int>(), 1), ctx::recv(closed), ctx::recv(nil)), 1u);
    ASSERT_EQ(ctx::select(ctx::recv(nil), ctx::default_case(), ctx::send(nil, 2)), 1u);
  }
}

TEST(NilChanTest, SelectOnlyNilCasesTakesDefault) {
  const ctx::Chan<std::string> nil = ctx::Chan<std::string>::nil();
  std::optional<std::string> out;
  EXPECT_EQ(ctx::select(ctx::recv(nil, out), ctx::send(nil, "x"), ctx::default_case()), 2u);
  EXPECT_EQ(out, std::nullopt);
}

// Go's idiom: set a channel to nil to switch its select case off once it is
// closed, and stop when both are off.
TEST(NilChanTest, SwitchingACaseOffWithNil) {
  ctx::Chan<int> a_src;
  ctx::Chan<int> b_src;
  ctx::go([a_src] {
    for (int i = 0; i < 30; ++i) a_src.send(1);
    a_src.close();
  });
  ctx::go([b_src] {
    for (int i = 0; i < 20; ++i) b_src.send(100);
    b_src.close();
  });
  ctx::RecvChan<int> a = a_src;
  ctx::RecvChan<int> b = b_src;
  int sum = 0;
  while (!a.is_nil() || !b.is_nil()) {
    std::optional<int> v;
    switch (ctx::select(ctx::recv(a, v), ctx::recv(b, v))) {
      case 0:
        if (!v) a = ctx::RecvChan<int>::nil();
        break;
      default:
        if (!v) b = {};
        break;
    }
    if (v) sum += *v;
  }
  EXPECT_EQ(sum, 30 + 2000);
}

// A nil case beside one that becomes ready later: the select parks and the
// other case wakes it.
TEST(NilChanTest, BlockedSelectWithNilCaseWakesOnTheOther) {
  const ctx::Chan<int> nil = ctx::Chan<int>::nil();
  auto [c, cancel] = ctx::with_cancel(ctx::background());
  ctx::Chan<std::size_t> result(1);
  ctx::go([nil, c = c, result] { result.send(ctx::select(ctx::send(nil, 1), ctx::recv(nil), ctx::recv(c.done()))); });
  ctx::sleep(kShort);  // NOLINT(ctx-blocking-without-done): the test waits a fixed time on purpose
  EXPECT_EQ(result.size(), 0u) << "a select with nil cases did not block";
  cancel();
  EXPECT_EQ(result.recv(), 2u);
}

// Blocks on nil channels forever; runs in a child process (a death test), as
// nothing can ever unblock these goroutines. Exits 0 when the leak checker
// sees each of them with the expected state.
[[noreturn]] void block_on_nil_channels() {
  const ctx::Chan<int> nil = ctx::Chan<int>::nil();
  ctx::go([nil] { nil.send(1); });  // NOLINT(ctx-blocking-without-done): blocks forever on purpose, in a death test
  ctx::go([nil] { (void)nil.recv(); });  // NOLINT(ctx-blocking-without-done): as above
  ctx::go([] { ctx::RecvChan<int>().recv(); });
  ctx::go([nil] { ctx::select(ctx::recv(nil), ctx::send(ctx::SendChan<int>(), 1), ctx::recv(ctx::Done{})); });
  ctx::go([] {
    for (int v : ctx::RecvChan<int>()) (void)v;
  });
  const std::vector<std::string> want = {
      "blocked in send on nil chan", "blocked in recv on nil chan", "blocked in recv on nil chan",
      "blocked forever in select (3 cases, all on nil chans)", "blocked in recv on nil chan"};
  const bool all_there = eventually([&] {
    std::vector<std::string> states;
    for (const ctx::leakcheck::Goroutine& g : ctx::leakcheck::running()) states.push_back(g.state);
    return states == want;
  });
  const ctx::Error leaks = ctx::leakcheck::verify_none(std::chrono::milliseconds(50));
  std::fprintf(stderr, "all blocked: %d\n%s\n", all_there ? 1 : 0, leaks.message().c_str());
  std::exit(all_there && leaks ? 0 : 1);
}

TEST(NilChanTest, SendAndRecvOnNilBlockForeverAndAreReported) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  EXPECT_EXIT(block_on_nil_channels(), ::testing::ExitedWithCode(0),
              "all blocked: 1\nfound 5 leaked goroutines:(.|\n)*blocked in send on nil chan(.|\n)*"
              "blocked in recv on nil chan(.|\n)*all on nil chans");
}

}  // namespace
}  // namespace ctxtest
