// CHECKS: ctx-loop-without-done
#pragma once
#include <ctx/ctx.hpp>

void record(const ctx::Context &c, int v);
void pause(const ctx::Context &c);
