// Runs the functions of testdata/ctx-blocking-without-done/channels.cpp in
// goroutines, then cancels their context: a goroutine whose function the
// check flags stays blocked (leakcheck reports it); one whose function
// selects on done returns. Each spawn quotes the fixture code (a warning's
// line) it exercises, or says none.
#include "../../ctx-blocking-without-done/channels.cpp"

void scenario() {
  auto [c, cancel] = ctx::with_cancel(ctx::background());
  ctx::Chan<int> a, b, d, e, f, g;
  Pipeline p{g};
  ctx::go(produce, c, a);         // exercises: "out.send(1); // want"
  ctx::go(consume, c, b);         // exercises: "in.recv();"
  ctx::go(drain, c, d);           // exercises: "for (int v : in) // want"
  ctx::go([c, p]() mutable { p.push(c, 1); }); // exercises: "stage.send(v);"
  ctx::go(produce_or_quit, c, e); // exercises: none
  ctx::go(consume_or_quit, c, f); // exercises: none
  cancel();
}
