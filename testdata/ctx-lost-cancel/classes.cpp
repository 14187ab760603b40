// Classes: constructors, methods, static members and destructors are
// functions like any other. Storing the cancel in a member hands it off;
// a constructor that leaks its local cancel is reported.
#include <ctx/ctx.hpp>

#include <tuple>

void use(const ctx::Context &c) noexcept;

class Session {
public:
  // Stored in members: handed off to the object.
  explicit Session(const ctx::Context &parent) {
    std::tie(ctx_, cancel_) = ctx::with_cancel(parent);
  }
  ~Session() { cancel_(); }

  // A member initializer stores it too.
  Session(const ctx::Context &parent, ctx::Duration timeout)
      : pair_(ctx::with_timeout(parent, timeout)) {}

  // A constructor whose local cancel leaks on the early return.
  Session(const ctx::Context &parent, bool probe) {
    auto [c, cancel] = ctx::with_cancel(parent); // want:24 "'cancel' is not used on all paths"
    if (probe)
      return; // note:7 "this return may be reached without using 'cancel' defined on line 24"
    cancel_ = cancel;
  }

  void restart(const ctx::Context &parent) {
    cancel_();
    auto [c, cancel] = ctx::with_cancel(parent);
    ctx_ = c;
    cancel_ = cancel;
  }

  void probe() const {
    auto [c, cancel] = ctx::with_cancel(ctx_); // want:24 "'cancel' is not used on all paths"
    if (!c.err())
      return; // note:7 "this return may be reached without using 'cancel'"
    cancel();
  }

  static void drop(const ctx::Context &parent) {
    (void)ctx::with_deadline(parent, ctx::TimePoint{}); // want:11 "returned by ctx::with_deadline should be called"
  }

private:
  ctx::Context ctx_;
  ctx::CancelFunc cancel_;
  std::pair<ctx::Context, ctx::CancelFunc> pair_;
};

// A member of a class template, analysed in its pattern.
template <class T> struct Pool {
  void run(const ctx::Context &parent, T item) {
    auto [c, cancel] = ctx::with_cancel(parent); // want:24 "'cancel' is not used on all paths"
    if (!item)
      return; // note:7 "this return may be reached without using 'cancel'"
    cancel();
  }
};

void instantiate(const ctx::Context &p) {
  Pool<int>{}.run(p, 1);
  Pool<bool>{}.run(p, true);
}
