// The standard library's waits (option BlockingFunctions): futures,
// condition variables, sleeps. A condition_variable_any wait given a
// std::stop_token observes cancellation; timed waits end by themselves;
// joins are not flagged by default.
#include <ctx/ctx.hpp>

#include <chrono>
#include <condition_variable>
#include <future>
#include <mutex>
#include <stop_token>
#include <thread>

using namespace std::chrono_literals;

int futures(const ctx::Context &c, std::future<int> f, std::shared_future<int> s) {
  f.wait();            // want:3 "'f.wait' blocks without observing cancellation of 'c'"
  s.wait();            // want:3 "'s.wait' blocks"
  return f.get() + s.get(); // want:10 "'f.get' blocks" want:20 "'s.get' blocks"
}

void condition(const ctx::Context &c, std::mutex &mu, std::condition_variable &cv, bool &ready) {
  std::unique_lock lock(mu);
  cv.wait(lock, [&] { return ready; }); // want:3 "'cv.wait' blocks without observing cancellation of 'c'"
  cv.wait_for(lock, 10ms);
}

void sleeps(const ctx::Context &c) {
  std::this_thread::sleep_for(10ms); // want:3 "'std::this_thread::sleep_for' blocks without observing cancellation of 'c'; use a wait that observes it"
  std::this_thread::sleep_until(std::chrono::steady_clock::now() + 1ms); // want:3 "'std::this_thread::sleep_until' blocks"
}

void stoppable(const ctx::Context &c, std::mutex &mu, std::condition_variable_any &cv,
               std::stop_token token, bool &ready) {
  std::unique_lock lock(mu);
  cv.wait(lock, token, [&] { return ready; });
}

void joins(const ctx::Context &c, std::thread &t) {
  ctx::WaitGroup wg;
  wg.go([c] { (void)ctx::sleep(c, 1ms); });
  wg.wait();
  t.join();
}

int no_context(std::future<int> f) { return f.get(); }
