// A send on a fresh buffered channel cannot block while the buffer has room
// and nobody else holds the channel: before its first escape. A channel that
// escapes only as a RecvChan (its callers can receive, never send) gets no
// other sender, so the sends the function makes are all it gets.
#include <ctx/ctx.hpp>

int work(const ctx::Context &c);
void consume(ctx::Chan<int> ch);
void publish(ctx::RecvChan<int> ch);

// Filled, then handed out for receiving only.
ctx::RecvChan<int> ready(const ctx::Context &c) {
  ctx::Chan<int> ch(1);
  ch.send(42);
  return ch;
}

// Filled before it is handed to a consumer; the send after it may block.
void handOff(const ctx::Context &c) {
  ctx::Chan<int> ch(2);
  ch.send(1);
  ch.send(2);
  consume(ch);
  ch.send(3); // want:3 "'ch.send' blocks without observing cancellation of 'c'"
}

// More sends than room, before any escape.
void overfilled(const ctx::Context &c) {
  ctx::Chan<int> ch(1);
  ch.send(1);
  ch.send(2); // want:3 "'ch.send' blocks without observing cancellation of 'c'"
  consume(ch);
}

// The goroutine's one send fits the buffer: the callers can only receive.
ctx::RecvChan<int> start(const ctx::Context &c) {
  ctx::Chan<int> ch(1);
  ctx::go([c, ch] { ch.send(work(c)); });
  return ch;
}

// Passed on as a RecvChan too.
void startAndPublish(const ctx::Context &c) {
  ctx::Chan<int> ch(1);
  ctx::go([c, ch] { ch.send(work(c)); });
  publish(ch);
}

// Returned as a full channel: callers may send too and fill the buffer.
ctx::Chan<int> startShared(const ctx::Context &c) {
  ctx::Chan<int> ch(1);
  ctx::go([c, ch] { ch.send(work(c)); }); // want:21 "'ch.send' blocks without observing cancellation of 'c'"
  return ch;
}
