// Go's select statement.
//
//   std::optional<int> v;
//   switch (ctx::select(ctx::recv(ch, v), ctx::recv(c.done()))) {
//     case 0: use(*v); break;
//     default: return c.err();
//   }
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <tuple>
#include <type_traits>
#include <utility>

#include "ctx/chan.hpp"
#include "ctx/context.hpp"
#include "ctx/detail/chan_core.hpp"
#include "ctx/roles.hpp"

namespace ctx {

// case <-ch:  /  case v, ok := <-ch:  (out is set only if this case is chosen;
// nullopt when the channel is closed)
template <class T>
struct CTX_ROLE("select_case") RecvCase {
  Chan<T> chan;
  std::optional<T>* out = nullptr;
};

// case <-ctx.Done():  (a Done that never closes is never ready)
struct CTX_ROLE("select_case") DoneCase {
  Done done;
};

// case ch <- v:
template <class T>
struct CTX_ROLE("select_case") SendCase {
  Chan<T> chan;
  T value;
};

// default:
struct CTX_ROLE("select_case") DefaultCase {};

template <class T>
CTX_ROLE("case_recv") RecvCase<T> recv(const Chan<T>& ch) {
  return RecvCase<T>{ch, nullptr};
}
template <class T>
CTX_ROLE("case_recv") RecvCase<T> recv(const Chan<T>& ch, std::optional<T>& out) {
  return RecvCase<T>{ch, &out};
}
CTX_ROLE("case_done") inline DoneCase recv(const Done& done) { return DoneCase{done}; }
// The value is not deduced, so send(long_chan, 1) works.
template <class T>
CTX_ROLE("case_send") SendCase<T> send(const Chan<T>& ch, std::type_identity_t<T> value) {
  return SendCase<T>{ch, std::move(value)};
}
// The same cases on the directional views.
template <class T>
CTX_ROLE("case_recv") RecvCase<T> recv(const RecvChan<T>& ch) {
  return RecvCase<T>{detail::Access::chan_of(ch), nullptr};
}
template <class T>
CTX_ROLE("case_recv") RecvCase<T> recv(const RecvChan<T>& ch, std::optional<T>& out) {
  return RecvCase<T>{detail::Access::chan_of(ch), &out};
}
template <class T>
CTX_ROLE("case_send") SendCase<T> send(const SendChan<T>& ch, std::type_identity_t<T> value) {
  return SendCase<T>{detail::Access::chan_of(ch), std::move(value)};
}
CTX_ROLE("case_default") inline DefaultCase default_case() { return DefaultCase{}; }

namespace detail {
template <class C>
struct is_select_case : std::false_type {};
template <class T>
struct is_select_case<RecvCase<T>> : std::true_type {};
template <class T>
struct is_select_case<SendCase<T>> : std::true_type {};
template <>
struct is_select_case<DoneCase> : std::true_type {};
template <>
struct is_select_case<DefaultCase> : std::true_type {};

template <class T>
CaseDesc describe_case(RecvCase<T>& c) noexcept {
  return CaseDesc{Access::chan_core(c.chan), CaseKind::recv, c.out};
}
template <class T>
CaseDesc describe_case(SendCase<T>& c) noexcept {
  return CaseDesc{Access::chan_core(c.chan), CaseKind::send, &c.value};
}
inline CaseDesc describe_case(DoneCase& c) noexcept {
  return CaseDesc{Access::done_chan(c.done).get(), CaseKind::recv, nullptr};
}
inline CaseDesc describe_case(DefaultCase&) noexcept {
  return CaseDesc{nullptr, CaseKind::default_case, nullptr};
}
}  // namespace detail

// Blocks until one case can proceed, picks uniformly at random among the
// ready ones (Go semantics), performs it, and returns its 0-based index. With
// a default_case() it never blocks. A send case on a closed channel throws
// ClosedChannel when chosen; a receive on a closed channel is always ready; a
// case on a nil channel is never ready. select() with no case, or with only
// nil-channel cases and no default, blocks forever, as Go's `select {}`.
template <class... Cases>
CTX_ROLE("select") std::size_t select(Cases&&... cases) {
  static_assert((detail::is_select_case<std::remove_cvref_t<Cases>>::value && ...),
                "ctx::select takes ctx::recv(...), ctx::send(...) and ctx::default_case() cases");
  static_assert((0 + ... + (std::is_same_v<std::remove_cvref_t<Cases>, DefaultCase> ? 1 : 0)) <= 1,
                "ctx::select: at most one default_case()");
  std::tuple<std::remove_cvref_t<Cases>...> held(std::forward<Cases>(cases)...);
  std::array<detail::CaseDesc, sizeof...(Cases)> descs = std::apply(
      [](auto&... c) { return std::array<detail::CaseDesc, sizeof...(Cases)>{detail::describe_case(c)...}; },
      held);
  return detail::select_impl(descs.data(), descs.size());
}

}  // namespace ctx
