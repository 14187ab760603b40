// Channels and select (Go's chan.go and select.go, with one lock per channel
// and a claim flag per parked goroutine instead of the scheduler).
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>

#include "ctx/chan.hpp"
#include "internal.hpp"

namespace ctx::detail {

void SudogQueue::push(Sudog* s) noexcept {
  s->prev = tail;
  s->next = nullptr;
  if (tail != nullptr) {
    tail->next = s;
  } else {
    head = s;
  }
  tail = s;
  s->queued = true;
}

void SudogQueue::remove(Sudog* s) noexcept {
  if (s->prev != nullptr) {
    s->prev->next = s->next;
  } else {
    head = s->next;
  }
  if (s->next != nullptr) {
    s->next->prev = s->prev;
  } else {
    tail = s->prev;
  }
  s->prev = s->next = nullptr;
  s->queued = false;
}

Sudog* SudogQueue::pop_claimed() noexcept {
  while (head != nullptr) {
    Sudog* s = head;
    remove(s);
    int expected = 0;
    if (s->waiter->state.compare_exchange_strong(expected, 1, std::memory_order_acq_rel)) return s;
  }
  return nullptr;
}

namespace {

// Completes a claimed sudog: records the outcome and wakes its goroutine.
// The sudog and its waiter live on the parked goroutine's stack; they must not
// be touched after the waiter's mutex is released.
void complete(Sudog* s, bool success) {
  Waiter* w = s->waiter;
  const std::size_t index = s->index;
  std::lock_guard<std::mutex> lk(w->m);
  w->fired = index;
  w->success = success;
  w->woken = true;
  w->cv.notify_one();
}

enum class TryResult { not_ready, done, send_on_closed };

TryResult try_recv(ChanBase& c, void* elem) {
  if (Sudog* s = c.sendq.pop_claimed()) {
    // A parked sender: the buffer (if any) is full. Take its head and put
    // the sender's value at the tail, or take the value directly.
    if (c.capacity() == 0) {
      c.transfer(elem, s->elem);
    } else {
      c.buf_pop(elem);
      c.buf_push(s->elem);
    }
    complete(s, true);
    return TryResult::done;
  }
  if (c.buf_size() > 0) {
    c.buf_pop(elem);
    return TryResult::done;
  }
  if (c.is_closed()) {
    c.set_empty(elem);
    return TryResult::done;
  }
  return TryResult::not_ready;
}

TryResult try_send(ChanBase& c, void* elem) {
  if (c.is_closed()) return TryResult::send_on_closed;
  if (Sudog* s = c.recvq.pop_claimed()) {
    c.transfer(s->elem, elem);
    complete(s, true);
    return TryResult::done;
  }
  if (c.buf_size() < c.capacity()) {
    c.buf_push(elem);
    return TryResult::done;
  }
  return TryResult::not_ready;
}

std::uint64_t next_random() noexcept {
  static std::atomic<std::uint64_t> seeds{0x9E3779B97F4A7C15ULL};
  thread_local std::uint64_t s = [] {
    std::uint64_t x = seeds.fetch_add(0x9E3779B97F4A7C15ULL, std::memory_order_relaxed) ^
                      static_cast<std::uint64_t>(std::chrono::steady_clock::now().time_since_epoch().count()) ^
                      std::hash<std::thread::id>{}(std::this_thread::get_id());
    return x == 0 ? 0x2545F4914F6CDD1DULL : x;
  }();
  s ^= s << 13;
  s ^= s >> 7;
  s ^= s << 17;
  return s;
}

// Small-size buffers on the stack, heap beyond.
template <class T, std::size_t N>
class Scratch {
 public:
  explicit Scratch(std::size_t n) : big_(n > N ? std::make_unique<T[]>(n) : nullptr) {}
  T* data() noexcept { return big_ ? big_.get() : small_; }

 private:
  T small_[N]{};
  std::unique_ptr<T[]> big_;
};

class LockSet {
 public:
  LockSet(ChanBase** chans, std::size_t n) noexcept : chans_(chans), n_(n) {}
  void lock() noexcept {
    for (std::size_t i = 0; i < n_; ++i) chans_[i]->mu.lock();
  }
  void unlock() noexcept {
    for (std::size_t i = n_; i > 0; --i) chans_[i - 1]->mu.unlock();
  }

