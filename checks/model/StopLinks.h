//===--- StopLinks.h - ctxguard ---------------------------------*- C++ -*-===//
//
// What a profile's link does (docs/profiles.md): a `std::stop_callback`
// constructed on a token runs its callback when a stop is requested on that
// token. Registered in a function before a wait, a callback that notifies
// the waited condition variable makes the wait observe the token; one that
// requests a stop on a local source links that source to the token (the
// std way to derive).
//
//===----------------------------------------------------------------------===//

#ifndef CTXGUARD_CHECKS_MODEL_STOPLINKS_H
#define CTXGUARD_CHECKS_MODEL_STOPLINKS_H

#include "Roles.h"
#include "clang/AST/Decl.h"
#include "clang/AST/ExprCXX.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/SmallVector.h"

namespace clang::tidy::ctx {

/// A link registered in a function: `std::stop_callback cb(token, callback)`.
struct StopLink {
  const VarDecl *Var;      // the callback object
  const ValueDecl *Token;  // the token variable it is registered on, or null
  const Stmt *Callback;    // the callback's body (a lambda's), or null
};

/// The links declared in \p F's body (not in its nested lambdas).
llvm::SmallVector<StopLink, 2> stopLinksIn(const FunctionDecl *F, const RoleModel &Model);

/// The variable \p E names, through look-through wrappers, or null.
const ValueDecl *namedVar(const Expr *E);

/// Whether \p Link's callback makes a member call that \p Matches.
bool callbackCalls(const StopLink &Link,
                   llvm::function_ref<bool(const CXXMemberCallExpr &)> Matches);

/// Whether a link on \p Token, registered in \p F before the member call
/// \p Wait, has a callback that calls a method on the waited object (a
/// notify): the stop request wakes the wait.
bool linkWakes(const CallExpr &Wait, const ValueDecl *Token, const FunctionDecl *F,
               const RoleModel &Model, const ASTContext &Ctx);

/// Whether the member call \p Wait, which takes no argument, follows, in \p F, a call on the same
/// object that returns an enumeration: a timed poll's status
/// (`f.wait_for(d) != std::future_status::ready` before `f.get()`).
bool polledBefore(const CallExpr &Wait, const FunctionDecl *F, const ASTContext &Ctx);

/// Whether \p A and \p B are the same object expression (`q.cv`, `*p`).
bool sameObject(const Expr *A, const Expr *B, const ASTContext &Ctx);

} // namespace clang::tidy::ctx

#endif // CTXGUARD_CHECKS_MODEL_STOPLINKS_H
