// The mirror image: a goroutine receives from a channel its starter may
// never send to or close. Ports the Go runtime's NoCloseRange
// (testgoroutineleakprofile/commonpatterns.go: workers range over a channel
// that is never closed) and the classic "receiver with no sender" leak.
#include <ctx/ctx.hpp>

#include <vector>

// NoCloseRange: the items are all sent, the channel is never closed.
void noCloseRange(std::vector<int> items, int workers) {
  ctx::Chan<int> ch;
  for (int i = 0; i < workers; ++i)
    ctx::go([ch] {
      for (int item : ch) // want:23 "goroutine started on line 13 blocks forever receiving from 'ch' if 'noCloseRange' returns without closing it"
        (void)item;
    });
  for (int item : items)
    ch.send(item);
} // note:1 "'noCloseRange' ends here without closing 'ch'"

// A single receiver, abandoned by an early return before the send.
bool notify(bool ready) {
  ctx::Chan<bool> ch;
  ctx::go([ch] {
    auto value = ch.recv(); // want:18 "line 24 blocks forever receiving from 'ch' if 'notify'"
    (void)value;
  });
  if (!ready)
    return false; // note:5 "'notify' returns here without sending on or closing 'ch'"
  ch.send(true);
  return true;
}

// Not flagged: closing serves every receiver.
void closedRange(std::vector<int> items, int workers) {
  ctx::Chan<int> ch;
  for (int i = 0; i < workers; ++i)
    ctx::go([ch] {
      for (int item : ch)
        (void)item;
    });
  for (int item : items)
    ch.send(item);
  ch.close();
}

// Not flagged: a send on every path.
void alwaysSends(bool fast) {
  ctx::Chan<int> ch;
  ctx::go([ch] { ch.recv(); });
  if (fast) {
    ch.send(1);
    return;
  }
  ch.send(2);
}

#ifdef CTXGUARD_SCENARIO
void scenario() {
  noCloseRange({1, 2, 3}, 2);
  notify(false);
  closedRange({1, 2, 3}, 2);
  alwaysSends(true);
}
#endif
