// The inventory service: a fetcher that asks a backend for prices, a worker
// pool that refreshes many items, and a server that answers requests.
#pragma once

#include <ctx/ctx.hpp>

#include <string>
#include <vector>

namespace inventory {

struct Price {
  std::string item;
  int cents = 0;
};

/// Asks the (simulated) pricing backend; observes `c` while it waits.
ctx::Error query_backend(const ctx::Context &c, const std::string &item, Price &out);

// fetcher.cpp
ctx::Error fetch_price(const ctx::Context &c, const std::string &item, Price &out);
ctx::Error fetch_with_retry(const ctx::Context &c, const std::string &item, Price &out);
Price read_disk_cache(const std::string &item);
ctx::Error fetch_cached(const ctx::Context &c, const std::string &item, Price &out);

// worker_pool.cpp
std::vector<Price> refresh_all(const ctx::Context &c, const std::vector<std::string> &items,
                               int workers);
void audit_log(const ctx::Context &c, const std::string &line);

// server.cpp
class Server {
public:
  explicit Server(ctx::Context c);
  Price handle(const ctx::Context &request, const std::string &item);
  void warm_cache(const std::vector<std::string> &items);

private:
  ctx::Context ctx_; // kept for warm_cache(): see README.md
  std::vector<Price> cache_;
};

} // namespace inventory