 private:
  ChanBase** chans_;
  std::size_t n_;
};

// What a select about to park is blocked on, for the leak checker. A single
// case is a plain send or receive (on a nil channel when chan is null).
BlockKind block_kind(const CaseDesc* cases, std::size_t n, std::size_t active) noexcept {
  if (n == 1) return cases[0].kind == CaseKind::recv ? BlockKind::chan_recv : BlockKind::chan_send;
  return active == 0 && n > 0 ? BlockKind::select_nil : BlockKind::select;
}

}  // namespace

std::size_t ChanBase::size() const {
  std::lock_guard<std::mutex> lk(mu);
  return buf_size();
}

void ChanBase::close() {
  std::unique_lock<std::mutex> lk(mu);
  if (closed_.load(std::memory_order_relaxed)) {
    lk.unlock();
    throw ClosedChannel("close of closed channel");
  }
  closed_.store(true, std::memory_order_release);
  while (Sudog* s = recvq.pop_claimed()) {
    set_empty(s->elem);
    complete(s, false);
  }
  while (Sudog* s = sendq.pop_claimed()) complete(s, false);
}

std::size_t select_impl(CaseDesc* cases, std::size_t n, const TimePoint* deadline, BlockKind kind) {
  constexpr std::size_t kSmall = 8;
  Scratch<std::size_t, kSmall> order_buf(n);
  Scratch<ChanBase*, kSmall> locks_buf(n);
  std::size_t* order = order_buf.data();
  ChanBase** locks = locks_buf.data();

  std::size_t default_index = select_timed_out;
  std::size_t active = 0;
  for (std::size_t i = 0; i < n; ++i) {
    if (cases[i].kind == CaseKind::default_case) {
      default_index = i;
    } else if (cases[i].chan != nullptr) {
      order[active++] = i;
    }
  }
  // Poll order: a uniformly random permutation of the cases (Go's pollorder).
  for (std::size_t i = active; i > 1; --i) std::swap(order[i - 1], order[next_random() % i]);
  // Lock order: distinct channels by address (Go's lockorder).
  std::size_t nlocks = 0;
  for (std::size_t k = 0; k < active; ++k) locks[nlocks++] = cases[order[k]].chan;
  std::sort(locks, locks + nlocks);
  nlocks = static_cast<std::size_t>(std::unique(locks, locks + nlocks) - locks);
  LockSet all(locks, nlocks);

  all.lock();
  for (std::size_t k = 0; k < active; ++k) {
    const std::size_t i = order[k];
    CaseDesc& c = cases[i];
    const TryResult r = c.kind == CaseKind::recv ? try_recv(*c.chan, c.elem) : try_send(*c.chan, c.elem);
    if (r == TryResult::done) {
      all.unlock();
      return i;
    }
    if (r == TryResult::send_on_closed) {
      all.unlock();
      throw ClosedChannel("send on closed channel");
    }
  }
  if (default_index != select_timed_out) {
    all.unlock();
    return default_index;
  }
  if (deadline != nullptr && Clock::now() >= *deadline) {
    all.unlock();
    return select_timed_out;
  }

  // Park: one sudog per case on its channel's queue.
  Waiter w;
  Scratch<Sudog, kSmall> sudog_buf(n);
  Sudog* sudogs = sudog_buf.data();
  for (std::size_t k = 0; k < active; ++k) {
    const std::size_t i = order[k];
    Sudog& s = sudogs[k];
    s.waiter = &w;
    s.elem = cases[i].elem;
    s.index = i;
    (cases[i].kind == CaseKind::recv ? cases[i].chan->recvq : cases[i].chan->sendq).push(&s);
  }
  all.unlock();

  if (kind == BlockKind::running) kind = block_kind(cases, n, active);
  const void* object = n == 1 ? static_cast<const void*>(cases[0].chan) : nullptr;
  const std::size_t info = n == 1 ? (cases[0].chan != nullptr ? cases[0].chan->capacity() : 0) : n;
  bool timed_out = false;
  {
    BlockScope blocked(kind, object, info);
    std::unique_lock<std::mutex> lk(w.m);
    if (deadline == nullptr) {
      w.cv.wait(lk, [&] { return w.woken; });
    } else {
      while (!w.woken) {
        if (w.cv.wait_until(lk, *deadline) == std::cv_status::timeout && !w.woken) {
          int expected = 0;
          if (w.state.compare_exchange_strong(expected, 2, std::memory_order_acq_rel)) {
            timed_out = true;
            break;
          }
          // A waker claimed us just now: wait for it to complete the case.
          w.cv.wait(lk, [&] { return w.woken; });
        }
      }
    }
  }

  // Dequeue the sudogs nobody took (a claimed one is already dequeued).
  if (timed_out || active > 1) {
    all.lock();
    for (std::size_t k = 0; k < active; ++k) {
      Sudog& s = sudogs[k];
      if (s.queued) {
        CaseDesc& c = cases[s.index];
        (c.kind == CaseKind::recv ? c.chan->recvq : c.chan->sendq).remove(&s);
      }
    }
    all.unlock();
  }
  if (timed_out) return select_timed_out;
  const std::size_t fired = w.fired;
  if (cases[fired].kind == CaseKind::send && !w.success) throw ClosedChannel("send on closed channel");
  return fired;
}

void chan_send(ChanBase* c, void* value) {
  CaseDesc d{c, CaseKind::send, value};
  select_impl(&d, 1);
}

void chan_recv(ChanBase* c, void* out) {
  CaseDesc d{c, CaseKind::recv, out};
  select_impl(&d, 1);
}

}  // namespace ctx::detail
