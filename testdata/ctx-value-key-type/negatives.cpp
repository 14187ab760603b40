// Keys that are fine: dedicated structs and enums (Go's `type key int`
// idiom), named structs (also through a typedef), the address of a
// dedicated object, dependent keys in templates (and their instantiations),
// retrieval with Context::value, and functions that are not with_value.
#include <ctx/ctx.hpp>

#include <string>

struct RequestIdKey {
  bool operator==(const RequestIdKey &) const = default;
};
enum UserKey { User };
enum class TraceKey { Trace };
typedef struct {
  int id;
} TypedefKey;
bool operator==(const TypedefKey &a, const TypedefKey &b) { return a.id == b.id; }
static const int address_tag = 0;

ctx::Context good(const ctx::Context &c) {
  ctx::Context r = ctx::with_value(c, RequestIdKey{}, std::string("abc"));
  r = ctx::with_value(r, User, 1);
  r = ctx::with_value(r, TraceKey::Trace, 2);
  r = ctx::with_value(r, TypedefKey{}, 3);
  r = ctx::with_value(r, &address_tag, 4);
  (void)r.value<std::string>(RequestIdKey{});
  return r;
}

// A key of dependent type instantiated with a dedicated key type.
struct GenericKey {
  bool operator==(const GenericKey &) const = default;
};
template <class K> ctx::Context generic(const ctx::Context &c, K key) {
  return ctx::with_value(c, key, 1);
}
ctx::Context instantiate(const ctx::Context &c) { return generic(c, GenericKey{}); }

ctx::Context silenced(const ctx::Context &c) {
  return ctx::with_value(c, "legacy", 1); // NOLINT(ctx-value-key-type)
}

namespace mylib {
template <class K, class V> int with_value(const ctx::Context &, K, V) { return 0; }
} // namespace mylib
int not_the_runtime(const ctx::Context &c) { return mylib::with_value(c, "key", 1); }
