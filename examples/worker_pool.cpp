// Refreshing many prices with a fixed number of workers.
#include "inventory.hpp"

#include <chrono>
#include <iostream>
#include <mutex>
#include <optional>

using namespace std::chrono_literals;

namespace inventory {

// Correct: a producer and `workers` consumers in one ErrGroup. Every channel
// operation is a select that also waits for the group's context, so the first
// error (or the caller's cancellation) stops them all.
std::vector<Price> refresh_all(const ctx::Context &c, const std::vector<std::string> &items,
                               int workers) {
  ctx::Chan<std::string> jobs;
  std::mutex mu;
  std::vector<Price> prices;
  auto [group, gc] = ctx::ErrGroup::with_context(c);
  group.go([gc = gc, jobs, &items]() -> ctx::Error {
    ctx::Defer close_jobs([&] { jobs.close(); });
    for (const std::string &item : items)
      if (ctx::select(ctx::send(jobs, item), ctx::recv(gc.done())) == 1)
        return gc.err();
    return {};
  });
  for (int w = 0; w < workers; ++w) {
    group.go([gc = gc, jobs, &mu, &prices]() -> ctx::Error {
      for (;;) {
        std::optional<std::string> item;
        if (ctx::select(ctx::recv(jobs, item), ctx::recv(gc.done())) == 1)
          return gc.err();
        if (!item)
          return {}; // closed and drained
        Price p;
        if (ctx::Error err = fetch_price(gc, *item, p))
          return err;
        std::lock_guard<std::mutex> lock(mu);
        prices.push_back(p);
      }
    });
  }
  if (ctx::Error err = group.wait())
    std::cerr << "refresh stopped: " << err << "\n";
  return prices;
}

// Mistake: a plain sleep in a function that has a context. When `c` is
// cancelled (shutdown), this still waits out the whole back-off.
void audit_log(const ctx::Context &c, const std::string &line) {
  if (c.err())
    return;
  ctx::sleep(5ms); // rate-limit the audit sink
  std::clog << "audit: " << line << "\n";
}

} // namespace inventory
