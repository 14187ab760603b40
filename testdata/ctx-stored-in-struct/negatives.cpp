// Code that must stay silent: no contexts, callbacks taking a context,
// static members, lookalike types, a NOLINT, and the runtime's own records.
#include <ctx/ctx.hpp>

#include <functional>
#include <string>

struct Plain {
  int n;
  std::string s;
};

// A callback that takes a context does not store one.
struct Handler {
  std::function<void(ctx::Context)> onRequest;
  void (*raw)(ctx::Context, int);
  ctx::Error (*fn)(const ctx::Context &);
};

// Channels, cancel functions and Done handles are not contexts.
struct Worker {
  ctx::Chan<int> results;
  ctx::CancelFunc cancel;
  ctx::Done done;
};

// A static member is shared state, not part of each object.
struct Globals {
  static ctx::Context root;
  static inline int count = 0;
};

// A type that is not the runtime's context, whatever it is called.
namespace mine {
struct Context {};
} // namespace mine
struct Lookalike {
  mine::Context ctx;
};

// The documented escape hatch.
struct Legacy {
  ctx::Context ctx; // NOLINT(ctx-stored-in-struct)
};

// Context implementations wrap the context they extend, as a Go type
// implementing context.Context may embed one: the runtime's extension point,
// and any polymorphic type whose virtual done() returns the Done type.
class Forwarding final : public ctx::CustomContext {
public:
  explicit Forwarding(ctx::Context inner) : inner_(std::move(inner)) {}
  ctx::Done done() const override { return inner_.done(); }
  ctx::Error err() const override { return inner_.err(); }
  std::string to_string() const override { return "forwarding"; }

private:
  ctx::Context inner_;
};
struct Interface {
  virtual ~Interface() = default;
  virtual ctx::Done done() const = 0;
};
struct Implementation : Interface {
  ctx::Done done() const override { return parent.done(); }
  ctx::Context parent;
};
struct Derived : Implementation {
  ctx::Context extra;
};

// A polymorphic type without done() is an ordinary record.
struct Service {
  virtual ~Service() = default;
  ctx::Context ctx; // want:16 "'Service::ctx' stores a ctx::Context"
};
