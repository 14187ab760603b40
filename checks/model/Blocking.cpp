//===--- Blocking.cpp - ctxguard ------------------------------------------===//

#include "Blocking.h"
#include "Walk.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"

namespace clang::tidy::ctx {

RoleSet blockingRoles() {
  return {Role::Context, Role::Done,     Role::Token,      Role::Chan,     Role::ChanSend,
          Role::ChanRecv, Role::Select,  Role::Sleep,      Role::Blocking, Role::Join,
          Role::CaseRecv, Role::CaseSend, Role::CaseDone,  Role::Timer, Role::TimedWait};
}

namespace {

// The method a dependent member call names, looked up in the template
// pattern of the object's class: `ch.send(v)` with `ch` a `Chan<T>`.
const CXXMethodDecl *dependentMethod(const CallExpr &Call) {
  const auto *Member =
      dyn_cast<CXXDependentScopeMemberExpr>(Call.getCallee()->IgnoreParenImpCasts());
  if (!Member || Member->isArrow())
    return nullptr;
  const CXXRecordDecl *Record =
      Member->isImplicitAccess() ? nullptr : RoleModel::recordOf(Member->getBaseType());
  if (!Record || !Record->hasDefinition())
    return nullptr;
  const CXXMethodDecl *Found = nullptr;
  for (const NamedDecl *D : Record->lookup(Member->getMember())) {
    const auto *Method = dyn_cast<CXXMethodDecl>(D->getUnderlyingDecl());
    if (!Method || (Found && Found != Method))
      return nullptr; // overloaded or not a method: do not guess
    Found = Method;
  }
  return Found;
}

} // namespace

const Decl *BlockingOperations::calleeOfCall(const CallExpr &Call) {
  if (const Decl *Callee = Call.getCalleeDecl())
    return Callee;
  if (const CXXMethodDecl *Method = dependentMethod(Call))
    return Method;
  return RoleModel::calleeOf(&Call);
}

const Expr *BlockingOperations::objectOf(const CallExpr &Call) {
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(&Call))
    return Member->getImplicitObjectArgument();
  if (const auto *Dependent =
          dyn_cast<CXXDependentScopeMemberExpr>(Call.getCallee()->IgnoreParenImpCasts()))
    return Dependent->isImplicitAccess() ? nullptr : Dependent->getBase();
  return nullptr;
}

Operation BlockingOperations::operationOfCallee(const Decl *Callee) {
  if (!Callee)
    return Operation::None;
  if (auto It = OperationCache.find(Callee); It != OperationCache.end())
    return It->second;
  RoleSet Roles = Model.rolesOf(Callee);
  Operation Op = Operation::None;
  if (Roles.has(Role::ChanSend))
    Op = Operation::Send;
  else if (Roles.has(Role::ChanRecv))
    Op = Operation::Recv;
  else if (Roles.has(Role::Select))
    Op = Operation::Select;
  else if (Roles.has(Role::Sleep))
    Op = Operation::Sleep;
  else if (Roles.has(Role::Blocking) || Roles.has(Role::TimedWait))
    Op = Operation::Blocking;
  else if (Roles.has(Role::Join))
    Op = WithJoins ? Operation::Join : Operation::None;
  return OperationCache[Callee] = Op;
}

Operation BlockingOperations::operationOf(const CallExpr &Call) {
  Operation Op = operationOfCallee(calleeOfCall(Call));
  if (Op != Operation::None)
    return Op;
  // A wait named by the class it is called on (std::future<T>::wait is
  // declared in a base class in libstdc++): cached per method and class.
  const auto *Member = dyn_cast<CXXMemberCallExpr>(&Call);
  const CXXMethodDecl *Method = Member ? Member->getMethodDecl() : nullptr;
  const CXXRecordDecl *Object = Member ? Member->getRecordDecl() : nullptr;
  // Also on the class itself: a method of an explicit specialization
  // (std::future<void>::get) is named by its template.
  if (!Method || !Object)
    return Op;
  auto [It, Inserted] = MemberCache.try_emplace({Method, Object}, false);
  if (Inserted)
    It->second = Model.calls(&Call, Role::Blocking);
  return It->second ? Operation::Blocking : Op;
}

bool BlockingOperations::isTimedWait(const CallExpr &Call) const {
  return Model.calls(&Call, Role::TimedWait);
}

bool BlockingOperations::isTimerChannel(const Expr *E) const {
  E = lookThrough(E, &Model);
  if (const auto *Ref = dyn_cast<DeclRefExpr>(E))
    if (const auto *Var = dyn_cast<VarDecl>(Ref->getDecl());
        Var && Var->isLocalVarDecl() && Var->getInit())
      E = lookThrough(Var->getInit(), &Model);
  return isa<CallExpr>(E) && Model.calls(E, Role::Timer);
}

SelectEnd BlockingOperations::selectEnd(
    const CallExpr &Select, llvm::function_ref<bool(const Expr *Channel)> IsNil) const {
  bool Timer = false, Other = false, AllNil = true;
  for (const Expr *Arg : Select.arguments()) {
    const Expr *Case = lookThrough(Arg);
    // A case kept in a local first: `auto done = ctx::recv(c.done());`.
    if (const auto *Ref = dyn_cast<DeclRefExpr>(Case))
      if (const auto *Var = dyn_cast<VarDecl>(Ref->getDecl()); Var && Var->getInit())
        Case = lookThrough(Var->getInit());
    const auto *Call = dyn_cast<CallExpr>(Case);
    if (!Call)
      return SelectEnd::Observes; // a case we cannot see: do not guess
    RoleSet Roles = Model.rolesOf(RoleModel::calleeOf(Call));
    if (!Roles.has(Role::CaseRecv) && !Roles.has(Role::CaseSend) && !Roles.has(Role::CaseDone))
      return SelectEnd::Observes; // a default case, or not a case of the runtime's
    // In a template, `ctx::recv(x)` may not be resolved yet: a done case is
    // one that receives from a Done.
    const Expr *From = Call->getNumArgs() ? lookThrough(Call->getArg(0)) : nullptr;
    if (From && Model.isType(From->getType(), Role::Done))
      return SelectEnd::Observes;
    if (Roles.has(Role::CaseDone) && Call->getDirectCallee())
      return SelectEnd::Observes;
    if (From && IsNil(From))
      continue; // never ready
    AllNil = false;
    bool IsTimer = Roles.has(Role::CaseRecv) && From && isTimerChannel(From);
    (IsTimer ? Timer : Other) = true;
  }
  if (AllNil && Select.getNumArgs() > 0)
    return SelectEnd::NilForever;
  // A timer case bounds a wait for something else, as a timed wait does:
  // `ctx::recv(ctx::after(d))` next to `ctx::recv(ch)`. Alone, it is a sleep.
  return Timer && Other ? SelectEnd::Timer : SelectEnd::Never;
}

bool BlockingOperations::passesCancellation(const CallExpr &Call) const {
  return llvm::any_of(Call.arguments(), [&](const Expr *Arg) {
    QualType T = Arg->getType();
    return Model.isContext(T) || Model.isType(T, Role::Done) || Model.isType(T, Role::Token);
  });
}

} // namespace clang::tidy::ctx
