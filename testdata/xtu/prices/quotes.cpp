// A chain across three files: handler.cpp -> prices.cpp -> quotes.cpp.
#include "prices.h"

void consume(const ctx::Context &c) { (void)c.err(); }
void load_quotes() { consume(ctx::background()); }
