// Runs the functions of testdata/ctx-blocking-without-done/channels.cpp in
// goroutines, then cancels their context: a goroutine whose function the
// check flags stays blocked (leakcheck reports it); one whose function
// selects on done returns. Each spawn says which fixture line (a warning)
// it exercises, or none.
#include "../../ctx-blocking-without-done/channels.cpp"

void scenario() {
  auto [c, cancel] = ctx::with_cancel(ctx::background());
  ctx::Chan<int> a, b, d, e, f, g;
  Pipeline p{g};
  ctx::go(produce, c, a);         // exercises: 9
  ctx::go(consume, c, b);         // exercises: 13
  ctx::go(drain, c, d);           // exercises: 19
  ctx::go([c, p]() mutable { p.push(c, 1); }); // exercises: 27
  ctx::go(produce_or_quit, c, e); // exercises: none
  ctx::go(consume_or_quit, c, f); // exercises: none
  cancel();
}
