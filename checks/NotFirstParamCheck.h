//===--- NotFirstParamCheck.h - ctxguard ------------------------*- C++ -*-===//

#ifndef CTXGUARD_CHECKS_NOTFIRSTPARAMCHECK_H
#define CTXGUARD_CHECKS_NOTFIRSTPARAMCHECK_H

#include "model/Roles.h"
#include "clang-tidy/ClangTidyCheck.h"
#include "llvm/ADT/StringSet.h"

namespace clang::tidy::ctx {

/// Flags a function, method, constructor or lambda whose context parameter
/// (by value, const& or &&) is not its first parameter, as Go's convention,
/// golint and revive's context-as-argument ask. Reported once per function, at
/// its first declaration, on the first misplaced context parameter. Overrides
/// are left to their base; parameters preceded only by other contexts or by
/// types listed in AllowTypesBefore are fine.
///
/// For the user-facing documentation see: docs/checks/ctx-not-first-param.md
class NotFirstParamCheck : public ClangTidyCheck {
public:
  NotFirstParamCheck(StringRef Name, ClangTidyContext *Context);
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
  bool isLanguageVersionSupported(const LangOptions &LangOpts) const override {
    return LangOpts.CPlusPlus;
  }

private:
  bool isContextParameter(const ParmVarDecl *P) const;
  bool isAllowedBefore(QualType T, const ASTContext &Ctx) const;

  RoleModel Model;
  const std::string AllowTypesBefore;
  llvm::StringSet<> AllowedTypeSpellings; // normalised canonical spellings
};

} // namespace clang::tidy::ctx

#endif // CTXGUARD_CHECKS_NOTFIRSTPARAMCHECK_H
