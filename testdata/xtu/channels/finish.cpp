#include "finish.h"

void finish(ctx::Chan<int> out) { out.close(); }
void flush(ctx::Chan<int> out) { (void)out.size(); }
void publish(ctx::Chan<int> out, int v) { out.send(v); }
