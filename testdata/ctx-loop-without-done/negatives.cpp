// Silent: loops that observe cancellation through a Done, that hand the
// context to a call, event loops of code without a context or goroutine, and
// code that does not use the runtime at all.
#include <ctx/ctx.hpp>

#include <atomic>

using namespace std::chrono_literals;

void waitsOnDone(ctx::Done done) {
  for (;;)
    if (done.wait_for(1ms))
      return;
}

void handsDoneOn(const ctx::Context &c) {
  ctx::Done done = c.done();
  ctx::Chan<int> ticks(1);
  for (;;)
    switch (ctx::select(ctx::recv(ticks), ctx::recv(done))) {
    case 0:
      continue;
    default:
      return;
    }
}

int step(const ctx::Context &c);
void contextAware(const ctx::Context &c) {
  for (;;)
    step(c);
}

// An event loop with no context and no goroutine: not this check's business.
int main() {
  std::atomic<int> n{0};
  auto spin = [&n] {
    for (;;)
      ++n;
  };
  (void)spin;
  for (;;)
    ctx::sleep(1ms);
}

// No runtime roles.
struct Token {
  bool stop_requested() const { return false; }
};
void plain(Token t) {
  while (true)
    if (t.stop_requested())
      break;
}
