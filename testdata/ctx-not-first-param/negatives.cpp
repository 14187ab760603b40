// Code that must stay silent: contexts first, no contexts, callbacks that
// take a context, contexts behind pointers, system headers, and a user-defined
// type that merely has a similar name.
#include "system_like.h"
#include <ctx/ctx.hpp>

#include <functional>
#include <string>
#include <vector>

void first(ctx::Context cx, int n, std::string s) {}
void onlyContext(ctx::Context cx) {}
void noContext(int a, int b) {}
void twoContexts(ctx::Context parent, ctx::Context child, int n) {}

// A callback that takes a context is a parameter of another type.
void subscribe(int topic, std::function<void(ctx::Context)> callback) {}
void subscribePtr(int topic, void (*callback)(ctx::Context, int)) {}

// A pointer to a context, an array of contexts and an optional context are
// not the call's context.
void pointers(int n, const ctx::Context *cx) {}
void contexts(int n, std::vector<ctx::Context> all) {}

// A type that is not the runtime's context, whatever it is called.
namespace mine {
struct Context {};
} // namespace mine
void lookalike(int n, mine::Context cx) {}

// Calling the system header's function is not declaring one.
void caller(ctx::Context cx) { vendorCallback(1, cx); }

// A lambda whose context comes first, nested in a method.
struct Pool {
  void run(ctx::Context cx) {
    auto job = [](ctx::Context inner, int n) {};
    job(cx, 1);
  }
};
