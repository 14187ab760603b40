#include <ctx/ctx.hpp>

void run(const ctx::Context &c) {
  int x = 1
  (void)c;
}
