#include "metrics.h"

using namespace std::chrono_literals;

static long total = 0;

// Takes the context and never looks at it.
void record(const ctx::Context &c, int v) { total += v; }

// Observes it.
void pause(const ctx::Context &c) { c.done().wait_for(1ms); }
