// A plain condition-variable wait observes the token when its notifier is a
// std::stop_callback registered on that token in the same function
// (docs/profiles.md): the stop request runs the callback, which wakes the
// wait. Flagged when the callback is registered on another token, notifies
// another condition variable, does not notify at all, or is registered only
// after the wait (decision: it does not exist while the wait blocks).
#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <stop_token>

using namespace std::chrono_literals;

struct Queue {
  std::mutex mu;
  std::condition_variable cv;
  std::condition_variable other;
  std::condition_variable_any any;
  std::deque<int> items;
};

// Observes: the callback wakes the waiter (timed and untimed waits).
int pop(std::stop_token st, Queue &q) {
  std::stop_callback wake(st, [&q] { q.cv.notify_all(); });
  std::unique_lock lock(q.mu);
  q.cv.wait(lock, [&] { return st.stop_requested() || !q.items.empty(); });
  if (st.stop_requested())
    return -1;
  int item = q.items.front();
  q.items.pop_front();
  return item;
}

bool pop_within(std::stop_token st, Queue &q) {
  std::stop_callback wake(st, [&q] {
    std::lock_guard guard(q.mu);
    q.cv.notify_one();
  });
  std::unique_lock lock(q.mu);
  return q.cv.wait_for(lock, 10ms, [&] { return st.stop_requested() || !q.items.empty(); });
}

// The callback's type spelled out instead of deduced.
void explicit_type(std::stop_token st, Queue &q) {
  std::stop_callback<std::function<void()>> wake(st, [&q] { q.any.notify_all(); });
  std::unique_lock lock(q.mu);
  q.any.wait(lock, [&] { return st.stop_requested(); });
}

// Flagged: the callback notifies another condition variable.
void wakes_another(std::stop_token st, Queue &q) {
  std::stop_callback wake(st, [&q] { q.other.notify_all(); });
  std::unique_lock lock(q.mu);
  q.cv.wait(lock, [&] { return st.stop_requested(); }); // want:3 "'cv\.wait' blocks.*'st'"
}

// Flagged: the callback is registered on a token that is not the one available.
void another_token(std::stop_token st, std::stop_source &other, Queue &q) {
  std::stop_callback wake(other.get_token(), [&q] { q.cv.notify_all(); });
  std::unique_lock lock(q.mu);
  q.cv.wait(lock, [&] { return st.stop_requested(); }); // want:3 "'cv\.wait' blocks.*'st'"
}

// Flagged: the callback records the stop but wakes nobody.
void does_not_notify(std::stop_token st, Queue &q, bool &stopped) {
  std::stop_callback record(st, [&stopped] { stopped = true; });
  std::unique_lock lock(q.mu);
  q.cv.wait(lock, [&] { return stopped; }); // want:3 "'cv\.wait' blocks.*'st'"
}

// Flagged: registered after the wait.
void registered_after(std::stop_token st, Queue &q) {
  {
    std::unique_lock lock(q.mu);
    q.cv.wait(lock, [&] { return st.stop_requested(); }); // want:5 "'cv\.wait' blocks.*'st'"
  }
  std::stop_callback wake(st, [&q] { q.cv.notify_all(); });
}
