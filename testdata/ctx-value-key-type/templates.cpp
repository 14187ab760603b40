// Templates: a key whose type is written in the pattern is checked there
// (once, never per instantiation); a key of dependent type is checked in the
// instantiations, reported once at the written key with a note naming the
// instantiation that makes it a built-in or standard type.
#include <ctx/ctx.hpp>

template <class V> ctx::Context tag(const ctx::Context &c, V value) {
  return ctx::with_value(c, "tag", value); // want:29 "built-in type 'const char \*'"
}

template <class K> struct Store {
  ctx::Context put(const ctx::Context &c, K key) { return ctx::with_value(c, key, 0); } // want:78 "built-in type 'long'" note@+6:22 "in instantiation of 'Store<long>::put' requested here"
  ctx::Context count(const ctx::Context &c) { return ctx::with_value(c, 0, 0); } // want:73 "built-in type 'int'"
};

ctx::Context instantiate(const ctx::Context &c) {
  Store<long> s;
  ctx::Context r = s.put(c, 1L);
  r = s.count(r);
  return tag(tag(r, 1), 2.0);
}
