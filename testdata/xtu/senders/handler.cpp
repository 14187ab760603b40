// Goroutines that hand their channel to helpers defined in other files
// (publish.cpp, relay.cpp): the helpers' facts say what they do with it.
#include "publish.h"

#include <optional>

// publish() sends once: stranded when the timeout wins.
std::optional<int> first(ctx::Duration timeout) {
  ctx::Chan<int> ch;
  ctx::go([ch] { publish(ch); }); // want:18 "goroutine started on line 10 blocks forever sending on 'ch' if 'first' returns without receiving from it"
  std::optional<int> v;
  if (ctx::select(ctx::recv(ch, v), ctx::recv(ctx::after(timeout))) == 1)
    return std::nullopt; // note:5 "'first' returns here without receiving from 'ch'"
  return v;
}

// Through relay() (relay.cpp), then publish() (publish.cpp): the same.
std::optional<int> relayed(ctx::Duration timeout) {
  ctx::Chan<int> ch;
  ctx::go([ch] { relay(ch); }); // want:18 "goroutine started on line 20 blocks forever sending on 'ch' if 'relayed' returns without receiving from it"
  std::optional<int> v;
  if (ctx::select(ctx::recv(ch, v), ctx::recv(ctx::after(timeout))) == 1)
    return std::nullopt; // note:5 "'relayed' returns here without receiving from 'ch'"
  return v;
}

// The fix: a buffer for the one value. Silent.
std::optional<int> buffered(ctx::Duration timeout) {
  ctx::Chan<int> ch(1);
  ctx::go([ch] { publish(ch); });
  std::optional<int> v;
  if (ctx::select(ctx::recv(ch, v), ctx::recv(ctx::after(timeout))) == 1)
    return std::nullopt;
  return v;
}

// keep() stores the channel: someone else may receive later. Silent.
std::optional<int> kept(ctx::Duration timeout) {
  ctx::Chan<int> ch;
  ctx::go([ch] { keep(ch); });
  std::optional<int> v;
  if (ctx::select(ctx::recv(ch, v), ctx::recv(ctx::after(timeout))) == 1)
    return std::nullopt;
  return v;
}

// publish_all() sends in a loop, how often is unknown: not modelled. Silent.
std::optional<int> many(ctx::Duration timeout) {
  ctx::Chan<int> ch;
  ctx::go([ch] { publish_all(ch, 3); });
  std::optional<int> v;
  if (ctx::select(ctx::recv(ch, v), ctx::recv(ctx::after(timeout))) == 1)
    return std::nullopt;
  return v;
}

// drain() receives: the goroutine does not send. Silent.
void receiver() {
  ctx::Chan<int> ch;
  ctx::go([ch] { drain(ch); });
  ch.send(1);
}

// Received on every path. Silent.
int always() {
  ctx::Chan<int> ch;
  ctx::go([ch] { publish(ch); });
  return ch.recv().value_or(0);
}
