//===--- ContextScope.h - ctxguard ------------------------------*- C++ -*-===//
//
// Which contexts a piece of code can use: the Context parameters of its
// function and of the functions enclosing it (for lambdas), the contexts a
// lambda captures, and the Context locals in scope at a statement.
//
//===----------------------------------------------------------------------===//

#ifndef CTXGUARD_CHECKS_MODEL_CONTEXTSCOPE_H
#define CTXGUARD_CHECKS_MODEL_CONTEXTSCOPE_H

#include "Roles.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Stmt.h"
#include "llvm/ADT/DenseMap.h"
#include <memory>
#include "llvm/ADT/SmallVector.h"

namespace clang::tidy::ctx {

/// A context variable that code can observe.
struct AvailableContext {
  enum class Origin {
    Parameter,          // a parameter of the function itself
    EnclosingParameter, // a parameter of a function enclosing a lambda
    Capture,            // captured by a lambda (by copy, reference or init-capture)
    Local,              // a local variable or structured binding in scope
  };
  const ValueDecl *Var;
  Origin How;
};

class ContextScopes {
public:
  explicit ContextScopes(const RoleModel &Model) : Model(Model) {}

  /// The contexts \p F can use anywhere in its body: its own Context
  /// parameters, those of enclosing functions when \p F is a lambda's call
  /// operator, and the contexts the lambda captures. Cached per function.
  llvm::ArrayRef<AvailableContext> contextsOf(const FunctionDecl *F) const;

  /// contextsOf(F) plus the Context locals of \p F (not of nested lambdas)
  /// declared before \p At in a scope that still encloses it.
  llvm::SmallVector<AvailableContext, 4> contextsAt(const FunctionDecl *F, const Stmt &At,
                                                    const ASTContext &Ctx) const;

  /// Whether \p F is the call operator of a lambda.
  static bool isLambdaBody(const FunctionDecl *F);

  /// The Context locals of one function by the scope they are declared in:
  /// a query walks up the scopes around a statement, so that it costs the
  /// nesting depth, not the size of the function.
  struct FunctionLocals {
    // Every statement of the body -> the innermost statement around it (or
    // itself) that opens a scope; null for the function's own scope.
    llvm::DenseMap<const Stmt *, const Stmt *> ScopeOf;
    // A scope-opening statement -> the one around it.
    llvm::DenseMap<const Stmt *, const Stmt *> OuterScope;
    // A scope-opening statement (null: the function's) -> its locals, in
    // source order.
    llvm::DenseMap<const Stmt *, llvm::SmallVector<const ValueDecl *, 2>> Declared;
  };

private:
  const FunctionLocals &localsOf(const FunctionDecl *F) const;

  const RoleModel &Model;
  mutable llvm::DenseMap<const FunctionDecl *, llvm::SmallVector<AvailableContext, 2>> Cached;
  mutable llvm::DenseMap<const FunctionDecl *, std::unique_ptr<FunctionLocals>> CachedLocals;
};

} // namespace clang::tidy::ctx

#endif // CTXGUARD_CHECKS_MODEL_CONTEXTSCOPE_H
