// Ports go vet's lostcancel type-parameter test data
// (go/analysis/passes/lostcancel/testdata/src/typeparams/typeparams.go):
// generic functions become function templates, analysed once in their
// pattern (never once per instantiation), and user types that merely look
// like contexts are not cancel sources.
#include <ctx/ctx.hpp>

#include <tuple>

ctx::Context bg = ctx::background();

// func _[T any]() { var _, cancel = context.WithCancel(bg); if false { _ = cancel } }
template <class T> void generic() {
  auto [c, cancel] = ctx::with_cancel(bg); // want:22 "'cancel' is not used on all paths"
  if (false) {
    (void)cancel;
  }
} // note:1 "this return may be reached without using 'cancel' defined on line 14"

// func _[T any]() { _, cancel := context.WithCancel(bg); defer cancel() } // ok
template <class T> void genericDeferred() {
  auto [c, cancel] = ctx::with_cancel(bg);
  ctx::Defer guard{cancel};
}

// A parent of a dependent type: the call resolves only per instantiation,
// and the pattern is still analysed.
template <class Parent> ctx::Context genericParent(const Parent &p) {
  ctx::Context c;
  std::tie(c, std::ignore) = ctx::with_timeout(p, ctx::Duration{}); // want:15 "returned by ctx::with_timeout should be called, not discarded"
  return c;
}

template <class Parent> void genericParentLeak(const Parent &p, bool fast) {
  auto [c, cancel] = ctx::with_cancel(p); // want:22 "'cancel' is not used on all paths"
  if (fast)
    return; // note:5 "this return may be reached without using 'cancel'"
  cancel();
}

// type C2[P any] interface { WithCancel(parent C1[P, bool]) (ctx C1[P, bool], cancel func()) }
// A user type with a method of the same name is not a cancel source.
template <class P> struct C2 {
  std::pair<ctx::Context, ctx::CancelFunc> with_cancel(const ctx::Context &parent) {
    return {parent, {}};
  }
};

void notContextWithCancel(C2<int> c) {
  auto [cc, ignored] = c.with_cancel(bg); // not ctx::with_cancel
  (void)cc;
}

// Further regression test for Go issue 16143.
void issue16143() {
  struct C {
    int (*f)();
  } x{};
  x.f();
}

void instantiate() {
  generic<int>();
  generic<char>();
  genericDeferred<int>();
  (void)genericParent(bg);
  genericParentLeak(bg, true);
}
