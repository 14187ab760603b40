//===--- Rpc.cpp - ctxguard -----------------------------------------------===//

#include "Rpc.h"
#include "Walk.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"

namespace clang::tidy::ctx {

RoleSet rpcRoles() {
  return {Role::RpcContext, Role::RpcChannel, Role::SetDeadline, Role::CancelMethod, Role::Derive,
          Role::Detach};
}

bool RpcCalls::isStub(const CXXRecordDecl *Record) {
  auto [It, Inserted] = Stubs.try_emplace(Record, false);
  if (!Inserted)
    return It->second;
  for (const CXXRecordDecl *R = Record; R && R->hasDefinition();
       R = dyn_cast<CXXRecordDecl>(R->getDeclContext())) {
    bool FromChannel = llvm::any_of(R->decls(), [&](const Decl *D) {
      const FunctionDecl *F = D->getAsFunction();
      return F && llvm::any_of(F->parameters(), [&](const ParmVarDecl *P) {
               return Model.holdsType(P->getType(), Role::RpcChannel);
             });
    });
    if (FromChannel)
      return Stubs[Record] = true;
  }
  return false;
}

const Expr *RpcCalls::contextArgument(const CallExpr &Call) {
  const auto *Member = dyn_cast<CXXMemberCallExpr>(&Call);
  const CXXMethodDecl *Method = Member ? Member->getMethodDecl() : nullptr;
  if (!Method || Method->getNumParams() == 0 || Call.getNumArgs() == 0)
    return nullptr;
  QualType First = Method->getParamDecl(0)->getType();
  if (!First->isPointerType() || !Model.isType(First->getPointeeType(), Role::RpcContext) ||
      !isStub(Method->getParent()))
    return nullptr;
  return Call.getArg(0);
}

const Expr *contextKey(const Expr *E) {
  E = E->IgnoreParenImpCasts();
  if (const auto *AddrOf = dyn_cast<UnaryOperator>(E); AddrOf && AddrOf->getOpcode() == UO_AddrOf)
    return AddrOf->getSubExpr()->IgnoreParenImpCasts();
  if (const auto *Get = dyn_cast<CXXMemberCallExpr>(E); Get && Get->getNumArgs() == 0 &&
                                                         Get->getType()->isPointerType())
    return Get->getImplicitObjectArgument()->IgnoreParenImpCasts(); // p.get()
  return E;
}

const Expr *objectKey(const CXXMemberCallExpr &Call) {
  const Expr *Object = Call.getImplicitObjectArgument()->IgnoreParenImpCasts();
  if (const auto *Arrow = dyn_cast<CXXOperatorCallExpr>(Object);
      Arrow && Arrow->getOperator() == OO_Arrow)
    return Arrow->getArg(0)->IgnoreParenImpCasts(); // p->f() on a smart pointer
  return Object;
}

const VarDecl *localContextVar(const Expr *Key) {
  const auto *Ref = Key ? dyn_cast<DeclRefExpr>(Key) : nullptr;
  const auto *Var = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
  return Var && Var->isLocalVarDecl() ? Var : nullptr;
}

const CXXRecordDecl *constructedContext(const Expr *E, const RoleModel &Model) {
  E = lookThrough(E);
  if (const auto *New = dyn_cast<CXXNewExpr>(E))
    return Model.isType(New->getAllocatedType(), Role::RpcContext)
               ? RoleModel::recordOf(New->getAllocatedType())
               : nullptr;
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(E))
    return Construct->getNumArgs() == 0 && Model.isType(Construct->getType(), Role::RpcContext)
               ? RoleModel::recordOf(Construct->getType())
               : nullptr;
  const auto *Call = dyn_cast<CallExpr>(E);
  const FunctionDecl *Callee = Call ? Call->getDirectCallee() : nullptr;
  const TemplateArgumentList *Args = Callee ? Callee->getTemplateSpecializationArgs() : nullptr;
  if (!Args || Call->getNumArgs() != 0 || Model.plays(Callee, Role::Derive))
    return nullptr;
  for (const TemplateArgument &Arg : Args->asArray())
    if (Arg.getKind() == TemplateArgument::Type && Model.isType(Arg.getAsType(), Role::RpcContext))
      return RoleModel::recordOf(Arg.getAsType());
  return nullptr;
}

ContextOrigin originOf(const VarDecl *Var, const RoleModel &Model) {
  if (!Var->getInit())
    return ContextOrigin::Unknown;
  if (constructedContext(Var->getInit(), Model))
    return ContextOrigin::Constructed;
  const Expr *Init = lookThrough(Var->getInit());
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(Init); Construct &&
                                                                 Construct->getNumArgs() == 1)
    Init = lookThrough(Construct->getArg(0)); // a smart pointer converted
  const auto *Call = dyn_cast<CallExpr>(Init);
  if (!Call || !Model.calls(Call, Role::Derive))
    return ContextOrigin::Unknown;
  // Options that detach the deadline: a Detach call among the arguments.
  bool Detached = !walk(Call, Lambdas::Separate, [&](const Stmt *S, const WalkPosition &) {
    return isa<CallExpr>(S) && S != Call && Model.calls(cast<Expr>(S), Role::Detach)
               ? WalkAction::Stop
               : WalkAction::Continue;
  });
  return Detached ? ContextOrigin::DerivedWithoutDeadline : ContextOrigin::Derived;
}

} // namespace clang::tidy::ctx
