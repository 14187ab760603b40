// Ports mgechev/revive testdata/context_as_argument_default.go: without
// AllowTypesBefore, nothing may precede a context.
#include <ctx/ctx.hpp>

struct AllowedBeforePtrStruct {};
namespace testing {
struct T {};
} // namespace testing

// func x(_ AllowedBeforePtrStruct, ctx context.Context) // MATCH
void x(AllowedBeforePtrStruct, ctx::Context c) {} // want:45 "'c' of type ctx::Context should be the first parameter of 'x'"

// A test fixture pointer too.
void x(testing::T *t, ctx::Context c) {} // want:36 "'c' of type ctx::Context"
