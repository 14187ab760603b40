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

llvm::ArrayRef<ContextScopes::ScopedLocal> ContextScopes::localsOf(const FunctionDecl *F) const {
  auto [It, Inserted] = CachedLocals.try_emplace(F);
  if (!Inserted || !F->hasBody())
    return It->second;
  llvm::SmallVectorImpl<ScopedLocal> &Out = It->second;
  auto Record = [&](const Decl *D, SourceRange Scope) {
    const auto *VD = dyn_cast_or_null<VarDecl>(D);
    if (!VD || VD->getDeclContext() != F)
      return;
    if (const auto *DD = dyn_cast<DecompositionDecl>(VD)) {
      for (const BindingDecl *B : DD->bindings())
        if (Model.isContext(B->getType()))
          Out.push_back({B, Scope});
    } else if (Model.isContext(VD->getType())) {
      Out.push_back({VD, Scope});
    }
  };
  // The scope of a statement's declarations: the innermost enclosing
  // statement that opens one (lambdas are other functions).
  llvm::DenseMap<const Stmt *, SourceRange> ScopeOf;
  walk(F->getBody(), Lambdas::Separate, [&](const Stmt *S, const WalkPosition &At) {
    SourceRange Scope = At.Parent ? ScopeOf.lookup(At.Parent) : F->getSourceRange();
    ScopeOf[S] = opensScope(S) ? S->getSourceRange() : Scope;
    if (const auto *DS = dyn_cast<DeclStmt>(S))
      for (const Decl *D : DS->decls())
        Record(D, ScopeOf[S]);
    if (const auto *Catch = dyn_cast<CXXCatchStmt>(S))
      Record(Catch->getExceptionDecl(), ScopeOf[S]);
    return WalkAction::Continue;
  });
  return It->second;
}

llvm::SmallVector<AvailableContext, 4>
ContextScopes::contextsAt(const FunctionDecl *F, const Stmt &At, const ASTContext &Ctx) const {
  llvm::SmallVector<AvailableContext, 4> Result(contextsOf(F).begin(), contextsOf(F).end());
  const SourceManager &SM = Ctx.getSourceManager();
  SourceLocation Loc = At.getBeginLoc();
  for (const ScopedLocal &L : localsOf(F)) {
    bool DeclaredBefore = SM.isBeforeInTranslationUnit(L.Var->getLocation(), Loc);
    bool InScope = !SM.isBeforeInTranslationUnit(Loc, L.Scope.getBegin()) &&
                   !SM.isBeforeInTranslationUnit(L.Scope.getEnd(), Loc);
    if (DeclaredBefore && InScope)
      Result.push_back({L.Var, AvailableContext::Origin::Local});
  }
  return Result;
}

} // namespace clang::tidy::ctx
