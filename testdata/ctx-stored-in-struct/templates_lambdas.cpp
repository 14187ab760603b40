// Class templates are reported once, in the pattern, only when the written
// type holds a context; lambdas' closure types (their captures) never.
#include <ctx/ctx.hpp>

#include <optional>
#include <utility>
#include <vector>

template <class T> struct Holder {
  ctx::Context ctx;                 // want:16 "'Holder::ctx' stores a ctx::Context"
  std::pair<T, ctx::Context> tagged; // want:30 "'Holder::tagged' stores a ctx::Context"
  T value;                           // depends on T: only Box<ctx::Context> would hold one
  std::vector<T> values;
};

// Instantiations, even with a context as the argument, are not reported again.
template struct Holder<int>;
Holder<double> one;
Holder<ctx::Context> two;

template <class T> struct Box {
  T value;
  std::optional<T> maybe;
};
Box<ctx::Context> boxed; // the pattern Box<T> does not name a context

// A partial or full specialization is code the user wrote.
template <class T> struct Box<T *> {
  ctx::Context owner; // want:16 "'Box::owner' stores a ctx::Context"
};
template <> struct Box<char> {
  std::optional<ctx::Context> owner; // want:31 "'Box::owner' stores a ctx::Context"
};
Box<int *> pointerBox;

// A member template's record inside a class template.
template <class T> struct Outer {
  template <class U> struct Inner {
    ctx::Context ctx; // want:18 "'Outer::Inner::ctx' stores a ctx::Context"
  };
};
Outer<int>::Inner<long> nested;

// Lambdas capture contexts by copy or reference: the closure is not a
// record the user wrote.
void lambdas(ctx::Context c) {
  auto byCopy = [c] { return c.err(); };
  auto byRef = [&c] { return c.err(); };
  auto init = [held = c] { return held.err(); };
  auto nested = [c] { return [c] { return c.err(); }(); };
  (void)byCopy();
  (void)byRef();
  (void)init();
  (void)nested();
}

// A generic function that stores its argument in a local struct.
template <class T> void remember(T v) {
  struct Memo {
    T value;
    ctx::Context ctx; // want:18 "'Memo::ctx' stores a ctx::Context"
  };
  (void)Memo{v, ctx::Context()};
}
void useRemember() {
  remember(1);
  remember(2.0);
}
