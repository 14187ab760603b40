// Keys of built-in types (integers, bool, characters, floating point,
// nullptr, C strings) and of any type declared in namespace std, written
// directly, through variables, aliases, typedefs and macros.
#include <ctx/ctx.hpp>

#include <chrono>
#include <cstddef>
#include <string>
#include <string_view>
#include <utility>

using Token = int;
typedef std::string Name;
namespace cx = ctx;
#define REQUEST_ID_KEY "request-id"

ctx::Context keys(const ctx::Context &c) {
  ctx::Context r = ctx::with_value(c, 1, 0); // want:39 "built-in type 'int'"
  r = ctx::with_value(r, true, 0);           // want:26 "built-in type 'bool'"
  r = ctx::with_value(r, 'k', 0);            // want:26 "built-in type 'char'"
  r = ctx::with_value(r, 2.5, 0);            // want:26 "built-in type 'double'"
  r = ctx::with_value(r, 7u, 0);             // want:26 "built-in type 'unsigned int'"
  r = ctx::with_value(r, nullptr, 0);        // want:26 "built-in type 'std::nullptr_t'"
  const char *name = "user";
  r = ctx::with_value(r, name, 0);           // want:26 "built-in type 'const char \*'"
  r = ctx::with_value(r, Token{3}, 0);       // want:26 "built-in type 'Token' \(aka 'int'\)"
  r = cx::with_value(r, REQUEST_ID_KEY, 0);  // want:25 "built-in type 'const char \*'"
  return r;
}

ctx::Context std_keys(const ctx::Context &c) {
  using namespace std::literals;
  ctx::Context r = ctx::with_value(c, std::string("user"), 0); // want:39 "standard library type 'std::string'"
  r = ctx::with_value(r, "user"s, 0);                        // want:26 "standard library type 'std::basic_string<char>'"
  r = ctx::with_value(r, std::string_view("user"), 0);       // want:26 "standard library type 'std::string_view'"
  r = ctx::with_value(r, Name("user"), 0);                   // want:26 "standard library type 'Name' \(aka 'std::basic_string<char>'\)"
  r = ctx::with_value(r, std::pair<int, int>(1, 2), 0);      // want:26 "standard library type 'std::pair<int, int>'"
  r = ctx::with_value(r, std::chrono::seconds(1), 0);        // want:26 "standard library type 'std::chrono::seconds'"
  r = ctx::with_value(r, std::byte{1}, 0);                   // want:26 "standard library type 'std::byte'"
  return r;
}
