//===--- ValueKeyTypeCheck.h - ctxguard -------------------------*- C++ -*-===//

#ifndef CTXGUARD_CHECKS_VALUEKEYTYPECHECK_H
#define CTXGUARD_CHECKS_VALUEKEYTYPECHECK_H

#include "model/Roles.h"
#include "clang-tidy/ClangTidyCheck.h"

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
class ValueKeyTypeCheck : public ClangTidyCheck {
public:
  ValueKeyTypeCheck(StringRef Name, ClangTidyContext *Context);
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
  bool isLanguageVersionSupported(const LangOptions &LangOpts) const override {
    return LangOpts.CPlusPlus;
  }

private:
  RoleModel Model;
};

} // namespace clang::tidy::ctx

#endif // CTXGUARD_CHECKS_VALUEKEYTYPECHECK_H
