// Templates and generic lambdas by their instantiations: an operation the
// pattern cannot tell apart (a member call on a dependent object) becomes a
// channel send or receive once instantiated. It is reported once, at the
// written line, with a note naming the instantiation; an instantiation with
// a type that does not block says nothing.
#include <ctx/ctx.hpp>

struct Log {
  void send(int) const {}
};

template <class Sink> void forward(const ctx::Context &c, Sink sink, int v) {
  sink.send(v); // want:3 "'sink.send' blocks without observing cancellation of 'c'" note@+9:3 "in instantiation of 'forward<ctx::Chan<int>>' requested here"
}

template <class Source> int take(const ctx::Context &c, Source source) {
  return *source.recv(); // want:11 "'source.recv' blocks without observing cancellation of 'c'" note@+7:9 "in instantiation of 'take<ctx::Chan<int>>' requested here"
}

void use(const ctx::Context &c, ctx::Chan<int> ch) {
  forward(c, Log{}, 1);
  forward(c, ch, 2);
  forward(c, ch, 3);
  (void)take(c, ch);
  auto relay = [&c](auto out, int v) { out.send(v); }; // want:40 "'out.send' blocks without observing cancellation of 'c'" note:16 "in instantiation of the lambda with 'ctx::Chan<int>' requested here"
  relay(ch, 4);
  relay(Log{}, 5);
}
