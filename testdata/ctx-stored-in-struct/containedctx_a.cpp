// Ports sivchari/containedctx testdata/src/a/a.go and b.go: a struct that
// contains a context field (Go type names in the comments).
#include <ctx/ctx.hpp>

#include <string>

// type ok struct { i int; s string }
struct ok {
  int i;
  std::string s;
};

// type ng struct { ctx context.Context } // want
struct ng {
  ctx::Context ctx; // want:16 "'ng::ctx' stores a ctx::Context; pass the context as the first parameter of each call instead"
};

// type empty struct{}
struct empty {};

// b.go: import xcontext "context"; type namedng struct { ctx xcontext.Context } // want
namespace xcontext = ctx;
struct namedng {
  xcontext::Context ctx; // want:21 "'namedng::ctx' stores a ctx::Context"
};
