// The call-graph half (kkHAIKE/contextcheck's "Function `f` should pass the
// context parameter"): a context-carrying function calls a function of this
// TU that takes no context but creates a root, directly or through its
// callees. Methods, constructors, recursion, lambdas and goroutines.
#include <ctx/ctx.hpp>

void use(const ctx::Context &c);
void external(); // no body in this TU: never assumed to create a root

void direct() { use(ctx::background()); } // note:21 "'direct' creates the root context here with 'ctx::background'"  note:21 "'direct' creates the root context here with 'ctx::background'" note:21 "'direct' creates the root context here with 'ctx::background'" note:21 "'direct' creates the root context here with 'ctx::background'" note:21 "'direct' creates the root context here with 'ctx::background'" note:21 "'direct' creates the root context here with 'ctx::background'"
void middle() { direct(); }
void top() { middle(); }

void callers(ctx::Context c) {
  direct(); // want:3 "'direct' creates its own root context; pass 'c' to it"
  top();    // want:3 "'top' creates its own root context through 'middle' -> 'direct'; pass 'c' to it"
  external();
}

// Recursion terminates: a cycle with no root creates none, a cycle with one
// is found.
void ping(int n);
void pong(int n) { if (n > 0) ping(n - 1); }
void ping(int n) { if (n > 0) pong(n - 1); }
void rootedPing(int n);
void rootedPong(int n) {
  if (n > 0)
    rootedPing(n - 1);
  else
    direct();
}
void rootedPing(int n) { rootedPong(n); }
void recursion(ctx::Context c) {
  ping(3);
  rootedPing(3); // want:3 "'rootedPing' creates its own root context through 'rootedPong' -> 'direct'; pass 'c' to it"
}

// Methods and constructors that create their own root.
struct Client {
  Client() : session_(ctx::todo()) {} // note:23 "'Client::Client' creates the root context here with 'ctx::todo'"
  void refresh() { use(ctx::background()); } // note:24 "'Client::refresh' creates the root context here with 'ctx::background'"
  void refresh(ctx::Context c) { use(c); }
  ctx::Context session_; // NOLINT(ctx-stored-in-struct)
};
void methods(ctx::Context c) {
  Client client; // want:10 "'Client::Client' creates its own root context; pass 'c' to it"
  client.refresh(); // want:10 "'Client::refresh' creates its own root context; pass 'c' to it"
  client.refresh(c);
}

// A helper whose root is created in a goroutine it starts.
void spawn() {
  ctx::go([] { use(ctx::background()); }); // note:20 "'spawn' creates the root context here with 'ctx::background'"
}
void goroutines(ctx::Context c) {
  spawn(); // want:3 "'spawn' creates its own root context; pass 'c' to it"
}

// A lambda capturing a context calls a helper.
void fromLambda(ctx::Context c) {
  ctx::go([c] { direct(); }); // want:17 "'direct' creates its own root context; pass 'c' to it"
  ctx::go([] { direct(); });  // want:16 "'direct' creates its own root context; pass 'c' to it"
}

// Helpers that take a context are reported themselves (or not), never
// through their callers; functions returning a context are factories.
void takesContext(ctx::Context c) { use(ctx::background()); } // want:41 "creates a new root context in 'takesContext'" note:32 "'c' is available"
ctx::Context factory() { return ctx::background(); }
void notThrough(ctx::Context c) {
  takesContext(c);
  use(factory());
}

// A template helper: the call in the pattern names the pattern's callee.
template <class T> void genericHelper(T) { use(ctx::todo()); } // note:48 "'genericHelper' creates the root context here with 'ctx::todo'"
void templates(ctx::Context c) {
  genericHelper(1); // want:3 "'genericHelper' creates its own root context; pass 'c' to it"
}

// NOLINT silences one call site.
void silenced(ctx::Context c) {
  direct(); // NOLINT(ctx-background-mid-flow)
}

// Callers without a context are not reported: there is nothing to pass.
void noContext() {
  direct();
  top();
}
int main() {
  direct();
  auto [c, cancel] = ctx::with_cancel(ctx::background());
  ctx::Defer guard{cancel};
  top(); // main is exempt
}

// Several contexts in scope: all are named.
void two(ctx::Context a, ctx::Context b) {
  direct(); // want:3 "'direct' creates its own root context; pass one of 'a' and 'b' to it"
}
