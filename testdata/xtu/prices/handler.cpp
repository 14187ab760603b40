#include "prices.h"

void handle(const ctx::Context &c) {
  refresh_prices(); // want:3 "'refresh_prices' creates its own root context through 'load_quotes'; pass 'c' to it" note:3 "'refresh_prices' \(prices.cpp:6\) creates its own root context through the call on line 7" note:3 "'load_quotes' \(quotes.cpp:5\) creates its own root context with 'ctx::(background|todo)' \(line 5\)"
  ping(3);          // want:3 "'ping' creates its own root context through 'pong'; pass 'c' to it" note:3 "'ping' \(ping.cpp:5\) creates its own root context through the call on line 7" note:3 "'pong' \(pong.cpp:3\) creates its own root context with 'ctx::todo' \(line 7\)"
  refresh_all();    // want:3 "'refresh_all' creates its own root context through 'refresh_prices' -> 'load_quotes'; pass 'c' to it"
}

// Silent: a helper of another file that creates no root, and a context passed on.
void quiet(const ctx::Context &c) {
  tidy_prices();
  consume(c);
}
