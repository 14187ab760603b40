//===--- Rpc.h - ctxguard ---------------------------------------*- C++ -*-===//
//
// The grpc profile's calls (docs/profiles.md): an RPC is a call of a
// generated stub method whose first parameter is a pointer to an RPC context
// (Role::RpcContext, grpc::ClientContext); a generated stub is a class that
// is, or is nested in, a class made from a channel (a method or constructor
// taking Role::RpcChannel, grpc::ChannelInterface). A user function taking
// a ClientContext* (an AddAuth helper) is not an RPC.
//
//===----------------------------------------------------------------------===//

#ifndef CTXGUARD_CHECKS_MODEL_RPC_H
#define CTXGUARD_CHECKS_MODEL_RPC_H

#include "Roles.h"
#include "clang/AST/ExprCXX.h"
#include "llvm/ADT/DenseMap.h"

namespace clang::tidy::ctx {

/// The roles the RPC model reads.
RoleSet rpcRoles();

class RpcCalls {
public:
  explicit RpcCalls(const RoleModel &Model) : Model(Model) {}

  /// The context argument of \p Call when it is an RPC, else null.
  const Expr *contextArgument(const CallExpr &Call);

private:
  bool isStub(const CXXRecordDecl *Record);
  const RoleModel &Model;
  llvm::DenseMap<const CXXRecordDecl *, bool> Stubs;
};

/// The object an RPC context expression designates, as an expression to
/// compare (sameObject): `&c` and `c.set_deadline` give `c`; `p.get()`,
/// `p->set_deadline` and a pointer `p` give `p`; `&call->context` gives
/// `call->context`.
const Expr *contextKey(const Expr *E);
/// The key of the object a member call is made on (`c.f()`, `p->f()`).
const Expr *objectKey(const CXXMemberCallExpr &Call);

/// The local variable \p Key names, or null (a member, a parameter).
const VarDecl *localContextVar(const Expr *Key);

/// How a local RPC context variable was made.
enum class ContextOrigin : std::uint8_t {
  Constructed, // its constructor: a declaration, new, make_unique/make_shared
  Derived,     // a derive function (FromServerContext), propagating the deadline
  DerivedWithoutDeadline, // a derive function told not to propagate the deadline
  Unknown,
};
ContextOrigin originOf(const VarDecl *Var, const RoleModel &Model);

/// Whether \p E makes an RPC context with its constructor: a construction
/// with no arguments, `new`, or a library factory instantiated for it
/// (std::make_unique<grpc::ClientContext>()). The made record, or null.
const CXXRecordDecl *constructedContext(const Expr *E, const RoleModel &Model);

} // namespace clang::tidy::ctx

#endif // CTXGUARD_CHECKS_MODEL_RPC_H
