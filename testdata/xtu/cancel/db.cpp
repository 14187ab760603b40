#include "db.h"

static int rows[16];

// Never throws, though not declared noexcept.
void store(int v) { rows[v & 15] = v; }

// Throws through storage.cpp.
void save(int v) { write_row(v); }
