// The std profile (docs/profiles.md): in code that has a std::stop_token, a
// wait that cannot see the token is flagged at the wait call: the sleeps,
// every std::condition_variable wait (timed ones included), a
// condition_variable_any wait without the token overload (timed ones
// included), future get/wait, semaphore acquire, latch wait and barrier
// arrive_and_wait. Not flagged: the token overloads of
// condition_variable_any, timed polls of futures and semaphores, try_ forms,
// joins, and the same waits in code without a token.
// Messages name the wait and the token; for condition variables also what
// would observe it (the token overload, or a std::stop_callback).
#include <barrier>
#include <chrono>
#include <condition_variable>
#include <future>
#include <latch>
#include <mutex>
#include <semaphore>
#include <stop_token>
#include <thread>

using namespace std::chrono_literals;

void sleeps(std::stop_token st) {
  std::this_thread::sleep_for(10ms); // want:3 "'std::this_thread::sleep_for' blocks.*'st'"
  std::this_thread::sleep_until(std::chrono::steady_clock::now() + 1ms); // want:3 "'std::this_thread::sleep_until' blocks.*'st'"
}

void plain_condition_variable(std::stop_token st, std::mutex &mu, std::condition_variable &cv,
                              bool &ready) {
  auto deadline = std::chrono::steady_clock::now() + 10ms;
  auto is_ready = [&] { return ready; };
  std::unique_lock lock(mu);
  cv.wait(lock, is_ready); // want:3 "'cv\.wait' blocks.*'st'.*stop_callback"
  cv.wait(lock); // want:3 "'cv\.wait' blocks.*'st'"
  cv.wait_for(lock, 10ms); // want:3 "'cv\.wait_for' blocks.*'st'"
  cv.wait_for(lock, 10ms, is_ready); // want:3 "'cv\.wait_for' blocks.*'st'"
  cv.wait_until(lock, deadline); // want:3 "'cv\.wait_until' blocks.*'st'"
  cv.wait_until(lock, deadline, is_ready); // want:3 "'cv\.wait_until' blocks.*'st'"
}

void any_without_token(std::stop_token st, std::mutex &mu, std::condition_variable_any &cva,
                       bool &ready) {
  auto deadline = std::chrono::steady_clock::now() + 10ms;
  auto is_ready = [&] { return ready; };
  std::unique_lock lock(mu);
  cva.wait(lock, is_ready); // want:3 "'cva\.wait' blocks.*'st'.*(overload|stop_token)"
  cva.wait(lock); // want:3 "'cva\.wait' blocks.*'st'"
  cva.wait_for(lock, 10ms, is_ready); // want:3 "'cva\.wait_for' blocks.*'st'"
  cva.wait_until(lock, deadline, is_ready); // want:3 "'cva\.wait_until' blocks.*'st'"
}

// The token overloads are notified by a stop request on the token.
bool any_with_token(std::stop_token st, std::mutex &mu, std::condition_variable_any &cva,
                    bool &ready) {
  auto is_ready = [&] { return ready; };
  std::unique_lock lock(mu);
  if (!cva.wait(lock, st, is_ready))
    return false;
  if (!cva.wait_for(lock, st, 10ms, is_ready))
    return false;
  return cva.wait_until(lock, st, std::chrono::steady_clock::now() + 10ms, is_ready);
}

void futures(std::stop_token st, std::future<int> &f, std::shared_future<int> &s,
             std::future<void> &v) {
  v.wait(); // want:3 "'v\.wait' blocks.*'st'"
  v.get(); // want:3 "'v\.get' blocks.*'st'"
  s.wait(); // want:3 "'s\.wait' blocks.*'st'"
  int n = f.get() + s.get(); // want:11 "'f\.get' blocks.*'st'" want:21 "'s\.get' blocks.*'st'"
  (void)n;
  std::future<int> spawned = std::async(std::launch::async, [] { return 1; });
  (void)spawned.get(); // want:9 "'spawned\.get' blocks.*'st'"
}

// Timed polls end by themselves, and a poll loop that checks the token is
// the idiomatic cancellable wait for a future. Decision (profiles.md names
// future::get without this case): a get() reached only after a poll said the
// result is ready does not block, so it is not flagged either.
int future_polls(std::stop_token st, std::future<int> &f) {
  while (f.wait_for(10ms) != std::future_status::ready)
    if (st.stop_requested())
      return -1;
  if (f.wait_until(std::chrono::steady_clock::now() + 1ms) == std::future_status::timeout)
    return -1;
  return f.get();
}

void semaphores(std::stop_token st, std::counting_semaphore<4> &slots,
                std::binary_semaphore &ready) {
  slots.acquire(); // want:3 "'slots\.acquire' blocks.*'st'"
  ready.acquire(); // want:3 "'ready\.acquire' blocks.*'st'"
  if (slots.try_acquire_for(10ms))
    slots.release();
  if (ready.try_acquire_until(std::chrono::steady_clock::now() + 10ms))
    ready.release();
  if (slots.try_acquire())
    slots.release();
}

// Decision: latch::arrive_and_wait and barrier::wait are the same waits as the
// latch::wait and barrier::arrive_and_wait that profiles.md names.
void latches_and_barriers(std::stop_token st, std::latch &started, std::barrier<> &phase) {
  started.wait(); // want:3 "'started\.wait' blocks.*'st'"
  started.arrive_and_wait(); // want:3 "'started\.arrive_and_wait' blocks.*'st'"
  phase.arrive_and_wait(); // want:3 "'phase\.arrive_and_wait' blocks.*'st'"
  phase.wait(phase.arrive()); // want:3 "'phase\.wait' blocks.*'st'"
  if (started.try_wait())
    phase.arrive_and_drop();
}

// Joins are not flagged: the joined thread is checked itself.
void joins(std::stop_token st, std::thread &t, std::jthread &j) {
  t.join();
  j.join();
}

// No token, no finding.
int no_token(std::future<int> &f, std::mutex &mu, std::condition_variable &cv,
             std::counting_semaphore<4> &slots, std::latch &started) {
  std::this_thread::sleep_for(1ms);
  std::unique_lock lock(mu);
  cv.wait_for(lock, 1ms);
  slots.acquire();
  started.wait();
  return f.get();
}
