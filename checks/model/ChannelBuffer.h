//===--- ChannelBuffer.h - ctxguard -----------------------------*- C++ -*-===//
//
// Channel operations that cannot block because of what their function does
// with the channel: sends that always find room in a local channel's
// constant buffer (Go's "buffered result channel of size 1"), a straight-line
// sequence of sends and receives on a local buffered channel before it
// escapes, and receives from a channel closed earlier in the same block.
//
//===----------------------------------------------------------------------===//

#ifndef CTXGUARD_CHECKS_MODEL_CHANNELBUFFER_H
#define CTXGUARD_CHECKS_MODEL_CHANNELBUFFER_H

#include "Roles.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Stmt.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/SmallPtrSet.h"

namespace clang::tidy::ctx {

struct ChannelFacts;
class ParentIndex;

/// One function body with what the channel analyses need of it.
struct ChannelScope {
  const Stmt *Body;
  const ChannelFacts &Facts; // of Body
  const ParentIndex &Parents; // of Body
  const RoleModel &Model;
  ASTContext &Ctx;
};

/// The sends and receives (member calls and select cases, as ChannelFacts
/// records them) on the local channel variable \p Channel of \p Scope that
/// never block:
/// - every send, when the channel does not escape (no reference other than
///   its own operations, captures, and views that can only receive) and a
///   constant capacity covers them: none in a loop, each at top level or in
///   a lambda a spawn runs once (`ctx::go([ch] {...})` outside any loop);
/// - the one send of a fan-out, in a goroutine started by a counted loop
///   `for (int i = 0; i < n; ++i)` whose bound is the capacity (`n`, never
///   modified, or an equal constant);
/// - with a constant capacity, the operations of a straight-line sequence
///   simulated against the buffer: a send while there is room, a receive
///   while there is a value, anything after a close; up to the first
///   operation that would block, that is in a branch, a loop or a lambda, or
///   that follows the channel's first escape (a send on a fresh buffered
///   channel before it escapes cannot block).
llvm::SmallPtrSet<const Stmt *, 4> nonBlockingOperations(const VarDecl *Channel,
                                                         const ChannelScope &Scope);

/// Whether \p Channel is a local variable of its function (not a
/// parameter, a reference or a static).
bool isLocalChannel(const VarDecl *Channel);

/// Whether \p S closes \p Channel: `ch.close()`.
bool closes(const Stmt *S, const VarDecl *Channel, const RoleModel &Model);

/// Whether a statement that precedes \p Target in a block of \p Scope's body
/// enclosing it (not across lambdas) satisfies \p Pred: it has run whenever
/// \p Target runs.
bool precededBy(const ChannelScope &Scope, const Stmt *Target,
                llvm::function_ref<bool(const Stmt *)> Pred);

/// Whether \p Channel is closed (`ch.close();`) by a statement that precedes
/// \p Target in a block enclosing it, not across lambdas: a receive or a
/// range-for there drains the buffer and ends.
bool closedBefore(const ChannelScope &Scope, const Stmt *Target, const VarDecl *Channel);

/// The number of times the body of \p Loop runs, when it is the counted loop
/// `for (int i = 0; i < Bound; ++i)` whose counter the body does not modify:
/// Bound; else null.
const Expr *tripCount(const Stmt *Loop, ASTContext &Ctx);

/// Whether \p A and \p B count the same wherever they are evaluated in
/// \p Body: equal constants, or the same variable that \p Body never modifies.
bool sameCount(const Expr *A, const Expr *B, const Stmt *Body, ASTContext &Ctx);

} // namespace clang::tidy::ctx

#endif // CTXGUARD_CHECKS_MODEL_CHANNELBUFFER_H
