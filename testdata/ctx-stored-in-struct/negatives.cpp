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
