// Runs the selects of testdata/ctx-blocking-without-done/select_cases.cpp in
// goroutines, then cancels their context: the select without a done case
// stays blocked, the ones with a done case or a default return. Each spawn
// quotes the fixture code (a warning's line) it exercises, or says none.
#include "../../ctx-blocking-without-done/select_cases.cpp"

void scenario() {
  auto [c, cancel] = ctx::with_cancel(ctx::background());
  ctx::Chan<int> a, b, d, e, f;
  ctx::go(no_done, c, a, b);             // exercises: "return ctx::select(ctx::recv(a, v), ctx::send(b, 1));"
  ctx::go(with_done, c, d);              // exercises: none
  ctx::go(with_default, c, e);           // exercises: none
  ctx::go(done_kept_in_a_variable, c, f); // exercises: none
  cancel();
}
