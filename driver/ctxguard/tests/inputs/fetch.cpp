#include "worker.hpp"

#include <chrono>
#include <stdexcept>
#include <string>

bool lookup(const ctx::Context &c, const std::string &key);

// A cancel lost on the early return.
bool fetch(const ctx::Context &parent, const std::string &key) {
  auto [c, cancel] = ctx::with_timeout(parent, std::chrono::seconds(1));
  if (key.empty())
    return false;
  bool found = lookup(c, key);
  cancel();
  return found;
}

// Correct: the cancel is deferred.
bool fetchDeferred(const ctx::Context &parent, const std::string &key) {
  auto [c, cancel] = ctx::with_timeout(parent, std::chrono::seconds(1));
  ctx::Defer stop([&] { cancel(); });
  return lookup(c, key);
}
