// The shared timer thread, time.After and the sleeps.
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

}  // namespace ctx
