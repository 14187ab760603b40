// Code that must stay silent: roots where no context is available (main,
// helpers without a context, globals, default arguments and member
// initializers), context factories, local contexts (they do not count), a
// lookalike function, and helpers without a body in this TU.
#include <ctx/ctx.hpp>

void use(const ctx::Context &c);

int main() {
  ctx::Context root = ctx::background();
  use(root);
  use(ctx::todo());
}

// No context in scope: a root is the only way to start.
void job() { use(ctx::background()); }
struct Daemon {
  Daemon() { use(ctx::background()); }
  void tick() { use(ctx::todo()); }
};

// A global and a default member initializer are outside any function.
ctx::Context global = ctx::background();
struct Config {
  ctx::Context base = ctx::background(); // NOLINT(ctx-stored-in-struct)
};

// A default argument is evaluated in the caller, which has no context here.
void withDefault(ctx::Context c = ctx::background()) { use(c); }

// Functions that return a context construct one.
ctx::Context fallback(ctx::Context c) { return c ? c : ctx::background(); }
ctx::Context fresh() { return ctx::background(); }
std::pair<ctx::Context, ctx::CancelFunc> scoped(const ctx::Context &c) {
  return ctx::with_cancel(c);
}
void usesFactories(ctx::Context c) {
  use(fresh());
  use(fallback(c));
}

// Local contexts do not count: only parameters and captures do.
void localsOnly() {
  auto [c, cancel] = ctx::with_cancel(ctx::background());
  ctx::Defer guard{cancel};
  use(ctx::todo());
  use(c);
}

// A function that is not a root, whatever it is called.
namespace mine {
ctx::Context background(ctx::Context parent);
} // namespace mine
void lookalike(ctx::Context c) { use(mine::background(c)); }

// A callee without a body in this TU is not assumed to create a root.
void declaredOnly();
void callsDeclared(ctx::Context c) { declaredOnly(); }

// Callees that take a context are not helpers creating their own root.
void takesContext(ctx::Context c, int n) { use(c); }
void passes(ctx::Context c) {
  takesContext(c, 1);
  job(); // NOLINT(ctx-background-mid-flow): job() is the documented exception here
}
