// Nil contexts written through macros (reported at the expansion, no fix-it
// inside a macro) and in templates (the pattern is analysed once, never its
// instantiations).
#include <ctx/ctx.hpp>

void use(const ctx::Context &c) {}

#define NIL_CONTEXT ctx::Context{}
#define CALL_WITH_NIL(fn) fn(ctx::Context{})

void through_macros() {
  use(NIL_CONTEXT);   // want:7 "nil ctx::Context to 'use'" note:7 "background"
  CALL_WITH_NIL(use); // want:3 "nil ctx::Context to 'use'" note:3 "background"
}

template <class T> struct Worker {
  void start() { use(ctx::todo()); } // want:22 "nil ctx::Context to 'use'" note:22 "background"
  void run(T t) { t.handle(ctx::todo()); } // want:28 "do not pass a nil ctx::Context, even" note:28 "background"
};

struct Handler {
  void handle(const ctx::Context &c) {}
};

void instantiate() {
  Worker<Handler> w;
  w.start();
  w.run(Handler{});
}
