// Answering price requests.
#include "inventory.hpp"

#include <chrono>

using namespace std::chrono_literals;

namespace inventory {

Server::Server(ctx::Context c) : ctx_(std::move(c)) {}

// Mistake: a new root context in the middle of a request. Cancelling the
// request (the client went away) no longer stops the backend query.
Price Server::handle(const ctx::Context &request, const std::string &item) {
  for (const Price &p : cache_)
    if (p.item == item)
      return p;
  Price fresh;
  if (fetch_price(ctx::background(), item, fresh))
    return Price{item, -1};
  audit_log(request, "miss " + item);
  return fresh;
}

// Uses the stored context (the mistake is the member, see inventory.hpp).
void Server::warm_cache(const std::vector<std::string> &items) {
  cache_ = refresh_all(ctx_, items, 4);
}

} // namespace inventory
