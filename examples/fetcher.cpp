// Fetching prices from the backend, with a deadline per request.
#include "inventory.hpp"

#include <chrono>
#include <optional>

using namespace std::chrono_literals;

namespace inventory {

ctx::Error query_backend(const ctx::Context &c, const std::string &item, Price &out) {
  if (ctx::Error err = ctx::sleep(c, 2ms))
    return err;
  out = Price{item, static_cast<int>(item.size()) * 100};
  return {};
}

// Correct: the cancel is deferred right after the derivation.
ctx::Error fetch_price(const ctx::Context &c, const std::string &item, Price &out) {
  auto [request, cancel] = ctx::with_timeout(c, 50ms);
  ctx::Defer release([&] { cancel(); });
  return query_backend(request, item, out);
}

// Mistake: the early return for an empty item leaks the timeout's cancel
// (its timer and its registration in the parent stay alive until the parent
// ends).
ctx::Error fetch_with_retry(const ctx::Context &c, const std::string &item, Price &out) {
  auto [attempts, cancel] = ctx::with_timeout(c, 200ms);
  if (item.empty())
    return ctx::Error::make("empty item");
  ctx::Error err;
  for (int attempt = 0; attempt < 3; ++attempt) {
    err = fetch_price(attempts, item, out);
    if (!err)
      break;
  }
  cancel();
  return err;
}

Price read_disk_cache(const std::string &item) {
  ctx::sleep(1ms); // a slow disk; cannot be interrupted, so it runs in a goroutine
  return Price{item, 99};
}

// Mistake: a goroutine that can block forever. The cache read sends its result
// on an unbuffered channel; when the caller's context is done first, nobody
// ever receives and the goroutine stays blocked in send() for good.
ctx::Error fetch_cached(const ctx::Context &c, const std::string &item, Price &out) {
  ctx::Chan<Price> result;
  ctx::go([item, result] { result.send(read_disk_cache(item)); });
  std::optional<Price> got;
  switch (ctx::select(ctx::recv(result, got), ctx::recv(c.done()))) {
  case 0:
    out = *got;
    return {};
  default:
    return c.err();
  }
}

} // namespace inventory
