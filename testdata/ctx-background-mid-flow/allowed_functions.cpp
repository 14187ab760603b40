// Option AllowedFunctions (fully qualified names) exempts functions that
// start a root on purpose, with the lambdas written in them, and callees that
// do so are not reported at their call sites.
// OPTION: ctx-background-mid-flow.AllowedFunctions=app::Server::shutdown;::app::startDaemon
#include <ctx/ctx.hpp>

void use(const ctx::Context &c);

namespace app {
// Shutdown must outlive the request that asked for it.
struct Server {
  void shutdown(ctx::Context c) {
    use(ctx::background());
    ctx::go([c] { use(ctx::background()); });
  }
  void serve(ctx::Context c) { // note:27 "'c' is available"
    use(ctx::background()); // want:9 "'ctx::background' creates a new root context in 'app::Server::serve'"
  }
};

// A daemon started from a request lives on after it.
void startDaemon() { use(ctx::background()); }
void helper() { use(ctx::todo()); } // note:21 "'app::helper' creates the root context here with 'ctx::todo'"

void handle(ctx::Context c) {
  startDaemon();
  helper(); // want:3 "'app::helper' creates its own root context; pass 'c' to it"
}
} // namespace app
