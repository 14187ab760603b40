// Go's context package: cancellation, deadlines and values down a call tree.
#pragma once

#include <concepts>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <typeinfo>
#include <utility>

#include "ctx/clock.hpp"
#include "ctx/detail/chan_core.hpp"
#include "ctx/error.hpp"
#include "ctx/roles.hpp"

namespace ctx {

class Context;
template <class T>
class Chan;
template <class T>
class RecvChan;
template <class T>
class SendChan;

namespace detail {
class Node;
class CancelNode;
class AfterFuncNode;
}  // namespace detail

// Receive-only view of a context's done signal (Go: <-chan struct{}).
// A default-constructed Done never closes (Go's nil channel), as does the
// Done of background(), todo() and contexts derived from without_cancel().
class CTX_ROLE("done") Done {
 public:
  Done() noexcept = default;

  // non-blocking poll: true once the context is done
  CTX_ROLE("observe") bool closed() const;
  // blocks until closed; forever if never()
  CTX_ROLE("observe") void wait() const;
  // true if closed within d
  CTX_ROLE("observe") bool wait_for(Duration d) const;
  // true where Go's Done() returns nil: this signal can never close
  bool never() const;

  friend bool operator==(const Done& a, const Done& b) noexcept { return a.ch_ == b.ch_; }

 private:
  friend struct detail::Access;
  std::shared_ptr<detail::ChanBase> ch_;
};

// A cheap, copyable, thread-safe handle to a context (Go: context.Context).
// The default-constructed Context is the nil context: every use of it (and
// deriving from it) throws std::invalid_argument.
class CTX_ROLE("context") Context {
 public:
  Context() noexcept = default;

  // false only for the nil context
  explicit operator bool() const noexcept { return node_ != nullptr; }

  CTX_ROLE("observe") std::optional<TimePoint> deadline() const;
  CTX_ROLE("observe") Done done() const;
  // no error until done() is closed, then canceled or deadline_exceeded forever
  CTX_ROLE("observe") Error err() const;

  // Go's ctx.Value(key).(V): the value of the nearest with_value whose key has
  // the same type as `key` and compares equal to it; nullopt when there is no
  // such key or when its value is not a V. String literal keys and values are
  // stored as std::string (compare by content, read with value<std::string>).
  template <class V, class K>
  std::optional<V> value(const K& key) const;

  // "ctx.background.with_cancel" style, as Go's String()
  std::string to_string() const;

  // identity: two handles to the same context
  friend bool operator==(const Context& a, const Context& b) noexcept { return a.node_ == b.node_; }

 private:
  friend struct detail::Access;
  std::shared_ptr<detail::Node> node_;
};

// Returned by the with_cancel/with_deadline/with_timeout families. Copyable;
// calling it is idempotent and thread-safe. A default-constructed CancelFunc
// does nothing.
class CTX_ROLE("cancel_func") CancelFunc {
 public:
  CancelFunc() noexcept = default;
  void operator()() const;

 private:
  friend struct detail::Access;
  std::shared_ptr<detail::CancelNode> node_;
  bool remove_from_parent_ = true;
};

// Returned by with_cancel_cause: cancels with a cause (an empty Error means
// the cause is `canceled`). Only the first cancellation sets the cause.
class CTX_ROLE("cancel_func") CancelCauseFunc {
 public:
  CancelCauseFunc() noexcept = default;
  void operator()(Error cause) const;

 private:
  friend struct detail::Access;
  std::shared_ptr<detail::CancelNode> node_;
};

// Returned by after_func: stops the registration. True only if this call
// prevented f from being run (false if f was already started or stopped).
class CTX_ROLE("stop_func") StopFunc {
 public:
  StopFunc() noexcept = default;
  bool operator()() const;

