// Goroutines (detached, registered threads) and the leak checker.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <exception>
#include <map>
#include <memory>
#include <mutex>
#include <sstream>
#include <thread>

#include "ctx/go.hpp"
#include "ctx/leakcheck.hpp"
#include "internal.hpp"

namespace ctx::detail {

namespace {

struct Registry {
  std::mutex m;
  std::map<std::uint64_t, std::shared_ptr<GoroutineRecord>> live;
  std::atomic<std::uint64_t> next_id{1};
};

// Never destroyed: goroutines still blocked at process exit keep using it.
// The static pointer keeps it reachable for LeakSanitizer.
Registry& registry() {
  static Registry* const r = new Registry();
  return *r;
}

thread_local GoroutineRecord* tls_current = nullptr;

[[noreturn]] void panic(const GoroutineRecord& rec, const char* what) {
  if (rec.line != 0) {
    std::fprintf(stderr, "panic: exception escaped goroutine %llu (spawned at %s:%u): %s\n",
                 static_cast<unsigned long long>(rec.id), rec.file, rec.line, what);
  } else {
    std::fprintf(stderr, "panic: exception escaped goroutine %llu (spawned at %s): %s\n",
                 static_cast<unsigned long long>(rec.id), rec.file, what);
  }
  std::fflush(stderr);
  std::terminate();
}

void run_goroutine(const std::shared_ptr<GoroutineRecord>& rec, std::unique_ptr<TaskBase> task) {
  tls_current = rec.get();
  try {
    task->run();
    task.reset();  // the captured callable and arguments die inside the goroutine
  } catch (const std::exception& e) {
    panic(*rec, e.what());
  } catch (...) {
    panic(*rec, "unknown exception");
  }
  tls_current = nullptr;
  Registry& reg = registry();
  std::lock_guard<std::mutex> lk(reg.m);
  reg.live.erase(rec->id);
}

void start(std::unique_ptr<TaskBase> task, const char* file, unsigned line) {
  Registry& reg = registry();
  auto rec = std::make_shared<GoroutineRecord>();
  rec->id = reg.next_id.fetch_add(1, std::memory_order_relaxed);
  rec->file = file != nullptr ? file : "";
  rec->line = line;
  {
    std::lock_guard<std::mutex> lk(reg.m);
    reg.live.emplace(rec->id, rec);
  }
  try {
    std::thread([rec, t = std::move(task)]() mutable { run_goroutine(rec, std::move(t)); }).detach();
  } catch (...) {
    std::lock_guard<std::mutex> lk(reg.m);
    reg.live.erase(rec->id);
    throw;
  }
}

std::string describe(BlockKind kind, const void* object, std::size_t n) {
  char buf[160];
  switch (kind) {
    case BlockKind::running:
      return "running";
    case BlockKind::chan_send:
      if (object == nullptr) return "blocked in send on nil chan";
      std::snprintf(buf, sizeof buf, "blocked in send on chan %p (capacity %zu)", object, n);
      return buf;
    case BlockKind::chan_recv:
      if (object == nullptr) return "blocked in recv on nil chan";
      std::snprintf(buf, sizeof buf, "blocked in recv on chan %p (capacity %zu)", object, n);
      return buf;
    case BlockKind::select:
      if (n == 0) return "blocked forever in select (no cases)";
      std::snprintf(buf, sizeof buf, "blocked in select (%zu case%s)", n, n == 1 ? "" : "s");
      return buf;
    case BlockKind::select_nil:
      std::snprintf(buf, sizeof buf, "blocked forever in select (%zu cases, all on nil chans)", n);
      return buf;
    case BlockKind::done_wait:
      return "blocked in Done::wait";
    case BlockKind::wait_group:
      return "blocked in WaitGroup::wait";
    case BlockKind::errgroup_wait:
      return "blocked in ErrGroup::wait";
    case BlockKind::errgroup_go:
      return "blocked in ErrGroup::go (group at its limit)";
    case BlockKind::sleep:
      return "blocked in sleep";
  }
  return "running";
}

}  // namespace

void spawn(std::unique_ptr<TaskBase> task, const char* file, unsigned line) {
  start(std::move(task), file, line);
}

void spawn_labeled(std::function<void()> f, const char* label) {
  start(make_task(std::move(f)), label, 0);
}

BlockScope::BlockScope(BlockKind kind, const void* object, std::size_t n) noexcept : record_(tls_current) {
  if (record_ == nullptr) return;
  auto* rec = static_cast<GoroutineRecord*>(record_);
  std::lock_guard<std::mutex> lk(rec->m);
  rec->kind = kind;
  rec->object = object;
  rec->n = n;
}

BlockScope::~BlockScope() {
  if (record_ == nullptr) return;
  auto* rec = static_cast<GoroutineRecord*>(record_);
  std::lock_guard<std::mutex> lk(rec->m);
  rec->kind = BlockKind::running;
  rec->object = nullptr;
  rec->n = 0;
}

}  // namespace ctx::detail

namespace ctx::leakcheck {

std::vector<Goroutine> running() {
  std::vector<std::shared_ptr<detail::GoroutineRecord>> records;
  {
    auto& reg = detail::registry();
    std::lock_guard<std::mutex> lk(reg.m);
    records.reserve(reg.live.size());
    for (const auto& [id, rec] : reg.live) records.push_back(rec);
  }
  std::vector<Goroutine> out;
  out.reserve(records.size());
  for (const auto& rec : records) {
    detail::BlockKind kind;
    const void* object;
    std::size_t n;
    {
      std::lock_guard<std::mutex> lk(rec->m);
      kind = rec->kind;
      object = rec->object;
      n = rec->n;
    }
    std::string site = rec->file;
    if (rec->line != 0) site += ":" + std::to_string(rec->line);
    out.push_back(Goroutine{rec->id, std::move(site), detail::describe(kind, object, n)});
  }
  return out;
}

std::vector<std::uint64_t> current_ids() {
  std::vector<std::uint64_t> ids;
  auto& reg = detail::registry();
  std::lock_guard<std::mutex> lk(reg.m);
  for (const auto& entry : reg.live) ids.push_back(entry.first);
  return ids;
}

Error verify_none_except(const std::vector<std::uint64_t>& ignore, Duration grace) {
  const TimePoint deadline = detail::deadline_after(grace);
  const std::uint64_t self = detail::tls_current != nullptr ? detail::tls_current->id : 0;
  auto backoff = std::chrono::microseconds(500);
  for (;;) {
    std::vector<Goroutine> leaked = running();
    leaked.erase(std::remove_if(leaked.begin(), leaked.end(),
                                [&](const Goroutine& g) {
                                  return g.id == self ||
                                         std::find(ignore.begin(), ignore.end(), g.id) != ignore.end();
                                }),
                 leaked.end());
    if (leaked.empty()) return Error{};
    const TimePoint now = Clock::now();
    if (now >= deadline) {
      std::ostringstream msg;
      msg << "found " << leaked.size() << " leaked goroutine" << (leaked.size() == 1 ? "" : "s") << ":";
      for (const Goroutine& g : leaked) {
        msg << "\n  goroutine " << g.id << " [" << g.state << "], spawned at " << g.spawn_site;
      }
      return Error::make(msg.str());
    }
    std::this_thread::sleep_for(std::min<Duration>(backoff, deadline - now));
    backoff = std::min<std::chrono::microseconds>(backoff * 2, std::chrono::milliseconds(50));
  }
}

Error verify_none(Duration grace) { return verify_none_except({}, grace); }

}  // namespace ctx::leakcheck
