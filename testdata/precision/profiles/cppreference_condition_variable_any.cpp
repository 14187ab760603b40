// Precision guard, std profile: condition_variable_any as cppreference shows
// it (cpp/thread/condition_variable_any/wait: waiters with a predicate and a
// signalling thread, no token), and its interruptible wait (the
// wait(lock, stop_token, pred) overload) in a jthread consumer.
#include <chrono>
#include <condition_variable>
#include <deque>
#include <iostream>
#include <mutex>
#include <thread>

std::condition_variable_any cv;
std::mutex cv_m;
int i = 0;

void waits() {
  std::unique_lock<std::mutex> lk(cv_m);
  std::cerr << "Waiting... \n";
  cv.wait(lk, [] { return i == 1; });
  std::cerr << "...finished waiting. i == 1\n";
}

void signals() {
  std::this_thread::sleep_for(std::chrono::seconds(1));
  {
    std::lock_guard<std::mutex> lk(cv_m);
    std::cerr << "Notifying...\n";
  }
  cv.notify_all();

  std::this_thread::sleep_for(std::chrono::seconds(1));
  {
    std::lock_guard<std::mutex> lk(cv_m);
    i = 1;
    std::cerr << "Notifying again...\n";
  }
  cv.notify_all();
}

std::deque<int> queue;

void consume(std::stop_token st) {
  while (!st.stop_requested()) {
    std::unique_lock<std::mutex> lk(cv_m);
    if (!cv.wait(lk, st, [] { return !queue.empty(); }))
      return;
    std::cout << "consumed " << queue.front() << '\n';
    queue.pop_front();
  }
}

int main() {
  std::thread t1(waits), t2(waits), t3(waits), t4(signals);
  t1.join();
  t2.join();
  t3.join();
  t4.join();

  std::jthread consumer(consume);
  for (int n = 0; n < 3; ++n) {
    {
      std::lock_guard<std::mutex> lk(cv_m);
      queue.push_back(n);
    }
    cv.notify_one();
  }
}
