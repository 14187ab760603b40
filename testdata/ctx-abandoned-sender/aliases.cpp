// The roles are recognised by meaning, not spelling: typedefs, using
// declarations, namespace aliases, macros, WaitGroup::go, a function of this
// file given to ctx::go with the channel as an argument, a lambda taking it as
// a parameter, an init-capture, a lambda in a local, a template (its pattern).
#include <ctx/ctx.hpp>

namespace rt = ctx;
using IntChan = ctx::Chan<int>;
typedef rt::Chan<bool> Flag;
using ctx::go;
#define SPAWN(...) ::ctx::go(__VA_ARGS__) // note:30 "expanded from macro 'SPAWN'"

void producer(IntChan out) { out.send(1); } // want:30 "goroutine started on line 18 blocks forever sending on 'ch' if 'workerFunction'" want:30 "goroutine started on line 16 blocks forever sending on 'out': only the goroutine holds this channel"

void workerFunction(bool fail) {
  go(producer, IntChan{}); // note:16 "the channel is created here and handed to the goroutine alone"
  IntChan ch;
  go(producer, ch);
  if (fail)
    return; // note:5 "'workerFunction' returns here without receiving from 'ch'"
  ch.recv();
}

void aliased(bool fail) {
  Flag ready;
  rt::go([ready] { ready.send(true); }); // want:20 "line 26 blocks forever sending on 'ready' if 'aliased'"
  if (fail)
    return; // note:5 "'aliased' returns here"
  ready.recv();
}

void macro(bool fail) {
  IntChan ch;
  SPAWN([ch] { ch.send(2); }); // want:16 "line 34 blocks forever sending on 'ch' if 'macro'"
  if (!fail)
    ch.recv();
} // note:1 "'macro' ends here without receiving from 'ch'"

void lambdaParameter(bool fail) {
  IntChan ch;
  ctx::go([](IntChan out, int v) { out.send(v); }, ch, 3); // want:36 "line 41 blocks forever sending on 'out'|line 41 blocks forever sending on 'ch'"
  if (fail)
    return; // note:5 "'lambdaParameter' returns here"
  ch.recv();
}

void initCapture(bool fail) {
  IntChan ch;
  ctx::go([out = ch] { out.send(4); }); // want:24 "line 49 blocks forever sending on 'ch'"
  if (fail)
    return; // note:5 "'initCapture' returns here"
  ch.recv();
}

void localLambda(bool fail) {
  IntChan ch;
  auto work = [ch] { ch.send(5); }; // want:22 "line 58 blocks forever sending on 'ch'"
  ctx::go{work};
  if (fail)
    return; // note:5 "'localLambda' returns here"
  ch.recv();
}

void waitGroupGo(bool fail) {
  ctx::WaitGroup wg;
  IntChan ch;
  wg.go([ch] { ch.send(6); }); // want:16 "line 67 blocks forever sending on 'ch' if 'waitGroupGo'"
  if (fail)
    return; // note:5 "'waitGroupGo' returns here"
  ch.recv();
  wg.wait();
}

template <class T> T firstResult(bool fail) {
  ctx::Chan<T> ch;
  ctx::go([ch] { ch.send(T{}); }); // want:18 "blocks forever sending on 'ch' if 'firstResult'"
  if (fail)
    return T{}; // note:5 "'firstResult' returns here"
  return *ch.recv();
}
template int firstResult<int>(bool);

void suppressed(bool fail) {
  IntChan ch;
  ctx::go([ch] { ch.send(7); }); // NOLINT(ctx-abandoned-sender)
  if (fail)
    return;
  ch.recv();
}

void errGroupGo(bool fail) {
  ctx::ErrGroup g;
  IntChan ch;
  g.go([ch] { // (the group is never waited for on the early path)
    ch.send(8); // want:5 "blocks forever sending on 'ch' if 'errGroupGo'"
    return ctx::Error{};
  });
  if (fail)
    return; // note:5 "'errGroupGo' returns here"
  ch.recv();
  g.wait();
}

#ifdef CTXGUARD_SCENARIO
void scenario() {
  workerFunction(true);
  aliased(true);
  macro(true);
  lambdaParameter(true);
  initCapture(true);
  localLambda(true);
  waitGroupGo(true);
  firstResult<int>(true);
  errGroupGo(true);
  suppressed(false);
}
#endif
