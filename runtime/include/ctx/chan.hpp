// Go channels: make(chan T), make(chan T, n), send, receive, close, range,
// nil channels and the directional views <-chan T (RecvChan) and chan<- T
// (SendChan).
#pragma once

#include <cstddef>
#include <iterator>
#include <memory>
#include <optional>
#include <stdexcept>
#include <utility>

#include "ctx/context.hpp"
#include "ctx/detail/chan_core.hpp"
#include "ctx/roles.hpp"

namespace ctx {

// Thrown where Go panics: a send on a closed channel ("send on closed
// channel"), a second close ("close of closed channel") and the close of a
// nil channel ("close of nil channel").
class ClosedChannel : public std::logic_error {
 public:
  using std::logic_error::logic_error;
};

// A shared handle: copies refer to the same channel, as a Go chan value does.
template <class T>
class CTX_ROLE("chan") Chan {
 public:
  using value_type = T;

  // unbuffered: make(chan T); a send blocks until a receiver takes the value
  Chan() : core_(std::make_shared<detail::ChanCore<T>>(0)) {}
  // buffered: make(chan T, n)
  explicit Chan(std::size_t capacity) : core_(std::make_shared<detail::ChanCore<T>>(capacity)) {}

  // Go's nil channel (`var ch chan T`): send and recv block forever, close
  // throws ClosedChannel, size() and capacity() are 0, and a select case on it
  // is never ready. A moved-from Chan is nil too.
  CTX_ROLE("chan_nil") static Chan nil() noexcept { return Chan(NilTag{}); }
  bool is_nil() const noexcept { return core_ == nullptr; }

  // blocks; throws ctx::ClosedChannel if the channel is (or gets) closed
  CTX_ROLE("chan_send") void send(T value) const { detail::chan_send(core_.get(), &value); }
  // blocks; std::nullopt once closed and drained
  CTX_ROLE("chan_recv") std::optional<T> recv() const {
    std::optional<T> out;
    detail::chan_recv(core_.get(), &out);
    return out;
  }
  // throws ctx::ClosedChannel on a second close and on a nil channel
  CTX_ROLE("chan_close") void close() const {
    if (!core_) throw ClosedChannel("close of nil channel");
    core_->close();
  }

  std::size_t size() const { return core_ ? core_->size() : 0; }
  std::size_t capacity() const { return core_ ? core_->capacity() : 0; }

  struct sentinel {};

  // Input iterator for `for (T v : ch)`: each step receives; the range ends
  // when the channel is closed and drained.
  class iterator {
   public:
    using value_type = T;
    using difference_type = std::ptrdiff_t;
    using iterator_category = std::input_iterator_tag;

    iterator() = default;
    explicit iterator(const Chan& ch) : ch_(ch), cur_(ch.recv()) {}

    T& operator*() const { return *cur_; }
    T* operator->() const { return &*cur_; }
    iterator& operator++() {
      cur_ = ch_.recv();
      return *this;
    }
    void operator++(int) { ++*this; }
    friend bool operator==(const iterator& it, sentinel) noexcept { return !it.cur_.has_value(); }

   private:
    Chan ch_;
    mutable std::optional<T> cur_;
  };

  CTX_ROLE("chan_range") iterator begin() const { return iterator(*this); }
  sentinel end() const { return {}; }

  friend bool operator==(const Chan& a, const Chan& b) noexcept { return a.core_ == b.core_; }

 private:
  friend struct detail::Access;
  struct NilTag {};
  explicit Chan(NilTag) noexcept {}

  std::shared_ptr<detail::ChanCore<T>> core_;
};

template <class T>
detail::ChanBase* detail::Access::chan_core(const Chan<T>& ch) noexcept {
  return ch.core_.get();
}

// Receive-only view of a channel (Go: <-chan T). Made implicitly from a
// Chan<T>, it refers to the same channel, as do its copies; it cannot send or
// close, and does not convert back to a Chan. Default-constructed: a nil
// channel (Go's zero value), like RecvChan<T>::nil().
template <class T>
class CTX_ROLE("chan") CTX_ROLE("recv_only_chan") RecvChan {
 public:
  using value_type = T;
  using iterator = typename Chan<T>::iterator;
  using sentinel = typename Chan<T>::sentinel;

  RecvChan() noexcept : chan_(Chan<T>::nil()) {}
  RecvChan(Chan<T> ch) noexcept : chan_(std::move(ch)) {}  // implicit, as Go converts chan T to <-chan T

  CTX_ROLE("chan_nil") static RecvChan nil() noexcept { return RecvChan(); }
  bool is_nil() const noexcept { return chan_.is_nil(); }

  // blocks; std::nullopt once closed and drained; forever on a nil channel
  CTX_ROLE("chan_recv") std::optional<T> recv() const { return chan_.recv(); }
  std::size_t size() const { return chan_.size(); }
  std::size_t capacity() const { return chan_.capacity(); }

  // for (T v : r): receive until closed and drained
  CTX_ROLE("chan_range") iterator begin() const { return chan_.begin(); }
  sentinel end() const { return {}; }

  friend bool operator==(const RecvChan& a, const RecvChan& b) noexcept { return a.chan_ == b.chan_; }

 private:
  friend struct detail::Access;
  Chan<T> chan_;
};

// Send-only view of a channel (Go: chan<- T). Made implicitly from a Chan<T>,
// it refers to the same channel, as do its copies; it cannot receive, and does
// not convert back to a Chan. Default-constructed: a nil channel.
template <class T>
class CTX_ROLE("chan") CTX_ROLE("send_only_chan") SendChan {
 public:
  using value_type = T;

  SendChan() noexcept : chan_(Chan<T>::nil()) {}
  SendChan(Chan<T> ch) noexcept : chan_(std::move(ch)) {}  // implicit, as Go converts chan T to chan<- T

  CTX_ROLE("chan_nil") static SendChan nil() noexcept { return SendChan(); }
  bool is_nil() const noexcept { return chan_.is_nil(); }

  // blocks; throws ctx::ClosedChannel if the channel is (or gets) closed;
  // forever on a nil channel
  CTX_ROLE("chan_send") void send(T value) const { chan_.send(std::move(value)); }
  // throws ctx::ClosedChannel on a second close and on a nil channel
  CTX_ROLE("chan_close") void close() const { chan_.close(); }
  std::size_t size() const { return chan_.size(); }
  std::size_t capacity() const { return chan_.capacity(); }

  friend bool operator==(const SendChan& a, const SendChan& b) noexcept { return a.chan_ == b.chan_; }

 private:
  friend struct detail::Access;
  Chan<T> chan_;
};

}  // namespace ctx
