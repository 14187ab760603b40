// Go's defer: `defer cancel()` is `ctx::Defer guard{cancel};`.
#pragma once

#include <type_traits>
#include <utility>

#include "ctx/roles.hpp"

namespace ctx {

// Runs f exactly once, when the guard goes out of scope (also during stack
// unwinding). Neither copyable nor movable. An exception thrown by f
// terminates the process (destructors are noexcept).
template <class F>
class CTX_ROLE("scope_guard") Defer {
  static_assert(std::is_invocable_v<F&>, "ctx::Defer needs a callable taking no arguments");

 public:
  explicit Defer(F f) : f_(std::move(f)) {}
  ~Defer() { f_(); }
  Defer(const Defer&) = delete;
  Defer& operator=(const Defer&) = delete;

 private:
  F f_;
};

}  // namespace ctx
