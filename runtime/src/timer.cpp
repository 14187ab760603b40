// The shared timer thread, time.After, Ticker, Timer and the sleeps.
#include <stdexcept>
#include <thread>

#include "ctx/select.hpp"
#include "ctx/time.hpp"
#include "internal.hpp"

namespace ctx::detail {

TimerService& TimerService::instance() {
  static TimerService* const s = new TimerService();  // never destroyed
  return *s;
}

std::uint64_t TimerService::schedule(TimePoint when, std::function<void()> fn) {
  std::lock_guard<std::mutex> lk(m_);
  if (!started_) {
    std::thread([this] { loop(); }).detach();
    started_ = true;
  }
  const std::uint64_t id = next_id_++;
  const bool earliest = queue_.empty() || when < queue_.begin()->first.first;
  queue_.emplace(std::make_pair(when, id), std::move(fn));
  index_.emplace(id, when);
  if (earliest) cv_.notify_one();
  return id;
}

bool TimerService::stop(std::uint64_t id) {
  std::function<void()> dropped;  // destroyed outside the lock
  std::lock_guard<std::mutex> lk(m_);
  auto it = index_.find(id);
  if (it == index_.end()) return false;
  auto q = queue_.find(std::make_pair(it->second, id));
  dropped = std::move(q->second);
  queue_.erase(q);
  index_.erase(it);
  return true;
}

std::size_t TimerService::live() {
  std::lock_guard<std::mutex> lk(m_);
  return index_.size();
}

void TimerService::loop() {
  std::unique_lock<std::mutex> lk(m_);
  for (;;) {
    if (queue_.empty()) {
      cv_.wait(lk);
      continue;
    }
    auto it = queue_.begin();
    const TimePoint when = it->first.first;
    if (Clock::now() < when) {
      cv_.wait_until(lk, when);
      continue;
    }
    std::function<void()> fn = std::move(it->second);
    index_.erase(it->first.second);
    queue_.erase(it);
    lk.unlock();
    fn();
    fn = nullptr;
    lk.lock();
  }
}

std::size_t live_timer_count() { return TimerService::instance().live(); }

// A Ticker's or Timer's state, shared with the callback scheduled on the
// timer thread. Every field is guarded by m, which is taken before the
// channel's lock and before the timer service's (never the other way round).
struct TimerState {
  std::mutex m;
  const Chan<TimePoint> ch{1};
  Duration period{};      // > 0 for a ticker
  std::uint64_t id = 0;   // the scheduled firing, 0 when none
  std::uint64_t seq = 0;  // bumped on every (re)arm and disarm: an older firing does nothing
  bool pending = false;   // armed and not fired yet
};

namespace {

void arm(const std::shared_ptr<TimerState>& st, TimePoint when);

// The next tick after `when` that is still in the future: ticks a slow
// receiver missed are skipped, keeping the period aligned (Go's runtime).
TimePoint next_tick(TimePoint when, Duration period) {
  const TimePoint now = Clock::now();
  const auto periods = now > when ? (now - when) / period + 1 : 1;
  if (periods > Duration::max() / period || period * periods > TimePoint::max() - when) return TimePoint::max();
  return when + period * periods;
}

// Runs on the timer thread. The send never blocks: capacity 1, and a tick
// that finds the buffer full is dropped.
void fire(const std::shared_ptr<TimerState>& st, std::uint64_t seq, TimePoint when) {
  std::lock_guard<std::mutex> lk(st->m);
  if (st->seq != seq) return;  // stopped or reset since it was scheduled
  st->id = 0;
  st->pending = false;
  select(send(st->ch, Clock::now()), default_case());
  if (st->period > Duration::zero()) arm(st, next_tick(when, st->period));
}

// With st->m held.
void arm(const std::shared_ptr<TimerState>& st, TimePoint when) {
  const std::uint64_t seq = ++st->seq;
  st->id = TimerService::instance().schedule(when, [st, seq, when] { fire(st, seq, when); });
  st->pending = true;
}

// With st->m held: cancels the scheduled firing, and a firing already under
// way, and drops an unreceived value. True if that prevented a value from
// being received.
bool disarm(TimerState& st) {
  bool prevented = st.pending;
  ++st.seq;
  if (st.id != 0) TimerService::instance().stop(st.id);
  st.id = 0;
  st.pending = false;
  if (select(recv(st.ch), default_case()) == 0) prevented = true;
  return prevented;
}

std::shared_ptr<TimerState> start(Duration period, Duration first) {
  auto st = std::make_shared<TimerState>();
  std::lock_guard<std::mutex> lk(st->m);
  st->period = period;
  arm(st, deadline_after(first));
  return st;
}

bool stop(const std::shared_ptr<TimerState>& st) {
  if (!st) return false;
  std::lock_guard<std::mutex> lk(st->m);
  return disarm(*st);
}

bool restart(const std::shared_ptr<TimerState>& st, Duration period, Duration first, const char* who) {
  if (!st) throw std::logic_error(std::string(who) + " called on a moved-from object");
  std::lock_guard<std::mutex> lk(st->m);
  const bool prevented = disarm(*st);
  st->period = period;
  arm(st, deadline_after(first));
  return prevented;
}

Duration positive(Duration d, const char* who) {
  if (d <= Duration::zero()) throw std::invalid_argument(std::string("non-positive interval for ") + who);
  return d;
}

RecvChan<TimePoint> channel_of(const std::shared_ptr<TimerState>& st) {
  return st ? RecvChan<TimePoint>(st->ch) : RecvChan<TimePoint>::nil();
}

}  // namespace

}  // namespace ctx::detail

