//===--- AbandonedSenderCheck.h - ctxguard ----------------------*- C++ -*-===//
//
// ctx-abandoned-sender: a goroutine that blocks forever on a channel its
// starter can stop serving.
//
//===----------------------------------------------------------------------===//

#ifndef CTXGUARD_CHECKS_ABANDONEDSENDERCHECK_H
#define CTXGUARD_CHECKS_ABANDONEDSENDERCHECK_H

#include "CtxCheck.h"
#include "llvm/ADT/SmallVector.h"

namespace clang::tidy::ctx {

/// Flags a goroutine (started by a spawn role such as `ctx::go`) that sends on
/// a channel created by its starting function while that function has a path
/// from the spawn to its exit that receives fewer values than the goroutine
/// sends (the unbuffered "result channel" abandoned by a timeout or an early
/// return, GCatch/GFix's most common bug), and the mirror image: a goroutine
/// that receives from such a channel that the starter may never send to or
/// close. Warns at the blocking operation, notes each abandoning exit.
///
/// For the user-facing documentation see: docs/checks/ctx-abandoned-sender.md
class AbandonedSenderCheck : public CtxCheck {
public:
  AbandonedSenderCheck(StringRef Name, ClangTidyContext *Context);
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void onEndOfTranslationUnit() override;

private:
  void registerCheckMatchers(ast_matchers::MatchFinder *Finder) override;
  void analyseStarter(const FunctionDecl *Starter);

  // The spawns of the translation unit; each starter is analysed once, at the
  // end, for all the goroutines it starts.
  llvm::SmallVector<const Expr *, 8> Spawns;
};

} // namespace clang::tidy::ctx

#endif // CTXGUARD_CHECKS_ABANDONEDSENDERCHECK_H
