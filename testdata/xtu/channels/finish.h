// CHECKS: ctx-blocking-without-done
#pragma once
#include <ctx/ctx.hpp>

void finish(ctx::Chan<int> out);
void flush(ctx::Chan<int> out);
void publish(ctx::Chan<int> out, int v);
