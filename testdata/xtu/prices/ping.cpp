// Recursion across files: ping (here) and pong (pong.cpp) call each other;
// pong creates the root.
#include "prices.h"

void ping(int n) {
  if (n > 0)
    pong(n - 1);
}
