#include <ctx/ctx.hpp>

#include <chrono>

ctx::Error wait(const ctx::Context &parent) {
  auto [c, cancel] = ctx::with_timeout(parent, std::chrono::milliseconds(10));
  ctx::Defer stop([&] { cancel(); });
  return ctx::sleep(c, std::chrono::milliseconds(1));
}
