//===--- BlockingWithoutDoneCheck.h - ctxguard ------------------*- C++ -*-===//

#ifndef CTXGUARD_CHECKS_BLOCKINGWITHOUTDONECHECK_H
#define CTXGUARD_CHECKS_BLOCKINGWITHOUTDONECHECK_H

#include "model/ContextScope.h"
#include "model/Roles.h"
#include "clang-tidy/ClangTidyCheck.h"
#include "clang/AST/StmtCXX.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SetVector.h"
#include "llvm/ADT/SmallPtrSet.h"

namespace clang::tidy::ctx {

/// Flags, in a function or lambda that has a context available (a parameter,
/// a capture, a parameter of an enclosing function, a local declared before),
/// a blocking operation that does not wake up when that context is cancelled:
/// a channel send or receive, a range-for over a channel, a select with
/// neither a done case, a default nor a timer case, the uninterruptible
/// `ctx::sleep(d)` (fix-it: pass the context), the standard library's waits
/// (BlockingFunctions) and, with FlagJoins, joins. Operations that cannot
/// block (ChannelBuffer.h: sends within a local channel's capacity, receives
/// after a close) are not flagged.
///
/// The functions to analyse are found through the variables that make a
/// context available, so code without one costs next to nothing; their
/// bodies are walked at the end of the translation unit.
///
/// For the user-facing documentation see: docs/checks/ctx-blocking-without-done.md
class BlockingWithoutDoneCheck : public ClangTidyCheck {
public:
  BlockingWithoutDoneCheck(StringRef Name, ClangTidyContext *Context);
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void onEndOfTranslationUnit() override;
  bool isLanguageVersionSupported(const LangOptions &LangOpts) const override {
    return LangOpts.CPlusPlus;
  }

  enum class Operation : std::uint8_t { None, Send, Recv, Select, Sleep, Blocking, Join };

private:
  /// What kind of blocking operation \p Call is, if any. Cached per callee.
  Operation operationOf(const CallExpr &Call) const;
  Operation operationOfCallee(const Decl *Callee) const;
  bool isBlockingMember(const CXXMemberCallExpr &Call) const;
  bool selectCanEnd(const CallExpr &Select) const;
  bool passesCancellation(const CallExpr &Call) const;
  bool cannotBlock(const CallExpr &Call, Operation Op, const FunctionDecl *F) const;
  void report(const Stmt &At, Operation Op, const CallExpr *Call, const AvailableContext &Ignored,
              bool CanFix);
  void analyseFunction(const FunctionDecl *F);
  void visit(const Stmt *S, const FunctionDecl *F);
  void checkOperation(const CallExpr &Call, Operation Op, const FunctionDecl *F);
  void checkRange(const CXXForRangeStmt &Range, const FunctionDecl *F);

  RoleModel Model;
  ContextScopes Scopes{Model};
  const bool FlagJoins;
  // The functions and lambdas that declare or receive a context, analysed
  // at the end of the translation unit (their nested lambdas with them).
  llvm::SetVector<const FunctionDecl *> Functions;
  llvm::SmallPtrSet<const FunctionDecl *, 16> Analysed;
  ASTContext *AST = nullptr;
  mutable llvm::DenseMap<const Decl *, Operation> OperationCache;
  mutable llvm::DenseMap<std::pair<const Decl *, const Decl *>, bool> MemberCache;
  // Per local channel: its operations that cannot block (ChannelBuffer.h).
  mutable llvm::DenseMap<const VarDecl *, llvm::SmallPtrSet<const Stmt *, 4>> NonBlockingCache;
};

} // namespace clang::tidy::ctx

#endif // CTXGUARD_CHECKS_BLOCKINGWITHOUTDONECHECK_H
