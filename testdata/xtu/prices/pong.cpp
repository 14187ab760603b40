#include "prices.h"

void pong(int n) {
  if (n > 0)
    ping(n - 1);
  else
    consume(ctx::todo());
}
