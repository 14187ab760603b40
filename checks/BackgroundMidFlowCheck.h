//===--- BackgroundMidFlowCheck.h - ctxguard --------------------*- C++ -*-===//

#ifndef CTXGUARD_CHECKS_BACKGROUNDMIDFLOWCHECK_H
#define CTXGUARD_CHECKS_BACKGROUNDMIDFLOWCHECK_H

#include "CtxCheck.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringSet.h"
#include <vector>

namespace clang::tidy::ctx {

/// Flags a new root context (ctx::background(), ctx::todo()) created in a
/// function or lambda that already has a context, and, as kkHAIKE/contextcheck
/// does, a call from such a function to a function of the same translation
/// unit that takes no context but creates a root itself or through its
/// callees. Cancelling the caller no longer reaches that work.
///
/// Where a library token is available (std profile): an argument that is a
/// token that never stops, or the token of a local source not linked to it.
///
/// For the user-facing documentation see: docs/checks/ctx-background-mid-flow.md
class BackgroundMidFlowCheck : public CtxCheck {
public:
  BackgroundMidFlowCheck(StringRef Name, ClangTidyContext *Context);
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void onEndOfTranslationUnit() override;

private:
  /// A call to a function that takes no context.
  struct CandidateCall {
    const Expr *Call; // a call or a constructor call
    const FunctionDecl *Callee;
  };

  void registerCheckMatchers(ast_matchers::MatchFinder *Finder) override;
  void storeCheckOptions(ClangTidyOptions::OptionMap &Opts) override;
  void checkRootCall(const CallExpr &Root, ASTContext &Ctx);
  void checkCandidate(const CandidateCall &Candidate);
  /// The token arguments of \p Call (BackgroundMidFlowTokens.cpp).
  void checkTokenArguments(const Expr &Call);
  void checkMadeRpcContext(const Expr &Made);
  /// A token argument made with no arguments: `std::stop_token{}`, `{}`.
  bool isNeverStopping(const Expr *Arg) const;
  bool isLinked(const VarDecl *Source, const FunctionDecl *F,
                llvm::ArrayRef<AvailableContext> Tokens);
  /// The function a root call or candidate call is checked in, or null when
  /// it is exempt (main, context factories, AllowedFunctions, instantiations,
  /// default arguments).
  const FunctionDecl *checkedFunction(const Stmt &S);
  bool isAllowed(const FunctionDecl *F) const;
  /// The contexts of F worth naming: those code in F can name (its
  /// parameters, captures, enclosing parameters captured by default), or, if
  /// none, all of them. \p Nameable tells which.
  llvm::SmallVector<AvailableContext, 2> contextsToName(const FunctionDecl *F, bool &Nameable);

  const std::string AllowedFunctionsOption;
  llvm::StringSet<> AllowedFunctions;
  std::vector<const CallExpr *> Roots;
  std::vector<CandidateCall> Candidates;
  std::vector<const Expr *> TokenCalls;
  std::vector<const Expr *> MadeRpcContexts;
};

} // namespace clang::tidy::ctx

#endif // CTXGUARD_CHECKS_BACKGROUNDMIDFLOWCHECK_H
