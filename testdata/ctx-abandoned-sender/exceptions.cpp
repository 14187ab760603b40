// C++ exits Go does not have: a throw leaves the starter like a return and
// abandons the goroutine; a throw caught inside the starter does not.
#include <ctx/ctx.hpp>

#include <stdexcept>

int parse(bool bad) {
  ctx::Chan<int> ch;
  ctx::go([ch] { ch.send(1); }); // want:18 "goroutine started on line 9 blocks forever sending on 'ch' if 'parse' returns without receiving from it"
  if (bad)
    throw std::invalid_argument("bad input"); // note:5 "'parse' throws here without receiving from 'ch'"
  return *ch.recv();
}

// Caught in the starter, then received: not flagged.
int recovers(bool bad) {
  ctx::Chan<int> ch;
  ctx::go([ch] { ch.send(2); });
  try {
    if (bad)
      throw std::runtime_error("retry");
  } catch (const std::runtime_error &) {
  }
  return *ch.recv();
}

// A [[noreturn]] call ends the path without returning: not flagged.
[[noreturn]] void fatal(const char *why) { throw std::logic_error(why); }
int fatalOnError(bool bad) {
  ctx::Chan<int> ch;
  ctx::go([ch] { ch.send(3); });
  if (bad)
    fatal("unrecoverable");
  return *ch.recv();
}

// A class: the starter is a constructor; the goroutine sends on a local.
class Loader {
public:
  explicit Loader(bool fail) {
    ctx::Chan<int> ch;
    ctx::go([ch] { ch.send(4); }); // want:20 "line 42 blocks forever sending on 'ch' if 'Loader'"
    if (fail)
      return; // note:7 "'Loader' returns here"
    value_ = *ch.recv();
  }

private:
  int value_ = 0;
};

#ifdef CTXGUARD_SCENARIO
void scenario() {
  try {
    parse(true);
  } catch (const std::invalid_argument &) {
  }
  recovers(true);
  Loader loader(true);
}
#endif
