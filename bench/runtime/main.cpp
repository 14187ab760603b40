// ctx runtime micro-benchmarks against their std:: counterparts.
// Plain std::chrono timing, median of several repetitions; prints ns per
// operation and the ratio ctx / std. A report, not a test.
#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <stop_token>
#include <string>
#include <thread>
#include <vector>

#include <ctx/ctx.hpp>

namespace {

using Clock = std::chrono::steady_clock;

int g_reps = 7;

// Median over g_reps runs of body(), which performs `ops` operations; ns/op.
double median_ns_per_op(long ops, const std::function<void()>& body) {
  std::vector<double> samples;
  for (int r = 0; r < g_reps; ++r) {
    const auto start = Clock::now();
    body();
    const auto elapsed = std::chrono::duration<double, std::nano>(Clock::now() - start).count();
    samples.push_back(elapsed / static_cast<double>(ops));
  }
  std::sort(samples.begin(), samples.end());
  return samples[samples.size() / 2];
}

void report(const char* name, double ctx_ns, const char* std_name, double std_ns) {
  std::printf("%-52s %12.1f ns/op\n", name, ctx_ns);
  std::printf("%-52s %12.1f ns/op\n", std_name, std_ns);
  std::printf("%-52s %12.2fx\n\n", "  ratio ctx / std", ctx_ns / std_ns);
}

// ---- 1. derive + cancel
void bench_cancel() {
  constexpr long kOps = 200000;
  auto [parent, cancel_parent] = ctx::with_cancel(ctx::background());
  const double ctx_ns = median_ns_per_op(kOps, [&parent = parent] {
    for (long i = 0; i < kOps; ++i) {
      auto [c, cancel] = ctx::with_cancel(parent);
      cancel();
    }
  });
  cancel_parent();

  std::stop_source parent_src;
  const std::stop_token parent_token = parent_src.get_token();
  const double std_ns = median_ns_per_op(kOps, [&] {
    for (long i = 0; i < kOps; ++i) {
      std::stop_source child;
      std::stop_callback link(parent_token, [&child] { child.request_stop(); });
      child.request_stop();
    }
  });
  report("with_cancel(parent) + cancel()", ctx_ns, "stop_source + stop_callback(parent) + request_stop", std_ns);
}

// ---- 2. unbuffered ping-pong between two goroutines
void bench_ping_pong() {
  constexpr long kRounds = 20000;
  const double ctx_ns = median_ns_per_op(kRounds, [] {
    ctx::Chan<long> ping;
    ctx::Chan<long> pong;
    ctx::WaitGroup wg;
    wg.go([=] {
      for (std::optional<long> v = ping.recv(); v; v = ping.recv()) pong.send(*v);
    });
    for (long i = 0; i < kRounds; ++i) {
      ping.send(i);
      (void)pong.recv();
    }
    ping.close();
    wg.wait();
  });

  // The same rendezvous with a mutex and a condition variable.
  struct Slot {
    std::mutex m;
    std::condition_variable cv;
    std::optional<long> value;
    void put(long v) {
      std::unique_lock<std::mutex> lk(m);
      cv.wait(lk, [&] { return !value; });
      value = v;
      cv.notify_all();
    }
    long take() {
      std::unique_lock<std::mutex> lk(m);
      cv.wait(lk, [&] { return value.has_value(); });
      const long v = *value;
      value.reset();
      cv.notify_all();
      return v;
    }
  };
  const double std_ns = median_ns_per_op(kRounds, [] {
    Slot ping;
    Slot pong;
    std::thread echo([&] {
      for (;;) {
        const long v = ping.take();
        if (v < 0) return;
        pong.put(v);
      }
    });
    for (long i = 0; i < kRounds; ++i) {
      ping.put(i);
      (void)pong.take();
    }
    ping.put(-1);
    echo.join();
  });
  report("unbuffered Chan ping-pong (round trip)", ctx_ns, "mutex + condvar hand-off (round trip)", std_ns);
}

// ---- 3. cancelling a tree of 10,000 contexts
void bench_tree() {
  constexpr int kNodes = 10000;
  constexpr int kFanout = 10;
  // Building is timed separately from the cancellation; medians over reps.
  std::vector<double> build_samples;
  std::vector<double> cancel_samples;
  std::vector<double> std_samples;
  for (int r = 0; r < g_reps; ++r) {
    {
      auto [root, cancel_root] = ctx::with_cancel(ctx::background());
      std::vector<std::pair<ctx::Context, ctx::CancelFunc>> nodes;
      nodes.reserve(kNodes);
      nodes.emplace_back(root, cancel_root);
      const auto build_start = Clock::now();
      for (int i = 1; i < kNodes; ++i) nodes.push_back(ctx::with_cancel(nodes[(i - 1) / kFanout].first));
      build_samples.push_back(std::chrono::duration<double, std::nano>(Clock::now() - build_start).count());
      const auto start = Clock::now();
      cancel_root();
      cancel_samples.push_back(std::chrono::duration<double, std::nano>(Clock::now() - start).count());
      if (!nodes.back().first.done().closed()) std::abort();
    }
    {
      struct Node {
        std::stop_source src;
        std::optional<std::stop_callback<std::function<void()>>> link;
      };
      std::vector<std::unique_ptr<Node>> nodes;
      nodes.reserve(kNodes);
      nodes.push_back(std::make_unique<Node>());
      for (int i = 1; i < kNodes; ++i) {
        auto n = std::make_unique<Node>();
        Node* raw = n.get();
        n->link.emplace(nodes[static_cast<std::size_t>((i - 1) / kFanout)]->src.get_token(),
                        std::function<void()>([raw] { raw->src.request_stop(); }));
        nodes.push_back(std::move(n));
      }
      const auto start = Clock::now();
      nodes[0]->src.request_stop();
      std_samples.push_back(std::chrono::duration<double, std::nano>(Clock::now() - start).count());
    }
  }
  std::sort(build_samples.begin(), build_samples.end());
  const double build_ns = build_samples[build_samples.size() / 2];
  std::sort(cancel_samples.begin(), cancel_samples.end());
  std::sort(std_samples.begin(), std_samples.end());
  const double c = cancel_samples[cancel_samples.size() / 2];
  const double s = std_samples[std_samples.size() / 2];
  std::printf("%-52s %12.1f us (%.1f ns/context)\n", "build a 10,000-context tree (fanout 10)", build_ns / 1e3,
              build_ns / kNodes);
  std::printf("%-52s %12.1f us (%.1f ns/context)\n", "cancel the root of 10,000 contexts", c / 1e3, c / kNodes);
  std::printf("%-52s %12.1f us (%.1f ns/node)\n", "request_stop on a 10,000-node stop_source tree", s / 1e3,
              s / kNodes);
  std::printf("%-52s %12.2fx\n\n", "  ratio ctx / std", c / s);
}

// ---- 4. Ticker: the cost of a tick, and how well a short period is kept
// A Ticker at period 1 µs is always due: each received tick costs one firing
// on the timer thread, one re-arm and one channel hand-off. At 100 µs the
// mean interval between received ticks shows how far the period drifts.
double ticker_ns_per_tick(ctx::Duration period, long ticks) {
  return median_ns_per_op(ticks, [period, ticks] {
    ctx::Ticker ticker(period);
    const ctx::RecvChan<ctx::TimePoint> c = ticker.c();
    for (long i = 0; i < ticks; ++i) (void)c.recv();
  });
}

// The counterpart: a thread sleeping until each period's end and handing the
// tick to the receiver through a capacity-1 slot (a missed tick is dropped).
double std_ticker_ns_per_tick(std::chrono::nanoseconds period, long ticks) {
  return median_ns_per_op(ticks, [period, ticks] {
    std::mutex m;
    std::condition_variable cv;
    bool pending = false;
    bool stop = false;
    std::thread ticker([&] {
      auto next = Clock::now() + period;
      std::unique_lock<std::mutex> lk(m);
      while (!stop) {
        if (cv.wait_until(lk, next, [&] { return stop; })) return;
        pending = true;
        cv.notify_all();
        next += period;
      }
    });
    for (long i = 0; i < ticks; ++i) {
      std::unique_lock<std::mutex> lk(m);
      cv.wait(lk, [&] { return pending; });
      pending = false;
    }
    {
      std::lock_guard<std::mutex> lk(m);
      stop = true;
      cv.notify_all();
    }
    ticker.join();
  });
}

void bench_ticker() {
  using std::chrono::microseconds;
  const double fast = ticker_ns_per_tick(microseconds(1), 20000);
  std::printf("%-52s %12.1f ns/tick (%.0f ticks/s)\n", "Ticker(1us): received ticks", fast, 1e9 / fast);
  const double std_fast = std_ticker_ns_per_tick(microseconds(1), 20000);
  std::printf("%-52s %12.1f ns/tick (%.0f ticks/s)\n", "thread + sleep_until + condvar slot (1us)", std_fast,
              1e9 / std_fast);
  std::printf("%-52s %12.2fx\n", "  ratio ctx / std", fast / std_fast);
  const double slow = ticker_ns_per_tick(microseconds(100), 2000);
  const double std_slow = std_ticker_ns_per_tick(microseconds(100), 2000);
  std::printf("%-52s %12.1f ns/tick (period 100000 ns)\n", "Ticker(100us): mean interval", slow);
  std::printf("%-52s %12.1f ns/tick\n\n", "thread + sleep_until + condvar slot (100us)", std_slow);
}

// ---- 5. errors.Is through a chain of 100 wraps
void bench_is() {
  constexpr long kOps = 100000;
  const ctx::Error root = ctx::Error::make("root");
  const ctx::Error other = ctx::Error::make("other");
  ctx::Error top = root;
  for (int i = 0; i < 100; ++i) top = ctx::wrap(top, "layer " + std::to_string(i));
  volatile bool sink = false;
  const double hit = median_ns_per_op(kOps, [&] {
    for (long i = 0; i < kOps; ++i) sink = ctx::is(top, root);
  });
  const double miss = median_ns_per_op(kOps, [&] {
    for (long i = 0; i < kOps; ++i) sink = ctx::is(top, other);
  });
  if (!ctx::is(top, root) || ctx::is(top, other)) std::abort();
  (void)sink;
  std::printf("%-52s %12.1f ns/op\n", "is(err, target), target at wrap depth 100", hit);
  std::printf("%-52s %12.1f ns/op\n\n", "is(err, other), not in a chain of 100 wraps", miss);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc > 1) g_reps = std::max(1, std::atoi(argv[1]));
  std::printf("ctx runtime benchmarks (median of %d runs, %u hardware threads)\n\n", g_reps,
              std::thread::hardware_concurrency());
  bench_cancel();
  bench_ping_pong();
  bench_tree();
  bench_ticker();
  bench_is();
  if (ctx::Error leaks = ctx::leakcheck::verify_none()) {
    std::fprintf(stderr, "%s\n", leaks.message().c_str());
    return 1;
  }
  return 0;
}
