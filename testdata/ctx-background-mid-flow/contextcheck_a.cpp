// Ports kkHAIKE/contextcheck testdata/src/a/a.go (Go function names in the
// comments). contextcheck reports where a new root reaches a callee; this
// check reports where the root is created, and a call to a context-less
// helper that creates one. The net/http cases (a context carried by a
// *http.Request, f8-f11, f14, f15) have no C++ counterpart: a context that is
// not a Context parameter or capture is not "available" to this check.
#include <ctx/ctx.hpp>

#include <string>

struct MyString {
  std::string s;
  bool operator==(const MyString &) const = default;
};

struct TestInterface {
  virtual ~TestInterface() = default;
  virtual std::string Test() = 0;
};
struct xx : TestInterface {
  std::string Test() override { return ""; }
};
xx *newXX() {
  static xx X;
  return &X;
}

struct MyInt {
  int v;
  int F() const { return v; }
};

void f2(ctx::Context c) {}
void f3();
void f6();

// func f1(ctx context.Context)
void f1(ctx::Context c) { // note:22 "'c' is available here; to detach from its cancellation on purpose, keep its values with 'ctx::without_cancel\(c\)'"
  ctx::Defer d{[c] { f2(c); }}; // defer f2(ctx)
  ctx::go(f2, c);                // go f2(ctx)
  f2(c);

  c = ctx::with_value(c, MyString{"aaa"}, std::string("aaaaaa"));
  f2(c);

  newXX()->Test();

  f3(); // want:3 "'f3' creates its own root context; pass 'c' to it"
  f6(); // want:3 "'f6' creates its own root context through 'f3'; pass 'c' to it"

  ctx::Defer d2{[c] { f2(c); }}; // defer func() { f2(ctx) }()

  [](ctx::Context inner) { f2(inner); }(c); // func(ctx context.Context) { f2(ctx) }(ctx)

  f2(ctx::background()); // want:6 "'ctx::background' creates a new root context in 'f1', which already has 'c'; pass 'c' instead"

  auto thunk = &MyInt::F; // thunk := MyInt.F
  (MyInt{0}.*thunk)();
  auto bound = [m = MyInt{0}] { return m.F(); }; // bound := MyInt(0).F
  bound();
}

// func f3() { f2(context.TODO()) }: no context here, so not reported itself.
void f3() {
  f2(ctx::todo()); // note:6 "'f3' creates the root context here with 'ctx::todo'" note:6 "'f3' creates the root context here with 'ctx::todo'" note:6 "'f3' creates the root context here with 'ctx::todo'" note:6 "'f3' creates the root context here with 'ctx::todo'"
}

// func f4(ctx): ctx = context.Background() (contextcheck reports the next use)
void f4(ctx::Context c) { // note:22 "'c' is available"
  f2(c);
  c = ctx::background(); // want:7 "'ctx::background' creates a new root context in 'f4', which already has 'c'"
  f2(c);
}

// func f5(ctx): a closure first, then ctx = context.Background()
void f5(ctx::Context c) { // note:22 "'c' is available"
  [&] { f2(c); }();
  c = ctx::background(); // want:7 "'ctx::background' creates a new root context in 'f5'"
  f2(c);
}

// func f6() { f3() }
void f6() { f3(); }

// func f7(ctx): a context derived from ctx is fine.
std::pair<ctx::Context, ctx::CancelFunc> getNewCtx(const ctx::Context &c) {
  return ctx::with_cancel(c);
}
void f7(ctx::Context c) {
  auto [child, cancel] = getNewCtx(c);
  ctx::Defer guard{cancel};
  f2(child); // OK
}

// nolint: contextcheck (func f14)
void f14(ctx::Context c) {
  f2(ctx::background()); // NOLINT(ctx-background-mid-flow)
}

// type MySlice[T] []T; func (s MySlice[T]) f12(ctx context.Context) T { f3() ... }
template <class T> struct MySlice {
  T f12(ctx::Context c) {
    f3(); // want:5 "'f3' creates its own root context; pass 'c' to it"
    T sum{};
    return sum;
  }
};

// func f13[T ...](ctx context.Context, a, b T) T { f3() ... }
template <class T> T f13(ctx::Context c, T a, T b) {
  f3(); // want:3 "'f3' creates its own root context; pass 'c' to it"
  return a > b ? a : b;
}

void instantiate(ctx::Context c) {
  MySlice<int>{}.f12(c);
  MySlice<float>{}.f12(c);
  f13(c, 1, 2);
  f13(c, 1.0, 2.0);
}
