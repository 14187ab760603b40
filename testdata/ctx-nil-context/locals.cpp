// A local context that is still nil where it is passed: declared without a
// context and never assigned, referenced by a non-const reference or by
// address anywhere in the function. No fix-it: the declaration is what needs
// a context.
#include <ctx/ctx.hpp>

void use(const ctx::Context &c) {}
void fill(ctx::Context &c) { c = ctx::background(); }
ctx::Context make();

void never_assigned() {
  ctx::Context c; // note:16 "'c' is declared here without a context and never assigned"
  use(c);         // want:7 "do not pass a nil ctx::Context to 'use'"
}

void braced_and_copied() {
  ctx::Context a{};                // note:16 "'a' is declared here"
  ctx::Context b = ctx::Context(); // note:16 "'b' is declared here"
  use(a);                          // want:7 "nil ctx::Context to 'use'"
  use(b);                          // want:7 "nil ctx::Context to 'use'"
}

void read_only_uses() {
  ctx::Context c; // note:16 "'c' is declared here"
  if (!c)
    (void)c.to_string();
  use(c); // want:7 "nil ctx::Context to 'use'"
}

// Assigned somewhere: not flagged, whatever the path.
void assigned_later(bool early) {
  ctx::Context c;
  if (early)
    c = ctx::background();
  use(c);
}

void assigned_in_loop(int n) {
  ctx::Context c;
  for (int i = 0; i < n; ++i) {
    use(c);
    c = make();
  }
}

void filled_by_reference() {
  ctx::Context c;
  fill(c);
  use(c);
}

void address_taken() {
  ctx::Context c;
  ctx::Context *p = &c;
  *p = make();
  use(c);
}

void assigned_in_lambda() {
  ctx::Context c;
  auto init = [&c] { c = ctx::todo(); };
  init();
  use(c);
}

void initialised() {
  ctx::Context c = make();
  use(c);
  ctx::Context d = ctx::background();
  use(d);
}

// A parameter may be nil, but that is the caller's business.
void parameter(ctx::Context c) { use(c); }

// Lambdas: a nil local of a lambda, and one captured by copy into a goroutine
// (still nil there); a by-reference capture that assigns clears it.
void in_lambdas() {
  auto handler = [] {
    ctx::Context inner; // note:18 "'inner' is declared here"
    use(inner);         // want:9 "nil ctx::Context to 'use'"
  };
  handler();
  ctx::Context captured; // note:16 "'captured' is declared here"
  ctx::go([captured] { use(captured); }); // want:28 "nil ctx::Context to 'use'"
}
