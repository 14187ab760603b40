#include "finish.h"

#include <vector>

int work(int i) { return i * 2; }

void emit(const ctx::Context &c, ctx::Chan<int> out, int v) {
  ctx::select(ctx::send(out, v), ctx::recv(c.done()));
}

// Silent: finish() (finish.cpp) closes the channel on every path.
int closedElsewhere(const ctx::Context &c, std::vector<int> items) {
  ctx::Chan<int> out;
  ctx::go([c, out, items] {
    for (int i : items)
      emit(c, out, work(i));
    finish(out);
  });
  int sum = 0;
  for (int v : out)
    sum += v;
  return sum;
}

// flush() (finish.cpp) does not close it: the range waits forever once the
// producer is done.
int neverClosed(const ctx::Context &c, std::vector<int> items) {
  ctx::Chan<int> out;
  ctx::go([c, out, items] {
    for (int i : items)
      emit(c, out, work(i));
    flush(out);
  });
  int sum = 0;
  for (int v : out) // want:16 "range over 'out' blocks without observing cancellation of 'c'"
    sum += v;
  return sum;
}

// publish() (finish.cpp) sends and takes no context: the worker blocks in it
// where cancellation of 'c' cannot reach.
void forward(const ctx::Context &c, ctx::Chan<int> out) {
  publish(out, 7); // want:3 "'publish' blocks sending on 'out' without observing cancellation of 'c'; pass 'c' to it and select on 'c.done\(\)' there"
}