namespace ctx {

Chan<TimePoint> after(Duration d) {
  Chan<TimePoint> ch(1);
  auto fire = [ch] {
    // Capacity 1 and a single send: never blocks.
    select(send(ch, Clock::now()), default_case());
  };
  if (d <= Duration::zero()) {
    fire();
  } else {
    detail::TimerService::instance().schedule(detail::deadline_after(d), std::move(fire));
  }
  return ch;
}

void sleep(Duration d) {
  if (d <= Duration::zero()) return;
  detail::BlockScope blocked(detail::BlockKind::sleep);
  std::this_thread::sleep_for(d);
}

Error sleep(const Context& c, Duration d) {
  const Done done = c.done();
  const std::shared_ptr<detail::ChanBase>& ch = detail::Access::done_chan(done);
  if (!ch) {
    sleep(d);
    return Error{};
  }
  const TimePoint deadline = detail::deadline_after(d);
  detail::CaseDesc wait_done{ch.get(), detail::CaseKind::recv, nullptr};
  if (detail::select_impl(&wait_done, 1, &deadline, detail::BlockKind::sleep) == 0) return c.err();
  return Error{};
}

Ticker::Ticker(Duration d) : state_(detail::start(detail::positive(d, "ctx::Ticker"), d)) {}

Ticker::~Ticker() { detail::stop(state_); }

Ticker::Ticker(Ticker&& other) noexcept = default;

Ticker& Ticker::operator=(Ticker&& other) noexcept {
  if (this != &other) {
    detail::stop(state_);
    state_ = std::move(other.state_);
  }
  return *this;
}

RecvChan<TimePoint> Ticker::c() const { return detail::channel_of(state_); }

void Ticker::stop() { detail::stop(state_); }

void Ticker::reset(Duration d) {
  detail::restart(state_, detail::positive(d, "ctx::Ticker::reset"), d, "ctx::Ticker::reset");
}

Timer::Timer(Duration d) : state_(detail::start(Duration::zero(), d)) {}

Timer::~Timer() { detail::stop(state_); }

Timer::Timer(Timer&& other) noexcept = default;

Timer& Timer::operator=(Timer&& other) noexcept {
  if (this != &other) {
    detail::stop(state_);
    state_ = std::move(other.state_);
  }
  return *this;
}

RecvChan<TimePoint> Timer::c() const { return detail::channel_of(state_); }

bool Timer::stop() { return detail::stop(state_); }

bool Timer::reset(Duration d) { return detail::restart(state_, Duration::zero(), d, "ctx::Timer::reset"); }

}  // namespace ctx
