// Which code "has a context" in the std profile (docs/profiles.md): a
// function or lambda with a std::stop_token parameter, a lambda that captures
// a token, a lambda inside such a function, a std::jthread callable's token
// parameter; recognised by meaning through aliases, typedefs,
// using-declarations, macros, templates and generic lambdas instantiated with
// std::stop_token. Not: types named stop_token in other namespaces, a
// std::stop_source parameter (a cancel source, not a token), a local token.
#include <future>
#include <stop_token>
#include <thread>

namespace s = std;
using Token = std::stop_token;
typedef const std::stop_token &TokenRef;
#define STOP_TOKEN std::stop_token
#define WAIT_ON(f) (f).wait()

void alias(Token t, std::future<int> &f) {
  f.wait(); // want:3 "'f\.wait' blocks.*'t'"
}

void typedef_reference(TokenRef t, std::future<int> &f) {
  f.wait(); // want:3 "'f\.wait' blocks.*'t'"
}

void namespace_alias(s::stop_token t, std::future<int> &f) {
  f.wait(); // want:3 "'f\.wait' blocks.*'t'"
}

void macro_type(STOP_TOKEN t, std::future<int> &f) {
  f.wait(); // want:3 "'f\.wait' blocks.*'t'"
}

// The wait spelled by a macro is reported where the macro is used.
void macro_wait(std::stop_token t, std::future<int> &f) {
  WAIT_ON(f); // want:3 "'f\.wait' blocks.*'t'"
}

namespace with_using {
using std::stop_token;
void using_declaration(const stop_token &t, std::future<int> &f) {
  f.wait(); // want:3 "'f\.wait' blocks.*'t'"
}
} // namespace with_using

void rvalue(std::stop_token &&t, std::future<int> &f) {
  f.wait(); // want:3 "'f\.wait' blocks.*'t'"
}

struct Worker {
  void run(std::stop_token t, std::future<int> &f) {
    f.wait(); // want:5 "'f\.wait' blocks.*'t'"
  }
};

// A lambda inside a function that has a token, capturing it or not.
void enclosing(std::stop_token t, std::future<int> &f) {
  auto later = [&f] { f.wait(); }; // want:23 "'f\.wait' blocks.*'t'"
  later();
}

// A lambda that captures a token has one, even where the enclosing function
// only has a local token (which does not count: see local_token below).
void captures(std::stop_source &src, std::future<int> &f) {
  std::stop_token tok = src.get_token();
  auto by_copy = [tok, &f] { f.wait(); }; // want:30 "'f\.wait' blocks.*'tok'"
  auto by_init = [t = src.get_token(), &f] { f.wait(); }; // want:46 "'f\.wait' blocks.*'t'"
  by_copy();
  by_init();
}

// A std::jthread callable's token parameter.
void jthread_callable(std::future<int> &f) {
  std::jthread worker([&f](std::stop_token st) { f.wait(); }); // want:50 "'f\.wait' blocks.*'st'"
}

// Templates and generic lambdas count when instantiated with std::stop_token
// (reported once, at the pattern's line, with a note naming the
// instantiation), not when only instantiated with something else.
template <class T> void generic(T token, std::future<int> &f) {
  f.wait(); // want:3 "'f\.wait' blocks.*'token'"
}
template void generic<std::stop_token>(std::stop_token, std::future<int> &); // note:15 "instantiation of 'generic<std::stop_token>'"
template void generic<int>(int, std::future<int> &);

template <class T> void only_ints(T n, std::future<int> &f) { f.wait(); }
template void only_ints<int>(int, std::future<int> &);

void generic_lambdas(std::stop_source &src, std::future<int> &f) {
  auto with_token = [&f](auto token) { f.wait(); }; // want:40 "'f\.wait' blocks.*'token'" note:21 "instantiation of the lambda with 'std::stop_token'"
  with_token(src.get_token());
  auto with_int = [&f](auto n) { f.wait(); };
  with_int(1);
}

// Not tokens: types named stop_token elsewhere, a stop_source, a local token.
namespace mylib {
class stop_token {
public:
  bool stop_requested() const { return false; }
};
} // namespace mylib
struct stop_token {};

void other_namespace(mylib::stop_token t, std::future<int> &f) { f.wait(); }
void global_namespace(::stop_token t, std::future<int> &f) { f.wait(); }
void source_only(std::stop_source &src, std::future<int> &f) { f.wait(); }
void local_token(std::stop_source &src, std::future<int> &f) {
  std::stop_token tok = src.get_token();
  f.wait();
  (void)tok.stop_requested();
}
