// A receiver that leaves its loop before every sender delivered: Rob Pike's
// "Google Search 2.1" (three searches and a timeout), a fan-out whose results
// loop returns on the first error, GoKer's grpc#660 kernel (a loop that starts
// a sender per round and returns when told to stop), and GFix's gl3 with a
// timer (the goroutine sends forever, the parent stops after a timeout).
// The loops the check counts: a constant trip count, or one that matches the
// number of goroutines; an endless loop only its way out ends.
#include <ctx/ctx.hpp>

#include <chrono>
#include <optional>
#include <string>
#include <vector>

using namespace std::chrono_literals;

struct Result {
  std::string text;
};

Result web(const std::string &q) {
  ctx::sleep(50ms);
  return {"web " + q};
}
Result image(const std::string &q) {
  ctx::sleep(50ms);
  return {"image " + q};
}
Result video(const std::string &q) {
  ctx::sleep(50ms);
  return {"video " + q};
}

// Pike's Google Search 2.1: the timeout strands the searches not yet in.
std::vector<Result> google21(const std::string &q, ctx::Duration timeout) {
  ctx::Chan<Result> c;
  ctx::go([c, q] { c.send(web(q)); });   // want:20 "goroutine started on line 37 blocks forever sending on 'c' if 'google21' stops receiving from it early"
  ctx::go([c, q] { c.send(image(q)); }); // want:20 "goroutine started on line 38 blocks forever sending on 'c'"
  ctx::go([c, q] { c.send(video(q)); }); // want:20 "goroutine started on line 39 blocks forever sending on 'c'"
  ctx::Chan<ctx::TimePoint> deadline = ctx::after(timeout);
  std::vector<Result> results;
  for (int i = 0; i < 3; i++) {
    std::optional<Result> r;
    switch (ctx::select(ctx::recv(c, r), ctx::recv(deadline))) {
    case 0:
      results.push_back(*r);
      break;
    default:
      return results; // note:7 "'google21' returns here before receiving every value sent on 'c'" note:7 "'google21' returns here" note:7 "'google21' returns here"
    }
  }
  return results;
}

// The fix Pike shows next: a buffer for every search, nothing is stranded.
std::vector<Result> google21Buffered(const std::string &q, ctx::Duration timeout) {
  ctx::Chan<Result> c(3);
  ctx::go([c, q] { c.send(web(q)); });
  ctx::go([c, q] { c.send(image(q)); });
  ctx::go([c, q] { c.send(video(q)); });
  ctx::Chan<ctx::TimePoint> deadline = ctx::after(timeout);
  std::vector<Result> results;
  for (int i = 0; i < 3; i++) {
    std::optional<Result> r;
    switch (ctx::select(ctx::recv(c, r), ctx::recv(deadline))) {
    case 0:
      results.push_back(*r);
      break;
    default:
      return results;
    }
  }
  return results;
}

// Google Search 2.0: no timeout, the loop takes every result.
std::vector<Result> google20(const std::string &q) {
  ctx::Chan<Result> c;
  ctx::go([c, q] { c.send(web(q)); });
  ctx::go([c, q] { c.send(image(q)); });
  ctx::go([c, q] { c.send(video(q)); });
  std::vector<Result> results;
  for (int i = 0; i < 3; i++)
    results.push_back(*c.recv());
  return results;
}

// Too few turns of the loop for the searches started.
std::vector<Result> google20Short(const std::string &q) {
  ctx::Chan<Result> c;
  for (auto search : {web, image, video})
    ctx::go([c, q, search] { c.send(search(q)); }); // want:30 "line 92 blocks forever sending on 'c' if 'google20Short' stops receiving from it early"
  std::vector<Result> results;
  for (int i = 0; i < 2; i++)
    results.push_back(*c.recv());
  return results; // note:3 "'google20Short' returns here before receiving every value sent on 'c'"
}

ctx::Error check(int item) {
  ctx::sleep(50ms);
  return item < 0 ? ctx::Error::make("negative") : ctx::Error{};
}

// One goroutine per item, and a results loop that returns on the first
// error: the items after it are never received.
ctx::Error checkAll(const std::vector<int> &items) {
  ctx::Chan<ctx::Error> errc;
  for (int item : items)
    ctx::go([errc, item] { errc.send(check(item)); }); // want:28 "blocks forever sending on 'errc' if 'checkAll' stops receiving from it early"
  for (std::size_t i = 0; i < items.size(); ++i)
    if (ctx::Error err = *errc.recv())
      return err; // note:7 "'checkAll' returns here before receiving every value sent on 'errc'"
  return {};
}

