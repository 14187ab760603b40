// Uses every name and signature of the normative API (runtime-api.md), with
// static_asserts on the signatures, plus the "Go to C++ at a glance" table.
#include <gtest/gtest.h>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include <ctx/ctx.hpp>

namespace {

using ctx::CancelCauseFunc;
using ctx::CancelFunc;
using ctx::Context;
using ctx::Duration;
using ctx::Error;
using ctx::StopFunc;
using ctx::TimePoint;

struct Key {
  bool operator==(const Key&) const = default;
};

// ---- clock
static_assert(std::is_same_v<ctx::Clock, std::chrono::steady_clock>);
static_assert(std::is_same_v<ctx::Duration, ctx::Clock::duration>);
static_assert(std::is_same_v<ctx::TimePoint, ctx::Clock::time_point>);

// ---- errors
static_assert(std::is_nothrow_default_constructible_v<Error>);
static_assert(std::is_copy_constructible_v<Error> && std::is_copy_assignable_v<Error>);
static_assert(std::is_same_v<decltype(&Error::make), Error (*)(std::string)>);
static_assert(std::is_nothrow_constructible_v<bool, const Error&>);
static_assert(!std::is_convertible_v<Error, bool>);  // explicit
static_assert(std::is_same_v<decltype(&Error::message), const std::string& (Error::*)() const noexcept>);
static_assert(noexcept(std::declval<const Error&>() == std::declval<const Error&>()));
static_assert(std::is_same_v<decltype(std::declval<const Error&>() == std::declval<const Error&>()), bool>);
static_assert(std::is_same_v<decltype(ctx::canceled), const Error>);
static_assert(std::is_same_v<decltype(ctx::deadline_exceeded), const Error>);

// ---- Done
static_assert(std::is_same_v<decltype(&ctx::Done::closed), bool (ctx::Done::*)() const>);
static_assert(std::is_same_v<decltype(&ctx::Done::wait), void (ctx::Done::*)() const>);
static_assert(std::is_same_v<decltype(&ctx::Done::wait_for), bool (ctx::Done::*)(Duration) const>);
static_assert(std::is_same_v<decltype(&ctx::Done::never), bool (ctx::Done::*)() const>);

// ---- Context
static_assert(std::is_nothrow_default_constructible_v<Context>);
static_assert(std::is_copy_constructible_v<Context> && std::is_copy_assignable_v<Context>);
static_assert(std::is_nothrow_constructible_v<bool, const Context&>);
static_assert(!std::is_convertible_v<Context, bool>);
static_assert(std::is_same_v<decltype(&Context::deadline), std::optional<TimePoint> (Context::*)() const>);
static_assert(std::is_same_v<decltype(&Context::done), ctx::Done (Context::*)() const>);
static_assert(std::is_same_v<decltype(&Context::err), Error (Context::*)() const>);
static_assert(std::is_same_v<decltype(&Context::value<int, Key>), std::optional<int> (Context::*)(const Key&) const>);
static_assert(std::is_same_v<decltype(&Context::to_string), std::string (Context::*)() const>);

// ---- cancel and stop functions
static_assert(std::is_same_v<decltype(&CancelFunc::operator()), void (CancelFunc::*)() const>);
static_assert(std::is_same_v<decltype(&CancelCauseFunc::operator()), void (CancelCauseFunc::*)(Error) const>);
static_assert(std::is_same_v<decltype(&StopFunc::operator()), bool (StopFunc::*)() const>);
static_assert(std::is_copy_constructible_v<CancelFunc> && std::is_copy_constructible_v<CancelCauseFunc>);

// ---- context functions
static_assert(std::is_same_v<decltype(&ctx::background), Context (*)()>);
static_assert(std::is_same_v<decltype(&ctx::todo), Context (*)()>);
static_assert(std::is_same_v<decltype(&ctx::with_cancel), std::pair<Context, CancelFunc> (*)(const Context&)>);
static_assert(
    std::is_same_v<decltype(&ctx::with_cancel_cause), std::pair<Context, CancelCauseFunc> (*)(const Context&)>);
static_assert(
    std::is_same_v<decltype(&ctx::with_deadline), std::pair<Context, CancelFunc> (*)(const Context&, TimePoint)>);
static_assert(std::is_same_v<decltype(&ctx::with_deadline_cause),
                             std::pair<Context, CancelFunc> (*)(const Context&, TimePoint, Error)>);
static_assert(
    std::is_same_v<decltype(&ctx::with_timeout), std::pair<Context, CancelFunc> (*)(const Context&, Duration)>);
static_assert(std::is_same_v<decltype(&ctx::with_timeout_cause),
                             std::pair<Context, CancelFunc> (*)(const Context&, Duration, Error)>);
static_assert(std::is_same_v<decltype(&ctx::with_value<Key, int>), Context (*)(const Context&, Key, int)>);
static_assert(std::is_same_v<decltype(&ctx::without_cancel), Context (*)(const Context&)>);
static_assert(std::is_same_v<decltype(&ctx::cause), Error (*)(const Context&)>);
static_assert(std::is_same_v<decltype(&ctx::after_func), StopFunc (*)(const Context&, std::function<void()>)>);

// ---- channels
static_assert(std::is_default_constructible_v<ctx::Chan<int>>);
static_assert(std::is_constructible_v<ctx::Chan<int>, std::size_t>);
static_assert(!std::is_convertible_v<std::size_t, ctx::Chan<int>>);  // explicit
static_assert(std::is_same_v<decltype(&ctx::Chan<int>::send), void (ctx::Chan<int>::*)(int) const>);
static_assert(std::is_same_v<decltype(&ctx::Chan<int>::recv), std::optional<int> (ctx::Chan<int>::*)() const>);
static_assert(std::is_same_v<decltype(&ctx::Chan<int>::close), void (ctx::Chan<int>::*)() const>);
static_assert(std::is_same_v<decltype(&ctx::Chan<int>::size), std::size_t (ctx::Chan<int>::*)() const>);
static_assert(std::is_same_v<decltype(&ctx::Chan<int>::capacity), std::size_t (ctx::Chan<int>::*)() const>);
static_assert(std::is_base_of_v<std::logic_error, ctx::ClosedChannel>);

// ---- select
static_assert(std::is_same_v<decltype(ctx::select(ctx::recv(std::declval<const ctx::Chan<int>&>()),
                                                  ctx::default_case())),
                             std::size_t>);
static_assert(std::is_same_v<decltype(ctx::recv(std::declval<const ctx::Chan<int>&>())), ctx::RecvCase<int>>);
static_assert(std::is_same_v<decltype(ctx::recv(std::declval<const ctx::Chan<int>&>(),
                                                std::declval<std::optional<int>&>())),
                             ctx::RecvCase<int>>);
static_assert(std::is_same_v<decltype(ctx::recv(std::declval<const ctx::Done&>())), ctx::DoneCase>);
static_assert(std::is_same_v<decltype(ctx::send(std::declval<const ctx::Chan<int>&>(), 1)), ctx::SendCase<int>>);
static_assert(std::is_same_v<decltype(ctx::default_case()), ctx::DefaultCase>);

// ---- time
static_assert(std::is_same_v<decltype(&ctx::after), ctx::Chan<TimePoint> (*)(Duration)>);
static_assert(std::is_same_v<decltype(static_cast<void (*)(Duration)>(&ctx::sleep)), void (*)(Duration)>);
static_assert(std::is_same_v<decltype(static_cast<Error (*)(const Context&, Duration)>(&ctx::sleep)),
                             Error (*)(const Context&, Duration)>);

// ---- goroutines
// WaitGroup is a handle (second round): its members are const, as Chan's are,
// so that a copy captured by a lambda can add, finish and wait.
static_assert(std::is_same_v<decltype(&ctx::WaitGroup::add), void (ctx::WaitGroup::*)(int) const>);
static_assert(std::is_same_v<decltype(&ctx::WaitGroup::done), void (ctx::WaitGroup::*)() const>);
static_assert(std::is_same_v<decltype(&ctx::WaitGroup::wait), void (ctx::WaitGroup::*)() const>);
static_assert(std::is_default_constructible_v<ctx::ErrGroup>);
static_assert(std::is_same_v<decltype(&ctx::ErrGroup::with_context),
                             std::pair<ctx::ErrGroup, Context> (*)(const Context&)>);
static_assert(std::is_same_v<decltype(&ctx::ErrGroup::set_limit), void (ctx::ErrGroup::*)(int)>);
static_assert(std::is_same_v<decltype(&ctx::ErrGroup::wait), Error (ctx::ErrGroup::*)() const>);
static_assert(std::is_same_v<decltype(std::declval<ctx::ErrGroup&>().try_go([] { return Error{}; })), bool>);
static_assert(std::is_same_v<decltype(std::declval<ctx::ErrGroup&>().go([] { return Error{}; })), void>);
static_assert(std::is_same_v<decltype(std::declval<ctx::WaitGroup&>().go([] {})), void>);

// ---- second round: errors (Go's errors package)
static_assert(std::is_same_v<decltype(&ctx::wrap), Error (*)(const Error&, std::string)>);
static_assert(std::is_same_v<decltype(&ctx::join), Error (*)(std::vector<Error>)>);
static_assert(std::is_same_v<decltype(&ctx::is), bool (*)(const Error&, const Error&)>);
static_assert(std::is_same_v<decltype(&Error::unwrap), std::vector<Error> (Error::*)() const>);

// ---- second round: directional channels
using RecvInt = ctx::RecvChan<int>;
using SendInt = ctx::SendChan<int>;
static_assert(std::is_convertible_v<ctx::Chan<int>, RecvInt> && std::is_convertible_v<ctx::Chan<int>, SendInt>);
static_assert(!std::is_convertible_v<RecvInt, ctx::Chan<int>> && !std::is_convertible_v<SendInt, ctx::Chan<int>>);
static_assert(std::is_copy_constructible_v<RecvInt> && std::is_copy_assignable_v<RecvInt>);
static_assert(std::is_copy_constructible_v<SendInt> && std::is_copy_assignable_v<SendInt>);
static_assert(std::is_same_v<decltype(&RecvInt::recv), std::optional<int> (RecvInt::*)() const>);
static_assert(std::is_same_v<decltype(&RecvInt::size), std::size_t (RecvInt::*)() const>);
static_assert(std::is_same_v<decltype(&RecvInt::capacity), std::size_t (RecvInt::*)() const>);
static_assert(std::is_same_v<decltype(*std::declval<const RecvInt&>().begin()), int&>);
static_assert(std::is_same_v<decltype(std::declval<const RecvInt&>().begin() == std::declval<const RecvInt&>().end()),
                             bool>);
static_assert(std::is_same_v<decltype(&SendInt::send), void (SendInt::*)(int) const>);
static_assert(std::is_same_v<decltype(&SendInt::close), void (SendInt::*)() const>);
static_assert(std::is_same_v<decltype(ctx::recv(std::declval<const RecvInt&>())), ctx::RecvCase<int>>);
static_assert(std::is_same_v<decltype(ctx::recv(std::declval<const RecvInt&>(), std::declval<std::optional<int>&>())),
                             ctx::RecvCase<int>>);
static_assert(std::is_same_v<decltype(ctx::send(std::declval<const SendInt&>(), 1)), ctx::SendCase<int>>);

// ---- second round: nil channels
static_assert(std::is_same_v<decltype(ctx::Chan<int>::nil()), ctx::Chan<int>>);
static_assert(std::is_same_v<decltype(std::declval<const ctx::Chan<int>&>().is_nil()), bool>);
static_assert(std::is_same_v<decltype(std::declval<const RecvInt&>().is_nil()), bool>);
static_assert(std::is_same_v<decltype(std::declval<const SendInt&>().is_nil()), bool>);

// ---- second round: timers
static_assert(std::is_constructible_v<ctx::Ticker, Duration> && !std::is_convertible_v<Duration, ctx::Ticker>);
static_assert(std::is_same_v<decltype(&ctx::Ticker::c), ctx::RecvChan<TimePoint> (ctx::Ticker::*)() const>);
static_assert(std::is_same_v<decltype(&ctx::Ticker::stop), void (ctx::Ticker::*)()>);
static_assert(std::is_same_v<decltype(&ctx::Ticker::reset), void (ctx::Ticker::*)(Duration)>);
static_assert(std::is_constructible_v<ctx::Timer, Duration> && !std::is_convertible_v<Duration, ctx::Timer>);
static_assert(std::is_same_v<decltype(&ctx::Timer::c), ctx::RecvChan<TimePoint> (ctx::Timer::*)() const>);
static_assert(std::is_same_v<decltype(&ctx::Timer::stop), bool (ctx::Timer::*)()>);
static_assert(std::is_same_v<decltype(&ctx::Timer::reset), bool (ctx::Timer::*)(Duration)>);

// ---- second round: groups are handles
static_assert(std::is_copy_constructible_v<ctx::WaitGroup> && std::is_copy_assignable_v<ctx::WaitGroup>);
static_assert(std::is_same_v<decltype(std::declval<const ctx::WaitGroup&>().go([] {})), void>);
static_assert(std::is_same_v<decltype(std::declval<const ctx::ErrGroup&>().wait()), Error>);

// ---- defer
static_assert(!std::is_copy_constructible_v<ctx::Defer<CancelFunc>>);
static_assert(!std::is_convertible_v<CancelFunc, ctx::Defer<CancelFunc>>);  // explicit

// ---- leak check
static_assert(std::is_same_v<decltype(ctx::leakcheck::Goroutine::id), std::uint64_t>);
static_assert(std::is_same_v<decltype(ctx::leakcheck::Goroutine::spawn_site), std::string>);
static_assert(std::is_same_v<decltype(ctx::leakcheck::Goroutine::state), std::string>);
static_assert(std::is_same_v<decltype(&ctx::leakcheck::running), std::vector<ctx::leakcheck::Goroutine> (*)()>);
static_assert(std::is_same_v<decltype(&ctx::leakcheck::verify_none), Error (*)(Duration)>);

void f(Context c, int x) { (void)c.err(), (void)x; }

// The "Go to C++ at a glance" table, verbatim.
Error glance(const Context& parent) {
  auto [c, cancel] = ctx::with_cancel(parent);
  ctx::Defer guard{cancel};
  (void)c.err(), (void)c.done();
  ctx::Chan<int> ch(1);
  ch.send(1);
  std::optional<int> v0 = ch.recv();
  (void)v0;
  ch.send(2);
  ch.close();
  for (int v : ch) (void)v;
  ctx::Chan<int> ch2(1);
  ch2.send(3);
  std::optional<int> v;
  switch (ctx::select(ctx::recv(ch2, v), ctx::recv(c.done()))) {
    case 0:
      break;
    default:
      return c.err();
  }
  int x = 1;
  ctx::WaitGroup wg;
  wg.add(2);
  ctx::go(
      [&wg](Context cc, int xx) {
        f(cc, xx);
        wg.done();
      },
      c, x);
  ctx::go([c = c, x, &wg] {
    f(c, x);
    wg.done();
  });
  ctx::go(f, c, x);
  wg.wait();
  // The table's plain timer select and plain sleep, on purpose.
  ctx::select(ctx::recv(ctx::after(std::chrono::milliseconds(1))));  // NOLINT(ctx-blocking-without-done)
  ctx::sleep(std::chrono::milliseconds(1));                          // NOLINT(ctx-blocking-without-done)
  (void)ctx::sleep(c, std::chrono::milliseconds(1));
  auto [g, gctx] = ctx::ErrGroup::with_context(c);
  g.go([gctx = gctx] { return gctx.err(); });
  if (Error err = g.wait()) return err;
  return ctx::leakcheck::verify_none();
}

// The second round's rows of docs/runtime.md's table.
ctx::RecvChan<int> producer(const Context& c, int n) {  // func producer(ctx, n) <-chan int
  ctx::Chan<int> out;
  ctx::go([c, n, out] {
    ctx::SendChan<int> sink = out;  // chan<- int
    for (int i = 0; i < n; ++i) {
      if (ctx::select(ctx::send(sink, i), ctx::recv(c.done())) == 1) break;
    }
    sink.close();
  });
  return out;
}

Error glance_second_round(const Context& c) {
  const Error not_found = Error::make("not found");
  const Error err = ctx::wrap(not_found, "load config");          // fmt.Errorf("load config: %w", err)
  if (!ctx::is(err, not_found)) return err;                       // errors.Is(err, notFound)
  if (err.unwrap() != std::vector<Error>{not_found}) return err;  // errors.Unwrap(err)
  const Error both = ctx::join({err, Error{}, ctx::canceled});    // errors.Join(err, nil, context.Canceled)
  if (!ctx::is(both, ctx::canceled)) return both;

  ctx::Chan<int> timeouts = ctx::Chan<int>::nil();  // var timeouts chan int
  if (!timeouts.is_nil()) return Error::make("nil");
  ctx::Ticker ticker(std::chrono::milliseconds(1));  // time.NewTicker(time.Millisecond)
  ctx::Timer timer(std::chrono::hours(1));           // time.NewTimer(time.Hour)
  int ticks = 0;
  for (int v : producer(c, 3)) {
    std::optional<int> t;
    switch (ctx::select(ctx::recv(ticker.c()), ctx::recv(timer.c()), ctx::recv(timeouts, t))) {  // NOLINT(ctx-blocking-without-done): compiles the select shapes, never runs
      case 0:
        ++ticks;
        break;
      default:
        return Error::make("a stopped or nil case was chosen");
    }
    (void)v;
  }
  ticker.reset(std::chrono::milliseconds(2));  // ticker.Reset(2 * time.Millisecond)
  ticker.stop();                               // ticker.Stop()
  (void)timer.reset(std::chrono::hours(2));    // t.Reset(2 * time.Hour)
  if (!timer.stop()) return Error::make("timer had fired");
  return ticks == 3 ? Error{} : Error::make("ticks: " + std::to_string(ticks));
}

TEST(ApiCompileTest, SecondRound) { EXPECT_FALSE(glance_second_round(ctx::background())); }

TEST(ApiCompileTest, EveryNameAndSignature) {
  EXPECT_FALSE(glance(ctx::background()));

  Error none;
  EXPECT_FALSE(none);
  Error e = Error::make("e");
  EXPECT_EQ(e.message(), "e");
  EXPECT_TRUE(e == e);

  Context nil;
  EXPECT_FALSE(nil);
  Context root = ctx::todo();
  auto [c1, cancel1] = ctx::with_cancel(root);
  auto [c2, cancel2] = ctx::with_cancel_cause(c1);
  auto [c3, cancel3] = ctx::with_deadline(c2, ctx::Clock::now() + std::chrono::hours(1));
  auto [c4, cancel4] = ctx::with_deadline_cause(c3, ctx::Clock::now() + std::chrono::hours(1), e);
  auto [c5, cancel5] = ctx::with_timeout(c4, std::chrono::hours(1));
  auto [c6, cancel6] = ctx::with_timeout_cause(c5, std::chrono::hours(1), e);
  Context c7 = ctx::with_value(c6, Key{}, 7);
  Context c8 = ctx::without_cancel(c7);
  EXPECT_EQ(c8.value<int>(Key{}), 7);
  EXPECT_TRUE(c6.deadline().has_value());
  EXPECT_FALSE(c6.done().closed());
  EXPECT_FALSE(c6.done().wait_for(std::chrono::milliseconds(1)));
  EXPECT_FALSE(c6.done().never());
  EXPECT_FALSE(c6.err());
  EXPECT_FALSE(ctx::cause(c6));
  EXPECT_FALSE(c7.to_string().empty());
  StopFunc stop = ctx::after_func(c6, [] {});
  EXPECT_TRUE(stop());
  cancel2(e);  // first: c3..c6 inherit its cause
  cancel6();
  cancel5();
  cancel4();
  cancel3();
  cancel1();
  c6.done().wait();
  EXPECT_EQ(ctx::cause(c6), e);

  ctx::Chan<int> unbuffered;
  ctx::Chan<int> buffered(2);
  EXPECT_EQ(unbuffered.capacity(), 0u);
  EXPECT_EQ(buffered.size(), 0u);
  std::optional<int> out;
  const std::size_t k = ctx::select(ctx::send(buffered, 1), ctx::recv(unbuffered), ctx::recv(unbuffered, out),
                                    ctx::recv(c6.done()), ctx::default_case());
  EXPECT_TRUE(k == 0 || k == 3) << k;  // the send and the done case are ready
  buffered.close();
  EXPECT_THROW(buffered.close(), ctx::ClosedChannel);

  ctx::WaitGroup wg;
  wg.go([] {});
  wg.add(1);
  wg.done();
  wg.wait();
  ctx::ErrGroup g;
  g.set_limit(2);
  g.go([] { return Error{}; });
  EXPECT_TRUE(g.try_go([] { return Error{}; }) || true);
  EXPECT_FALSE(g.wait());

  for (const ctx::leakcheck::Goroutine& r : ctx::leakcheck::running()) (void)r;
  EXPECT_FALSE(ctx::leakcheck::verify_none());
}

}  // namespace
