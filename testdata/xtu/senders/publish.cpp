#include "publish.h"

#include <chrono>
#include <vector>

using namespace std::chrono_literals;

int compute() {
  ctx::sleep(50ms);
  return 42;
}

void publish(ctx::SendChan<int> out) { out.send(compute()); }

void publish_all(ctx::Chan<int> out, int n) {
  for (int i = 0; i < n; ++i)
    out.send(i);
}

std::vector<ctx::Chan<int>> registry;
void keep(ctx::Chan<int> out) { registry.push_back(out); }

void drain(ctx::RecvChan<int> in) { (void)in.recv(); }
