// Internals shared by channels, select and contexts' done signals.
//
// A channel is a ChanBase (lock, wait queues, closed flag) plus a typed
// ChanCore<T> (the ring buffer and the element moves). Blocked operations are
// parked as Sudogs (as in Go's runtime) queued on each channel they wait on;
// one Waiter (mutex + condition variable + claim flag) per blocked goroutine.
// A waker claims a Waiter with a compare-and-swap, so a select parked on
// several channels is completed by exactly one of them and no wake-up is lost.
#pragma once

#include <atomic>
#include <cstddef>
#include <memory>
#include <mutex>
#include <optional>
#include <utility>

#include "ctx/clock.hpp"

namespace ctx::detail {

struct Waiter;
class ChanBase;

struct Sudog {
  Sudog* prev = nullptr;
  Sudog* next = nullptr;
  Waiter* waiter = nullptr;
  void* elem = nullptr;  // send: T*; recv: std::optional<T>* (may be null)
  std::size_t index = 0;
  bool queued = false;
};

struct SudogQueue {
  Sudog* head = nullptr;
  Sudog* tail = nullptr;
  void push(Sudog* s) noexcept;
  void remove(Sudog* s) noexcept;
  // Dequeues sudogs until one whose waiter can be claimed; null if none.
  Sudog* pop_claimed() noexcept;
  bool empty() const noexcept { return head == nullptr; }
};

class ChanBase {
 public:
  explicit ChanBase(std::size_t capacity) noexcept : cap_(capacity) {}
  virtual ~ChanBase() = default;
  ChanBase(const ChanBase&) = delete;
  ChanBase& operator=(const ChanBase&) = delete;

  std::size_t capacity() const noexcept { return cap_; }
  std::size_t size() const;
  bool is_closed() const noexcept { return closed_.load(std::memory_order_acquire); }
  // Closes the channel, waking every parked receiver (nullopt) and sender
  // (they throw). Throws ClosedChannel on a second close.
  void close();

  // Typed primitives, called with mu held.
  virtual std::size_t buf_size() const noexcept = 0;
  virtual void buf_push(void* src) = 0;          // moves *(T*)src to the back of the buffer
  virtual void buf_pop(void* dst) = 0;           // moves the front into *(optional<T>*)dst (dst may be null)
  virtual void transfer(void* dst, void* src) = 0;  // *(optional<T>*)dst = move(*(T*)src) (dst may be null)
  virtual void set_empty(void* dst) = 0;         // *(optional<T>*)dst = nullopt (dst may be null)

  mutable std::mutex mu;
  SudogQueue recvq;
  SudogQueue sendq;
  std::atomic<bool> closed_{false};

 private:
  const std::size_t cap_;
};

template <class T>
class ChanCore final : public ChanBase {
 public:
  explicit ChanCore(std::size_t capacity)
      : ChanBase(capacity),
        buf_(capacity != 0 ? std::make_unique<std::optional<T>[]>(capacity) : nullptr) {}

  std::size_t buf_size() const noexcept override { return count_; }
  void buf_push(void* src) override {
    buf_[(head_ + count_) % capacity()].emplace(std::move(*static_cast<T*>(src)));
    ++count_;
  }
  void buf_pop(void* dst) override {
    std::optional<T>& slot = buf_[head_];
    if (dst != nullptr) *static_cast<std::optional<T>*>(dst) = std::move(*slot);
    slot.reset();
    head_ = (head_ + 1) % capacity();
    --count_;
  }
  void transfer(void* dst, void* src) override {
    if (dst != nullptr) *static_cast<std::optional<T>*>(dst) = std::move(*static_cast<T*>(src));
  }
  void set_empty(void* dst) override {
    if (dst != nullptr) static_cast<std::optional<T>*>(dst)->reset();
  }

 private:
  std::unique_ptr<std::optional<T>[]> buf_;
  std::size_t head_ = 0;
  std::size_t count_ = 0;
};

// The element type of a context's done channel (Go: struct{}).
struct Unit {};

enum class CaseKind : unsigned char { recv, send, default_case };

// One case of a select, type-erased. chan == nullptr is Go's nil channel
// (never ready).
struct CaseDesc {
  ChanBase* chan;
  CaseKind kind;
  void* elem;
};

// What a parked goroutine is doing, for leakcheck::running().
enum class BlockKind : unsigned char {
  running,
  chan_send,
  chan_recv,
  select,
  select_nil,  // a select none of whose cases can ever proceed (all nil)
  done_wait,
  wait_group,
  errgroup_wait,
  errgroup_go,
  sleep,
};

inline constexpr std::size_t select_timed_out = static_cast<std::size_t>(-1);

// Go's selectgo: polls the cases in random order, performs the first ready
// one, else takes the default case, else parks until a case completes or the
// deadline (if any) passes. Returns the index of the case performed, or
// select_timed_out. Throws ClosedChannel when the case performed is a send on
// a closed channel. `kind` labels the wait for the leak checker
// (running = derive it from the cases).
std::size_t select_impl(CaseDesc* cases, std::size_t n, const TimePoint* deadline = nullptr,
                        BlockKind kind = BlockKind::running);

// c == nullptr is a nil channel: both block forever.
void chan_send(ChanBase* c, void* value);  // blocking send of *(T*)value
void chan_recv(ChanBase* c, void* out);    // blocking receive into *(optional<T>*)out

// Records what the calling goroutine is blocked on for the lifetime of the
// scope (no-op on threads that are not goroutines).
class BlockScope {
 public:
  explicit BlockScope(BlockKind kind, const void* object = nullptr, std::size_t n = 0) noexcept;
  ~BlockScope();
  BlockScope(const BlockScope&) = delete;
  BlockScope& operator=(const BlockScope&) = delete;

 private:
  void* record_;
};

struct Access;  // befriended by the public handle types

}  // namespace ctx::detail
