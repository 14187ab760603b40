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

#include "CtxCheck.h"
#include "model/CancelSink.h"
#include "llvm/ADT/MapVector.h"

namespace clang::tidy::ctx {

/// Flags a cancel function that is dropped, may be left unused on a path to
/// a return or throw, or is called manually after a call that may throw.
/// Lambdas (and goroutine bodies) are analysed as functions of their own,
/// templates in their pattern; `main` is exempt from the path analysis.
///
/// For the user-facing documentation see: docs/checks/ctx-lost-cancel.md
class LostCancelCheck : public CtxCheck {
public:
  LostCancelCheck(StringRef Name, ClangTidyContext *Context);
  bool isLanguageVersionSupported(const LangOptions &LangOpts) const override {
    return LangOpts.CPlusPlus17;
  }
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void onEndOfTranslationUnit() override;

private:
  void registerCheckMatchers(ast_matchers::MatchFinder *Finder) override;
  void storeCheckOptions(ClangTidyOptions::OptionMap &Opts) override;
  /// A cancel kept in a variable, with its uses after its creation.
  struct TrackedCancel {
    const CallExpr *Source;
    CancelSink Sink;
    llvm::SmallVector<const DeclRefExpr *, 8> Refs;
    CancelUses Uses;
  };
  void checkFunction(const FunctionDecl *F, llvm::ArrayRef<const CallExpr *> Sources);
  std::optional<TrackedCancel> track(const CallExpr *Source, const CancelSink &Sink,
                                     const FunctionCfg &Cfg, const ReferenceIndex &Index);
  void reportLeak(const TrackedCancel &T, const FunctionCfg &Cfg);
  void checkManualCalls(const CallExpr *Source, const CancelSink &Sink, const CancelUses &Uses,
                        llvm::ArrayRef<const DeclRefExpr *> Refs, const FunctionCfg &Cfg,
                        const ReferenceIndex &Index);
  const Stmt *throwingBeforeCancel(const CancelSink &Sink, const CancelUses &Uses,
                                   llvm::ArrayRef<const DeclRefExpr *> Refs,
                                   const FunctionCfg &Cfg);
  std::optional<FixItHint> deferFix(const CancelSink &Sink, QualType CancelType,
                                    const CallExpr *Source, const FunctionCfg &Cfg);
  void reportDropped(const CallExpr *Source, SourceLocation Loc);

  /// Flag every manual, undeferred cancel, not only those an exception can skip.
  const bool RequireDefer;
  // The cancel sources met while matching, by the function they are in.
  llvm::MapVector<const FunctionDecl *, llvm::SmallVector<const CallExpr *, 2>> Sources;
};

} // namespace clang::tidy::ctx

#endif // CTXGUARD_CHECKS_LOSTCANCELCHECK_H
