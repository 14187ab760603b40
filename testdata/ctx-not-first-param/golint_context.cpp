// Ports golang/lint testdata/context.go: a context must be the first
// parameter of a function (Go function names in the comments).
#include <ctx/ctx.hpp>

#include <string>

// func x(ctx context.Context) // ok
void x(ctx::Context c) {}

// func x2(ctx context.Context, s string) // ok
void x2(ctx::Context c, std::string s) {}

// func y(s string, ctx context.Context) // MATCH
void y(std::string s, ctx::Context c) {} // want:36 "'c' of type ctx::Context should be the first parameter of 'y'"

// func y2(s string, r int, ctx context.Context, x int) // MATCH
void y2(std::string s, int r, ctx::Context c, int x) {} // want:44 "'c' of type ctx::Context should be the first parameter of 'y2'"
