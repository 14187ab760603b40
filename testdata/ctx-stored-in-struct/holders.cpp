// Every way a member can hold a context: references, pointers, arrays,
// template arguments at any depth, aliases and typedefs; in classes,
// unions, nested and anonymous records.
#include <ctx/ctx.hpp>

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <tuple>
#include <utility>
#include <variant>
#include <vector>

using Ctx = ctx::Context;
typedef ctx::Context CtxT;
template <class T> using Maybe = std::optional<T>;

class Server {
  ctx::Context ctx_;                           // want:16 "'Server::ctx_' stores a ctx::Context; pass the context as the first parameter of each call instead"
  const ctx::Context &ref_;                    // want:23 "'Server::ref_' stores a ctx::Context"
  ctx::Context *ptr_;                          // want:17 "'Server::ptr_'"
  ctx::Context all_[4];                        // want:16 "'Server::all_'"
  std::optional<ctx::Context> maybe_;          // want:31 "'Server::maybe_'"
  std::vector<std::shared_ptr<ctx::Context>> shared_; // want:46 "'Server::shared_'"
  std::pair<int, ctx::Context> pair_;          // want:32 "'Server::pair_'"
  std::tuple<int, std::string, Ctx> tuple_;    // want:37 "'Server::tuple_'"
  std::map<std::string, CtxT> byName_;         // want:31 "'Server::byName_'"
  Maybe<Ctx> alias_;                           // want:14 "'Server::alias_'"
  std::variant<int, ctx::Context> variant_;    // want:35 "'Server::variant_'"
  static ctx::Context shared;                  // a static member is not per-object state
  int port_ = 0;
  std::string name_;

public:
  explicit Server(const ctx::Context &c) : ref_(c) {}
};

union Slot {
  ctx::Context *ctx; // want:17 "'Slot::ctx' stores a ctx::Context"
  int fd;
};

struct Outer {
  struct Inner {
    ctx::Context ctx; // want:18 "'Outer::Inner::ctx' stores a ctx::Context"
  };
  struct {
    ctx::Context ctx; // want:18 "'Outer::ctx' stores a ctx::Context"
  };
};

namespace app {
struct Request {
  ctx::Context ctx; // want:16 "'app::Request::ctx' stores a ctx::Context"
};
} // namespace app

void local() {
  struct Job {
    ctx::Context ctx; // want:18 "'Job::ctx' stores a ctx::Context"
  };
  (void)sizeof(Job);
}
