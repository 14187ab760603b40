// CHECKS: ctx-background-mid-flow
#pragma once
#include <ctx/ctx.hpp>

void consume(const ctx::Context &c);
void refresh_prices();
void tidy_prices();
void ping(int n);
void pong(int n);

// Defined in a header: the same function in every TU that includes it.
inline void refresh_all() { refresh_prices(); } // note:29 "'refresh_prices' \(prices.cpp:6\) creates its own root context through the call on line 7" note:29 "'load_quotes' \(quotes.cpp:5\) creates its own root context with 'ctx::(background|todo)' \(line 5\)"
