// Option RootFunctions names another library's root constructors; the
// runtime's own, annotated ctx::background and ctx::todo, stay roots.
// OPTION: ctx-background-mid-flow.RootFunctions=::lib::new_root
#include <ctx/ctx.hpp>

namespace lib {
ctx::Context new_root();
} // namespace lib
void use(const ctx::Context &c);

void handle(ctx::Context c) { // note:26 "'c' is available" note:26 "'c' is available"
  use(lib::new_root()); // want:7 "'lib::new_root' creates a new root context in 'handle', which already has 'c'"
  use(ctx::todo()); // want:7 "'ctx::todo' creates a new root context in 'handle'"
}
