// Go channels: make(chan T), make(chan T, n), send, receive, close, range.
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
// channel") and a second close ("close of closed channel").
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

  // blocks; throws ctx::ClosedChannel if the channel is (or gets) closed
  CTX_ROLE("chan_send") void send(T value) const { detail::chan_send(*core_, &value); }
  // blocks; std::nullopt once closed and drained
  CTX_ROLE("chan_recv") std::optional<T> recv() const {
    std::optional<T> out;
    detail::chan_recv(*core_, &out);
    return out;
  }
  // throws ctx::ClosedChannel on a second close
  CTX_ROLE("chan_close") void close() const { core_->close(); }

  std::size_t size() const { return core_->size(); }
  std::size_t capacity() const { return core_->capacity(); }

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
  std::shared_ptr<detail::ChanCore<T>> core_;
};

template <class T>
detail::ChanBase* detail::Access::chan_core(const Chan<T>& ch) noexcept {
  return ch.core_.get();
}

}  // namespace ctx
