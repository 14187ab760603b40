//===--- Cfg.h - ctxguard ---------------------------------------*- C++ -*-===//
//
// Control-flow helpers shared by the path-sensitive checks (ctx-lost-cancel,
// ctx-abandoned-sender): the CFG of one function or lambda body, built once
// and cached, statement positions in it, and searches for paths from a
// statement to the function's exits (return, throw, end of body) that avoid
// some statements. Paths ending in a [[noreturn]] call are not exits, and an
// infinite loop has no path to an exit at all, as in go vet's lostcancel; a
// counted loop whose first test holds with constants (`for (int k = 0; k < 3;
// ++k)`) is not skipped on its first entry.
//
//===----------------------------------------------------------------------===//

#ifndef CTXGUARD_CHECKS_MODEL_CFG_H
#define CTXGUARD_CHECKS_MODEL_CFG_H

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "Walk.h"
#include "clang/AST/Stmt.h"
#include "clang/Analysis/CFG.h"
#include "llvm/ADT/BitVector.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/SmallVector.h"
#include <memory>
#include <optional>

namespace clang::tidy::ctx {

/// How a path leaves a function.
struct CfgExit {
  enum class Kind { Return, Throw, EndOfBody };
  Kind How;
  /// The return statement or throw expression; null for the end of the body.
  const Stmt *S;
  /// Where to point a note: the return, the throw, or the body's closing brace.
  SourceLocation Loc;
};

/// The CFG of one function body (a function, method, constructor or a
/// lambda's call operator). Every expression is its own CFG element, so
/// that positions are exact; implicit destructors are listed, so that scope
/// guards show where they run.
class FunctionCfg {
public:
  /// Null when \p F has no body or Clang cannot build its CFG. Clang's CFG
  /// builder recurses once per level of nesting: a deeply nested body is
  /// built on a stack sized for it (generated code nests thousands deep).
  static std::unique_ptr<FunctionCfg> build(const FunctionDecl *F, ASTContext &Ctx);

  const CFG &graph() const { return *Graph; }
  const FunctionDecl *function() const { return Func; }

  /// A position in the CFG: the element Index of Block.
  struct Point {
    const CFGBlock *Block = nullptr;
    unsigned Index = 0;
  };

  /// The statement among the CFG's elements that evaluates \p S: S itself,
  /// or the nearest enclosing statement the CFG lists (a reference inside a
  /// lambda body maps to the lambda expression). Null when none.
  const Stmt *elementFor(const Stmt *S) const;

  /// The position of the last element that evaluates \p S: for a full
  /// expression or a declaration, the point after which it has completed.
  std::optional<Point> pointOf(const Stmt *S) const;

  /// The exits reachable from the point just after \p From (the entry when
  /// null) along a path on which no element satisfies \p Stops. One entry
  /// per exit statement (the end of the body counts once), in source order;
  /// the search, nearest blocks first, ends once \p Limit exits are found.
  /// Empty when \p From is not in the CFG.
  llvm::SmallVector<CfgExit, 2> exitsAvoiding(const Stmt *From,
                                              llvm::function_ref<bool(const Stmt *)> Stops,
                                              unsigned Limit = ~0u) const;

  /// One question for exitReachable: is an exit reachable from the point
  /// just after \p From on a path with none of the elements \p Stops?
  struct AvoidingQuery {
    const Stmt *From;
    const llvm::SmallPtrSetImpl<const Stmt *> *Stops;
  };

  /// Whether exitsAvoiding would find an exit, for many queries at once: one
  /// backward pass with a bit per query, so that a function holding thousands
  /// of cancels costs about one walk, not one walk per cancel.
  llvm::BitVector exitReachable(llvm::ArrayRef<AvoidingQuery> Queries) const;

  /// Whether \p Target is reached from the point just after \p From (the
  /// entry when null) along a path on which no element before it satisfies
  /// \p Stops.
  bool reachesAvoiding(const Stmt *From, const Stmt *Target,
                       llvm::function_ref<bool(const Stmt *)> Stops) const;

  /// The first element, in depth-first order of the paths leaving the point
  /// just after \p From, that satisfies \p Match on a path that goes on to
  /// an element satisfying \p Stops, before it. Null when there is none.
  const Stmt *findBefore(const Stmt *From, llvm::function_ref<bool(const Stmt *)> Stops,
                         llvm::function_ref<bool(const Stmt *)> Match) const;

  /// The parents of the body's statements (lambda bodies included).
  const ParentIndex &parents() const { return *Parents; }

private:
  FunctionCfg() = default;
  std::optional<Point> startOf(const Stmt *From) const;
  llvm::BitVector exitReachableChunk(llvm::ArrayRef<AvoidingQuery> Queries) const;
  CfgExit exitFrom(const CFGBlock &B, const Stmt *Thrown) const;

  const FunctionDecl *Func = nullptr;
  const Stmt *Body = nullptr;
  const ASTContext *Ctx = nullptr;
  std::unique_ptr<CFG> Graph;
  std::unique_ptr<ParentIndex> Parents;
  llvm::DenseMap<const Stmt *, Point> Positions;
};

/// FunctionCfg per function, built on first use (failures are cached too).
/// Holds AST pointers: clear it at the end of each translation unit.
class FunctionCfgCache {
public:
  const FunctionCfg *get(const FunctionDecl *F, ASTContext &Ctx);
  void clear() { Cache.clear(); }

private:
  llvm::DenseMap<const FunctionDecl *, std::unique_ptr<FunctionCfg>> Cache;
};

} // namespace clang::tidy::ctx

#endif // CTXGUARD_CHECKS_MODEL_CFG_H
