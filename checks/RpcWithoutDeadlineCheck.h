//===--- RpcWithoutDeadlineCheck.h - ctxguard -------------------*- C++ -*-===//

#ifndef CTXGUARD_CHECKS_RPCWITHOUTDEADLINECHECK_H
#define CTXGUARD_CHECKS_RPCWITHOUTDEADLINECHECK_H

#include "RpcCheck.h"
#include "llvm/ADT/DenseMap.h"

namespace clang::tidy::ctx {

/// Flags an RPC (model/Rpc.h) whose context has no deadline on some path to
/// it: made with its constructor (or derived with the deadline's propagation
/// disabled) in the function, or a member of the object, and no
/// set_deadline (SetDeadline), directly or by a helper whose body is
/// visible, before the stub method is called. Exempt: a context something
/// in view can cancel: its cancel method (TryCancel) called in the function
/// or a lambda of it, or its address stored or passed to a function that is
/// not an RPC. A context received as a parameter is the caller's.
///
/// For the user-facing documentation see: docs/checks/ctx-rpc-without-deadline.md
class RpcWithoutDeadlineCheck : public RpcCheck {
public:
  RpcWithoutDeadlineCheck(StringRef Name, ClangTidyContext *Context);

private:
  void checkFunction(const FunctionDecl *F, llvm::ArrayRef<RpcSite> Rpcs) override;
  void clearTranslationUnit() override { Helpers.clear(); }
  void checkRpc(const FunctionDecl *F, const RpcSite &Site);
  /// Whether the context \p Key may have no deadline at \p Site: where it is
  /// made from (its declaration, or the entry), and whether it is derived.
  bool needsDeadline(const FunctionDecl *F, const RpcSite &Site, const Stmt *&From);
  bool cancellable(const FunctionDecl *F, const Expr *Key);
  /// The fast path before the CFG: a statement that sets the deadline
  /// precedes, in a block around it with no label in between, the RPC.
  bool setEarlierInBlock(const FunctionDecl *F, const RpcSite &Site);
  bool setsDeadline(const Stmt *S, const Expr *Key);
  /// Whether the visible body of \p Helper sets the deadline of its
  /// parameter \p Index.
  bool helperSetsDeadline(const FunctionDecl *Helper, unsigned Index);

  llvm::DenseMap<std::pair<const FunctionDecl *, unsigned>, bool> Helpers;
};

} // namespace clang::tidy::ctx

#endif // CTXGUARD_CHECKS_RPCWITHOUTDEADLINECHECK_H
