// Directional views (issue 10): a RecvChan or SendChan is the channel it
// views. A goroutine that sends through a SendChan view, a parent that
// receives through a RecvChan view, a helper that takes a SendChan parameter:
// the same stranded sender as with the Chan itself, and the same buffered
// fix. A helper the goroutine hands the channel to is followed when its body
// is here and it only operates on the channel.
#include <ctx/ctx.hpp>

#include <chrono>
#include <optional>
#include <vector>

using namespace std::chrono_literals;

int compute() {
  ctx::sleep(50ms);
  return 42;
}

// The stranded send of helper_sends (below) is this one.
void produce(ctx::SendChan<int> out) { out.send(compute()); } // want:40 "goroutine started on line 48 blocks forever sending on 'ch' if 'helper_sends' returns without receiving from it"

// The goroutine holds a send-only view of the parent's channel.
std::optional<int> send_view(ctx::Duration timeout) {
  ctx::Chan<int> ch;
  ctx::SendChan<int> out = ch;
  ctx::go([out] { out.send(compute()); }); // want:19 "goroutine started on line 27 blocks forever sending on 'ch' if 'send_view' returns without receiving from it"
  std::optional<int> v;
  if (ctx::select(ctx::recv(ch, v), ctx::recv(ctx::after(timeout))) == 1)
    return std::nullopt; // note:5 "'send_view' returns here without receiving from 'ch'"
  return v;
}

// The parent receives through a receive-only view.
std::optional<int> recv_view(ctx::Duration timeout) {
  ctx::Chan<int> ch;
  ctx::RecvChan<int> in = ch;
  ctx::go([ch] { ch.send(compute()); }); // want:18 "goroutine started on line 38 blocks forever sending on 'ch' if 'recv_view'"
  std::optional<int> v;
  if (ctx::select(ctx::recv(in, v), ctx::recv(ctx::after(timeout))) == 1)
    return std::nullopt; // note:5 "'recv_view' returns here without receiving from 'ch'"
  return v;
}

// The goroutine hands its view to a helper that sends on its parameter.
std::optional<int> helper_sends(ctx::Duration timeout) {
  ctx::Chan<int> ch;
  ctx::go([ch] { produce(ch); });
  std::optional<int> v;
  if (ctx::select(ctx::recv(ch, v), ctx::recv(ctx::after(timeout))) == 1)
    return std::nullopt; // note:5 "'helper_sends' returns here without receiving from 'ch'"
  return v;
}

// The fix: a buffer for the one value, whichever view sends it.
std::optional<int> send_view_buffered(ctx::Duration timeout) {
  ctx::Chan<int> ch(1);
  ctx::SendChan<int> out = ch;
  ctx::go([out] { out.send(compute()); });
  std::optional<int> v;
  if (ctx::select(ctx::recv(ch, v), ctx::recv(ctx::after(timeout))) == 1)
    return std::nullopt;
  return v;
}

std::optional<int> helper_sends_buffered(ctx::Duration timeout) {
  ctx::Chan<int> ch(1);
  ctx::go([ch] { produce(ch); });
  std::optional<int> v;
  if (ctx::select(ctx::recv(ch, v), ctx::recv(ctx::after(timeout))) == 1)
    return std::nullopt;
  return v;
}

// A helper that keeps the channel: someone else may receive later. Silent.
std::vector<ctx::SendChan<int>> registry;
void store(ctx::SendChan<int> out) { registry.push_back(out); }
std::optional<int> helper_stores(ctx::Duration timeout) {
  ctx::Chan<int> ch;
  ctx::go([ch] { store(ch); });
  std::optional<int> v;
  if (ctx::select(ctx::recv(ch, v), ctx::recv(ctx::after(timeout))) == 1)
    return std::nullopt;
  return v;
}

// A helper without a body here: not known. Silent.
void publish(ctx::SendChan<int> out);
std::optional<int> helper_unknown(ctx::Duration timeout) {
  ctx::Chan<int> ch;
  ctx::go([ch] { publish(ch); });
  std::optional<int> v;
  if (ctx::select(ctx::recv(ch, v), ctx::recv(ctx::after(timeout))) == 1)
    return std::nullopt;
  return v;
}

// A receive through the view on every path: every value is received.
int recv_view_always() {
  ctx::Chan<int> ch;
  ctx::RecvChan<int> in = ch;
  ctx::go([ch] { ch.send(compute()); });
  return in.recv().value_or(0);
}

#ifdef CTXGUARD_SCENARIO
void publish(ctx::SendChan<int>) {}

void scenario() {
  send_view(1ms);
  recv_view(1ms);
  helper_sends(1ms);
  send_view_buffered(1ms);
  helper_sends_buffered(1ms);
  recv_view_always();
}
#endif
