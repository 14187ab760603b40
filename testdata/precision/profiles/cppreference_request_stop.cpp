// Precision guard, std profile: the shape of cppreference's
// std::jthread::request_stop example (cpp/thread/jthread/request_stop): a
// "sleepy" worker that polls its token between sleeps and a "waiting" worker
// woken by the stop request through condition_variable_any's token overload;
// one stopped explicitly, one by its destructor.
#include <chrono>
#include <condition_variable>
#include <iostream>
#include <mutex>
#include <thread>

using namespace std::chrono_literals;

void print(auto txt) { std::cout << std::this_thread::get_id() << ' ' << txt << '\n'; }

int main() {
  std::jthread sleepy_worker([](std::stop_token stoken) {
    for (int i = 10; i; --i) {
      std::this_thread::sleep_for(300ms);  // NOLINT(ctx-blocking-without-done): a 300 ms poll between stop_requested() checks; the std profile flags every sleep in code that has a token
      if (stoken.stop_requested()) {
        print("Sleepy worker is requested to stop");
        return;
      }
      print("Sleepy worker goes back to sleep");
    }
  });

  std::jthread waiting_worker([](std::stop_token stoken) {
    std::mutex mutex;
    std::unique_lock lock(mutex);
    std::condition_variable_any().wait(lock, stoken, [] { return false; });
    print("Waiting worker is requested to stop");
    return;
  });

  std::this_thread::sleep_for(400ms);
  print("Requesting stop of sleepy worker");
  sleepy_worker.request_stop();
  sleepy_worker.join();
  print("Sleepy worker joined");
}
