#include "db.h"

#include <stdexcept>

void write_row(int v) {
  if (v < 0)
    throw std::runtime_error("negative row");
}

// Recursion across files: retry_write (here) and retry.cpp's again().
void again(int v, int attempts);
void retry_write(int v, int attempts) {
  if (attempts > 0)
    again(v, attempts - 1);
}
