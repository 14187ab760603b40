// Ports go vet's main exemption (lostcancel testdata b.go, and
// cmd/vet/testdata/lostcancel/lostcancel.go): returning from main ends the
// process, so main's cancels are not checked on paths, while other
// functions, and lambdas inside main, are. A dropped cancel is still
// reported in main, as go vet reports `_` there.
#include <ctx/ctx.hpp>

#include <tuple>

// func _() { var _, cancel = context.WithCancel(context.Background()); if false { _ = cancel } }
void notMain() {
  auto [c, cancel] = ctx::with_cancel(ctx::background()); // want:22 "'cancel' is not used on all paths \(possible context leak\)"
  if (false) {
    (void)cancel;
  }
} // note:1 "this return may be reached without using 'cancel' defined on line 12"

namespace app {
// Not the program's main: only ::main is exempt.
int main() {
  auto [c, cancel] = ctx::with_cancel(ctx::background()); // want:22 "'cancel' is not used on all paths"
  if (false) {
    (void)cancel;
  }
  return 0; // note:3 "this return may be reached without using 'cancel' defined on line 21"
}
} // namespace app

// func main() { var _, cancel = context.WithCancel(context.Background()); if false { _ = cancel } }
int main() {
  auto [c, cancel] = ctx::with_cancel(ctx::background());
  if (false) {
    (void)cancel;
  }
  ctx::Context other;
  std::tie(other, std::ignore) = ctx::with_cancel(c); // want:19 "returned by ctx::with_cancel should be called, not discarded"
  auto worker = [&] {
    auto [wc, wcancel] = ctx::with_timeout(c, std::chrono::seconds(1)); // want:26 "'wcancel' is not used on all paths"
    if (!wc)
      return; // note:7 "this return may be reached without using 'wcancel' defined on line 38"
    wcancel();
  };
  worker();
  return 0;
}
