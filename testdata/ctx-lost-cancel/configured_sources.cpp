// Options CancelSources and CancelTypes point the check at another library's
// cancellable contexts (here a small in-house one), by fully qualified name.
// The runtime's own sources keep their role through their annotations.
// OPTION: ctx-lost-cancel.CancelSources=::corp::with_stop;::corp::Scope::child
// OPTION: ctx-lost-cancel.CancelTypes=::corp::Stopper;::ctx::CancelFunc
#include <ctx/ctx.hpp>

#include <utility>

namespace corp {
struct Token {
  bool stopped() const noexcept;
};
struct Stopper {
  void operator()() const;
};
std::pair<Token, Stopper> with_stop(const Token &parent);
struct Scope {
  std::pair<Token, Stopper> child();
};
Stopper only_stopper(const Token &parent);
} // namespace corp

void work(const corp::Token &t) noexcept;

void dropped(const corp::Token &parent) {
  (void)corp::with_stop(parent); // want:9 "the cancel function returned by corp::with_stop should be called"
}

void leaks(corp::Scope &scope, bool fast) {
  auto [token, stop] = scope.child(); // want:24 "'stop' is not used on all paths"
  if (fast)
    return; // note:5 "this return may be reached without using 'stop' defined on line 31"
  work(token);
  stop();
}

void fine(const corp::Token &parent) {
  auto [token, stop] = corp::with_stop(parent);
  ctx::Defer guard{stop};
  work(token);
}

// Not configured as a source: not checked.
void notASource(const corp::Token &parent) { (void)corp::only_stopper(parent); }

// The runtime's sources are still recognised by their annotations.
void runtimeStill(const ctx::Context &p) {
  (void)ctx::with_cancel(p); // want:9 "returned by ctx::with_cancel should be called"
}
