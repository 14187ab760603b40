//===--- RpcContextReusedCheck.h - ctxguard ---------------------*- C++ -*-===//

#ifndef CTXGUARD_CHECKS_RPCCONTEXTREUSEDCHECK_H
#define CTXGUARD_CHECKS_RPCCONTEXTREUSEDCHECK_H

#include "RpcCheck.h"

namespace clang::tidy::ctx {

/// Flags an RPC (model/Rpc.h) whose context an earlier RPC of the same
/// function used on a path that reaches it, or whose context, a local, is
/// declared outside a loop that issues the RPC and not made anew in it:
/// gRPC requires a fresh ClientContext per call and aborts otherwise
/// (grpc#486). Warning at the second RPC, note at the first (or, for a
/// loop, at the declaration).
///
/// For the user-facing documentation see: docs/checks/ctx-rpc-context-reused.md
class RpcContextReusedCheck : public RpcCheck {
public:
  RpcContextReusedCheck(StringRef Name, ClangTidyContext *Context);

private:
  void checkFunction(const FunctionDecl *F, llvm::ArrayRef<RpcSite> Rpcs) override;
  /// The loop around \p Site, not around its context's declaration, in
  /// which the context is not made anew; or null.
  const Stmt *loopReusing(const RpcSite &Site, const FunctionDecl *F);
};

} // namespace clang::tidy::ctx

#endif // CTXGUARD_CHECKS_RPCCONTEXTREUSEDCHECK_H
