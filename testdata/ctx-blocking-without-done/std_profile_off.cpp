// OPTION: Profiles=ctx;grpc
// The global option Profiles (docs/profiles.md) lists the profiles the checks
// apply; without std, code that would be flagged under it stays silent.
#include <chrono>
#include <condition_variable>
#include <future>
#include <mutex>
#include <stop_token>
#include <thread>

void waits(std::stop_token st, std::future<int> &f, std::mutex &mu, std::condition_variable &cv) {
  std::this_thread::sleep_for(std::chrono::milliseconds(1));
  std::unique_lock lock(mu);
  cv.wait_for(lock, std::chrono::milliseconds(1));
  (void)f.get();
}
