// sync.WaitGroup and golang.org/x/sync/errgroup.
#pragma once

#include <functional>
#include <memory>
#include <source_location>
#include <type_traits>
#include <utility>

#include "ctx/context.hpp"
#include "ctx/error.hpp"
#include "ctx/go.hpp"
#include "ctx/roles.hpp"

namespace ctx {

namespace detail {
struct WaitGroupState;
struct ErrGroupState;
void wg_add(WaitGroupState& st, int delta);
void eg_acquire(ErrGroupState& st);      // blocks while the group is at its limit
bool eg_try_acquire(ErrGroupState& st);  // false when at its limit
void eg_release(ErrGroupState& st);      // undoes an acquire whose goroutine never started
void eg_finish(ErrGroupState& st, Error err);

template <class F>
Error invoke_to_error(F& f) {
  if constexpr (std::is_void_v<std::invoke_result_t<F&>>) {
    std::invoke(f);
    return Error{};
  } else {
    return Error(std::invoke(f));
  }
}
}  // namespace detail

// sync.WaitGroup, as a handle: copies refer to the same group (as a Go
// *sync.WaitGroup does), so a goroutine can capture it by value, wait() and
// outlive the function that made it. The state lives as long as a copy or a
// goroutine started by go() does.
class CTX_ROLE("wait_group") WaitGroup {
 public:
  WaitGroup();

  // throws std::logic_error if the counter would become negative
  void add(int delta) const;
  void done() const;
  // blocks until the counter is zero
  CTX_ROLE("join") void wait() const;

  // add(1) + go + done() when f returns, as Go 1.25's WaitGroup.Go
  template <class F>
  CTX_ROLE("go") void go(F&& f, std::source_location site = std::source_location::current()) const {
    static_assert(std::is_invocable_v<std::decay_t<F>&>, "WaitGroup::go needs a callable taking no arguments");
    add(1);
    try {
      detail::spawn(detail::make_task([st = state_, fn = std::decay_t<F>(std::forward<F>(f))]() mutable {
                      struct DoneOnExit {
                        detail::WaitGroupState& s;
                        ~DoneOnExit() { detail::wg_add(s, -1); }
                      } guard{*st};
                      std::invoke(fn);
                    }),
                    site.file_name(), static_cast<unsigned>(site.line()));
    } catch (...) {
      done();
      throw;
    }
  }

 private:
  std::shared_ptr<detail::WaitGroupState> state_;
};

// golang.org/x/sync/errgroup.Group. A handle: copies refer to the same group.
class CTX_ROLE("err_group") ErrGroup {
 public:
  ErrGroup();

  // errgroup.WithContext: the returned context is cancelled (with the error
  // as its cause) by the first goroutine returning an error, or when wait()
  // returns.
  CTX_ROLE("derive") static std::pair<ErrGroup, Context> with_context(const Context& parent);

  // F returns ctx::Error (or void); the first error is kept and cancels the
  // group's context. Blocks while the group is at its limit.
  template <class F>
  CTX_ROLE("go") void go(F&& f, std::source_location site = std::source_location::current()) const {
    detail::eg_acquire(*state_);
    launch(std::forward<F>(f), site);
  }

  // Starts f only if the group is below its limit; false otherwise.
  template <class F>
  CTX_ROLE("go") bool try_go(F&& f, std::source_location site = std::source_location::current()) const {
    if (!detail::eg_try_acquire(*state_)) return false;
    launch(std::forward<F>(f), site);
    return true;
  }

  // Limits the number of active goroutines (n < 0: no limit). Throws
  // std::logic_error while goroutines of the group are active.
  void set_limit(int n);

  // Waits for every goroutine, cancels the group's context and returns the
  // first error.
  CTX_ROLE("join") Error wait() const;

 private:
  template <class F>
  void launch(F&& f, const std::source_location& site) const {
    using Fn = std::decay_t<F>;
    static_assert(std::is_invocable_v<Fn&>, "ErrGroup::go needs a callable taking no arguments");
    static_assert(std::is_void_v<std::invoke_result_t<Fn&>> ||
                      std::is_convertible_v<std::invoke_result_t<Fn&>, Error>,
                  "ErrGroup::go needs a callable returning ctx::Error");
    try {
      detail::spawn(detail::make_task([st = state_, fn = Fn(std::forward<F>(f))]() mutable {
                      detail::eg_finish(*st, detail::invoke_to_error(fn));
                    }),
                    site.file_name(), static_cast<unsigned>(site.line()));
    } catch (...) {
      detail::eg_release(*state_);
      throw;
    }
  }

  std::shared_ptr<detail::ErrGroupState> state_;
};

}  // namespace ctx
