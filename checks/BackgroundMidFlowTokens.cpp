//===--- BackgroundMidFlowTokens.cpp - ctxguard ---------------------------===//
//
// ctx-background-mid-flow for library tokens (std profile, and profiles
// shaped like it): where a token is available, an argument that is a token
// that never stops (`std::stop_token{}`, a root function's) or the token of a
// local source that nothing links to the available token.
//
//===----------------------------------------------------------------------===//

#include "BackgroundMidFlowCheck.h"
#include "model/Rpc.h"
#include "model/StopLinks.h"
#include "model/Walk.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"

namespace clang::tidy::ctx {

namespace {

// The local source whose token \p E is (`src.get_token()`), or null.
const VarDecl *localSourceOf(const Expr *E, const RoleModel &Model) {
  const auto *Call = dyn_cast<CXXMemberCallExpr>(E);
  if (!Call || !Model.isType(Call->getImplicitObjectArgument()->getType(), Role::SourceType))
    return nullptr;
  const auto *Var = dyn_cast_or_null<VarDecl>(namedVar(Call->getImplicitObjectArgument()));
  return Var && Var->isLocalVarDecl() ? Var : nullptr;
}

} // namespace

bool BackgroundMidFlowCheck::isLinked(const VarDecl *Source, const FunctionDecl *F,
                                      llvm::ArrayRef<AvailableContext> Tokens) {
  // Made by a derive function from a parent: `CancelSource::child_of(t)`.
  if (const Expr *Init = Source->getInit())
    if (const Expr *Made = lookThrough(Init); isa<CallExpr>(Made) && Model.calls(Made, Role::Derive))
      return true;
  // A link on an available token whose callback cancels the source.
  for (const StopLink &Link : stopLinksIn(F, Model))
    if (llvm::any_of(Tokens, [&](const AvailableContext &A) { return A.Var == Link.Token; }) &&
        callbackCalls(Link, [&](const CXXMemberCallExpr &Call) {
          return Model.calls(&Call, Role::CancelMethod) &&
                 namedVar(Call.getImplicitObjectArgument()) == Source;
        }))
      return true;
  return false;
}

bool BackgroundMidFlowCheck::isNeverStopping(const Expr *Arg) const {
  const Expr *E = lookThrough(Arg);
  const auto *Construct = dyn_cast<CXXConstructExpr>(E);
  return (Construct && Construct->getNumArgs() == 0) ||
         (isa<InitListExpr>(E) && cast<InitListExpr>(E)->getNumInits() == 0);
}

void BackgroundMidFlowCheck::checkTokenArguments(const Expr &Call) {
  llvm::ArrayRef<const Expr *> Args;
  if (const auto *C = dyn_cast<CallExpr>(&Call))
    Args = {C->getArgs(), C->getNumArgs()};
  else if (const auto *Construct = dyn_cast<CXXConstructExpr>(&Call))
    Args = {Construct->getArgs(), Construct->getNumArgs()};
  // The cheap test first: most token arguments are a token passed on.
  llvm::SmallVector<const Expr *, 2> Suspect;
  for (const Expr *Arg : Args)
    if (!isa<CXXDefaultArgExpr>(Arg) && Model.isToken(Arg->getType()) &&
        (isNeverStopping(Arg) || localSourceOf(lookThrough(Arg), Model)))
      Suspect.push_back(Arg);
  const FunctionDecl *F = Suspect.empty() ? nullptr : checkedFunction(Call);
  if (!F)
    return;
  llvm::SmallVector<AvailableContext, 4> Tokens =
      scopes().contextsAt(F, Call, *core().context());
  llvm::erase_if(Tokens, [&](const AvailableContext &A) { return !Model.isToken(A.Var->getType()); });
  if (Tokens.empty())
    return;
  std::string Available = Tokens.front().Var->getNameAsString();
  for (const Expr *Arg : Suspect) {
    const Expr *E = lookThrough(Arg);
    if (isNeverStopping(Arg)) {
      diag(Arg->getBeginLoc(), "a token that never stops is passed where '%0' is available: the "
                               "callee can no longer be stopped; pass '%0'")
          << Available;
    } else if (const VarDecl *Source = localSourceOf(E, Model);
               Source && !isLinked(Source, F, Tokens)) {
      diag(Arg->getBeginLoc(), "the token of '%0', a source that nothing links to '%1', is passed "
                               "where '%1' is available: a stop request on '%1' no longer reaches "
                               "the callee; pass '%1', or link '%0' to it")
          << Source->getName() << Available;
    }
  }
}

} // namespace clang::tidy::ctx

// The grpc profile: an RPC context made with its constructor where a
// handler's context is available, which a derive function of the RPC
// context's class could propagate (FromServerContext).

namespace clang::tidy::ctx {

namespace {

// The derive function of \p Made that takes \p Token's record: the one
// written for it, else one written for a base of it.
const CXXMethodDecl *propagatingFactory(const CXXRecordDecl *Made, QualType Token,
                                        const RoleModel &Model) {
  Token = Token.getNonReferenceType();
  if (Token->isPointerType())
    Token = Token->getPointeeType();
  const CXXRecordDecl *From = RoleModel::recordOf(Token);
  if (!From || !Made->hasDefinition() || !From->hasDefinition())
    return nullptr;
  const CXXMethodDecl *ForBase = nullptr;
  for (const CXXMethodDecl *Method : Made->methods()) {
    if (!Method->isStatic() || Method->getNumParams() == 0 || !Model.plays(Method, Role::Derive))
      continue;
    const CXXRecordDecl *Param = RoleModel::recordOf(Method->getParamDecl(0)->getType());
    if (Param && Param->getCanonicalDecl() == From->getCanonicalDecl())
      return Method;
    if (Param && From->isDerivedFrom(Param))
      ForBase = Method;
  }
  return ForBase;
}

} // namespace

void BackgroundMidFlowCheck::checkMadeRpcContext(const Expr &Made) {
  const CXXRecordDecl *Record = constructedContext(&Made, Model);
  const FunctionDecl *F = Record ? checkedFunction(Made) : nullptr;
  if (!F)
    return;
  for (const AvailableContext &A : scopes().contextsOf(F)) {
    const CXXMethodDecl *Factory = propagatingFactory(Record, A.Var->getType(), Model);
    if (!Factory)
      continue;
    const auto *Construct = dyn_cast<CXXConstructExpr>(&Made);
    SourceLocation Loc = Construct && !isa<CXXTemporaryObjectExpr>(Construct)
                             ? Construct->getLocation()
                             : Made.getBeginLoc();
    diag(Loc, "a new %0 in a handler drops the deadline and the cancellation of '%1'; make it "
              "with '%2::%3(*%1)'")
        << Record->getName() << A.Var->getName() << Record->getName() << Factory->getName();
    return;
  }
}

} // namespace clang::tidy::ctx
