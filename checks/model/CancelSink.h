//===--- CancelSink.h - ctxguard --------------------------------*- C++ -*-===//
//
// Where the cancel a cancel source returns ends up (dropped, handed off, or
// held by a local of the function), and how the function uses that local:
// manual calls, hand-offs, reads of the derived context through the pair.
//
//===----------------------------------------------------------------------===//

#ifndef CTXGUARD_CHECKS_MODEL_CANCELSINK_H
#define CTXGUARD_CHECKS_MODEL_CANCELSINK_H

#include "Cfg.h"
#include "Roles.h"
#include "clang/AST/Expr.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/SmallVector.h"

namespace clang::tidy::ctx {

/// Where the cancel returned by one source call ends up.
struct CancelSink {
  enum class Kind { HandedOff, Dropped, Tracked };
  Kind How = Kind::HandedOff;
  /// Dropped: where to report (the call, or the std::ignore that swallows it).
  SourceLocation DroppedAt;
  /// Tracked: the local that holds the cancel, or the whole pair.
  const ValueDecl *Var = nullptr;
  bool HoldsPair = false;
  /// Tracked: the local that holds the derived context, when it is another
  /// variable than Var (a structured binding or a std::tie slot).
  const ValueDecl *ContextVar = nullptr;
  /// Tracked: the statement that stores into Var (a declaration or assignment).
  const Stmt *Creation = nullptr;
};

/// Follows the value \p Source returns through \p F's body.
CancelSink findSink(const CallExpr *Source, const FunctionDecl *F, const ParentIndex &Parents,
                    const RoleModel &Model);

struct CancelUses {
  /// CFG elements that use the cancel in any way.
  llvm::SmallPtrSet<const Stmt *, 8> Elements;
  /// The manual calls, as CFG elements.
  llvm::SmallPtrSet<const Stmt *, 4> ManualCalls;
  const Expr *FirstManualCall = nullptr;
  const Expr *LastManualCall = nullptr;
  /// Reads of the derived context through the pair (p.first).
  llvm::SmallVector<const DeclRefExpr *, 4> ContextReads;
  bool HandedOff = false;
};

/// Sorts the references \p Refs to the local holding a cancel (or the pair)
/// into manual calls, hand-offs and reads of the context.
CancelUses classifyUses(llvm::ArrayRef<const DeclRefExpr *> Refs, bool HoldsPair,
                        const RoleModel &Model, const FunctionCfg &Cfg);

/// The references of one body by variable and its context locals with what
/// each is made from: built in one walk, shared by every cancel source of
/// the function.
class ReferenceIndex {
public:
  ReferenceIndex(const Stmt *Body, const RoleModel &Model);
  llvm::ArrayRef<const DeclRefExpr *> refs(const ValueDecl *Var) const;
  /// The context locals whose initializer mentions \p Var.
  llvm::ArrayRef<const ValueDecl *> derivedFrom(const ValueDecl *Var) const;

private:
  llvm::DenseMap<const ValueDecl *, llvm::SmallVector<const DeclRefExpr *, 2>> Refs;
  llvm::DenseMap<const ValueDecl *, llvm::SmallVector<const ValueDecl *, 1>> Derived;
};

/// Whether the code still observes the cancelled context, or a context
/// derived from it, after its last manual cancel: such a cancel is a step of
/// the logic (stop the workers, then observe), not the clean-up at the end
/// that an exception could skip.
bool contextOutlivesCancel(const CancelSink &Sink, const CancelUses &Uses,
                           const ReferenceIndex &Index, const SourceManager &SM);

} // namespace clang::tidy::ctx

#endif // CTXGUARD_CHECKS_MODEL_CANCELSINK_H
