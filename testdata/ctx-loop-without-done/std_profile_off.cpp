// OPTION: ctx-loop-without-done.Profiles=ctx;grpc
// The per-check option ctx-<check>.Profiles (docs/profiles.md) overrides the
// global list for one check: without std, this loop stays silent.
#include <stop_token>

void step();

void for_ever(std::stop_token st) {
  for (;;)
    step();
}
