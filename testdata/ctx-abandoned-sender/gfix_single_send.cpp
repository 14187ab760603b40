// Ports GFix's toy bugs gl1 (a timeout abandons the worker) and gl2 (an early
// return before the receive), and the Go runtime's goroutine-leak programs
// EarlyReturn and Timeout (testgoroutineleakprofile/commonpatterns.go): one
// goroutine sends its single result on an unbuffered channel that the
// starter can stop receiving from. The fix-it buffers the channel (GFix's
// first strategy); the golden file is run too and must leak nothing.
#include <ctx/ctx.hpp>

#include <chrono>
#include <optional>

using namespace std::chrono_literals;

int slowResult() {
  ctx::sleep(50ms);
  return 42;
}

// GFix gl1: select between the result and a timer.
int gl1FinishRequest(ctx::Duration timeout) {
  ctx::Chan<int> ch;
  ctx::go([ch] {
    ch.send(slowResult()); // want:5 "goroutine started on line 22 blocks forever sending on 'ch' if 'gl1FinishRequest' returns without receiving from it"
  });
  std::optional<int> result;
  switch (ctx::select(ctx::recv(ch, result), ctx::recv(ctx::after(timeout)))) {
  case 0:
    return *result;
  default:
    return -1; // note:5 "'gl1FinishRequest' returns here without receiving from 'ch'"
  }
}

// GFix gl2: an error path returns before the receive.
int gl2EarlyReturn(bool fail) {
  ctx::Chan<int> done{};
  ctx::go([done] { done.send(1); }); // want:20 "goroutine started on line 37 blocks forever sending on 'done'"
  if (fail)
    return -1; // note:5 "'gl2EarlyReturn' returns here without receiving from 'done'"
  return *done.recv();
}

// Go's commonpatterns.go earlyReturn: nothing is returned, the end of the
// body abandons the sender too.
void earlyReturn(bool fail) {
  ctx::Chan<int> ch;
  ctx::go([ch] { ch.send(0); }); // want:18 "line 47 blocks forever sending on 'ch' if 'earlyReturn'"
  if (fail)
    return; // note:5 "'earlyReturn' returns here"
  ch.recv();
}

// Go's commonpatterns.go timeout: a select on the context's done channel.
void timeout(const ctx::Context &c) {
  ctx::Chan<int> ch;
  ctx::go([ch] { ch.send(slowResult()); }); // want:18 "line 56 blocks forever sending on 'ch' if 'timeout'"
  ctx::select(ctx::recv(ch), ctx::recv(c.done()));
} // note:1 "'timeout' ends here without receiving from 'ch'"

// The same with an if over the select: the branch taking case 0 received.
int ifSelect(const ctx::Context &c) {
  ctx::Chan<int> ch;
  ctx::go([ch] { ch.send(slowResult()); }); // want:18 "line 63 blocks forever sending on 'ch' if 'ifSelect'"
  std::optional<int> v;
  if (ctx::select(ctx::recv(ch, v), ctx::recv(c.done())) == 0)
    return *v;
  return -1; // note:3 "'ifSelect' returns here without receiving from 'ch'"
}

#ifdef CTXGUARD_SCENARIO
void scenario() {
  gl1FinishRequest(1ms);
  gl2EarlyReturn(true);
  earlyReturn(true);
  auto [c, cancel] = ctx::with_cancel(ctx::background());
  cancel();
  timeout(c);
  ifSelect(c);
}
#endif
