//===--- LoopWithoutDoneCheck.h - ctxguard ----------------------*- C++ -*-===//
//
// ctx-loop-without-done: an unbounded loop that never observes cancellation.
//
//===----------------------------------------------------------------------===//

#ifndef CTXGUARD_CHECKS_LOOPWITHOUTDONECHECK_H
#define CTXGUARD_CHECKS_LOOPWITHOUTDONECHECK_H

#include "CtxCheck.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallPtrSet.h"

namespace clang::tidy::ctx {

/// Flags an unbounded loop (`for (;;)`, `while (true)`, `do ... while (true)`,
/// or a range-for over a timer's channel, which is never closed) in a
/// goroutine body or a function that has a context, when nothing in it
/// observes cancellation (no done case, no err()/done() check, no call that
/// hands the context to code that may observe it) and nothing leaves it (no
/// break, return, throw, goto out, [[noreturn]] call). gosec G118's
/// "long-running loop without a ctx.Done() guard". A range-for over an
/// ordinary channel is ctx-blocking-without-done's.
///
/// With a library profile's token (std::stop_token, a gRPC handler's
/// context), the same in code that has one; and a loop of a callable that a
/// thread passing its own token (std::jthread) runs without it: the
/// thread's destructor requests a stop the loop cannot see, then joins.
///
/// For the user-facing documentation see: docs/checks/ctx-loop-without-done.md
class LoopWithoutDoneCheck : public CtxCheck {
public:
  LoopWithoutDoneCheck(StringRef Name, ClangTidyContext *Context);
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void onEndOfTranslationUnit() override;

private:
  void registerCheckMatchers(ast_matchers::MatchFinder *Finder) override;
  bool leavesOrObserves(const Stmt &Loop);
  bool observesOrEnds(const Expr *E);
  void report(const Stmt *Loop, const FunctionDecl *Function);
  void recordTokenSpawn(const CXXConstructExpr &Spawn, const VarDecl *Thread, ASTContext &Ctx);
  bool reportTokenBlind(const Stmt *Loop, const FunctionDecl *Function);
  /// A root token passed as an argument: it never stops.
  bool isRootToken(const Expr *Arg) const;

  /// A thread started with a callable that does not take its own token.
  struct TokenBlindStart {
    SourceLocation Where;
    std::string Callable;
  };

  llvm::SmallVector<const Stmt *, 8> Candidates;
  // What each goroutine body runs from: the lines of its spawns.
  llvm::DenseMap<const FunctionDecl *, llvm::SmallVector<unsigned, 1>> SpawnLines;
  llvm::DenseMap<const FunctionDecl *, TokenBlindStart> TokenBlind;
  llvm::SmallPtrSet<const CXXConstructExpr *, 8> RecordedSpawns;
};

} // namespace clang::tidy::ctx

#endif // CTXGUARD_CHECKS_LOOPWITHOUTDONECHECK_H
