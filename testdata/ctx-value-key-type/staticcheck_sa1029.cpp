// Ports staticcheck's SA1029 testdata (CheckWithValueKey): a context value
// keyed by a built-in type or an empty unnamed struct can collide with
// another library's key. (SA1029's "must be comparable" cases are compile
// errors here: ctx::with_value requires an equality-comparable key.)
#include <ctx/ctx.hpp>

#include <string>

enum class T : int { Hi };

struct T2 {
  int a;
  bool operator==(const T2 &) const = default;
};

struct {
  template <class U> bool operator==(const U &) const { return true; }
} empty;

struct {
  std::string key;
  template <class U> bool operator==(const U &) const { return false; }
} named_field{"k"};

void fn(std::string arg2) {
  ctx::Context c = ctx::background();
  (void)ctx::with_value(c, "hi", 0); // want:28 "should not use built-in type 'const char \*' as key for value; define your own type to avoid collisions"
  (void)ctx::with_value(c, arg2, 0); // want:28 "should not use standard library type 'std::string' \(aka 'std::basic_string<char>'\) as key for value"

  T key{};
  (void)ctx::with_value(c, key, 0);
  (void)ctx::with_value(c, T::Hi, 0);
  (void)ctx::with_value(c, static_cast<int>(key), 0); // want:28 "built-in type 'int'"

  (void)ctx::with_value(c, T2{}, 0);
  (void)ctx::with_value(c, named_field, 0);
  (void)ctx::with_value(c, empty, 0); // want:28 "should not use an empty unnamed struct as key for value; define your own type to avoid collisions"
}
