// Shared helpers for the runtime's tests.
#pragma once

#include <chrono>
#include <functional>
#include <string>
#include <thread>

#include <ctx/ctx.hpp>

namespace ctxtest {

using namespace std::chrono_literals;

// For things that should happen: generous, the machine may be loaded and
// running under ThreadSanitizer.
inline constexpr ctx::Duration kLong = std::chrono::seconds(20);
// For things that should not happen (yet): short, a failure is only missed.
inline constexpr ctx::Duration kShort = std::chrono::milliseconds(20);

// Polls pred until it holds or `limit` passes.
inline bool eventually(const std::function<bool()>& pred, ctx::Duration limit = kLong) {
  const auto deadline = ctx::Clock::now() + limit;
  auto pause = std::chrono::microseconds(100);
  while (!pred()) {
    if (ctx::Clock::now() >= deadline) return false;
    std::this_thread::sleep_for(pause);
    if (pause < std::chrono::milliseconds(5)) pause *= 2;
  }
  return true;
}

}  // namespace ctxtest
