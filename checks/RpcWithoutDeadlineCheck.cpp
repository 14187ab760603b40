//===--- RpcWithoutDeadlineCheck.cpp - ctxguard ---------------------------===//

#include "RpcWithoutDeadlineCheck.h"
#include "model/StopLinks.h"
#include "model/Walk.h"
#include "clang/AST/ASTContext.h"

namespace clang::tidy::ctx {

namespace {

// The declaration statement of \p Var in \p F's body.
const Stmt *declarationOf(const VarDecl *Var, const FunctionDecl *F) {
  const Stmt *Found = nullptr;
  walk(F->getBody(), Lambdas::Separate, [&](const Stmt *S, const WalkPosition &) {
    const auto *DS = dyn_cast<DeclStmt>(S);
    if (DS && llvm::is_contained(DS->decls(), Var)) {
      Found = DS;
      return WalkAction::Stop;
    }
    return WalkAction::Continue;
  });
  return Found;
}

} // namespace

RpcWithoutDeadlineCheck::RpcWithoutDeadlineCheck(StringRef Name, ClangTidyContext *Context)
    : RpcCheck(Name, Context) {}

void RpcWithoutDeadlineCheck::checkFunction(const FunctionDecl *F, llvm::ArrayRef<RpcSite> Rpcs) {
  for (const RpcSite &Site : Rpcs)
    checkRpc(F, Site);
}

bool RpcWithoutDeadlineCheck::needsDeadline(const FunctionDecl *F, const RpcSite &Site,
                                            const Stmt *&From) {
  From = nullptr;
  if (isa<MemberExpr>(Site.Key))
    return true; // a member: judged from the entry of the function
  const VarDecl *Var = localContextVar(Site.Key);
  if (!Var || Var->getDeclContext() != F)
    return false; // a parameter (the caller's), or a capture
  ContextOrigin Origin = originOf(Var, Model);
  if (Origin != ContextOrigin::Constructed && Origin != ContextOrigin::DerivedWithoutDeadline)
    return false;
  From = declarationOf(Var, F);
  return From != nullptr;
}

bool RpcWithoutDeadlineCheck::helperSetsDeadline(const FunctionDecl *Helper, unsigned Index) {
  auto [It, Inserted] = Helpers.try_emplace({Helper, Index}, false);
  if (!Inserted || Index >= Helper->getNumParams() || !Helper->getBody())
    return It->second;
  const ParmVarDecl *Param = Helper->getParamDecl(Index);
  bool Sets = !walk(Helper->getBody(), Lambdas::Separate, [&](const Stmt *S, const WalkPosition &) {
    const auto *Call = dyn_cast<CXXMemberCallExpr>(S);
    return Call && Model.calls(Call, Role::SetDeadline) && namedVar(objectKey(*Call)) == Param
               ? WalkAction::Stop
               : WalkAction::Continue;
  });
  return Helpers[{Helper, Index}] = Sets;
}

bool RpcWithoutDeadlineCheck::setsDeadline(const Stmt *S, const Expr *Key) {
  const ASTContext &Ctx = *core().context();
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(S);
      Member && Model.calls(Member, Role::SetDeadline))
    return sameObject(objectKey(*Member), Key, Ctx);
  const auto *Call = dyn_cast<CallExpr>(S);
  const FunctionDecl *Helper = Call ? Call->getDirectCallee() : nullptr;
  const FunctionDecl *Definition = nullptr;
  if (!Helper || !Helper->hasBody(Definition))
    return false;
  for (unsigned I = 0; I < Call->getNumArgs(); ++I)
    if (sameObject(contextKey(Call->getArg(I)), Key, Ctx) && helperSetsDeadline(Definition, I))
      return true;
  return false;
}

bool RpcWithoutDeadlineCheck::cancellable(const FunctionDecl *F, const Expr *Key) {
  const ASTContext &Ctx = *core().context();
  const VarDecl *Pointer = localContextVar(Key);
  if (Pointer && !Pointer->getType()->isPointerType())
    Pointer = nullptr;
  return !walk(F->getBody(), Lambdas::Enter, [&](const Stmt *S, const WalkPosition &) {
    // Its cancel method, called here or in a lambda (a stop callback's).
    if (const auto *Member = dyn_cast<CXXMemberCallExpr>(S);
        Member && Model.calls(Member, Role::CancelMethod) &&
        sameObject(objectKey(*Member), Key, Ctx))
      return WalkAction::Stop;
    // Its address handed to something that is not an RPC: `&c`, `p.get()`,
    // or a raw pointer passed on.
    const auto *E = dyn_cast<Expr>(S);
    if (!E || sites().isContextArgument(F, E))
      return WalkAction::Continue;
    bool Address = (isa<UnaryOperator>(E) && cast<UnaryOperator>(E)->getOpcode() == UO_AddrOf) ||
                   (isa<CXXMemberCallExpr>(E) && E->getType()->isPointerType());
    if (Address && contextKey(E) != E && sameObject(contextKey(E), Key, Ctx))
      return WalkAction::Stop;
    if (const auto *Call = dyn_cast<CallExpr>(E); Call && Pointer)
      for (const Expr *Arg : Call->arguments())
        if (!sites().isContextArgument(F, Arg) && namedVar(Arg) == Pointer)
          return WalkAction::Stop;
    return WalkAction::Continue;
  });
}

bool RpcWithoutDeadlineCheck::setEarlierInBlock(const FunctionDecl *F, const RpcSite &Site) {
  const ParentIndex &Parents = core().parents(F);
  for (const Stmt *S = Site.Call, *P = Parents.parent(S); P; S = P, P = Parents.parent(P)) {
    const auto *Block = dyn_cast<CompoundStmt>(P);
    if (!Block)
      continue;
    bool Set = false;
    for (const Stmt *Child : Block->body()) {
      if (Child == S)
        break;
      if (isa<LabelStmt, SwitchCase>(Child))
        Set = false; // a jump may enter after what came before
      else if (const auto *E = dyn_cast<Expr>(Child); E && setsDeadline(E->IgnoreImplicit(), Site.Key))
        Set = true;
    }
    if (Set)
      return true;
  }
  return false;
}

void RpcWithoutDeadlineCheck::checkRpc(const FunctionDecl *F, const RpcSite &Site) {
  const Stmt *From = nullptr;
  if (!needsDeadline(F, Site, From) || cancellable(F, Site.Key))
    return;
  if (setEarlierInBlock(F, Site))
    return;
  const FunctionCfg *Cfg = core().cfg(F);
  if (!Cfg || !Cfg->reachesAvoiding(From, Site.Call,
                                    [&](const Stmt *S) { return setsDeadline(S, Site.Key); }))
    return;
  diag(Site.Call->getBeginLoc(),
       "RPC with '%0', which has no deadline on some path to it: against an unresponsive server "
       "it waits forever; call '%0%1set_deadline(...)' before the RPC")
      << contextName(Site.Key)
      << (Site.Key->getType()->isPointerType() || !Site.Key->getType()->isRecordType() ? "->"
          : Model.isType(Site.Key->getType(), Role::RpcContext)                       ? "."
                                                                                      : "->");
}

} // namespace clang::tidy::ctx
