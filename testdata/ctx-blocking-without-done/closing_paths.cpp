// A range-for over a channel ends when the channel is closed, so it needs no
// done case only when the close is certain: before the range on every path,
// or by a goroutine that closes it on every path of its own (a producer, a
// scope guard, a helper that closes it, Go's closer that waits for the
// producers). A close on some paths only leaves the range waiting.
#include <ctx/ctx.hpp>

#include <vector>

int work(int i);
bool valid(int i);

void emit(const ctx::Context &c, ctx::Chan<int> out, int v) {
  ctx::select(ctx::send(out, v), ctx::recv(c.done()));
}
void finish(ctx::Chan<int> out) { out.close(); }

// Closed by the producer once it is done.
int producerCloses(const ctx::Context &c, std::vector<int> items) {
  ctx::Chan<int> out;
  ctx::go([c, out, items] {
    for (int i : items)
      emit(c, out, work(i));
    out.close();
  });
  int sum = 0;
  for (int v : out)
    sum += v;
  return sum;
}

// The producer returns before closing when an item is invalid.
int producerMayReturn(const ctx::Context &c, std::vector<int> items) {
  ctx::Chan<int> out;
  ctx::go([c, out, items] {
    for (int i : items) {
      if (!valid(i))
        return;
      emit(c, out, work(i));
    }
    out.close();
  });
  int sum = 0;
  for (int v : out) // want:16 "range over 'out' blocks without observing cancellation of 'c'"
    sum += v;
  return sum;
}

// A scope guard closes it on every path, the early return included.
int producerDefersClose(const ctx::Context &c, std::vector<int> items) {
  ctx::Chan<int> out;
  ctx::go([c, out, items] {
    ctx::Defer closer{[out] { out.close(); }};
    for (int i : items) {
      if (!valid(i))
        return;
      emit(c, out, work(i));
    }
  });
  int sum = 0;
  for (int v : out)
    sum += v;
  return sum;
}

// A helper whose body closes it.
int helperCloses(const ctx::Context &c, std::vector<int> items) {
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

// Go's fan-in: the producers are joined by a closer that holds a copy of
// the WaitGroup handle.
int fanIn(const ctx::Context &c, std::vector<int> items) {
  ctx::Chan<int> out;
  ctx::WaitGroup wg;
  for (int i : items)
    wg.go([c, out, i] { emit(c, out, work(i)); });
  ctx::go([wg, out] {
    wg.wait();
    out.close();
  });
  int sum = 0;
  for (int v : out)
    sum += v;
  return sum;
}

// Closed before the range on both branches, or on one only.
int closedOnBothBranches(const ctx::Context &c, bool early) {
  ctx::Chan<int> buffered(2);
  buffered.send(1);
  if (early) {
    buffered.close();
  } else {
    buffered.send(2);
    buffered.close();
  }
  int sum = 0;
  for (int v : buffered)
    sum += v;
  return sum;
}

int closedOnOneBranch(const ctx::Context &c, bool early) {
  ctx::Chan<int> buffered(2);
  buffered.send(1);
  if (early)
    buffered.close();
  int sum = 0;
  for (int v : buffered) // want:16 "range over 'buffered' blocks without observing cancellation of 'c'"
    sum += v;
  return sum;
}
