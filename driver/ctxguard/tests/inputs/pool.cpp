#include "worker.hpp"

void step(const ctx::Context &c, int item);

// The context is not the first parameter.
void submit(int item, const ctx::Context &c) { step(c, item); }

// A manual cancel that an exception from step() skips: fix-it defers it.
void drain(const ctx::Context &parent) {
  auto [c, cancel] = ctx::with_cancel(parent);
  step(c, 1);
  cancel();
}
