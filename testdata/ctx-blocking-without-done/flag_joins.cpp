// FlagJoins=true: joins (role join: WaitGroup::wait, ErrGroup::wait, and
// what JoinFunctions adds, here std::thread::join) are flagged too.
// OPTION: ctx-blocking-without-done.FlagJoins=true
// OPTION: ctx-blocking-without-done.JoinFunctions=::ctx::WaitGroup::wait;::ctx::ErrGroup::wait;::std::thread::join
#include <ctx/ctx.hpp>

#include <chrono>
#include <thread>

using namespace std::chrono_literals;

ctx::Error fan_out(const ctx::Context &c, std::thread &t) {
  ctx::WaitGroup wg;
  wg.go([c] { (void)ctx::sleep(c, 1ms); });
  wg.wait(); // want:3 "'wg.wait' blocks without observing cancellation of 'c'"
  t.join();  // want:3 "'t.join' blocks"
  auto [g, gc] = ctx::ErrGroup::with_context(c);
  g.go([gc] { return ctx::sleep(gc, 1ms); });
  return g.wait(); // want:10 "'g.wait' blocks without observing cancellation of 'gc'"
}

void no_context() {
  ctx::WaitGroup wg;
  wg.wait();
}
