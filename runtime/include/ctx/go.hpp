// Goroutines: `go f(c, x)` is `ctx::go(f, c, x);`.
//
// A goroutine is a real, detached thread registered with the runtime (id,
// spawn site, what it is blocked on) so that leakcheck can report the ones
// that never finish. An exception escaping a goroutine terminates the process
// (std::terminate), as a panic does in Go, after printing the goroutine's
// spawn site.
#pragma once

#include <functional>
#include <memory>
#include <source_location>
#include <tuple>
#include <type_traits>
#include <utility>

#include "ctx/roles.hpp"

namespace ctx {

namespace detail {

struct TaskBase {
  virtual ~TaskBase() = default;
  virtual void run() = 0;
};

template <class Fn, class... A>
class Task final : public TaskBase {
 public:
  template <class F2, class... A2>
  explicit Task(F2&& f, A2&&... a) : fn_(std::forward<F2>(f)), args_(std::forward<A2>(a)...) {}
  void run() override {
    std::apply([this](A&... a) { std::invoke(std::move(fn_), std::move(a)...); }, args_);
  }

 private:
  Fn fn_;
  std::tuple<A...> args_;
};

// Decay-copies the callable and its arguments, as std::thread does.
template <class F, class... Args>
std::unique_ptr<TaskBase> make_task(F&& f, Args&&... args) {
  return std::make_unique<Task<std::decay_t<F>, std::decay_t<Args>...>>(std::forward<F>(f),
                                                                        std::forward<Args>(args)...);
}

// Starts a registered goroutine running task. `file`/`line` form its spawn
// site "file:line" (line 0: just `file`). Throws std::system_error if no
// thread can be created.
void spawn(std::unique_ptr<TaskBase> task, const char* file, unsigned line);

}  // namespace detail

// `ctx::go(f, c, x);` or `ctx::go([c, x] { f(c, x); });`
//
// A class template (with a deduction guide) rather than a function so that
// the defaulted std::source_location after the pack records the call site.
// Note: with a single plain identifier, `ctx::go(f);` parses as a declaration
// of a variable f; write `ctx::go{f};` or `ctx::go(f, args...)`/a lambda.
template <class F, class... Args>
struct CTX_ROLE("go") go {
  go(F&& f, Args&&... args, std::source_location site = std::source_location::current()) {
    static_assert(std::is_invocable_v<std::decay_t<F>, std::decay_t<Args>...>,
                  "ctx::go: the callable cannot be invoked with these (decay-copied) arguments");
    detail::spawn(detail::make_task(std::forward<F>(f), std::forward<Args>(args)...), site.file_name(),
                  static_cast<unsigned>(site.line()));
  }
};

template <class F, class... Args>
go(F&&, Args&&...) -> go<F, Args...>;

}  // namespace ctx
