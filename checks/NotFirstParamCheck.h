//===--- NotFirstParamCheck.h - ctxguard ------------------------*- C++ -*-===//

#ifndef CTXGUARD_CHECKS_NOTFIRSTPARAMCHECK_H
#define CTXGUARD_CHECKS_NOTFIRSTPARAMCHECK_H

#include "CtxCheck.h"
#include "llvm/ADT/StringSet.h"

namespace clang::tidy::ctx {

/// Flags a function, method, constructor or lambda whose context parameter
/// (by value, const& or &&) is not its first parameter, as Go's convention,
/// golint and revive's context-as-argument ask. Reported once per function, at
/// its first declaration, on the first misplaced context parameter. Overrides
/// are left to their base; parameters preceded only by other contexts or by
/// types listed in AllowTypesBefore are fine. A template whose instantiation
/// makes a parameter a context is reported once, at the written parameter,
/// with a note naming the instantiation.
///
/// For the user-facing documentation see: docs/checks/ctx-not-first-param.md
class NotFirstParamCheck : public CtxCheck {
public:
  NotFirstParamCheck(StringRef Name, ClangTidyContext *Context);
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;

private:
  void registerCheckMatchers(ast_matchers::MatchFinder *Finder) override;
  void storeCheckOptions(ClangTidyOptions::OptionMap &Opts) override;
  bool isContextParameter(const ParmVarDecl *P) const;
  bool isAllowedBefore(QualType T, const ASTContext &Ctx) const;
  const ParmVarDecl *misplacedContext(const FunctionDecl *FD, const ASTContext &Ctx) const;
  void report(const ParmVarDecl *Late, const FunctionDecl *FD,
              const FunctionDecl *Instantiation);

  const std::string AllowTypesBefore;
  llvm::StringSet<> AllowedTypeSpellings; // normalised canonical spellings
};

} // namespace clang::tidy::ctx

#endif // CTXGUARD_CHECKS_NOTFIRSTPARAMCHECK_H
