// Aliases, typedefs, namespace aliases, using-declarations and macros do not
// hide an operation; templates are analysed as written (dependent channel
// operations resolve through the template pattern), never per instantiation.
#include <ctx/ctx.hpp>

#include <chrono>
#include <optional>

namespace rt = ctx;
using IntChan = ctx::Chan<int>;
template <class T> using ChanOf = rt::Chan<T>;
typedef ctx::Context Ctx;
#define SEND_TO(ch, v) (ch).send(v)

void aliases(const Ctx &c, IntChan a, ChanOf<long> b) {
  a.send(1);      // want:3 "'a.send' blocks without observing cancellation of 'c'"
  (void)b.recv(); // want:9 "'b.recv' blocks"
  rt::sleep(std::chrono::milliseconds(1)); // want:3 "'ctx::sleep' cannot be interrupted"
  SEND_TO(a, 2);  // want:3 "'a.send' blocks"
  using ctx::recv;
  using ctx::select;
  select(recv(a), recv(b)); // want:3 "'ctx::select' has neither a done case"
}

template <class T> void forward(const ctx::Context &c, ctx::Chan<T> in, ctx::Chan<T> out) {
  for (T v : in)   // want:14 "range over 'in' blocks"
    out.send(v);   // want:5 "'out.send' blocks"
}

template <class T> std::optional<T> first(const ctx::Context &c, ctx::Chan<T> in) {
  std::optional<T> v;
  switch (ctx::select(ctx::recv(in, v), ctx::recv(c.done()))) {
  case 0:
    return v;
  default:
    return std::nullopt;
  }
}

template <class T> void untimed(const ctx::Context &c, ctx::Chan<T> in) {
  ctx::select(ctx::recv(in)); // want:3 "'ctx::select' has neither a done case"
}

// Not a context until instantiated: the instantiation that makes it one is
// reported once, at the written operation, naming the instantiation.
template <class C> void generic_context(const C &c, ctx::Chan<int> ch) { ch.send(1); } // want:74 "'ch.send' blocks without observing cancellation of 'c'" note@+6:3 "in instantiation of 'generic_context<ctx::Context>' requested here"

void instantiate(const ctx::Context &c, ctx::Chan<int> a, ctx::Chan<int> b) {
  forward(c, a, b);
  (void)first(c, a);
  untimed(c, a);
  generic_context(c, a);
}
