//===--- StopLinks.cpp - ctxguard -----------------------------------------===//

#include "StopLinks.h"
#include "Walk.h"
#include "clang-tidy/utils/ASTUtils.h"
#include "clang/AST/ASTContext.h"

namespace clang::tidy::ctx {

const ValueDecl *namedVar(const Expr *E) {
  const auto *Ref = E ? dyn_cast<DeclRefExpr>(lookThrough(E)) : nullptr;
  return Ref ? Ref->getDecl() : nullptr;
}

namespace {

// The body of the lambda \p E is or converts to (`std::function` included).
const Stmt *lambdaBody(const Expr *E) {
  const Stmt *Body = nullptr;
  walk(E, Lambdas::Separate, [&](const Stmt *S, const WalkPosition &) {
    if (const auto *Lambda = dyn_cast<LambdaExpr>(S)) {
      Body = Lambda->getBody();
      return WalkAction::Stop;
    }
    return WalkAction::Continue;
  });
  return Body;
}

} // namespace

llvm::SmallVector<StopLink, 2> stopLinksIn(const FunctionDecl *F, const RoleModel &Model) {
  llvm::SmallVector<StopLink, 2> Links;
  if (!F || !F->getBody())
    return Links;
  walk(F->getBody(), Lambdas::Separate, [&](const Stmt *S, const WalkPosition &) {
    const auto *DS = dyn_cast<DeclStmt>(S);
    if (!DS)
      return WalkAction::Continue;
    for (const Decl *D : DS->decls()) {
      const auto *Var = dyn_cast<VarDecl>(D);
      if (!Var || !Var->getInit() || !Model.isType(Var->getType(), Role::Link))
        continue;
      const auto *Construct = dyn_cast<CXXConstructExpr>(Var->getInit()->IgnoreImplicit());
      if (!Construct || Construct->getNumArgs() < 2)
        continue;
      Links.push_back({Var, namedVar(Construct->getArg(0)), lambdaBody(Construct->getArg(1))});
    }
    return WalkAction::Continue;
  });
  return Links;
}

bool callbackCalls(const StopLink &Link,
                   llvm::function_ref<bool(const CXXMemberCallExpr &)> Matches) {
  if (!Link.Callback)
    return false;
  return !walk(Link.Callback, Lambdas::Enter, [&](const Stmt *S, const WalkPosition &) {
    const auto *Call = dyn_cast<CXXMemberCallExpr>(S);
    return Call && Matches(*Call) ? WalkAction::Stop : WalkAction::Continue;
  });
}

namespace {

const Expr *memberObject(const CallExpr &Call) {
  const auto *Member = dyn_cast<CXXMemberCallExpr>(&Call);
  return Member ? Member->getImplicitObjectArgument() : nullptr;
}

bool before(const Stmt *A, const Stmt *B, const ASTContext &Ctx) {
  return Ctx.getSourceManager().isBeforeInTranslationUnit(A->getBeginLoc(), B->getBeginLoc());
}

} // namespace

bool linkWakes(const CallExpr &Wait, const ValueDecl *Token, const FunctionDecl *F,
               const RoleModel &Model, const ASTContext &Ctx) {
  const Expr *Object = memberObject(Wait);
  if (!Object || !Token)
    return false;
  for (const StopLink &Link : stopLinksIn(F, Model))
    if (Link.Token == Token &&
        Ctx.getSourceManager().isBeforeInTranslationUnit(Link.Var->getLocation(),
                                                         Wait.getBeginLoc()) &&
        callbackCalls(Link, [&](const CXXMemberCallExpr &Call) {
          return sameObject(Call.getImplicitObjectArgument(), Object, Ctx);
        }))
      return true;
  return false;
}

bool polledBefore(const CallExpr &Wait, const FunctionDecl *F, const ASTContext &Ctx) {
  // Only a retrieval (`get()`, `wait()`): a wait that takes a lock or a
  // duration is a wait of its own, not the reading of a polled result.
  const Expr *Object = memberObject(Wait);
  if (!Object || Wait.getNumArgs() != 0 || !F->getBody())
    return false;
  return !walk(F->getBody(), Lambdas::Separate, [&](const Stmt *S, const WalkPosition &) {
    const auto *Call = dyn_cast<CXXMemberCallExpr>(S);
    if (!Call || !before(Call, &Wait, Ctx) || !Call->getType()->isEnumeralType())
      return WalkAction::Continue;
    return sameObject(Call->getImplicitObjectArgument(), Object, Ctx) ? WalkAction::Stop
                                                                       : WalkAction::Continue;
  });
}

bool sameObject(const Expr *A, const Expr *B, const ASTContext &Ctx) {
  return A && B &&
         utils::areStatementsIdentical(A->IgnoreParenImpCasts(), B->IgnoreParenImpCasts(), Ctx);
}

} // namespace clang::tidy::ctx
