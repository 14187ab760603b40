//===--- BackgroundMidFlowCheck.h - ctxguard --------------------*- C++ -*-===//

#ifndef CTXGUARD_CHECKS_BACKGROUNDMIDFLOWCHECK_H
#define CTXGUARD_CHECKS_BACKGROUNDMIDFLOWCHECK_H

#include "model/ContextScope.h"
#include "model/FunctionBodies.h"
#include "model/Roles.h"
#include "clang-tidy/ClangTidyCheck.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringSet.h"
#include <optional>
#include <vector>

namespace clang::tidy::ctx {

/// Flags a new root context (ctx::background(), ctx::todo()) created in a
/// function or lambda that already has a context, and, as kkHAIKE/contextcheck
/// does, a call from such a function to a function of the same translation
/// unit that takes no context but creates a root itself or through its
/// callees. Cancelling the caller no longer reaches that work.
///
/// For the user-facing documentation see: docs/checks/ctx-background-mid-flow.md
class BackgroundMidFlowCheck : public ClangTidyCheck {
public:
  BackgroundMidFlowCheck(StringRef Name, ClangTidyContext *Context);
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void onEndOfTranslationUnit() override;
  bool isLanguageVersionSupported(const LangOptions &LangOpts) const override {
    return LangOpts.CPlusPlus;
  }

private:
  /// How a function creates a root: directly at Root, or by calling Via.
  struct RootCreation {
    const Expr *Root = nullptr;
    const FunctionDecl *Via = nullptr;
  };

  /// A call to a function of this TU that takes no context.
  struct CandidateCall {
    const Expr *Call; // a call or a constructor call
    const FunctionDecl *Callee;
  };

  void checkRootCall(const CallExpr &Root, ASTContext &Ctx);
  void checkCandidate(const CandidateCall &Candidate, ASTContext &Ctx);
  /// The function a root call or candidate call is checked in, or null when
  /// it is exempt (main, context factories, AllowedFunctions, instantiations).
  const FunctionDecl *checkedFunction(const Stmt &S, ASTContext &Ctx) const;
  bool isAllowed(const FunctionDecl *F) const;
  /// The contexts of F worth naming: those code in F can name (its
  /// parameters, captures, enclosing parameters captured by default), or, if
  /// none, all of them. \p Nameable tells which.
  llvm::SmallVector<AvailableContext, 2> contextsToName(const FunctionDecl *F,
                                                        bool &Nameable) const;
  /// Whether F may be analysed as a helper that creates its own root.
  bool isHelper(const FunctionDecl *F) const;
  /// The root F creates, directly or through its callees (cached; a
  /// recursive cycle counts as creating none).
  const RootCreation *rootCreatedBy(const FunctionDecl *F);
  std::optional<RootCreation> findRootIn(const Stmt *S);

  RoleModel Model;
  ContextScopes Scopes{Model};
  const std::string AllowedFunctionsOption;
  llvm::StringSet<> AllowedFunctions;

  ASTContext *AST = nullptr;
  FunctionBodies Bodies;
  std::vector<const CallExpr *> Roots;
  std::vector<CandidateCall> Candidates;
  // Null value: being analysed, or creates no root.
  llvm::DenseMap<const FunctionDecl *, std::optional<RootCreation>> Creations;
};

} // namespace clang::tidy::ctx

#endif // CTXGUARD_CHECKS_BACKGROUNDMIDFLOWCHECK_H
