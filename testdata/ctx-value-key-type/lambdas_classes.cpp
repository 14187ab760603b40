// Keys in lambdas (generic ones included), methods, constructors and
// goroutines: the key's written type decides, wherever the call is.
#include <ctx/ctx.hpp>

#include <string>

struct SessionKey {
  bool operator==(const SessionKey &) const = default;
};

class Tagger {
public:
  explicit Tagger(const ctx::Context &c) : tagged_(ctx::with_value(c, 'T', 1).err()) {} // want:71 "built-in type 'char'"
  ctx::Context tag(const ctx::Context &c) const {
    return ctx::with_value(c, std::string("tagger"), 2); // want:31 "standard library type"
  }
  ctx::Context session(const ctx::Context &c) const { return ctx::with_value(c, SessionKey{}, 3); }

private:
  ctx::Error tagged_;
};

void lambdas(const ctx::Context &c) {
  auto by_name = [](const ctx::Context &parent) {
    return ctx::with_value(parent, "name", 1); // want:36 "built-in type 'const char \*'"
  };
  auto generic = [](const ctx::Context &parent, auto key) { return ctx::with_value(parent, key, 1); }; // want:92 "built-in type 'int'" note:18 "in instantiation of the lambda with 'int' requested here"
  (void)by_name(c);
  (void)generic(c, SessionKey{});
  (void)generic(c, 42);
  ctx::go([c] { (void)ctx::with_value(c, 7L, 1); }); // want:42 "built-in type 'long'"
}
