//===--- Walk.h - ctxguard --------------------------------------*- C++ -*-===//
//
// The one statement traversal every check and model service uses. It is
// iterative (an explicit stack: a 60,000-term expression that clang accepts
// must not overflow ours), pre-order, in source order, and follows an
// explicit policy at lambdas: a lambda's body is either part of the walk or
// a function of its own whose captures' initializers alone belong here.
//
//===----------------------------------------------------------------------===//

#ifndef CTXGUARD_CHECKS_MODEL_WALK_H
#define CTXGUARD_CHECKS_MODEL_WALK_H

#include "Roles.h"
#include "clang/AST/Expr.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/Stmt.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/SmallVector.h"

namespace clang::tidy::ctx {

/// What a walk does at a lambda expression (after visiting the lambda itself).
enum class Lambdas : std::uint8_t {
  /// Its captures' initializers and its body belong to the walk; the body is
  /// visited with the lambda as the innermost one.
  Enter,
  /// Only its captures' initializers: its body is a function of its own.
  Separate,
};

/// Where a visited statement is.
struct WalkPosition {
  const Stmt *Parent = nullptr;       // null for the root
  const LambdaExpr *Lambda = nullptr; // innermost entered lambda, if any
  unsigned LoopDepth = 0;             // loops of the same body that repeat it
  unsigned Depth = 0;                 // nesting below the root
};

enum class WalkAction : std::uint8_t { Continue, SkipChildren, Stop };

/// Visits \p Root and what it contains, pre-order, in source order.
/// Returns false when the visitor stopped the walk.
bool walk(const Stmt *Root, Lambdas Policy,
          llvm::function_ref<WalkAction(const Stmt *, const WalkPosition &)> Visit);

/// The deepest nesting of statements in \p Root (lambda bodies included).
unsigned nestingDepth(const Stmt *Root);

/// The parents of the statements of one body (lambda bodies included), built
/// by one iterative walk; clang's ParentMap builds its map recursively.
class ParentIndex {
public:
  explicit ParentIndex(const Stmt *Root) : ParentIndex(llvm::ArrayRef<const Stmt *>(Root)) {}
  /// Several roots: a constructor's member initializers and its body.
  explicit ParentIndex(llvm::ArrayRef<const Stmt *> Roots);
  /// The parents of what runs in \p F: its body, and a constructor's
  /// written member initializers.
  static ParentIndex of(const FunctionDecl *F);
  const Stmt *parent(const Stmt *S) const { return Parents.lookup(S); }
  /// The parent, skipping parentheses and implicit casts.
  const Stmt *parentIgnoringParenImpCasts(const Stmt *S) const;
  bool contains(const Stmt *S) const { return Roots.contains(S) || Parents.count(S); }
  /// Whether \p S is \p Ancestor or lies inside it.
  bool isWithin(const Stmt *S, const Stmt *Ancestor) const;

private:
  llvm::SmallPtrSet<const Stmt *, 2> Roots;
  llvm::DenseMap<const Stmt *, const Stmt *> Parents;
};

/// The one look-through helper: \p E without parentheses, implicit casts,
/// full-expression and temporary wrappers, functional casts, and the copies
/// and moves that pass one value on unchanged (into a by-value parameter, a
/// capture); with \p Model, also the view of a channel made from a channel
/// (`RecvChan<int> r = ch`). `f(c)`, `f((c))` and `f(Ctx(c))` give the
/// DeclRefExpr of `c`; `f(ctx::Context{})` gives the construction.
const Expr *lookThrough(const Expr *E, const RoleModel *Model = nullptr);

/// Whether \p S is a loop statement.
bool isLoop(const Stmt *S);

} // namespace clang::tidy::ctx

#endif // CTXGUARD_CHECKS_MODEL_WALK_H
