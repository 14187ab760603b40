// C++ shapes of a root created where a context is available: aliases,
// using-declarations, macros, templates, lambdas capturing a context, nested
// lambdas, methods, constructors, NOLINT; and without_cancel as the clean way.
#include <ctx/ctx.hpp>

void use(const ctx::Context &c);

// Aliases, using-declarations and namespace aliases name the same function.
namespace c2 = ctx;
using ctx::todo;
using Ctx = ctx::Context;
void aliases(Ctx parent) { // note:18 "'parent' is available here" note:18 "'parent' is available here"
  use(c2::background()); // want:7 "'ctx::background' creates a new root context in 'aliases', which already has 'parent'; pass 'parent' instead"
  use(todo());           // want:7 "'ctx::todo' creates a new root context in 'aliases'"
}

// A root written by a macro is reported at the macro's use (no fix-it).
#define FRESH_CONTEXT() ctx::background()
void macros(ctx::Context c) { // note:26 "'c' is available"
  use(FRESH_CONTEXT()); // want:7 "'ctx::background' creates a new root context in 'macros'" note@-2:25 "expanded from macro 'FRESH_CONTEXT'"
}

// Templates are analysed once, in the pattern.
template <class T> void process(ctx::Context c, T item) { // note:46 "'c' is available"
  use(ctx::todo()); // want:7 "'ctx::todo' creates a new root context in 'process'"
}
template void process<int>(ctx::Context, int);
void instantiate(ctx::Context c) {
  process(c, 1.0);
  process(c, 'x');
}

// Lambdas: a context parameter of the lambda, a capture, or a parameter of
// the function the lambda is written in.
void lambdas(ctx::Context c) { // note:27 "'c' is available" note:27 "'c' is available" note:27 "'c' is available"
  auto own = [](ctx::Context inner) { use(ctx::background()); }; // want:43 "creates a new root context in the lambda, which already has 'inner'; pass 'inner' instead" note:30 "'inner' is available"
  auto captured = [c] { use(ctx::background()); };               // want:29 "creates a new root context in the lambda, which already has 'c'"
  auto uncaptured = [] { use(ctx::background()); };              // want:30 "creates a new root context in the lambda, which already has 'c'"
  auto nested = [&] { return [&] { use(ctx::todo()); }; };       // want:40 "creates a new root context in the lambda, which already has 'c'"
  own(c);
  captured();
  uncaptured();
  nested()();
}

// A context captured from a local of the enclosing function.
void capturedLocal(int n) {
  auto [child, cancel] = ctx::with_cancel(ctx::background());
  ctx::Defer guard{cancel};
  ctx::go([child] { use(ctx::background()); }); // want:25 "creates a new root context in the lambda, which already has 'child'" note@-2:9 "'child' is available"
}

// Methods and constructors taking a context.
struct Server {
  explicit Server(ctx::Context c) : base_(ctx::background()) {} // want:43 "creates a new root context in 'Server::Server', which already has 'c'" note:32 "'c' is available"
  void handle(ctx::Context c, int request) { // note:28 "'c' is available"
    use(ctx::todo()); // want:9 "'ctx::todo' creates a new root context in 'Server::handle'"
  }
  ctx::Context base_; // NOLINT(ctx-stored-in-struct): not this check's concern
};

// Several contexts in scope: all are named, and no fix-it is offered.
void two(ctx::Context a, ctx::Context b) { // note:23 "'a' is available"
  use(ctx::background()); // want:7 "which already has 'a' and 'b'; pass one of them instead"
}

// NOLINT silences one call.
void silenced(ctx::Context c) {
  use(ctx::background()); // NOLINT(ctx-background-mid-flow)
}

// The clean way to detach on purpose keeps the values and drops the
// cancellation: not reported.
void detached(ctx::Context c) {
  ctx::go([d = ctx::without_cancel(c)] { use(d); });
}

// An unnamed context parameter is still the caller's context: name it.
void unnamed(ctx::Context, int n) { // note:26 "this context parameter is available; name it and pass it"
  use(ctx::background()); // want:7 "which already has an unnamed context parameter; pass the unnamed context parameter instead"
}
