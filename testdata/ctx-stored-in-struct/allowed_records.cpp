// Option AllowedRecords exempts records by name or regex (clang-tidy's
// matchesAnyListedRegexName: a name without ':' matches the unqualified name,
// with ':' the qualified name, with a leading ':' the fully qualified name).
// OPTION: ctx-stored-in-struct.AllowedRecords=^RequestScope$;^::app::detail::.*;Test$
#include <ctx/ctx.hpp>

// A request-scoped object that lives exactly as long as the request.
struct RequestScope {
  ctx::Context ctx;
};

namespace app::detail {
struct Frame {
  ctx::Context ctx;
};
} // namespace app::detail

// A test fixture.
struct ServerTest {
  ctx::Context ctx;
};

// Not allowed: the regex is anchored.
struct RequestScopeCache {
  ctx::Context ctx; // want:16 "'RequestScopeCache::ctx' stores a ctx::Context"
};
namespace app {
struct Frame {
  ctx::Context ctx; // want:16 "'app::Frame::ctx' stores a ctx::Context"
};
} // namespace app

// An anonymous struct member belongs to the named record around it.
struct ServerTest2Test {
  struct {
    ctx::Context ctx;
  };
};
