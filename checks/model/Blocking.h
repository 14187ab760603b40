//===--- Blocking.h - ctxguard ----------------------------------*- C++ -*-===//
//
// What a call does when it waits: which blocking operation it is (a channel
// send or receive, a select, a sleep, a library wait, a join), and how a
// select can end (a done case or a default, a timer, nothing, or only
// channels that are nil).
//
//===----------------------------------------------------------------------===//

#ifndef CTXGUARD_CHECKS_MODEL_BLOCKING_H
#define CTXGUARD_CHECKS_MODEL_BLOCKING_H

#include "Roles.h"
#include "clang/AST/Expr.h"
#include "llvm/ADT/DenseMap.h"

namespace clang::tidy::ctx {

enum class Operation : std::uint8_t { None, Send, Recv, Select, Sleep, Blocking, Join };

/// How a select can end.
enum class SelectEnd : std::uint8_t {
  Observes,    // a done case, a default, or a case we cannot see
  Timer,       // only through a timer case next to other cases
  Never,       // no case that observes cancellation, no timer beside others
  NilForever,  // every case is on a channel that is nil: never ready
};

/// The roles the classification reads.
RoleSet blockingRoles();

class BlockingOperations {
public:
  explicit BlockingOperations(const RoleModel &Model, bool WithJoins)
      : Model(Model), WithJoins(WithJoins) {}

  /// What kind of blocking operation \p Call is (cached per callee).
  Operation operationOf(const CallExpr &Call);
  /// How the select \p Select can end; \p IsNil tells whether a channel
  /// expression is nil wherever the select runs.
  SelectEnd selectEnd(const CallExpr &Select,
                      llvm::function_ref<bool(const Expr *Channel)> IsNil) const;
  /// Whether a wait receives a context, a done signal or a cancellation
  /// token, and so can observe cancellation (`condition_variable_any::wait
  /// (lock, token, pred)`, `ctx::sleep(c, d)`).
  bool passesCancellation(const CallExpr &Call) const;
  /// Whether \p Call is a wait bounded by a duration (TimedWait): flagged
  /// only where a token is available.
  bool isTimedWait(const CallExpr &Call) const;
  /// Whether \p E is a timer's channel: `ctx::after(d)`, `ticker.c()`, or a
  /// local initialised from one.
  bool isTimerChannel(const Expr *E) const;

  /// The method a call names, also in a template pattern (a dependent member
  /// call on a channel is looked up in the channel's pattern).
  static const Decl *calleeOfCall(const CallExpr &Call);
  /// The object a member call is made on, or null.
  static const Expr *objectOf(const CallExpr &Call);

private:
  Operation operationOfCallee(const Decl *Callee);

  const RoleModel &Model;
  const bool WithJoins;
  llvm::DenseMap<const Decl *, Operation> OperationCache;
  llvm::DenseMap<std::pair<const Decl *, const Decl *>, bool> MemberCache;
};

} // namespace clang::tidy::ctx

#endif // CTXGUARD_CHECKS_MODEL_BLOCKING_H
