// Which contexts count: parameters (of functions, methods, constructors and
// lambdas), captures, parameters of the functions enclosing a lambda, and
// locals (structured bindings too) declared before the operation and still in
// scope. The message names the latest local, else the function's own context.
#include <ctx/ctx.hpp>

#include <optional>

void local_declared_before(ctx::Chan<int> ch) {
  ch.send(0);
  ctx::Context c = ctx::background();
  ch.send(1); // want:3 "'ch.send' blocks without observing cancellation of 'c'"
}

void local_out_of_scope(ctx::Chan<int> ch) {
  {
    ctx::Context c = ctx::background();
    (void)c;
  }
  ch.send(1);
}

void structured_binding(const ctx::Context &parent, ctx::Chan<int> ch) {
  auto [child, cancel] = ctx::with_cancel(parent);
  ctx::Defer guard{cancel};
  ch.send(1); // want:3 "cancellation of 'child'"
}

void captured(const ctx::Context &c, ctx::Chan<int> ch) {
  ctx::go([c, ch] { ch.send(1); }); // want:21 "'ch.send' blocks without observing cancellation of 'c'"
}

void nested_lambdas(const ctx::Context &c, ctx::Chan<int> ch) {
  auto outer = [ch] {
    auto inner = [ch] { ch.send(1); }; // want:25 "cancellation of 'c'"
    inner();
  };
  outer();
}

void lambda_parameter() {
  auto handler = [](const ctx::Context &c, ctx::Chan<int> ch) { ch.send(1); }; // want:65 "cancellation of 'c'"
  (void)handler;
}

ctx::Chan<int> no_context_anywhere() {
  ctx::Chan<int> ch;
  ctx::go([ch] { ch.send(1); });
  return ch;
}

struct Server {
  Server(const ctx::Context &c, ctx::Chan<int> ready) { ready.send(1); } // want:57 "'ready.send' blocks"
  void handle(ctx::Chan<int> in) { (void)in.recv(); }
  void serve(ctx::Context c, ctx::Chan<int> in) try {
    (void)in.recv(); // want:11 "'in.recv' blocks"
  } catch (const ctx::ClosedChannel &) {
  }
};

struct Worker {
  Worker(const ctx::Context &c, ctx::Chan<int> seed) : first(seed.recv().value_or(0)) {} // want:62 "'seed.recv' blocks"
  int first;
};

void through_a_pointer(const ctx::Context &c, const ctx::Chan<int> *out) {
  out->send(1); // want:3 "'out->send' blocks without observing cancellation of 'c'"
}

void in_handler(const ctx::Context &c, ctx::Chan<int> errors) {
  try {
    errors.send(0); // want:5 "'errors.send' blocks"
  } catch (const ctx::ClosedChannel &) {
    std::optional<int> v = errors.recv(); // want:28 "'errors.recv' blocks"
  }
}
