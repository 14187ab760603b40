// Private declarations shared by the runtime's source files.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <utility>

#include "ctx/context.hpp"
#include "ctx/detail/chan_core.hpp"

namespace ctx::detail {

// One parked goroutine (or thread): see chan_core.hpp.
struct Waiter {
  std::atomic<int> state{0};  // 0 waiting, 1 claimed by a waker, 2 gave up (timeout)
  std::mutex m;
  std::condition_variable cv;
  bool woken = false;
  bool success = false;
  std::size_t fired = 0;
};

// ---------------------------------------------------------------- goroutines
struct GoroutineRecord {
  std::uint64_t id = 0;
  const char* file = "";
  unsigned line = 0;
  std::mutex m;  // guards the three fields below
  BlockKind kind = BlockKind::running;
  const void* object = nullptr;
  std::size_t n = 0;
};

// Starts an internal goroutine (after_func) with a fixed spawn-site label.
void spawn_labeled(std::function<void()> f, const char* label);

// now + d, saturated at TimePoint::max() (no overflow for huge durations).
inline TimePoint deadline_after(Duration d) {
  const TimePoint now = Clock::now();
  if (d > Duration::zero() && d > TimePoint::max() - now) return TimePoint::max();
  return now + d;
}

// ---------------------------------------------------------------- timers
// One shared timer thread, started on first use and never destroyed (so that
// nothing blocks or crashes at process exit).
class TimerService {
 public:
  static TimerService& instance();
  // Runs fn on the timer thread at `when` (fn must not block).
  std::uint64_t schedule(TimePoint when, std::function<void()> fn);
  // True if the timer was removed before it fired.
  bool stop(std::uint64_t id);
  std::size_t live();

 private:
  TimerService() = default;
  void loop();
  std::mutex m_;
  std::condition_variable cv_;
  std::map<std::pair<TimePoint, std::uint64_t>, std::function<void()>> queue_;
  std::unordered_map<std::uint64_t, TimePoint> index_;
  std::uint64_t next_id_ = 1;
  bool started_ = false;
};

}  // namespace ctx::detail
