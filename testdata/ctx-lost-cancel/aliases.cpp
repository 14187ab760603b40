// Aliases do not fool the check: namespace aliases, using-declarations,
// using-directives, type aliases and typedefs of the pair and of the cancel
// type resolve to the runtime's declarations. The fix-it spells ctx::Defer
// the way the code reaches the runtime (through the alias, or from the
// global namespace when a local `ctx` hides it).
#include <ctx/ctx.hpp>

#include <string>
#include <tuple>

std::string fetch(const ctx::Context &c);

namespace rt = ctx;
using Cancel = ctx::CancelFunc;
typedef std::pair<ctx::Context, ctx::CancelFunc> Derived;

void namespaceAlias(const rt::Context &p) {
  auto [c, cancel] = rt::with_timeout(p, rt::Duration{}); // want:22 "'cancel' is skipped if 'fetch' throws"
  fetch(c);                                                // note:3 "'fetch' may throw"
  cancel();
}

void namespaceAliasDropped(const rt::Context &p) {
  (void)rt::with_cancel(p); // want:9 "returned by ctx::with_cancel should be called"
}

void usingDeclaration(const ctx::Context &p, bool b) {
  using ctx::with_cancel;
  auto [c, cancel] = with_cancel(p); // want:22 "'cancel' is not used on all paths"
  if (b)
    return; // note:5 "this return may be reached without using 'cancel'"
  cancel();
}

void usingDirective(const ctx::Context &p) {
  using namespace ctx;
  auto [c, cancel] = with_deadline(p, TimePoint{}); // want:22 "'cancel' is skipped if 'fetch' throws"
  fetch(c);                                          // note:3 "'fetch' may throw"
  cancel();
}

void typeAliases(const ctx::Context &p) {
  Derived d = ctx::with_cancel(p); // want:15 "returned by ctx::with_cancel should be called"
  ctx::Context c;
  Cancel cancel;
  std::tie(c, cancel) = ctx::with_cancel(p); // want:25 "'cancel' is skipped if 'fetch' throws"
  fetch(c);                                  // note:3 "'fetch' may throw"
  cancel();
  (void)d.first;
}

namespace app {
namespace ctx {
struct Local {};
} // namespace ctx

void shadowed(const ::ctx::Context &p) {
  auto [c, cancel] = ::ctx::with_cancel(p); // want:22 "'cancel' is skipped if 'fetch' throws"
  fetch(c);                                  // note:3 "'fetch' may throw"
  cancel();
}

void shadowedUsing(const ::ctx::Context &p) {
  using ::ctx::with_cancel;
  auto [c, cancel] = with_cancel(p); // want:22 "'cancel' is skipped if 'fetch' throws"
  fetch(c);                           // note:3 "'fetch' may throw"
  cancel();
}
} // namespace app
