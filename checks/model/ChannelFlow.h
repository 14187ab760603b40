//===--- ChannelFlow.h - ctxguard -------------------------------*- C++ -*-===//
//
// What a function body does with channels and goroutines: the channel
// operations on each channel variable (send, receive, close, range-for,
// select cases), every reference to a channel variable, and the goroutines it
// starts with the callable each one runs. Checks that reason about goroutine
// leaks build on these facts instead of walking the AST themselves.
//
//===----------------------------------------------------------------------===//

#ifndef CTXGUARD_CHECKS_MODEL_CHANNELFLOW_H
#define CTXGUARD_CHECKS_MODEL_CHANNELFLOW_H

#include "Roles.h"
#include "Walk.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "llvm/ADT/SmallVector.h"

namespace clang::tidy::ctx {

enum class ChanOpKind : std::uint8_t {
  Send,     // ch.send(v)
  Recv,     // ch.recv()
  Close,    // ch.close()
  Range,    // for (T v : ch)
  CaseSend, // ctx::send(ch, v) as a select case
  CaseRecv, // ctx::recv(ch[, out]) as a select case
  Other,    // any other member call: size(), capacity()
};

/// One operation on a channel variable.
struct ChanOp {
  ChanOpKind Kind;
  const VarDecl *Var;       // the channel variable as written at the operation
  const Stmt *S;            // the member call, case call or range-for
  const DeclRefExpr *Ref;   // the reference to Var the operation uses
  const LambdaExpr *Lambda; // innermost lambda around it, null at top level
  bool InLoop;              // repeated by a loop of its own function or lambda body
  SourceLocation loc() const;
};

/// A goroutine started by an expression playing the spawn role.
struct SpawnSite {
  const Expr *E;                           // the go(...) construct or call
  const LambdaExpr *Lambda = nullptr;      // the callable when it is a lambda
  const FunctionDecl *Body = nullptr;      // what the goroutine runs (with a body), or null
  llvm::SmallVector<const Expr *, 2> Args; // arguments after the callable
  bool InLoop = false;                     // started in a loop of the starter
};

/// The channel and goroutine facts of one body (a function's or a lambda's).
/// Nested lambdas are walked too; their facts carry the lambda.
struct ChannelFacts {
  llvm::SmallVector<ChanOp, 8> Ops;
  llvm::SmallVector<std::pair<const DeclRefExpr *, const LambdaExpr *>, 8> Refs;
  llvm::SmallVector<SpawnSite, 2> Spawns; // started at top level, not in nested lambdas

  /// \p Parents: of \p Body, to tell an operation a loop runs once (it is
  /// followed by a return) from one it repeats.
  static ChannelFacts collect(const Stmt *Body, const ParentIndex &Parents,
                              const RoleModel &Model);
};

/// The channel variable \p E names, through parentheses, implicit casts,
/// copies and local views made from another channel variable, or null.
const VarDecl *channelVar(const Expr *E, const RoleModel &Model);

/// The channel variable a local view variable \p Var was made from (through
/// chains of views), or \p Var itself.
const VarDecl *viewedChannel(const VarDecl *Var, const RoleModel &Model);

/// Describes the goroutine \p Spawn starts (a construct expression or call
/// whose callee plays Role::Go); Lambda/Body stay null when the callable is
/// not a lambda or a function defined in this translation unit.
SpawnSite describeSpawn(const Expr *Spawn);

/// Adds matchers binding \p Id to each expression that starts a goroutine,
/// written outside system headers (template instantiations included): the
/// construction of `ctx::go`'s class template, a call such as
/// `WaitGroup::go(...)`, and in a template pattern an unresolved `ctx::go(...)`.
void addSpawnMatchers(ast_matchers::MatchFinder *Finder,
                      ast_matchers::MatchFinder::MatchCallback *Callback, const RoleModel *Model,
                      llvm::StringRef Id);

/// The constant capacity a channel variable is created with: 0 for the
/// default constructor, N for `Chan<T> ch(N)`; nullopt when unknown.
std::optional<std::uint64_t> channelCapacity(const VarDecl *Var, const ASTContext &Ctx);
/// The same for a channel construction such as the temporary `ctx::Chan<T>{}`.
std::optional<std::uint64_t> constructedCapacity(const CXXConstructExpr *Construct,
                                                 const ASTContext &Ctx);

} // namespace clang::tidy::ctx

#endif // CTXGUARD_CHECKS_MODEL_CHANNELFLOW_H
