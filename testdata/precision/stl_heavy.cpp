// Precision guard: most of the standard library, instantiated, and code in
// Go's style written with std:: facilities only (threads, futures, condition
// variables, stop tokens). It never includes the ctx runtime, so every ctx-*
// check must stay silent here.
#include <algorithm>
#include <any>
#include <array>
#include <atomic>
#include <barrier>
#include <bitset>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <exception>
#include <filesystem>
#include <functional>
#include <future>
#include <iomanip>
#include <iostream>
#include <latch>
#include <list>
#include <map>
#include <memory>
#include <mutex>
#include <numeric>
#include <optional>
#include <queue>
#include <random>
#include <regex>
#include <semaphore>
#include <set>
#include <shared_mutex>
#include <sstream>
#include <stack>
#include <stop_token>
#include <string>
#include <string_view>
#include <thread>
#include <tuple>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <variant>
#include <vector>

namespace stl_heavy {

// A "context" of our own that is not the runtime's: same names, other meaning.
struct Context {
  std::stop_token token;
};
struct CancelFunc {
  std::stop_source source;
  void operator()() const { const_cast<std::stop_source &>(source).request_stop(); }
};
std::pair<Context, CancelFunc> with_cancel(const Context &) {
  std::stop_source s;
  return {Context{s.get_token()}, CancelFunc{s}};
}
Context background() { return {}; }

struct Server {
  Context ctx_; // not the runtime's Context
  std::vector<std::shared_ptr<Context>> contexts_;
};

void handle(int id, const Context &c) { (void)id, (void)c; }

int worker_pool(const Context &c, int jobs) {
  std::mutex mu;
  std::condition_variable cv;
  std::queue<int> work;
  for (int i = 0; i < jobs; ++i)
    work.push(i);
  std::atomic<int> sum{0};
  std::vector<std::jthread> threads;
  for (int t = 0; t < 2; ++t)
    threads.emplace_back([&](std::stop_token st) {
      for (;;) {
        std::unique_lock lock(mu);
        if (work.empty() || st.stop_requested())
          return;
        int job = work.front();
        work.pop();
        lock.unlock();
        sum += job;
        cv.notify_one();
      }
    });
  threads.clear();
  auto [child, cancel] = with_cancel(c);
  with_cancel(c);
  auto root = background();
  handle(1, child);
  handle(2, root);
  return sum.load();
}

int futures(std::vector<int> v) {
  std::sort(v.begin(), v.end());
  auto fut = std::async(std::launch::deferred,
                        [&] { return std::accumulate(v.begin(), v.end(), 0); });
  std::promise<int> p;
  std::future<int> f = p.get_future();
  p.set_value(3);
  std::shared_future<int> shared = std::async(std::launch::deferred, [] { return 4; }).share();
  std::this_thread::sleep_for(std::chrono::microseconds(1));
  std::latch done(1);
  done.count_down();
  done.wait();
  std::counting_semaphore<2> sem(2);
  sem.acquire();
  sem.release();
  return fut.get() + f.get() + shared.get();
}

int containers(const std::string &s) {
  std::map<std::string, std::vector<int>> m{{s, {1, 2, 3}}};
  std::unordered_map<int, std::string> u;
  for (int x : m[s])
    u.emplace(x, std::to_string(x));
  std::set<int> set(m[s].begin(), m[s].end());
  std::unordered_set<std::string> words{"a", "b"};
  std::deque<int> dq{1, 2};
  std::list<int> l{3, 4};
  std::stack<int> st;
  st.push(1);
  std::priority_queue<int> pq;
  pq.push(2);
  std::array<int, 3> a{1, 2, 3};
  std::bitset<8> bits(5);
  std::tuple<int, std::string> t{1, s};
  std::variant<int, std::string> var = s;
  std::optional<int> o = 4;
  std::any any = 5;
  std::regex re("[a-z]+");
  std::ostringstream os;
  os << std::setw(4) << std::get<0>(t) << std::get<std::string>(var);
  std::mt19937 gen(42);
  std::uniform_int_distribution<int> dist(0, 9);
  std::shared_mutex smu;
  std::shared_lock lock(smu);
  std::filesystem::path path("/tmp");
  std::string_view sv = s;
  return static_cast<int>(m.size() + u.size() + set.size() + words.size() + dq.size() +
                          l.size() + st.size() + pq.size() + a.size() + bits.count() +
                          (o ? *o : 0) + std::any_cast<int>(any) +
                          (std::regex_search(s, re) ? 1 : 0) + os.str().size() + dist(gen) +
                          path.string().size() + sv.size());
}

template <class T> struct Holder {
  T value;
  std::function<void(const T &)> callback;
};

Holder<Context> holder() { return {background(), [](const Context &) {}}; }

} // namespace stl_heavy

int main() {
  stl_heavy::Server server;
  int n = stl_heavy::worker_pool(server.ctx_, 4) + stl_heavy::futures({3, 1, 2}) +
          stl_heavy::containers("abc");
  std::barrier sync(1);
  sync.arrive_and_wait();
  std::cout << n << '\n';
}
