// Nil channels (Go's `var ch chan T`, issue 10): a send or receive on a
// channel that is nil on that path never proceeds, and a select whose every
// case is on a nil channel is never ready. Both block forever whether or not
// a context is at hand. Switching a case off by assigning a nil channel to a
// variable that also holds a live one (kubernetes' pollers) is the idiom, not
// a mistake: a channel the function assigns again is not known to be nil.
#include <ctx/ctx.hpp>

#include <chrono>
#include <optional>

using namespace std::chrono_literals;

void send_on_nil() {
  auto ch = ctx::Chan<int>::nil();
  ch.send(1); // want:3 "'ch.send' blocks forever: the channel is nil here, and a send on a nil channel never proceeds"
}

int recv_on_nil_view(const ctx::Context &c) {
  ctx::RecvChan<int> in; // Go's zero value: nil
  return in.recv().value_or(0); // want:10 "'in.recv' blocks forever: the channel is nil here, and a receive from a nil channel never proceeds"
}

void send_on_nil_send_view() {
  ctx::SendChan<int> out = ctx::SendChan<int>::nil();
  out.send(2); // want:3 "blocks forever: the channel is nil here, and a send on a nil channel"
}

// Every case switched off: the select can never be chosen, even with a timer
// nowhere in sight and a context in scope.
std::size_t all_cases_nil(const ctx::Context &c) {
  auto a = ctx::Chan<int>::nil();
  ctx::RecvChan<int> b;
  return ctx::select(ctx::recv(a), ctx::recv(b)); // want:10 "'ctx::select' blocks forever: every case is on a nil channel, which is never ready"
}

// One live case with the done case: a nil case is simply never chosen.
std::size_t one_case_off(const ctx::Context &c, ctx::Chan<int> live) {
  auto off = ctx::Chan<int>::nil();
  return ctx::select(ctx::recv(off), ctx::recv(live), ctx::recv(c.done()));
}

// A nil case beside a live one but no done case: the ordinary finding, which
// names the live wait, not the nil channel.
std::size_t one_case_off_no_done(const ctx::Context &c, ctx::Chan<int> live) {
  auto off = ctx::Chan<int>::nil();
  return ctx::select(ctx::recv(off), ctx::recv(live)); // want:10 "'ctx::select' has neither a done case nor a default"
}

// The poller idiom: a case switched off by assignment, on some paths only.
std::size_t poller(const ctx::Context &c, ctx::Chan<int> results, bool paused) {
  ctx::Ticker ticker(10ms);
  ctx::RecvChan<ctx::TimePoint> tick = ticker.c();
  if (paused)
    tick = ctx::RecvChan<ctx::TimePoint>::nil();
  std::optional<int> v;
  return ctx::select(ctx::recv(tick), ctx::recv(results, v), ctx::recv(c.done()));
}

// Assigned a live channel later: not known to be nil at the send.
void assigned_later(ctx::Chan<int> live) {
  auto ch = ctx::Chan<int>::nil();
  ch = live;
  ch.send(1);
}

// Checked before use: the nil channel is only touched when it is not nil.
void checked(ctx::Chan<int> maybe) {
  if (!maybe.is_nil())
    maybe.send(1);
}

// A nil channel with a default case: a non-blocking attempt, fine.
bool try_send_nil() {
  auto ch = ctx::Chan<int>::nil();
  return ctx::select(ctx::send(ch, 1), ctx::default_case()) == 0;
}

// Closing a nil channel throws (Go panics); that is not a blocking wait.
void close_nil() {
  auto ch = ctx::Chan<int>::nil();
  try {
    ch.close();
  } catch (const ctx::ClosedChannel &) {
  }
}
