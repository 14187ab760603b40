//===--- TokenSpawn.h - ctxguard --------------------------------*- C++ -*-===//
//
// A thread that passes its own token to its callable (Role::TokenSpawn,
// `std::jthread`): which signatures the callable can be called through, and
// whether it takes the thread's own token (the standard's test: invocable
// as `f(own_token, args...)`).
//
//===----------------------------------------------------------------------===//

#ifndef CTXGUARD_CHECKS_MODEL_TOKENSPAWN_H
#define CTXGUARD_CHECKS_MODEL_TOKENSPAWN_H

#include "Roles.h"
#include "clang/AST/ExprCXX.h"
#include "llvm/ADT/SmallVector.h"
#include <optional>
#include <string>

namespace clang::tidy::ctx {

/// The signatures a callable may be called through: a function, a method
/// (for a member function pointer), or the call operators of a lambda or a
/// function object (templates as their patterns).
struct SpawnedCallable {
  llvm::SmallVector<const FunctionDecl *, 2> Candidates;
  bool MemberPointer = false;
  std::string Name; // as a message names it: 'worker', 'Poller::run', the lambda
};

/// The callable \p F names, or none when its signature is not visible (a
/// function pointer variable, a bind expression).
std::optional<SpawnedCallable> resolveCallable(const Expr *F);

/// Whether \p F can be called with \p Count arguments the first of which is
/// a token: enough parameters (or a pack), and a first parameter that takes
/// a token (a token type, or one to be deduced).
bool takesTokenFirst(const FunctionDecl *F, unsigned Count, const RoleModel &Model);

/// Whether the thread \p Spawn constructs passes its own token to its
/// callable, given the language mode (GNU mode passes it after the object
/// to a member function pointer). None when the callable is not visible.
std::optional<bool> passesOwnToken(const CXXConstructExpr &Spawn, const SpawnedCallable &F,
                                   const RoleModel &Model, bool GNUMode);

} // namespace clang::tidy::ctx

#endif // CTXGUARD_CHECKS_MODEL_TOKENSPAWN_H
