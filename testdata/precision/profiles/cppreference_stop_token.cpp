// Precision guard, std profile: the shape of cppreference's std::stop_token
// example (cpp/thread/stop_token): a jthread function that polls
// stop_requested() around a short sleep; the jthread's destructor stops it.
#include <chrono>
#include <iostream>
#include <thread>

using namespace std::literals::chrono_literals;

void f(std::stop_token stop_token, int value) {
  while (!stop_token.stop_requested()) {
    std::cout << value++ << ' ' << std::flush;
    std::this_thread::sleep_for(200ms);  // NOLINT(ctx-blocking-without-done): a 200 ms poll between stop_requested() checks; the std profile flags every sleep in code that has a token
  }
  std::cout << std::endl;
}

int main() {
  std::jthread thread(f, 5);
  std::this_thread::sleep_for(3s);
}
