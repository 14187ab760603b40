//===--- JthreadForeignTokenCheck.h - ctxguard ------------------*- C++ -*-===//

#ifndef CTXGUARD_CHECKS_JTHREADFOREIGNTOKENCHECK_H
#define CTXGUARD_CHECKS_JTHREADFOREIGNTOKENCHECK_H

#include "CtxCheck.h"

namespace clang::tidy::ctx {

/// Flags a thread that passes its own token to its callable (TokenSpawn:
/// `std::jthread`) constructed with `(f, tok, args...)`, `tok` a token, when
/// `f` cannot be called as `f(own_token, tok, args...)` (the standard's
/// test; for a member function pointer in GNU mode, libstdc++'s rule of the
/// own token after the object): `f` receives the foreign token, and the stop
/// request of the thread's destructor is never seen. A callable whose
/// signature is not visible (a function pointer variable, a bind
/// expression) is not judged.
///
/// For the user-facing documentation see: docs/checks/ctx-jthread-foreign-token.md
class JthreadForeignTokenCheck : public CtxCheck {
public:
  JthreadForeignTokenCheck(StringRef Name, ClangTidyContext *Context);
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;

private:
  void registerCheckMatchers(ast_matchers::MatchFinder *Finder) override;
};

} // namespace clang::tidy::ctx

#endif // CTXGUARD_CHECKS_JTHREADFOREIGNTOKENCHECK_H
