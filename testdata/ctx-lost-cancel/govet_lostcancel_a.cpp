// Ports go vet's lostcancel test data, function by function
// (golang.org/x/tools go/analysis/passes/lostcancel/testdata/src/a/a.go).
// Go's anonymous `func _()` become named functions; the Go source of each is
// quoted in the comment above it. Go's `select` has no statement form here:
// its cases become a switch over ctx::select's result.
#include <ctx/ctx.hpp>

#include <tuple>

ctx::Context bg = ctx::background();
bool condition;
int someInt;

[[noreturn]] void fail_now();  // new(testing.T).FailNow()
[[noreturn]] void log_fatal(); // log.Fatal()
[[noreturn]] void os_exit(int code);
void print(int);

// var _, cancel = context.WithCancel(bg); if false { _ = cancel }
void varForm() {
  auto [c, cancel] = ctx::with_cancel(bg); // want:22 "'cancel' is not used on all paths \(possible context leak\)"
  if (false) {
    (void)cancel;
  }
} // note:1 "this return may be reached without using 'cancel' defined on line 21"

// _, cancel2 := context.WithDeadline(bg, time.Time{}); if false { _ = cancel2 }
void shortVarForm() {
  auto [c, cancel2] = ctx::with_deadline(bg, ctx::TimePoint{}); // want:23 "'cancel2' is not used on all paths"
  if (false) {
    (void)cancel2;
  }
} // note:1 "may be reached without using 'cancel2' defined on line 29"

// var cancel3 func(); _, cancel3 = context.WithTimeout(bg, 0); if false { _ = cancel3 }
void assignForm() {
  ctx::Context c;
  ctx::CancelFunc cancel3;
  std::tie(c, cancel3) = ctx::with_timeout(bg, ctx::Duration{}); // want:26 "'cancel3' is not used on all paths"
  if (false) {
    (void)cancel3;
  }
} // note:1 "this return may be reached without using 'cancel3' defined on line 39"

// ctx, _ := context.WithCancel(bg); ctx, _ = context.WithTimeout(bg, 0); ...
void discarded() {
  ctx::Context c;
  std::tie(c, std::ignore) = ctx::with_cancel(bg);                    // want:15 "the cancel function returned by ctx::with_cancel should be called, not discarded, to avoid a context leak"
  std::tie(c, std::ignore) = ctx::with_timeout(bg, ctx::Duration{});  // want:15 "the cancel function returned by ctx::with_timeout should be called, not discarded"
  std::tie(c, std::ignore) = ctx::with_deadline(bg, ctx::TimePoint{}); // want:15 "returned by ctx::with_deadline should be called, not discarded"
  (void)c;
}

// _, cancel := context.WithCancel(bg); defer cancel() // ok
void deferred() {
  auto [c, cancel] = ctx::with_cancel(bg);
  ctx::Defer guard{cancel};
}

// if condition { cancel() }; return
void cancelInIf() {
  auto [c, cancel] = ctx::with_cancel(bg); // want:22 "not used on all paths"
  if (condition) {
    cancel();
  }
  return; // note:3 "this return may be reached without using 'cancel'"
}

// if condition { cancel() } else { for { print(0) } } // ok: infinite loop
void infiniteLoop() {
  auto [c, cancel] = ctx::with_cancel(bg);
  if (condition) {
    cancel();
  } else {
    for (;;) {
      print(0);
    }
  }
}

// if condition { cancel() } else { for i := 0; i < 10; i++ { print(0) } }
void finiteLoop() {
  auto [c, cancel] = ctx::with_cancel(bg); // want:22 "not used on all paths"
  if (condition) {
    cancel();
  } else {
    for (int i = 0; i < 10; i++) {
      print(0);
    }
  }
} // note:1 "this return may be reached without using 'cancel'"

// switch someInt { case 0: FailNow(); case 1: log.Fatal(); case 2: cancel();
// case 3: print("hi"); fallthrough; default: os.Exit(1) } // ok: used on all paths
void switchAllPaths() {
  auto [c, cancel] = ctx::with_cancel(bg);
  switch (someInt) {
  case 0:
    fail_now();
  case 1:
    log_fatal();
  case 2:
    cancel();
    break;
  case 3:
    print(1);
    [[fallthrough]];
  default:
    os_exit(1);
  }
}

// The same, but case 3 falls through to the implicit return.
void switchMissingPath() {
  auto [c, cancel] = ctx::with_cancel(bg); // want:22 "not used on all paths"
  switch (someInt) {
  case 0:
    fail_now();
  case 1:
    log_fatal();
  case 2:
    cancel();
    break;
  case 3:
    print(1); // falls through to the implicit return
    break;
  default:
    os_exit(1);
  }
} // note:1 "this return may be reached without using 'cancel'"

// select { case <-ch: FailNow(); case ch <- 2: print("hi"); case ch <- 1: cancel();
// default: os.Exit(1) }
void selectMissingPath(ctx::Chan<int> ch) {
  auto [c, cancel] = ctx::with_cancel(bg); // want:22 "not used on all paths"
  switch (ctx::select(ctx::recv(ch), ctx::send(ch, 2), ctx::send(ch, 1), ctx::default_case())) {
  case 0:
    fail_now();
  case 1:
    print(1); // falls through to the implicit return
    break;
  case 2:
    cancel();
    break;
  default:
    os_exit(1);
  }
} // note:1 "this return may be reached without using 'cancel'"

// select { case <-ch: panic(0) }; if false { _ = cancel }
// A blocking select must execute one of its cases (a [[noreturn]] one here).
void selectPanics(ctx::Chan<int> ch) {
  auto [c, cancel] = ctx::with_cancel(bg);
  ctx::select(ctx::recv(ch));
  fail_now();
  if (false) {
    (void)cancel;
  }
}

// go func() { ctx, cancel := context.WithCancel(bg); if false { _ = cancel }; print(ctx) }()
void goroutine() {
  ctx::go([] {
    auto [c, cancel] = ctx::with_cancel(bg); // want:24 "not used on all paths"
    if (false) {
      (void)cancel;
    }
    print(c ? 1 : 0);
  }); // note:3 "may be reached without using 'cancel'"
}

// Go issue 16143: var x struct{ f func() }; x.f()
void issue16143() {
  struct {
    void (*f)();
  } x{};
  x.f();
}

// Go issue 16230: a naked return of named results counts as a use.
// C++ has no named results: returning the variable is the counterpart.
std::pair<ctx::Context, ctx::CancelFunc> issue16230() {
  std::pair<ctx::Context, ctx::CancelFunc> result;
  result = ctx::with_cancel(bg);
  return result;
}

// The same, for a function literal.
auto issue16230Literal = []() -> std::pair<ctx::Context, ctx::CancelFunc> {
  std::pair<ctx::Context, ctx::CancelFunc> result;
  result = ctx::with_cancel(bg);
  return result;
};

// Go issue 31856: the cancel variable belongs to the enclosing function;
// the literal that assigns it is not where it must be used.
void issue31856() {
  ctx::CancelFunc cancel;
  [&] { std::tie(std::ignore, cancel) = ctx::with_cancel(bg); }();
  cancel();
}
