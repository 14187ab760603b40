// Ports staticcheck's SA1012 testdata (CheckNilContext, its generic variant
// and the "Use context.TODO" golden): a nil context passed to a function.
// Unlike SA1012, which looks only at the first parameter, a nil context is
// flagged in any position.
#include <ctx/ctx.hpp>

#include <string>

void fn1(ctx::Context c) {}
void fn2(std::string x, ctx::Context c) {}
void fn4() {}

struct T {
  void foo() {}
};

template <class U> void tpfn1(ctx::Context c, U x) {}
template <class U1, class U2> void tpfn2(ctx::Context c, U1 x, U2 y) {}

void fn3() {
  fn1(ctx::Context{}); // want:7 "do not pass a nil ctx::Context to 'fn1', even if a function permits it; pass ctx::todo\(\) if you are unsure about which context to use" note:7 "ctx::background\(\)"
  fn1(ctx::todo());
  fn2("", ctx::Context{}); // want:11 "nil ctx::Context to 'fn2'" note:11 "ctx::background"
  fn4();

  // Not a call that passes a context: a null function pointer, a member.
  void (*f)(ctx::Context) = nullptr;
  (void)f;
  T t;
  t.foo();
}

void tpbar() {
  tpfn1<int>(ctx::Context{}, 0); // want:14 "nil ctx::Context to 'tpfn1'" note:14 "background"
  tpfn1(ctx::Context{}, 0);      // want:9 "nil ctx::Context to 'tpfn1'" note:9 "background"
  tpfn2<int, int>(ctx::Context{}, 0, 0); // want:19 "to 'tpfn2'" note:19 "background"
  tpfn2(ctx::Context{}, 0, 0);           // want:9 "to 'tpfn2'" note:9 "background"
}
