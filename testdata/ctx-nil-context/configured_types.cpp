// ContextTypes configures which types are contexts: a team's own context
// type is recognised by its fully qualified name and named in the message;
// the advice and the fix-its, which name the ctx runtime's root functions,
// are only given for ctx::Context.
// OPTION: ctx-nil-context.ContextTypes=::ctx::Context;::mylib::Context
#include <ctx/ctx.hpp>

namespace mylib {
class Context {
public:
  Context() = default;
  explicit Context(int deadline) : deadline_(deadline) {}

private:
  int deadline_ = 0;
};
void serve(const Context &c, int port);
} // namespace mylib

void own_library() {
  mylib::serve(mylib::Context{}, 80); // want:16 "do not pass a nil mylib::Context to 'mylib::serve', even if a function permits it$"
  mylib::serve(mylib::Context(5), 80);
}

void runtime(const ctx::Context &c) {
  (void)ctx::without_cancel(ctx::Context{}); // want:29 "nil ctx::Context to 'ctx::without_cancel'.*ctx::todo" note:29 "background"
}
