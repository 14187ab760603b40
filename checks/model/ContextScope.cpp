//===--- ContextScope.cpp - ctxguard --------------------------------------===//

#include "ContextScope.h"
#include "Walk.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/LambdaCapture.h"
#include "clang/AST/StmtCXX.h"

namespace clang::tidy::ctx {

namespace {

// Whether \p S opens a scope its declarations are visible in.
bool opensScope(const Stmt *S) {
  return isa<CompoundStmt, ForStmt, IfStmt, WhileStmt, SwitchStmt, CXXForRangeStmt, CXXCatchStmt>(
      S);
}

} // namespace

bool ContextScopes::isLambdaBody(const FunctionDecl *F) {
  const auto *MD = dyn_cast_or_null<CXXMethodDecl>(F);
  return MD && MD->getParent()->isLambda();
}

llvm::ArrayRef<AvailableContext> ContextScopes::contextsOf(const FunctionDecl *F) const {
  if (auto It = Cached.find(F); It != Cached.end())
    return It->second;
  llvm::SmallVector<AvailableContext, 2> Found;
  auto Origin = AvailableContext::Origin::Parameter;
  for (const FunctionDecl *Fn = F; Fn;) {
    for (const ParmVarDecl *P : Fn->parameters())
      if (Model.isContextOrToken(P->getType()))
        Found.push_back({P, Origin});
    if (!isLambdaBody(Fn))
      break;
    for (const LambdaCapture &C : cast<CXXMethodDecl>(Fn)->getParent()->captures())
      if (C.capturesVariable())
        if (const ValueDecl *V = C.getCapturedVar(); V && Model.isContextOrToken(V->getType()))
          Found.push_back({V, AvailableContext::Origin::Capture});
    Origin = AvailableContext::Origin::EnclosingParameter;
    Fn = dyn_cast_or_null<FunctionDecl>(cast<CXXMethodDecl>(Fn)->getParent()->getDeclContext());
  }
  // Keep the first mention of each variable (a captured parameter is both).
  llvm::SmallVector<AvailableContext, 2> Unique;
  for (const AvailableContext &A : Found)
    if (llvm::none_of(Unique, [&](const AvailableContext &U) { return U.Var == A.Var; }))
      Unique.push_back(A);
  return Cached[F] = std::move(Unique);
}

const ContextScopes::FunctionLocals &ContextScopes::localsOf(const FunctionDecl *F) const {
  std::unique_ptr<FunctionLocals> &Slot = CachedLocals[F];
  if (Slot)
    return *Slot;
  Slot = std::make_unique<FunctionLocals>();
  FunctionLocals &Out = *Slot;
  if (!F->hasBody())
    return Out;
  auto Record = [&](const Decl *D, const Stmt *Scope) {
    const auto *VD = dyn_cast_or_null<VarDecl>(D);
    if (!VD || VD->getDeclContext() != F)
      return;
    if (const auto *DD = dyn_cast<DecompositionDecl>(VD)) {
      for (const BindingDecl *B : DD->bindings())
        if (Model.isContext(B->getType()))
          Out.Declared[Scope].push_back(B);
    } else if (Model.isContext(VD->getType())) {
      Out.Declared[Scope].push_back(VD);
    }
  };
  // The scope of a statement's declarations: the innermost enclosing
  // statement that opens one (lambdas are other functions).
  walk(F->getBody(), Lambdas::Separate, [&](const Stmt *S, const WalkPosition &At) {
    const Stmt *Around = At.Parent ? Out.ScopeOf.lookup(At.Parent) : nullptr;
    if (opensScope(S))
      Out.OuterScope[S] = Around;
    const Stmt *Scope = opensScope(S) ? S : Around;
    Out.ScopeOf[S] = Scope;
    if (const auto *DS = dyn_cast<DeclStmt>(S))
      for (const Decl *D : DS->decls())
        Record(D, Scope);
    if (const auto *Catch = dyn_cast<CXXCatchStmt>(S))
      Record(Catch->getExceptionDecl(), Scope);
    return WalkAction::Continue;
  });
  return Out;
}

llvm::SmallVector<AvailableContext, 4>
ContextScopes::contextsAt(const FunctionDecl *F, const Stmt &At, const ASTContext &Ctx) const {
  llvm::SmallVector<AvailableContext, 4> Result(contextsOf(F).begin(), contextsOf(F).end());
  const FunctionLocals &Locals = localsOf(F);
  auto Found = Locals.ScopeOf.find(&At);
  if (Found == Locals.ScopeOf.end())
    return Result; // not a statement of F's own body
  const SourceManager &SM = Ctx.getSourceManager();
  SourceLocation Loc = At.getBeginLoc();
  llvm::SmallVector<const Stmt *, 8> Chain{Found->second};
  while (Chain.back())
    Chain.push_back(Locals.OuterScope.lookup(Chain.back()));
  // Outermost scope first: the locals in source order.
  for (const Stmt *Scope : llvm::reverse(Chain))
    if (auto Declared = Locals.Declared.find(Scope); Declared != Locals.Declared.end())
      for (const ValueDecl *Var : Declared->second)
        if (SM.isBeforeInTranslationUnit(Var->getLocation(), Loc))
          Result.push_back({Var, AvailableContext::Origin::Local});
  return Result;
}

} // namespace clang::tidy::ctx
