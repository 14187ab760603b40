// The roles are configurable: a team's own context type (ContextTypes) makes
// a context available, its own waits (BlockingFunctions, which replaces the
// default list) are flagged, and its own select function (SelectFunctions)
// is judged like ctx::select.
// OPTION: ctx-blocking-without-done.ContextTypes=::ctx::Context;::mylib::Context
// OPTION: ctx-blocking-without-done.BlockingFunctions=::mylib::Queue::pop
// OPTION: ctx-blocking-without-done.SelectFunctions=::ctx::select;::mylib::select_any
#include <ctx/ctx.hpp>

#include <chrono>
#include <thread>
#include <utility>

namespace mylib {
class Context {};
struct Queue {
  int pop();
  int try_pop();
};
template <class... Cases> std::size_t select_any(Cases &&...cases) {
  return ctx::select(std::forward<Cases>(cases)...);
}
} // namespace mylib

int consume(const mylib::Context &c, mylib::Queue &q, ctx::Chan<int> in) {
  std::this_thread::sleep_for(std::chrono::milliseconds(1)); // no longer in BlockingFunctions
  (void)mylib::select_any(ctx::recv(in)); // want:9 "'mylib::select_any' has neither a done case"
  return q.pop() + q.try_pop(); // want:10 "'q.pop' blocks without observing cancellation of 'c'"
}

int no_context(mylib::Queue &q) { return q.pop(); }
