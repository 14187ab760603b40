// Ports the GoKer kernel kubernetes5316 (Go's
// testgoroutineleakprofile/goker/kubernetes5316.go, kubernetes PR 5316): the
// request goroutine reports on one of two unbuffered channels, but the
// starter's select can take the timer instead, and the goroutine blocks on
// either send forever. Kubernetes fixed it by buffering both channels, which
// is what the fix-its do; the fixed program leaks nothing.
#include <ctx/ctx.hpp>

#include <chrono>
#include <functional>

using namespace std::chrono_literals;

void finishRequest(ctx::Duration timeout, std::function<ctx::Error()> fn) {
  ctx::Chan<bool> ch(1);
  ctx::Chan<ctx::Error> errCh(1);
  ctx::go([ch, errCh, fn] {
    if (ctx::Error err = fn())
      errCh.send(err); // want:7 "goroutine started on line 17 blocks forever sending on 'errCh' if 'finishRequest' returns without receiving from it"
    else
      ch.send(true); // want:7 "goroutine started on line 17 blocks forever sending on 'ch' if 'finishRequest' returns without receiving from it"
  });
  ctx::select(ctx::recv(ch), ctx::recv(errCh), ctx::recv(ctx::after(timeout)));
} // note:1 "'finishRequest' ends here without receiving from 'errCh'" note:1 "'finishRequest' ends here without receiving from 'ch'"

#ifdef CTXGUARD_SCENARIO
void scenario() {
  finishRequest(1us, [] {
    ctx::sleep(20ms);
    return ctx::Error{};
  });
}
#endif
