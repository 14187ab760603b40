// Go's nil channel (`var ch chan T`): a send or a receive on it blocks
// forever, and a select case on it is never ready. A channel made nil with
// `Chan<T>::nil()` is flagged whether or not a context is available; a
// default-constructed view (`RecvChan`, `SendChan`) in code that has a
// context. A nil channel that is assigned later, or a select with a case that
// can be ready, is not judged nil.
#include <ctx/ctx.hpp>

#include <optional>

void sendOnNil() {
  auto none = ctx::Chan<int>::nil();
  none.send(1); // want:3 "'none.send' blocks forever: the channel is nil here, and a send on a nil channel never proceeds"
}

std::optional<int> receiveFromNilView(const ctx::Context &c) {
  ctx::RecvChan<int> view;
  return view.recv(); // want:10 "'view.recv' blocks forever: the channel is nil here, and a receive from a nil channel never proceeds"
}

void selectOnlyNil(const ctx::Context &c) {
  auto none = ctx::Chan<int>::nil();
  ctx::select(ctx::recv(none)); // want:3 "'ctx::select' blocks forever: every case is on a nil channel, which is never ready"
}

// Not flagged: the done case can be ready; the nil case is ignored.
void nilBesideDone(const ctx::Context &c) {
  auto none = ctx::Chan<int>::nil();
  ctx::select(ctx::recv(none), ctx::recv(c.done()));
}

// Not flagged as nil: assigned a real channel before use.
void assignedLater(ctx::Chan<int> real) {
  auto ch = ctx::Chan<int>::nil();
  ch = real;
  ch.send(1);
}

// Not flagged: no context and no nil() call, the function is not analysed.
std::optional<int> viewWithoutContext() {
  ctx::RecvChan<int> view;
  return view.recv();
}
