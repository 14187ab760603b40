// Fix-its: the root call is replaced with the one context in scope when code
// there can name it; never for a macro, several contexts, an uncaptured
// context, or an assignment to that very context.
#include <ctx/ctx.hpp>

void use(const ctx::Context &c);

void param(ctx::Context c) { // note:25 "'c' is available"
  use(ctx::background()); // want:7 "pass 'c' instead"
}

void derived(ctx::Context c) { // note:27 "'c' is available"
  auto [child, cancel] = ctx::with_cancel(ctx::todo()); // want:43 "pass 'c' instead"
  ctx::Defer guard{cancel};
  use(child);
}

void captures(ctx::Context c) { // note:28 "'c' is available" note:28 "'c' is available" note:28 "'c' is available"
  auto byCopy = [c] { use(ctx::background()); };     // want:27 "pass 'c' instead"
  auto byDefault = [&] { use(ctx::background()); };  // want:30 "pass 'c' instead"
  auto uncaptured = [] { use(ctx::background()); };  // want:30 "pass 'c' instead"
  byCopy();
  byDefault();
  uncaptured();
}

void nested(ctx::Context c) { // note:26 "'c' is available" note:26 "'c' is available"
  auto outer = [c] {
    auto plain = [] { use(ctx::background()); };     // want:27 "pass 'c' instead"
    auto defaulted = [=] { use(ctx::background()); }; // want:32 "pass 'c' instead"
    plain();
    defaulted();
  };
  outer();
}

void reassigned(ctx::Context c) { // note:30 "'c' is available"
  c = ctx::background(); // want:7 "pass 'c' instead"
  use(c);
}

#define ROOT ctx::background()
void macro(ctx::Context c) { // note:25 "'c' is available"
  use(ROOT); // want:7 "pass 'c' instead" note@-2:14 "expanded from macro 'ROOT'"
}

void several(ctx::Context a, ctx::Context b) { // note:27 "'a' is available"
  use(ctx::background()); // want:7 "pass one of them instead"
}
