// C++-only shapes: a generic lambda, an if-statement initializer, a
// reference binding, a std::function holder, an explicit specialization of
// a template (analysed; the primary pattern is fine), loops with
// break/continue, a function-try-block and an early exit through goto.
#include <ctx/ctx.hpp>

#include <functional>
#include <vector>

void use(const ctx::Context &c) noexcept;

void genericLambda(const ctx::Context &p) {
  auto task = [](const auto &parent, bool stop) {
    auto [c, cancel] = ctx::with_cancel(parent); // want:24 "'cancel' is not used on all paths"
    if (stop)
      return; // note:7 "this return may be reached without using 'cancel'"
    cancel();
  };
  task(p, true);
}

void ifInitializer(const ctx::Context &p, bool b) {
  if (auto [c, cancel] = ctx::with_cancel(p); b) { // want:26 "'cancel' is not used on all paths"
    cancel();
  }
} // note:1 "this return may be reached without using 'cancel'"

void referenceBinding(const ctx::Context &p, bool b) {
  auto &&[c, cancel] = ctx::with_timeout(p, ctx::Duration{}); // want:24 "'cancel' is not used on all paths"
  if (b)
    return; // note:5 "this return may be reached without using 'cancel'"
  cancel();
}

void functionHolder(const ctx::Context &p, bool b) {
  std::function<void()> stop = ctx::with_cancel(p).second; // want:32 "'stop' is not used on all paths"
  if (b)
    return; // note:5 "this return may be reached without using 'stop'"
  stop();
}

template <class T> void special(const ctx::Context &p, T) {
  auto [c, cancel] = ctx::with_cancel(p);
  ctx::Defer guard{cancel};
}
template <> void special<int>(const ctx::Context &p, int n) {
  auto [c, cancel] = ctx::with_cancel(p); // want:22 "'cancel' is not used on all paths"
  if (n > 0)
    return; // note:5 "this return may be reached without using 'cancel'"
  cancel();
}

void loops(const ctx::Context &p, const std::vector<int> &items) {
  for (int item : items) {
    auto [c, cancel] = ctx::with_cancel(p); // want:24 "'cancel' is not used on all paths"
    if (item < 0)
      continue;
    if (item == 0)
      break;
    use(c);
    cancel();
  }
} // note:1 "this return may be reached without using 'cancel'"

void loopsFine(const ctx::Context &p, const std::vector<int> &items) {
  for (int item : items) {
    auto [c, cancel] = ctx::with_cancel(p);
    ctx::Defer guard{cancel};
    if (item < 0)
      continue;
    use(c);
  }
}

void functionTryBlock(const ctx::Context &p, bool b) try {
  auto [c, cancel] = ctx::with_cancel(p); // want:22 "'cancel' is not used on all paths"
  if (b)
    throw 1; // caught below: the handler's end is the exit
  cancel();
} catch (...) {
} // note:1 "this return may be reached without using 'cancel'"

void viaGoto(const ctx::Context &p, bool b) {
  auto [c, cancel] = ctx::with_cancel(p); // want:22 "'cancel' is not used on all paths"
  if (b)
    goto out;
  cancel();
out:
  use(c);
} // note:1 "this return may be reached without using 'cancel'"