// The same count, written as a counted loop over a number of workers.
ctx::Error checkFirst(int workers) {
  ctx::Chan<ctx::Error> errc;
  for (int i = 0; i < workers; ++i)
    ctx::go([errc, i] { errc.send(check(-1 - i)); }); // want:25 "blocks forever sending on 'errc' if 'checkFirst'"
  for (int i = 0; i < workers; ++i) {
    ctx::Error err = *errc.recv();
    if (err)
      return err; // note:7 "'checkFirst' returns here before receiving every value sent on 'errc'"
  }
  return {};
}

// Not flagged: every result is received before the first error is returned.
ctx::Error checkAllThenReport(const std::vector<int> &items) {
  ctx::Chan<ctx::Error> errc;
  for (int item : items)
    ctx::go([errc, item] { errc.send(check(item)); });
  ctx::Error first;
  for (std::size_t i = 0; i < items.size(); ++i)
    if (ctx::Error err = *errc.recv(); err && !first)
      first = err;
  return first;
}

// GoKer's grpc#660: each round starts a sender and waits for it or for the
// stop signal; the stop strands the sender of that round.
void grpc660(ctx::Chan<bool> stop) {
  for (;;) {
    ctx::Chan<bool> done;
    ctx::go([done] { done.send(false); }); // want:22 "blocks forever sending on 'done' if 'grpc660' returns without receiving from it"
    switch (ctx::select(ctx::recv(stop), ctx::recv(done))) {
    case 0:
      return; // note:7 "'grpc660' returns here without receiving from 'done'"
    default:
      break;
    }
  }
}

int produce(int i) { return i; }

// GFix gl3 with a timer: the goroutine sends forever, the parent takes
// values until the deadline passes.
std::vector<int> gl3Timeout(ctx::Duration window) {
  ctx::Chan<int> ch;
  ctx::go([ch] {
    for (int i = 0;; ++i)
      ch.send(produce(i)); // want:7 "goroutine started on line 162 blocks forever sending on 'ch' if 'gl3Timeout' stops receiving from it early"
  });
  ctx::Chan<ctx::TimePoint> deadline = ctx::after(window);
  std::vector<int> got;
  for (;;) {
    std::optional<int> v;
    switch (ctx::select(ctx::recv(ch, v), ctx::recv(deadline))) {
    case 0:
      got.push_back(*v);
      break;
    default:
      return got; // note:7 "'gl3Timeout' returns here before receiving every value sent on 'ch'"
    }
  }
}

// Not flagged: an endless receive loop that leaves only once the channel is
// closed and drained, and one that stops on a value the sender chose
// (a sentinel ends the protocol: what comes after it is the sender's business).
int drainUntilClosed(int n) {
  ctx::Chan<int> ch;
  ctx::go([ch, n] {
    for (int i = 0; i < n; ++i)
      ch.send(i);
    ch.close();
  });
  int sum = 0;
  for (;;) {
    std::optional<int> v = ch.recv();
    if (!v)
      break;
    sum += *v;
  }
  return sum;
}

int untilSentinel() {
  ctx::Chan<int> ch;
  ctx::go([ch] {
    for (int i = 5; i >= 0; --i)
      ch.send(i);
  });
  int sum = 0;
  for (;;) {
    int v = *ch.recv();
    if (v == 0)
      return sum;
    sum += v;
  }
}

// Not flagged: the goroutine sends as many values as the loop receives.
int matchedSendLoop(int n) {
  ctx::Chan<int> ch;
  ctx::go([ch, n] {
    for (int i = 0; i < n; ++i)
      ch.send(i);
  });
  int sum = 0;
  for (int i = 0; i < n; ++i)
    sum += *ch.recv();
  return sum;
}

#ifdef CTXGUARD_SCENARIO
void scenario() {
  google21("golang", 1ms);
  google21Buffered("golang", 1ms);
  google20("golang");
  google20Short("golang");
  checkAll({-1, -2, -3});
  checkFirst(3);
  checkAllThenReport({-1, 1});
  ctx::Chan<bool> stop(1);
  stop.send(true);
  grpc660(stop);
  gl3Timeout(1ms);
  drainUntilClosed(3);
  untilSentinel();
  matchedSendLoop(3);
}
#endif
