// CHECKS: ctx-blocking-without-done,ctx-loop-without-done,ctx-background-mid-flow
// OPTION: Profiles=ctx;std;grpc;acme
// OPTION: Profile.acme.Shape=std
// OPTION: Profile.acme.TokenTypes=::acme::CancelToken
// OPTION: Profile.acme.ObserveFunctions=::acme::CancelToken::cancelled
// OPTION: Profile.acme.SourceTypes=::acme::CancelSource
// OPTION: Profile.acme.CancelFunctions=::acme::CancelSource::cancel
// OPTION: Profile.acme.DeriveFunctions=::acme::CancelSource::child_of
// OPTION: Profile.acme.RootFunctions=::acme::CancelToken::none
// OPTION: Profile.acme.BlockingFunctions=::acme::Queue::pop;::acme::sleep_for
// OPTION: Profile.acme.Checks=ctx-blocking-without-done;ctx-loop-without-done;ctx-background-mid-flow
// A user-defined profile (docs/profiles.md, "Your own profile"): an in-house
// cancellation library shaped like std's, declared through options only. Its
// token makes code "have a context"; its observe function, a call that
// receives the token and a derived source count as observing; its
// uninterruptible waits are flagged; its root token passed where a token is
// available is flagged at the argument.
namespace acme {
class CancelToken {
public:
  bool cancelled() const;
  static CancelToken none(); // never cancelled: a root
};
class CancelSource {
public:
  CancelSource(); // a new, unlinked source
  static CancelSource child_of(const CancelToken &parent); // cancelled with its parent
  CancelToken token() const;
  void cancel();
};
class Queue {
public:
  int pop();                      // waits for an item, cannot be interrupted
  int pop(const CancelToken &t);  // returns early once t is cancelled
};
void sleep_for(int ms);
bool sleep_for(const CancelToken &t, int ms); // false once t is cancelled
void fetch(const CancelToken &t, int id);
} // namespace acme

int consume(const acme::CancelToken &t, acme::Queue &q) {
  acme::sleep_for(5); // want:3 ctx-blocking-without-done "'acme::sleep_for' blocks.*'t'"
  int a = q.pop(); // want:11 ctx-blocking-without-done "'q\.pop' blocks.*'t'"
  int b = q.pop(t);
  (void)acme::sleep_for(t, 5);
  return a + b;
}

void poll(acme::CancelToken t, acme::Queue &q) {
  for (;;) // want:3 ctx-loop-without-done "never observes.*'t'"
    acme::sleep_for(5); // want:5 ctx-blocking-without-done "'acme::sleep_for' blocks.*'t'"
}

void poll_until_cancelled(acme::CancelToken t, acme::Queue &q) {
  while (!t.cancelled())
    (void)q.pop(t);
  for (;;)
    if (!acme::sleep_for(t, 5))
      return;
}

void fan_out(const acme::CancelToken &t) {
  acme::fetch(acme::CancelToken::none(), 1); // want:15 ctx-background-mid-flow "(?=.*none)(?=.*'t')"
  acme::CancelSource detached;
  acme::fetch(detached.token(), 2); // want:15 ctx-background-mid-flow "(?=.*'detached')(?=.*'t')"
  acme::CancelSource child = acme::CancelSource::child_of(t);
  acme::fetch(child.token(), 3);
  acme::fetch(t, 4);
}

// No token, no finding.
int no_token(acme::Queue &q) {
  acme::fetch(acme::CancelToken::none(), 5);
  acme::sleep_for(5);
  return q.pop();
}
