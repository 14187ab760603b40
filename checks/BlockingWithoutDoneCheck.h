//===--- BlockingWithoutDoneCheck.h - ctxguard ------------------*- C++ -*-===//

#ifndef CTXGUARD_CHECKS_BLOCKINGWITHOUTDONECHECK_H
#define CTXGUARD_CHECKS_BLOCKINGWITHOUTDONECHECK_H

#include "CtxCheck.h"
#include "model/Blocking.h"
#include "clang/AST/StmtCXX.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/SmallPtrSet.h"

namespace clang::tidy::ctx {

/// Flags, in a function or lambda that has a context available (a parameter,
/// a capture, a parameter of an enclosing function, a local declared before),
/// a blocking operation that does not wake up when that context is cancelled:
/// a channel send or receive, a range-for over a channel that is not closed
/// on every path, a select with neither a done case nor a default (or bounded
/// only by a timer, unless AllowTimerBoundedWaits), the uninterruptible
/// `ctx::sleep(d)` (fix-it: pass the context), the standard library's waits
/// (BlockingFunctions) and, with FlagJoins, joins. Operations that cannot
/// block (ChannelBuffer.h) are not flagged. Anywhere, an operation on a
/// channel that is nil wherever it runs, or a select all of whose cases are,
/// blocks forever; so does a goroutine's range-for over a channel that
/// nothing in the translation unit closes.
///
/// Templates are analysed in their pattern, and an operation that only an
/// instantiation makes blocking is reported once, naming the instantiation.
///
/// For the user-facing documentation see: docs/checks/ctx-blocking-without-done.md
class BlockingWithoutDoneCheck : public CtxCheck {
public:
  BlockingWithoutDoneCheck(StringRef Name, ClangTidyContext *Context);
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void onEndOfTranslationUnit() override;

private:
  /// The function being walked.
  struct Site {
    const FunctionDecl *F;             // the function walked
    const FunctionDecl *Instantiation; // F, when it is an instantiation
  };

  void registerCheckMatchers(ast_matchers::MatchFinder *Finder) override;
  void storeCheckOptions(ClangTidyOptions::OptionMap &Opts) override;
  void analyseFunction(const FunctionDecl *F, const FunctionDecl *Instantiation);
  void checkOperation(const CallExpr &Call, Operation Op, Site &At);
  void checkRange(const CXXForRangeStmt &Range, Site &At);
  void checkHelperCall(const CallExpr &Call, Site &At);
  /// The contexts the code at \p S could observe: in scope, not cancelled
  /// by the function itself on every path to \p S.
  llvm::SmallVector<AvailableContext, 4> contextsToObserve(const Stmt &S, Site &At);
  bool cannotBlock(const CallExpr &Call, Operation Op, Site &At);
  /// A library wait that a token's link wakes, or a get after a timed poll.
  bool observesToken(const CallExpr &Call, Operation Op, const AvailableContext &Ignored,
                     const Site &At);
  bool isNilChannel(const Expr *E, const FunctionDecl *F);
  bool reportsAt(SourceLocation Loc, const Site &At);

  void reportOperation(const CallExpr &Call, Operation Op, const AvailableContext &Ignored,
                       bool CanFix, Site &At);
  void reportSelect(const CallExpr &Select, SelectEnd End, const AvailableContext &Ignored,
                    bool CanFix, Site &At);
  void reportRange(const CXXForRangeStmt &Range, const AvailableContext *Ignored, Site &At);
  void reportTokenWait(const CallExpr &Call, const AvailableContext &Ignored, Site &At);
  void reportNil(const CallExpr &Call, Operation Op, Site &At);
  void reportHelperCall(const CallExpr &Call, const Expr &Channel, bool Sends,
                        const AvailableContext &Ignored, Site &At);

  const bool FlagJoins;
  const bool AllowTimerBoundedWaits;
  BlockingOperations Operations;
  // The functions and lambdas that declare or receive a context.
  llvm::SmallPtrSet<const FunctionDecl *, 16> WithContext;
  // The functions that make a nil channel.
  llvm::SmallPtrSet<const FunctionDecl *, 4> MakeNil;
  // Where the written code has operations: an instantiation reports only
  // what its pattern does not show.
  llvm::DenseSet<SourceLocation> PatternOperations;
  // Channel types some code of the TU closes, and the spawn lines of each
  // goroutine body.
  llvm::DenseSet<const Type *> ClosedChannelTypes;
  llvm::DenseMap<const FunctionDecl *, llvm::SmallVector<unsigned, 1>> SpawnLines;
  llvm::DenseMap<const VarDecl *, llvm::SmallPtrSet<const Stmt *, 4>> NonBlocking;
  llvm::DenseMap<const VarDecl *, bool> NilLocals;
};

} // namespace clang::tidy::ctx

#endif // CTXGUARD_CHECKS_BLOCKINGWITHOUTDONECHECK_H
