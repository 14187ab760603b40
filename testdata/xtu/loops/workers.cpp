#include "metrics.h"

void counter(const ctx::Context &c) {
  ctx::go([c] {
    for (int i = 0;; ++i) // want:5 "loop in the goroutine started on line 4 never observes cancellation of 'c'"
      record(c, i);
  });
}

// Silent: pause() (metrics.cpp) observes the context.
void ticker(const ctx::Context &c) {
  ctx::go([c] {
    for (;;)
      pause(c);
  });
}
