// Every spelling of a nil context passed as an argument: Context() and
// Context{}, a braced {} for a Context parameter, through an alias, a typedef
// and a namespace alias, to constructors, methods, lambdas, goroutines and
// the runtime's own functions.
#include <ctx/ctx.hpp>

#include <functional>

void run(const ctx::Context &c, int n) {}
void take(ctx::Context &&c) {}

using Ctx = ctx::Context;
typedef ctx::Context LegacyCtx;
namespace cx = ctx;

struct Server {
  explicit Server(ctx::Context c) {}
  void serve(const ctx::Context &c) {}
  static void start(int port, const ctx::Context &c) {}
};

void spellings() {
  run(ctx::todo(), 1);   // want:7 "nil ctx::Context to 'run'" note:7 "background"
  run(ctx::todo(), 2);   // want:7 "nil ctx::Context to 'run'" note:7 "background"
  run(ctx::todo(), 3);               // want:7 "nil ctx::Context to 'run'" note:7 "background"
  run(ctx::todo(), 4);            // want:7 "nil ctx::Context to 'run'" note:7 "background"
  run(ctx::todo(), 5);      // want:7 "nil ctx::Context to 'run'" note:7 "background"
  run(ctx::todo(), 6);    // want:7 "nil ctx::Context to 'run'" note:7 "background"
  run((ctx::todo()), 7); // want:8 "nil ctx::Context to 'run'" note:8 "background"
  take(ctx::todo());     // want:8 "nil ctx::Context to 'take'" note:8 "background"
}

void receivers() {
  Server s(ctx::todo());          // want:12 "nil ctx::Context to 'Server'" note:12 "background"
  s.serve(ctx::todo());                       // want:11 "nil ctx::Context to 'Server::serve'" note:11 "background"
  Server::start(80, ctx::todo()); // want:21 "to 'Server::start'" note:21 "background"
  auto handler = [](const ctx::Context &c) {};
  handler(ctx::todo()); // want:11 "nil ctx::Context to a lambda" note:11 "background"
  std::function<void(ctx::Context)> fn = handler;
  fn(ctx::todo()); // want:6 "nil ctx::Context to 'std::function" note:6 "background"
}

void runtime_calls() {
  auto [c, cancel] = ctx::with_cancel(ctx::todo()); // want:39 "to 'ctx::with_cancel'" note:39 "background"
  cancel();
  ctx::go(run, ctx::todo(), 1); // want:16 "to 'ctx::go'" note:16 "background"
  (void)ctx::without_cancel(ctx::todo());   // want:29 "to 'ctx::without_cancel'" note:29 "background"
}
