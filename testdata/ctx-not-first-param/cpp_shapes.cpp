// C++ shapes of a misplaced context: methods, constructors, lambdas, aliases,
// references, templates, redeclarations, overrides, macros and NOLINT.
#include <ctx/ctx.hpp>

#include <string>

// Aliases, typedefs and namespace aliases name the same type.
using Ctx = ctx::Context;
typedef ctx::Context CtxT;
namespace c = ctx;
void viaUsing(int n, Ctx cx) {}        // want:26 "'cx' of type ctx::Context should be the first parameter of 'viaUsing'"
void viaTypedef(int n, CtxT cx) {}     // want:29 "'cx' of type ctx::Context"
void viaNamespaceAlias(int n, c::Context cx) {} // want:42 "'cx' of type ctx::Context"

// By value, const& and && are the call's context; a pointer or a non-const
// reference (an out-parameter) is not.
void byConstRef(int n, const ctx::Context &cx) {} // want:44 "'cx' of type ctx::Context"
void byRvalue(int n, ctx::Context &&cx) {}        // want:37 "'cx' of type ctx::Context"
void outParameter(int n, ctx::Context &out) {}
void byPointer(int n, ctx::Context *cx) {}

// An unnamed parameter is named by its position.
void unnamed(int, ctx::Context); // want:31 "parameter 2 of type ctx::Context should be the first parameter of 'unnamed'"

// Redeclarations are reported once, at the first declaration.
void declaredTwice(std::string s, ctx::Context cx); // want:48 "'cx' of type ctx::Context should be the first parameter of 'declaredTwice'"
void declaredTwice(std::string s, ctx::Context cx);
void declaredTwice(std::string s, ctx::Context cx) {}

class Server {
public:
  Server(int port, ctx::Context cx);        // want:33 "'cx' of type ctx::Context should be the first parameter of the constructor of 'Server'"
  void handle(std::string req, ctx::Context cx); // want:45 "'cx' of type ctx::Context should be the first parameter of 'Server::handle'"
  static void make(int n, ctx::Context cx) {}    // want:40 "'cx' of type ctx::Context should be the first parameter of 'Server::make'"
  void serve(ctx::Context cx, std::string req) {}
};
Server::Server(int port, ctx::Context cx) {}
void Server::handle(std::string req, ctx::Context cx) {}

// Overrides are reported at the base only: they cannot change the order.
struct Handler {
  virtual ~Handler() = default;
  virtual void on(int event, ctx::Context cx) = 0; // want:43 "'cx' of type ctx::Context should be the first parameter of 'Handler::on'"
};
struct Logging : Handler {
  void on(int event, ctx::Context cx) override {}
};
struct Final final : Logging {
  void on(int event, ctx::Context cx) final {}
};

// Templates: the pattern is reported once, never its instantiations.
template <class T> void process(T item, ctx::Context cx) {} // want:54 "'cx' of type ctx::Context should be the first parameter of 'process'"
template <class T> struct Worker {
  void run(T item, ctx::Context cx) {} // want:33 "'cx' of type ctx::Context should be the first parameter of 'Worker::run'"
  template <class U> void each(U u, ctx::Context cx) {} // want:50 "'cx' of type ctx::Context"
};
// A lambda in a function template and a class nested in a class template
// are reported once, in the pattern.
template <class T> void withLambda(ctx::Context cx) {
  auto late = [](T item, ctx::Context inner) {}; // want:39 "'inner' of type ctx::Context should be the first parameter of the lambda"
  late(T{}, cx);
}
template <class T> struct Pool {
  struct Task {
    void start(int id, ctx::Context cx) {} // want:37 "'cx' of type ctx::Context should be the first parameter of 'Pool::Task::start'"
  };
};
void instantiateNested(ctx::Context cx) {
  withLambda<int>(cx);
  withLambda<long>(cx);
  Pool<int>::Task{}.start(1, cx);
  Pool<char>::Task{}.start(2, cx);
}

// A parameter whose type depends on a template parameter is not a context
// in the pattern: the instantiation that makes it one is reported once, at
// the written parameter, naming the instantiation.
template <class C> void generic(int n, C cx) {} // want:42 "'cx' of type ctx::Context should be the first parameter of 'generic'" note@+14:3 "in instantiation of 'generic<ctx::Context>' requested here"

// An explicit specialization is code the user wrote.
template <class T> void special(T item, int n) {}
template <> void special<ctx::Context>(ctx::Context cx, int n) {}
template <> void special<int>(int item, int n) {}
template <class T> void specialLate(int n, T item) {}
template <> void specialLate<ctx::Context>(int n, ctx::Context cx) {} // want:64 "'cx' of type ctx::Context should be the first parameter of 'specialLate'"

void instantiate(ctx::Context cx) {
  process(1, cx);
  process(std::string(), cx);
  Worker<int>{}.run(1, cx);
  Worker<int>{}.each(2.0, cx);
  generic(1, cx);
}

// Lambdas are functions too.
void lambdas(ctx::Context cx) {
  auto late = [](int n, ctx::Context inner) {}; // want:38 "'inner' of type ctx::Context should be the first parameter of the lambda"
  auto generic = [](auto n, ctx::Context inner) {}; // want:42 "'inner' of type ctx::Context should be the first parameter of the lambda"
  auto fine = [](ctx::Context inner, int n) {};
  late(1, cx);
  generic(1, cx);
  generic(2.0, cx);
  fine(cx, 1);
}

// A function written by a macro is reported at the macro's use.
#define DECLARE_HANDLER(name) void name(int id, ctx::Context cx) {}
DECLARE_HANDLER(fromMacro) // want:1 "'cx' of type ctx::Context should be the first parameter of 'fromMacro'" note@-1:62 "expanded from macro 'DECLARE_HANDLER'"

// NOLINT silences one declaration.
void legacy(int n, ctx::Context cx) {} // NOLINT(ctx-not-first-param)
