//===--- RpcSites.h - ctxguard ----------------------------------*- C++ -*-===//
//
// The RPCs of a translation unit, grouped by the written function that
// makes them, in source order: what ctx-rpc-without-deadline and
// ctx-rpc-context-reused walk. Anchored on calls whose first argument is a
// pointer to an RPC context, so a TU without one costs a matcher.
//
//===----------------------------------------------------------------------===//

#ifndef CTXGUARD_CHECKS_MODEL_RPCSITES_H
#define CTXGUARD_CHECKS_MODEL_RPCSITES_H

#include "Core.h"
#include "Rpc.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "llvm/ADT/MapVector.h"

namespace clang::tidy::ctx {

/// One RPC: the call and the key of its context (contextKey).
struct RpcSite {
  const CallExpr *Call;
  const Expr *Key;
};

class RpcSites {
public:
  explicit RpcSites(const RoleModel &Model) : Calls(Model) {}

  /// Adds the matcher that finds candidate calls, bound as "rpc".
  void registerMatchers(ast_matchers::MatchFinder *Finder,
                        ast_matchers::MatchFinder::MatchCallback *Callback,
                        const RoleModel *Model);
  /// Records a matched call when it is an RPC written in user code.
  void record(const CallExpr &Call, AnalysisCore &Core);

  const llvm::MapVector<const FunctionDecl *, llvm::SmallVector<RpcSite, 2>> &byFunction() const {
    return Sites;
  }
  /// Whether \p E is the context argument of a recorded RPC of \p F.
  bool isContextArgument(const FunctionDecl *F, const Expr *E) const;
  void clear() { Sites.clear(); }

private:
  RpcCalls Calls;
  llvm::MapVector<const FunctionDecl *, llvm::SmallVector<RpcSite, 2>> Sites;
};

/// The name a message gives the context \p Key: a variable's or a member's.
std::string contextName(const Expr *Key);

} // namespace clang::tidy::ctx

#endif // CTXGUARD_CHECKS_MODEL_RPCSITES_H
