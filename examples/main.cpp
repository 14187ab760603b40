// Starts the service, answers a few requests and shuts down.
#include "inventory.hpp"

#include <chrono>
#include <iostream>

using namespace std::chrono_literals;

int main() {
  auto [root, stop] = ctx::with_cancel(ctx::background());
  ctx::Defer shutdown([&] { stop(); });

  inventory::Server server(root);
  server.warm_cache({"apple", "pear", "plum"});
  for (const char *item : {"apple", "fig"}) {
    auto [request, done] = ctx::with_timeout(root, 100ms);
    ctx::Defer finish([&] { done(); });
    inventory::Price p = server.handle(request, item);
    std::cout << p.item << ": " << p.cents << "\n";
  }
  inventory::Price p;
  if (!inventory::fetch_with_retry(root, "kiwi", p))
    std::cout << p.item << ": " << p.cents << "\n";
  if (!inventory::fetch_cached(root, "melon", p))
    std::cout << p.item << ": " << p.cents << " (cached)\n";
  return 0;
}
