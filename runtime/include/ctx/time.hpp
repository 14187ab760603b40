// time.After, time.NewTicker, time.NewTimer, time.Sleep and a sleep that
// observes a context.
#pragma once

#include <memory>

#include "ctx/chan.hpp"
#include "ctx/clock.hpp"
#include "ctx/context.hpp"
#include "ctx/error.hpp"
#include "ctx/roles.hpp"

namespace ctx {

// time.After: a channel of capacity 1 that receives the current time once,
// after d. Served by one shared timer thread; the timer is released when it
// fires.
CTX_ROLE("timer") Chan<TimePoint> after(Duration d);

// time.Sleep: cannot be interrupted.
CTX_ROLE("sleep") void sleep(Duration d);

// Sleeps for d unless c is done first: returns c.err() if c is done (at once
// if it already is), else no error.
CTX_ROLE("observe") Error sleep(const Context& c, Duration d);

namespace detail {
struct TimerState;
}  // namespace detail

// time.NewTicker: sends the current time on c() every period d, on the shared
// timer thread. As in Go 1.23: c() has capacity 1 and a slow receiver misses
// ticks (they are dropped, and the period stays aligned to the start); after
// stop() or reset() no tick of before is received any more. The destructor
// stops it. Movable, not copyable; thread-safe.
class CTX_ROLE("ticker") Ticker {
 public:
  // throws std::invalid_argument if d <= 0 (Go panics)
  explicit Ticker(Duration d);
  ~Ticker();
  Ticker(Ticker&& other) noexcept;
  Ticker& operator=(Ticker&& other) noexcept;

  // the channel the ticks arrive on (nil for a moved-from Ticker)
  CTX_ROLE("timer") RecvChan<TimePoint> c() const;
  // no tick is sent after stop() returns, and a pending one is dropped
  void stop();
  // (re)starts the ticker with period d: the next tick comes d from now.
  // Throws std::invalid_argument if d <= 0.
  void reset(Duration d);

 private:
  std::shared_ptr<detail::TimerState> state_;
};

// time.NewTimer: sends the current time on c() once, after d (at once for
// d <= 0), on the shared timer thread. As in Go 1.23, c() never yields a value
// of before a stop() or reset(). The destructor stops it. Movable, not
// copyable; thread-safe.
class CTX_ROLE("timer_source") Timer {
 public:
  explicit Timer(Duration d);
  ~Timer();
  Timer(Timer&& other) noexcept;
  Timer& operator=(Timer&& other) noexcept;

  // the channel the time arrives on (nil for a moved-from Timer)
  CTX_ROLE("timer") RecvChan<TimePoint> c() const;
  // true if the call prevented the value from being received: the timer had
  // not fired, or its value was still unreceived (it is dropped)
  bool stop();
  // stop() and restart the timer for d from now; returns what stop() would
  bool reset(Duration d);

 private:
  std::shared_ptr<detail::TimerState> state_;
};

}  // namespace ctx
