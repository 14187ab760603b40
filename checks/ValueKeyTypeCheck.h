//===--- ValueKeyTypeCheck.h - ctxguard -------------------------*- C++ -*-===//

#ifndef CTXGUARD_CHECKS_VALUEKEYTYPECHECK_H
#define CTXGUARD_CHECKS_VALUEKEYTYPECHECK_H

#include "CtxCheck.h"

namespace clang::tidy::ctx {

/// Flags a call to a with_value function (`ctx::with_value`) whose key is of a
/// built-in type (integers, bool, characters, floating point, nullptr, C
/// strings), of a type declared in namespace std, or an empty unnamed struct:
/// another library using the same key type can read or shadow the value
/// (staticcheck's SA1029). Enums and named classes are the user's own key
/// types. The key's type is taken as written, through aliases; a key of
/// dependent type in a template is not judged.
///
/// For the user-facing documentation see: docs/checks/ctx-value-key-type.md
class ValueKeyTypeCheck : public CtxCheck {
public:
  ValueKeyTypeCheck(StringRef Name, ClangTidyContext *Context);
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;

private:
  void registerCheckMatchers(ast_matchers::MatchFinder *Finder) override;
};

} // namespace clang::tidy::ctx

#endif // CTXGUARD_CHECKS_VALUEKEYTYPECHECK_H
