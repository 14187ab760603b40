// CHECKS: ctx-lost-cancel
#pragma once
#include <ctx/ctx.hpp>

void store(int v);
void save(int v);
void write_row(int v);
void retry_write(int v, int attempts);
