// Precision guard, std profile: the shape of cppreference's std::jthread
// constructor example (cpp/thread/jthread/jthread): jthreads started with
// functions, a reference argument, a member function and a function object,
// none taking a token, each looping a bounded number of times.
#include <chrono>
#include <functional>
#include <iostream>
#include <thread>
#include <utility>

using namespace std::literals;

void f1(int n) {
  for (int i = 0; i < 5; ++i) {
    std::cout << "Thread 1 executing\n";
    ++n;
    std::this_thread::sleep_for(10ms);
  }
}

void f2(int& n) {
  for (int i = 0; i < 5; ++i) {
    std::cout << "Thread 2 executing\n";
    ++n;
    std::this_thread::sleep_for(10ms);
  }
}

class foo {
 public:
  void bar() {
    for (int i = 0; i < 5; ++i) {
      std::cout << "Thread 3 executing\n";
      ++n;
      std::this_thread::sleep_for(10ms);
    }
  }
  int n = 0;
};

class baz {
 public:
  void operator()() {
    for (int i = 0; i < 5; ++i) {
      std::cout << "Thread 4 executing\n";
      ++n;
      std::this_thread::sleep_for(10ms);
    }
  }
  int n = 0;
};

int main() {
  int n = 0;
  foo f;
  baz b;
  std::jthread t0;
  std::jthread t1(f1, n + 1);
  std::jthread t2a(f2, std::ref(n));
  std::jthread t2b(std::move(t2a));
  std::jthread t3(&foo::bar, &f);
  std::jthread t4(b);
  std::jthread t5(std::ref(b));
  t1.join();
  t2b.join();
  t3.join();
  std::cout << "Final value of n is " << n << '\n';
  std::cout << "Final value of f.n (foo::n) is " << f.n << '\n';
  std::cout << "Final value of b.n (baz::n) is " << b.n << '\n';
}
