// Option ContextTypes points the check at another library's context type:
// here std::stop_token plays the context role next to ctx::Context.
// OPTION: ctx-not-first-param.ContextTypes=::ctx::Context;::std::stop_token
#include <ctx/ctx.hpp>

#include <stop_token>

void worker(int id, std::stop_token token) {} // want:37 "'token' of type std::stop_token should be the first parameter of 'worker'"
void good(std::stop_token token, int id) {}
void mixed(std::stop_token token, ctx::Context cx, int id) {}
void late(int id, ctx::Context cx) {} // want:32 "'cx' of type ctx::Context"
