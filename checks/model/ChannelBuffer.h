//===--- ChannelBuffer.h - ctxguard -----------------------------*- C++ -*-===//
//
// Channel operations that cannot block because of what their function does
// with the channel: sends that always find room in a local channel's
// constant buffer (Go's "buffered result channel of size 1"), a straight-line
// sequence of sends and receives on a local buffered channel, and receives
// from a channel closed earlier in the same block or by its own function.
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

/// The sends and receives (member calls and select cases, as ChannelFacts
/// records them) on the local channel variable \p Channel that never block.
/// All analyses need a channel that does not escape (no reference other than
/// its own operations and captures):
/// - every send, when a constant capacity covers them: none in a loop, each
///   at top level or in a lambda a spawn runs once (`ctx::go([ch] {...})`
///   outside any loop);
/// - the one send of a fan-out, in a goroutine started by a counted loop
///   `for (int i = 0; i < n; ++i)` whose bound is the capacity (`n`, never
///   modified, or an equal constant);
/// - with a constant capacity, the operations of a straight-line sequence
///   simulated against the buffer: a send while there is room, a receive
///   while there is a value, anything after a close; up to the first
///   operation that would block or that is in a branch, a loop or a lambda.
llvm::SmallPtrSet<const Stmt *, 4> nonBlockingOperations(const VarDecl *Channel,
                                                         const RoleModel &Model, ASTContext &Ctx);

/// Whether the function that declares the local channel \p Channel closes
/// it, directly or in a lambda it defines (a goroutine that closes the channel
/// once the producers are done): a range-for over it ends with that close.
bool closedByItsFunction(const VarDecl *Channel, const RoleModel &Model);

/// Whether a statement that precedes \p Target in a block of \p Body
/// enclosing it (not across lambdas) satisfies \p Pred: it has run whenever
/// \p Target runs.
bool precededBy(const Stmt *Body, const Stmt *Target, llvm::function_ref<bool(const Stmt *)> Pred);

/// Whether \p Channel is closed (`ch.close();`) by a statement that precedes
/// \p Target in a block of \p Body enclosing it, not across lambdas: a
/// receive or a range-for there drains the buffer and ends.
bool closedBefore(const Stmt *Body, const Stmt *Target, const VarDecl *Channel,
                  const RoleModel &Model);

} // namespace clang::tidy::ctx

#endif // CTXGUARD_CHECKS_MODEL_CHANNELBUFFER_H
