// Correct code and channels of unknown origin: nothing is flagged. Each shape
// is one GCatch/GFix's fixes produce or a hand-off the check cannot follow.
#include <ctx/ctx.hpp>

#include <optional>
#include <utility>
#include <vector>

using namespace std::chrono_literals;

// The buffered result channel of size 1: the send never blocks.
int bufferedResult(ctx::Duration timeout) {
  ctx::Chan<int> ch(1);
  ctx::go([ch] { ch.send(7); });
  std::optional<int> result;
  if (ctx::select(ctx::recv(ch, result), ctx::recv(ctx::after(timeout))) == 0)
    return *result;
  return -1;
}

// Buffered with room for every goroutine's single send (the "mirrors" shape).
int firstOfTwo() {
  ctx::Chan<int> responses(2);
  ctx::go([responses] { responses.send(1); });
  ctx::go([responses] { responses.send(2); });
  return *responses.recv();
}

// A receive on every path.
int receivesOnEveryPath(bool fail) {
  ctx::Chan<int> ch;
  ctx::go([ch] { ch.send(1); });
  int v = *ch.recv();
  if (fail)
    return -1;
  return v;
}

// The goroutine selects on the context: it finds its own way out.
void senderObservesContext(const ctx::Context &c) {
  ctx::Chan<int> ch;
  ctx::go([ch, c] { ctx::select(ctx::send(ch, 1), ctx::recv(c.done())); });
  ctx::select(ctx::recv(ch), ctx::recv(c.done()));
}

// Every case of the switch over the select receives, or loops back.
int switchReceives(const ctx::Context &c) {
  ctx::Chan<int> ch;
  ctx::go([ch] { ch.send(3); });
  std::optional<int> v;
  switch (ctx::select(ctx::recv(ch, v))) {
  case 0:
    return *v;
  }
  return 0;
}

// A channel of unknown origin: a parameter.
void fromParameter(ctx::Chan<int> ch, bool fail) {
  ctx::go([ch] { ch.send(1); });
  if (fail)
    return;
  ch.recv();
}

// A channel of unknown origin: a member.
struct Server {
  ctx::Chan<int> results;
  void start(bool fail) {
    ctx::go([this] { results.send(1); });
    if (fail)
      return;
    results.recv();
  }
};

// The channel escapes to another function, which may receive from it.
void drain(ctx::Chan<int> ch) { ch.recv(); }
void handedOff(bool fail) {
  ctx::Chan<int> ch;
  ctx::go([ch] { ch.send(1); });
  if (fail) {
    drain(ch);
    return;
  }
  ch.recv();
}

// Another goroutine receives from it: a pipeline, not judged.
void pipeline() {
  ctx::Chan<int> ch;
  ctx::WaitGroup wg;
  wg.go([ch] { ch.send(1); });
  wg.go([ch] { ch.recv(); });
  wg.wait();
}

// The channel is closed on the early path: the sender is released (it throws).
void closesOnEarlyReturn(bool fail) {
  ctx::Chan<int> ch;
  ctx::go([ch] {
    try {
      ch.send(1);
    } catch (const ctx::ClosedChannel &) {
    }
  });
  if (fail) {
    ch.close();
    return;
  }
  ch.recv();
}

// An infinite server loop never returns, so it abandons nothing.
[[noreturn]] void serveForever() {
  ctx::Chan<int> ch;
  ctx::go([ch] { ch.send(1); });
  for (;;)
    ch.recv();
}

// No runtime roles at all: silent.
struct Queue {
  void send(int) {}
};
void plain() {
  Queue q;
  auto worker = [&q] { q.send(1); };
  worker();
}

// The select's other case can never be taken: nothing sends on or closes
// 'never', so the send case on 'ch' always runs.
void onlyOneLiveCase() {
  ctx::Chan<long> ch;
  ctx::WaitGroup wg;
  wg.go([ch] { ch.recv(); });
  ctx::Chan<int> never;
  ctx::select(ctx::recv(never), ctx::send(ch, 1L));
  wg.wait();
}

// Another goroutine closes the channel the first one receives from.
void closedByAnotherGoroutine() {
  ctx::Chan<int> ready;
  ctx::WaitGroup wg;
  wg.go([ready] { ready.recv(); });
  wg.go([ready] { ready.close(); });
  wg.wait();
}

#ifdef CTXGUARD_SCENARIO
void scenario() {
  bufferedResult(1ms);
  firstOfTwo();
  receivesOnEveryPath(true);
  auto [c, cancel] = ctx::with_cancel(ctx::background());
  cancel();
  senderObservesContext(c);
  switchReceives(c);
  handedOff(true);
  pipeline();
  closesOnEarlyReturn(true);
  onlyOneLiveCase();
  closedByAnotherGoroutine();
  plain();
}
#endif
