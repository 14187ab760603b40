//===--- Facts.h - ctxguard -------------------------------------*- C++ -*-===//
//
// Per-function facts: what a function does that the checks reason about
// across calls. Computed once per translation unit and configuration, on
// demand, transitively through the callees whose bodies are visible
// (recursion and cycles included), and kept plain so that they can be
// serialized for whole-program analysis.
//
//===----------------------------------------------------------------------===//

#ifndef CTXGUARD_CHECKS_MODEL_FACTS_H
#define CTXGUARD_CHECKS_MODEL_FACTS_H

#include "Roles.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallVector.h"
#include <memory>

namespace clang::tidy::ctx {

/// What a function does with one of its parameters.
struct ParamFacts {
  bool ObservesContext = false; // a context parameter: observed, or passed to code that may
  bool Sends = false;           // a channel parameter: sends on it (a blocking send)
  bool Receives = false;        // receives from it (a blocking receive or a range-for)
  bool Closes = false;          // closes it
  bool HandsOffCancel = false;  // a cancel parameter: uses it in any way
  bool any() const { return ObservesContext || Sends || Receives || Closes || HandsOffCancel; }
};

struct FunctionFacts {
  /// The function takes no context, yet creates a root context: it calls a
  /// root function, or a function that creates its own root, directly or in
  /// a lambda it defines.
  bool CreatesOwnRoot = false;
  /// Where: the root call, or the call of RootVia.
  const Expr *RootSite = nullptr;
  /// The callee through which it creates the root; null when directly.
  const FunctionDecl *RootVia = nullptr;
  /// An exception may leave it: an uncaught throw, or a call that may throw
  /// (a callee whose facts say so, or a callee without a visible body that
  /// is not declared non-throwing). Allocation failure does not count.
  bool MayThrow = false;
  /// It starts a goroutine, directly or through a callee.
  bool Spawns = false;
  llvm::SmallVector<ParamFacts, 4> Params;
};

/// The roles the facts are computed from: a check that reads facts declares
/// them too (RoleModel::requireRead).
inline RoleSet factRoles() {
  return {Role::Context, Role::Root, Role::Go, Role::Chan, Role::ChanSend, Role::ChanRecv,
          Role::ChanClose, Role::ChanRange, Role::Observe, Role::CancelFunc, Role::Runtime};
}

/// Computes and caches the facts of the functions of one translation unit
/// under one role configuration.
class FactsEngine {
public:
  FactsEngine(const RoleModel &Model, ASTContext &Ctx);
  ~FactsEngine();

  /// The facts of \p F (its definition when one is visible; a function
  /// without a visible body has facts computed from its declaration only).
  const FunctionFacts &of(const FunctionDecl *F);

  /// Whether the call or construction \p Call may throw: exceptions are
  /// enabled and the callee is not known to be non-throwing.
  bool mayThrow(const Expr *Call);

private:
  struct Local;
  Local &local(const FunctionDecl *F);
  void scan(const FunctionDecl *F, const Stmt *Part, llvm::ArrayRef<bool> IsCancel, Local &L);
  void solve(const FunctionDecl *Root);

  const RoleModel &Model;
  ASTContext &Ctx;
  llvm::DenseMap<const FunctionDecl *, std::unique_ptr<Local>> Locals;
};

} // namespace clang::tidy::ctx

#endif // CTXGUARD_CHECKS_MODEL_FACTS_H
