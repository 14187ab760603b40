//===--- RpcContextReusedCheck.cpp - ctxguard -----------------------------===//

#include "RpcContextReusedCheck.h"
#include "model/StopLinks.h"
#include "model/Walk.h"
#include "clang/AST/ASTContext.h"

namespace clang::tidy::ctx {

namespace {

// `v = ...`: the context variable made anew.
bool assigns(const Stmt *S, const VarDecl *Var) {
  const Expr *Target = nullptr;
  if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(S); Op && Op->getOperator() == OO_Equal)
    Target = Op->getArg(0);
  else if (const auto *Bin = dyn_cast<BinaryOperator>(S); Bin && Bin->isAssignmentOp())
    Target = Bin->getLHS();
  return Target && namedVar(Target) == Var;
}

} // namespace

RpcContextReusedCheck::RpcContextReusedCheck(StringRef Name, ClangTidyContext *Context)
    : RpcCheck(Name, Context) {}

const Stmt *RpcContextReusedCheck::loopReusing(const RpcSite &Site, const FunctionDecl *F) {
  const VarDecl *Var = localContextVar(Site.Key);
  if (!Var || Var->getDeclContext() != F)
    return nullptr;
  const SourceManager &SM = core().context()->getSourceManager();
  const ParentIndex &Parents = core().parents(F);
  for (const Stmt *P = Parents.parent(Site.Call); P; P = Parents.parent(P)) {
    if (!isLoop(P))
      continue;
    SourceRange Range = P->getSourceRange();
    if (!SM.isBeforeInTranslationUnit(Var->getLocation(), Range.getBegin()))
      return nullptr; // declared in the loop: one per iteration
    bool Renewed = !walk(P, Lambdas::Separate, [&](const Stmt *S, const WalkPosition &) {
      return assigns(S, Var) ? WalkAction::Stop : WalkAction::Continue;
    });
    return Renewed ? nullptr : P;
  }
  return nullptr;
}

void RpcContextReusedCheck::checkFunction(const FunctionDecl *F, llvm::ArrayRef<RpcSite> Rpcs) {
  const ASTContext &Ctx = *core().context();
  for (size_t I = 0; I < Rpcs.size(); ++I) {
    const RpcSite &Second = Rpcs[I];
    const VarDecl *Var = localContextVar(Second.Key);
    const RpcSite *First = nullptr;
    // The CFG only for a function that makes two RPCs with one context.
    for (size_t J = 0; J < I && !First; ++J)
      if (sameObject(Rpcs[J].Key, Second.Key, Ctx))
        if (const FunctionCfg *Cfg = core().cfg(F);
            Cfg && Cfg->reachesAvoiding(Rpcs[J].Call, Second.Call,
                                        [&](const Stmt *S) { return Var && assigns(S, Var); }))
          First = &Rpcs[J];
    std::string Name = contextName(Second.Key);
    if (First) {
      diag(Second.Call->getBeginLoc(), "'%0' is used for a second RPC; gRPC requires a fresh "
                                       "ClientContext per call and aborts otherwise")
          << Name;
      diag(First->Call->getBeginLoc(), "the first RPC with '%0'", DiagnosticIDs::Note) << Name;
    } else if (loopReusing(Second, F)) {
      diag(Second.Call->getBeginLoc(), "'%0' is declared outside the loop that issues this RPC: "
                                       "the second iteration reuses it, and gRPC aborts; declare "
                                       "it inside the loop")
          << Name;
      diag(Var->getLocation(), "'%0' declared here, outside the loop", DiagnosticIDs::Note)
          << Name;
    }
  }
}

} // namespace clang::tidy::ctx
