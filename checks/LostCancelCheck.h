//===--- LostCancelCheck.h - ctxguard ---------------------------*- C++ -*-===//
//
// ctx-lost-cancel: the cancel function returned by a cancel source
// (ctx::with_cancel, with_timeout, with_deadline and their _cause variants)
// that is dropped, not used on every path to the function's exits (go vet's
// lostcancel), or called by hand where an exception can skip it.
//
//===----------------------------------------------------------------------===//

#ifndef CTXGUARD_CHECKS_LOSTCANCELCHECK_H
#define CTXGUARD_CHECKS_LOSTCANCELCHECK_H

#include "clang-tidy/ClangTidyCheck.h"
#include "clang-tidy/utils/ExceptionAnalyzer.h"
#include "model/Cfg.h"
#include "model/Roles.h"
#include "llvm/ADT/DenseSet.h"
#include <memory>
#include <vector>

namespace clang::tidy::ctx {

struct CancelSink;

/// Flags a cancel function that is dropped, may be left unused on a path to
/// a return or throw, or is called manually after a call that may throw.
/// Lambdas (and goroutine bodies) are analysed as functions of their own,
/// templates in their pattern; `main` is exempt from the path analysis.
///
/// For the user-facing documentation see: docs/checks/ctx-lost-cancel.md
class LostCancelCheck : public ClangTidyCheck {
public:
  LostCancelCheck(StringRef Name, ClangTidyContext *Context);
  bool isLanguageVersionSupported(const LangOptions &LangOpts) const override {
    return LangOpts.CPlusPlus17;
  }
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void onEndOfTranslationUnit() override;

private:
  void findSources(const Stmt *S, llvm::SmallVectorImpl<const CallExpr *> &Out) const;
  void checkFunction(const FunctionDecl *F, ASTContext &Ctx);
  void checkPaths(const CallExpr *Source, const CancelSink &Sink, const FunctionCfg &Cfg,
                  ASTContext &Ctx);
  void reportDropped(const CallExpr *Source, SourceLocation Loc, const SourceManager &SM);
  utils::ExceptionAnalyzer &throwAnalyzer();

  RoleModel Model;
  /// Flag every manual, undeferred cancel, not only those an exception can skip.
  const bool RequireDefer;
  // Collected during matching, analysed at the end of the translation unit.
  llvm::DenseSet<const CallExpr *> Sources;
  std::vector<const FunctionDecl *> Functions;
  ASTContext *AST = nullptr;
  /// Whether a callee's visible body can throw, built on first use and kept
  /// for the translation unit.
  std::unique_ptr<utils::ExceptionAnalyzer> Analyzer;
};

} // namespace clang::tidy::ctx

#endif // CTXGUARD_CHECKS_LOSTCANCELCHECK_H
