//===--- LoopWithoutDoneCheck.h - ctxguard ----------------------*- C++ -*-===//
//
// ctx-loop-without-done: an unbounded loop that never observes cancellation.
//
//===----------------------------------------------------------------------===//

#ifndef CTXGUARD_CHECKS_LOOPWITHOUTDONECHECK_H
#define CTXGUARD_CHECKS_LOOPWITHOUTDONECHECK_H

#include "clang-tidy/ClangTidyCheck.h"
#include "model/ContextScope.h"
#include "model/FunctionBodies.h"
#include "model/Roles.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"

namespace clang::tidy::ctx {

/// Flags an unbounded loop (`for (;;)`, `while (true)`, `do ... while (true)`,
/// or a range-for over a channel that is never closed in the translation
/// unit) in a goroutine body or a function that has a context, when nothing
/// in it observes cancellation (no done case, no err()/done() check, no call
/// that receives a context) and nothing leaves it (no break, return, throw,
/// goto out, [[noreturn]] call). gosec G118's "long-running loop without a
/// ctx.Done() guard".
///
/// For the user-facing documentation see: docs/checks/ctx-loop-without-done.md
class LoopWithoutDoneCheck : public ClangTidyCheck {
public:
  LoopWithoutDoneCheck(StringRef Name, ClangTidyContext *Context);
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void onEndOfTranslationUnit() override;
  bool isLanguageVersionSupported(const LangOptions &LangOpts) const override {
    return LangOpts.CPlusPlus;
  }

private:
  struct Candidate {
    const Stmt *Loop;
    QualType RangeChannel; // for a range-for over a channel: its type
  };
  void report(const Candidate &C, const FunctionDecl *Function, ASTContext &Ctx);

  RoleModel Model;
  ContextScopes Scopes{Model};
  FunctionBodies Bodies;
  ASTContext *Context = nullptr;
  // Decided at the end of the translation unit: a range-for over a channel is
  // unbounded only if no channel of its type is closed anywhere in it.
  llvm::SmallVector<Candidate, 8> Candidates;
  llvm::DenseSet<const Type *> ClosedChannelTypes;
  // What each goroutine body runs from: the lines of its spawns.
  llvm::DenseMap<const FunctionDecl *, llvm::SmallVector<unsigned, 1>> SpawnLines;
};

} // namespace clang::tidy::ctx

#endif // CTXGUARD_CHECKS_LOOPWITHOUTDONECHECK_H
