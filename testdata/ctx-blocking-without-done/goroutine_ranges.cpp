// A goroutine without a context that ranges over a channel ends only when the
// channel is closed: when nothing in the file closes such a channel, it
// blocks forever (the Go runtime's leak-profile NoCloseRange worker). With a
// context, the range is judged like any other wait (closing_paths.cpp).
#include <ctx/ctx.hpp>

struct Event {
  int id;
};

void consume(ctx::Chan<Event> events) {
  ctx::go([events] {
    for (Event e : events) // want:20 "range over 'events' in the goroutine started on line 12 blocks forever: it ends only when the channel is closed, and nothing in this file closes such a channel"
      (void)e.id;
  });
}

void consumeAll(ctx::Chan<Event> events) {
  for (Event e : events) // no goroutine of this file runs it: not flagged
    (void)e.id;
}

// Not flagged: the file closes channels of this type, so the range can end.
void sum(ctx::Chan<int> in) {
  ctx::go([in] {
    int total = 0;
    for (int v : in)
      total += v;
    (void)total;
  });
}
void finish(ctx::Chan<int> in) { in.close(); }

#ifdef CTXGUARD_SCENARIO
void scenario() {
  ctx::Chan<Event> events;
  consume(events);
  ctx::Chan<int> numbers(1);
  sum(numbers);
  numbers.send(1);
  finish(numbers);
}
#endif
