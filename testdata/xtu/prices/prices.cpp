#include "prices.h"

void load_quotes();

// The helper of the issue: it creates its root through load_quotes().
void refresh_prices() {
  load_quotes();
}

void tidy_prices() {}

// Silent, whatever a stale facts file says of tidy_prices: its body is here.
void uses_tidy(const ctx::Context &c) {
  tidy_prices();
  consume(c);
}
