// A header that behaves as a system header: never reported.
#pragma clang system_header
#include <ctx/ctx.hpp>

void vendorCallback(int id, ctx::Context cx);
