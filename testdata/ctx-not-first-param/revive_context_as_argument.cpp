// Ports mgechev/revive testdata/context_as_argument.go with its test's
// configuration allowTypesBefore: "AllowedBeforeType,AllowedBeforeStruct,
// *AllowedBeforePtrStruct,*testing.T". Unlike revive, every parameter before
// the context may be one of the allowed types, and the option lists
// canonical C++ types.
// OPTION: ctx-not-first-param.AllowTypesBefore=AllowedBeforeType;AllowedBeforeStruct;AllowedBeforePtrStruct *;::testing::T *
#include <ctx/ctx.hpp>

#include <string>

namespace testing {
struct T {};
} // namespace testing

// type AllowedBeforeType string
struct AllowedBeforeType {
  std::string Value;
};
struct AllowedBeforeStruct {};
struct AllowedBeforePtrStruct {};

// func x(ctx context.Context) // ok
void x(ctx::Context c) {}

// func x(ctx context.Context, s string) // ok
void x(ctx::Context c, std::string s) {}

// func x(t *testing.T, ctx context.Context) // ok
void x(testing::T *t, ctx::Context c) {}

// func x(_ AllowedBeforeType, _ AllowedBeforeType, ctx context.Context) // ok
// func x(_, _ AllowedBeforeType, ctx context.Context) // ok
void x(AllowedBeforeType, AllowedBeforeType, ctx::Context c) {}

// func x(_ *AllowedBeforePtrStruct, ctx context.Context) // ok
void x(AllowedBeforePtrStruct *, ctx::Context c) {}

// A struct listed by value is allowed by value.
void x(AllowedBeforeStruct, ctx::Context c) {}

// func x(_ AllowedBeforePtrStruct, ctx context.Context) // MATCH: only the pointer is allowed
void x(AllowedBeforePtrStruct, ctx::Context c) {} // want:45 "'c' of type ctx::Context should be the first parameter of 'x'"

// func y(s string, ctx context.Context) // MATCH
void y(std::string s, ctx::Context c) {} // want:36 "'c' of type ctx::Context should be the first parameter of 'y'"

// func y(s string, r int, ctx context.Context, x int) // MATCH
void y(std::string s, int r, ctx::Context c, int x) {} // want:43 "'c' of type ctx::Context should be the first parameter of 'y'"

// func y(ctx1 context.Context, ctx2 context.Context, x int) // ok: contexts may follow contexts
void y(ctx::Context c1, ctx::Context c2, int x) {}

// func y(ctx1, ctx2 context.Context, x int, ctx3 context.Context) // MATCH
void y(ctx::Context c1, ctx::Context c2, int x, ctx::Context c3) {} // want:62 "'c3' of type ctx::Context should be the first parameter of 'y'"

// An allowed type, then a disallowed one: the context is still late.
void z(testing::T *t, int n, ctx::Context c) {} // want:43 "'c' of type ctx::Context"

// Allowed types are compared as canonical types: an alias of an allowed type
// is allowed.
using TestPtr = testing::T *;
void z(TestPtr t, ctx::Context c) {}

// A reference to an allowed type is another type.
void z(testing::T &t, ctx::Context c) {} // want:36 "'c' of type ctx::Context"
