// Ports GFix's toy bug gl3 (the goroutine sends in a loop and the starter
// stops receiving early) and the Go runtime's NCastLeak
// (testgoroutineleakprofile/commonpatterns.go: one goroutine per item, each
// sends once, the starter takes only the first result). A buffer of one does
// not fix these shapes, so there is no fix-it.
#include <ctx/ctx.hpp>

#include <vector>

// GFix gl3: the starter ranges over the channel but returns on the first match.
int gl3FirstEven(std::vector<int> items) {
  ctx::Chan<int> ch;
  ctx::go([ch, items] {
    for (int v : items)
      ch.send(v); // want:7 "goroutine started on line 13 blocks forever sending on 'ch' if 'gl3FirstEven' stops receiving from it early"
    ch.close();
  });
  for (int v : ch)
    if (v % 2 == 0)
      return v; // note:7 "'gl3FirstEven' returns here before receiving every value sent on 'ch'"
  return -1;
}

// The same with a break out of a plain receive loop.
int gl3Break(int limit) {
  ctx::Chan<int> ch;
  ctx::go([ch, limit] {
    for (int i = 0; i < limit; ++i)
      ch.send(i); // want:7 "line 27 blocks forever sending on 'ch' if 'gl3Break'"
    ch.close();
  });
  int sum = 0;
  for (int v : ch) {
    if (v > 2)
      break;
    sum += v;
  }
  return sum; // note:3 "'gl3Break' returns here before receiving every value sent on 'ch'"
}

// NCastLeak: every goroutine sends once; only the first send is received.
int nCastLeak(int items) {
  ctx::Chan<int> ch;
  for (int i = 0; i < items; ++i)
    ctx::go([ch, i] { ch.send(i); }); // want:23 "line 45 blocks forever sending on 'ch' if 'nCastLeak'"
  return *ch.recv(); // note:3 "'nCastLeak' returns here before receiving every value sent on 'ch'"
}

// Not flagged: the whole channel is drained before returning.
int drained(std::vector<int> items) {
  ctx::Chan<int> ch;
  ctx::go([ch, items] {
    for (int v : items)
      ch.send(v);
    ch.close();
  });
  int sum = 0;
  for (int v : ch)
    sum += v;
  return sum;
}

// Not flagged: as many receives as goroutines, counted by a loop (the check
// does not count loop iterations, so it stays silent).
int fanIn(int workers) {
  ctx::Chan<int> ch;
  for (int i = 0; i < workers; ++i)
    ctx::go([ch, i] { ch.send(i * i); });
  int sum = 0;
  for (int i = 0; i < workers; ++i)
    sum += *ch.recv();
  return sum;
}

#ifdef CTXGUARD_SCENARIO
void scenario() {
  gl3FirstEven({1, 2, 3});
  gl3Break(5);
  nCastLeak(2);
  drained({1, 2, 3});
  fanIn(3);
}
#endif