 private:
  friend struct detail::Access;
  std::shared_ptr<detail::AfterFuncNode> node_;
};

// Extension point (Go: a type implementing context.Context outside the
// package). A context derived from a custom one whose done() is not the done
// signal of one of this runtime's contexts is cancelled by a watcher thread,
// as Go starts a goroutine; contexts of this runtime never need one.
class CustomContext {
 public:
  virtual ~CustomContext() = default;
  virtual std::optional<TimePoint> deadline() const { return std::nullopt; }
  virtual Done done() const = 0;
  virtual Error err() const = 0;
  // where value() lookups continue (the nil context: nowhere). Like a Go type
  // embedding a context: if its done() is values().done(), derived contexts
  // hook into it directly, without a watcher thread.
  virtual Context values() const { return Context{}; }
  virtual std::string to_string() const = 0;
};

CTX_ROLE("root") Context background();
CTX_ROLE("root") Context todo();

CTX_ROLE("derive") CTX_ROLE("cancel_source") [[nodiscard]] std::pair<Context, CancelFunc> with_cancel(
    const Context& parent);
CTX_ROLE("derive") CTX_ROLE("cancel_source") [[nodiscard]] std::pair<Context, CancelCauseFunc> with_cancel_cause(
    const Context& parent);
CTX_ROLE("derive") CTX_ROLE("cancel_source") [[nodiscard]] std::pair<Context, CancelFunc> with_deadline(
    const Context& parent, TimePoint deadline);
CTX_ROLE("derive") CTX_ROLE("cancel_source") [[nodiscard]] std::pair<Context, CancelFunc> with_deadline_cause(
    const Context& parent, TimePoint deadline, Error cause);
CTX_ROLE("derive") CTX_ROLE("cancel_source") [[nodiscard]] std::pair<Context, CancelFunc> with_timeout(
    const Context& parent, Duration timeout);
CTX_ROLE("derive") CTX_ROLE("cancel_source") [[nodiscard]] std::pair<Context, CancelFunc> with_timeout_cause(
    const Context& parent, Duration timeout, Error cause);

template <class K, class V>
CTX_ROLE("derive") CTX_ROLE("with_value") Context with_value(const Context& parent, K key, V value);

CTX_ROLE("derive") CTX_ROLE("detach") Context without_cancel(const Context& parent);

// Go's context.Cause: the cause of the nearest cancellable ancestor (its err()
// when cancelled without a cause); no error while not done, and none for
// without_cancel.
CTX_ROLE("observe") Error cause(const Context& c);

// Runs f in its own goroutine, at most once, after c is done (at once if it
// already is).
CTX_ROLE("after_func") [[nodiscard]] StopFunc after_func(const Context& c, std::function<void()> f);

// Wraps a CustomContext.
Context make_context(std::shared_ptr<CustomContext> impl);

namespace detail {

// ---- values
struct ValueEntryBase {
  ValueEntryBase(const std::type_info& k, const std::type_info& v) noexcept
      : key_type(&k), value_type(&v) {}
  virtual ~ValueEntryBase() = default;
  ValueEntryBase(const ValueEntryBase&) = delete;
  ValueEntryBase& operator=(const ValueEntryBase&) = delete;
  virtual bool key_equals(const void* key) const = 0;
  virtual const void* value_ptr() const noexcept = 0;
  virtual std::string key_string() const = 0;
  virtual std::string value_string() const = 0;
  const std::type_info* key_type;
  const std::type_info* value_type;
};

template <class T>
inline constexpr bool is_char_pointer_v =
    std::is_same_v<T, const char*> || std::is_same_v<T, char*>;

// Keys and values are stored decayed; C strings become std::string.
template <class T>
using stored_t = std::conditional_t<is_char_pointer_v<std::decay_t<T>>, std::string, std::decay_t<T>>;

std::string type_name(const std::type_info& t);

// Go's stringify for WithValue's String(): strings as is, types with a
// to_string() member through it, anything else by its type's name.
template <class T>
std::string stringify(const T& v) {
  if constexpr (std::is_convertible_v<const T&, std::string_view>) {
    return std::string(std::string_view(v));
  } else if constexpr (requires {
                         { v.to_string() } -> std::convertible_to<std::string>;
                       }) {
    return v.to_string();
  } else {
    return type_name(typeid(T));
  }
}

template <class K, class V>
struct ValueEntry final : ValueEntryBase {
  ValueEntry(K k, V v) : ValueEntryBase(typeid(K), typeid(V)), key(std::move(k)), value(std::move(v)) {}
  bool key_equals(const void* other) const override {
    return static_cast<bool>(key == *static_cast<const K*>(other));
  }
  const void* value_ptr() const noexcept override { return &value; }
  std::string key_string() const override { return stringify(key); }
  std::string value_string() const override { return stringify(value); }
  K key;
  V value;
};

const ValueEntryBase* find_value(const Context& c, const std::type_info& key_type, const void* key);
Context make_value_context(const Context& parent, std::unique_ptr<ValueEntryBase> entry);

// ---- test hooks (as Go's tests peek into cancelCtx and count goroutines)
// children registered on the nearest cancellable context of c (Go: len(p.children))
std::size_t child_count(const Context& c);
// watcher threads currently running (custom parents only)
std::size_t watcher_count();
// watcher threads ever started (Go's context_test `goroutines` counter)
std::size_t watchers_started();
// timers scheduled and not yet fired or stopped (deadlines, after())
std::size_t live_timer_count();

struct Access {
  static const std::shared_ptr<ChanBase>& done_chan(const Done& d) noexcept { return d.ch_; }
  static Done make_done(std::shared_ptr<ChanBase> ch) noexcept {
    Done d;
    d.ch_ = std::move(ch);
    return d;
  }
  static const std::shared_ptr<Node>& node(const Context& c) noexcept { return c.node_; }
  static Context make_context(std::shared_ptr<Node> n) noexcept {
    Context c;
    c.node_ = std::move(n);
    return c;
  }
  static CancelFunc make_cancel(std::shared_ptr<CancelNode> n, bool remove_from_parent) noexcept {
    CancelFunc f;
    f.node_ = std::move(n);
    f.remove_from_parent_ = remove_from_parent;
    return f;
  }
  static CancelCauseFunc make_cancel_cause(std::shared_ptr<CancelNode> n) noexcept {
    CancelCauseFunc f;
    f.node_ = std::move(n);
    return f;
  }
  static StopFunc make_stop(std::shared_ptr<AfterFuncNode> n) noexcept {
    StopFunc f;
    f.node_ = std::move(n);
    return f;
  }
  template <class T>
  static ChanBase* chan_core(const Chan<T>& ch) noexcept;
  template <class T>
  static const Chan<T>& chan_of(const RecvChan<T>& ch) noexcept {
    return ch.chan_;
  }
  template <class T>
  static const Chan<T>& chan_of(const SendChan<T>& ch) noexcept {
    return ch.chan_;
  }
};

}  // namespace detail

template <class V, class K>
std::optional<V> Context::value(const K& key) const {
  using SK = detail::stored_t<K>;
  const SK k(key);
  const detail::ValueEntryBase* e = detail::find_value(*this, typeid(SK), &k);
  if (e == nullptr || *e->value_type != typeid(V)) return std::nullopt;
  return *static_cast<const V*>(e->value_ptr());
}

template <class K, class V>
Context with_value(const Context& parent, K key, V value) {
  using SK = detail::stored_t<K>;
  using SV = detail::stored_t<V>;
  static_assert(std::equality_comparable<SK>, "ctx::with_value: the key type must be equality-comparable");
  return detail::make_value_context(
      parent, std::make_unique<detail::ValueEntry<SK, SV>>(SK(std::move(key)), SV(std::move(value))));
}

}  // namespace ctx
