// Nil contexts that are not passed to a function, and code that must stay
// silent: assignments, returns, members, default arguments, dependent code and
// template instantiations, the runtime's own namespace, NOLINT.
#include <ctx/ctx.hpp>

#include <optional>
#include <vector>

void use(const ctx::Context &c) {}

ctx::Context returned() { return ctx::Context{}; }

void assigned(ctx::Context &out) {
  out = ctx::Context{};
  out = {};
  std::optional<ctx::Context> maybe;
  maybe = ctx::Context();
}

struct Holder {
  ctx::Context c{};
  Holder() : c() {}
};

void defaulted(ctx::Context c = {}) {}
void call_defaulted() { defaulted(); }

template <class T> void generic(T t) { use(T{}); }
void instantiate() { generic(ctx::background()); }

template <class F> void forward(F f) { f(ctx::background()); }

void copies(const ctx::Context &c) {
  ctx::Context copy(c);
  use(copy);
  use(c);
  use(ctx::todo());
}

void silenced() {
  use(ctx::Context{}); // NOLINT(ctx-nil-context)
}

void unrelated() {
  std::vector<int> v;
  v.push_back(int{});
  std::optional<int> none{};
  (void)none;
}
