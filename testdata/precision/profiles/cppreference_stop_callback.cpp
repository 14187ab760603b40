// Precision guard, std profile: the shape of cppreference's
// std::stop_callback example (cpp/thread/stop_callback): a worker waits on
// condition_variable_any with its token; callbacks registered on the
// worker's token (one destroyed before any stop, one after the stop); two
// stopper threads race to request the stop.
#include <chrono>
#include <condition_variable>
#include <iostream>
#include <mutex>
#include <sstream>
#include <thread>

using namespace std::chrono_literals;

class Writer {
  std::ostringstream buffer;

 public:
  ~Writer() { std::cout << buffer.str(); }
  Writer& operator<<(auto input) {
    buffer << input;
    return *this;
  }
};

int main() {
  std::jthread worker([](std::stop_token stoken) {
    Writer() << "Worker thread's id: " << std::this_thread::get_id() << '\n';
    std::mutex mutex;
    std::unique_lock lock(mutex);
    std::condition_variable_any().wait(lock, stoken, [&stoken] { return stoken.stop_requested(); });
  });

  std::stop_callback callback(worker.get_stop_token(), [] {
    Writer() << "Stop callback executed by thread: " << std::this_thread::get_id() << '\n';
  });

  {
    std::stop_callback scoped_callback(worker.get_stop_token(), [] {
      Writer() << "Scoped stop callback executed by thread: " << std::this_thread::get_id()
               << '\n';
    });
  }

  auto stopper_func = [&worker] {
    if (worker.request_stop())
      Writer() << "Stop request executed by thread: " << std::this_thread::get_id() << '\n';
    else
      Writer() << "Stop request not executed by thread: " << std::this_thread::get_id() << '\n';
  };

  std::jthread stopper1(stopper_func);
  std::jthread stopper2(stopper_func);
  stopper1.join();
  stopper2.join();

  Writer() << "Main thread: " << std::this_thread::get_id() << '\n';
  std::stop_callback callback_after_stop(worker.get_stop_token(), [] {
    Writer() << "Stop callback executed by thread: " << std::this_thread::get_id() << '\n';
  });
}
