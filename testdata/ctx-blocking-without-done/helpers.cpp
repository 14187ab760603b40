// Helpers that block on a channel they are handed: code with a context that
// hands a channel to a helper which sends on it or receives from it, and
// takes nothing that could tell it of cancellation, blocks in the helper
// where the context cannot reach. The helper's facts decide (its body here;
// a helper of another file through the program's facts, testdata/xtu/channels).
#include <ctx/ctx.hpp>

void publish(ctx::Chan<int> out, int v) { out.send(v); }
int take(ctx::RecvChan<int> in) { return in.recv().value_or(0); }
void relay(ctx::Chan<int> out) { publish(out, 0); }

void worker(const ctx::Context &c, ctx::Chan<int> out) {
  publish(out, 1); // want:3 "'publish' blocks sending on 'out' without observing cancellation of 'c'; pass 'c' to it and select on 'c.done\(\)' there"
  relay(out);      // want:3 "'relay' blocks sending on 'out' without observing cancellation of 'c'"
}

int reader(const ctx::Context &c, ctx::Chan<int> in) {
  return take(in); // want:10 "'take' blocks receiving from 'in' without observing cancellation of 'c'; pass 'c' to it and select on 'c.done\(\)' there"
}

void goroutine(const ctx::Context &c) {
  ctx::Chan<int> results;
  ctx::go([c, results] { publish(results, 2); }); // want:26 "'publish' blocks sending on 'results' without observing cancellation of 'c'"
  ctx::select(ctx::recv(results), ctx::recv(c.done()));
}

// Silent: helpers that can see cancellation or never block, channels that
// cannot block them, code without a context.
void publish_until(const ctx::Context &c, ctx::Chan<int> out, int v) {
  ctx::select(ctx::send(out, v), ctx::recv(c.done()));
}
void publish_or_give_up(ctx::Chan<int> out, int v) {
  ctx::select(ctx::send(out, v), ctx::default_case());
}
void sizes(ctx::Chan<int> out) { (void)out.size(); }

void quiet(const ctx::Context &c, ctx::Chan<int> out) {
  publish_until(c, out, 1);
  publish_or_give_up(out, 2);
  sizes(out);
  ctx::Chan<int> buffered(1);
  publish(buffered, 3);
  ctx::Chan<int> done(1);
  done.send(4);
  done.close();
  (void)take(done);
}

void no_context(ctx::Chan<int> out) { publish(out, 5); }
