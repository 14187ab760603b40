//===--- Closing.cpp - ctxguard -------------------------------------------===//

#include "Closing.h"
#include "ChannelBuffer.h"
#include "Walk.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"

namespace clang::tidy::ctx {

RoleSet closingRoles() {
  RoleSet Roles = factRoles();
  Roles.add(Role::ScopeGuard);
  return Roles;
}

namespace {

/// Tells the statements of one body that close one channel variable.
class CloseFinder {
public:
  CloseFinder(const VarDecl *Var, AnalysisCore &Core, const RoleModel &Model)
      : Var(Var), Core(Core), Model(Model) {}

  /// Whether the CFG element \p S closes the channel, or arranges for it to
  /// be closed at every exit after it (a scope guard whose callable closes it).
  bool closesAt(const Stmt *S) const {
    if (closes(S, Var, Model) || callsCloser(S))
      return true;
    const auto *DS = dyn_cast<DeclStmt>(S);
    if (!DS)
      return false;
    for (const Decl *D : DS->decls()) {
      const auto *Guard = dyn_cast<VarDecl>(D);
      if (Guard && Guard->getInit() && Model.isType(Guard->getType(), Role::ScopeGuard) &&
          lambdaCloses(Guard->getInit()))
        return true;
    }
    return false;
  }

private:
  // A call passing the channel to a function whose facts say it closes it.
  bool callsCloser(const Stmt *S) const {
    const auto *Call = dyn_cast<CallExpr>(S);
    const FunctionDecl *Callee = Call ? Call->getDirectCallee() : nullptr;
    const FunctionFacts *Facts = Callee ? Core.facts(Model).known(Callee) : nullptr;
    if (!Facts)
      return false;
    for (unsigned I = 0; I < Call->getNumArgs() && I < Facts->Params.size(); ++I)
      if (channelVar(Call->getArg(I), Model) == Var && Core.facts(Model).paramFact(*Facts, I, OpenFact::Closes))
        return true;
    return false;
  }

  // A close anywhere in a guard's initializer: in the callable it runs.
  bool lambdaCloses(const Expr *Init) const {
    return !walk(Init, Lambdas::Enter, [&](const Stmt *S, const WalkPosition &) {
      return closes(S, Var, Model) ? WalkAction::Stop : WalkAction::Continue;
    });
  }

  const VarDecl *Var;
  AnalysisCore &Core;
  const RoleModel &Model;
};

// Whether every path through \p Body closes \p Var.
bool closesOnEveryPath(const FunctionDecl *Body, const VarDecl *Var, AnalysisCore &Core,
                       const RoleModel &Model) {
  const FunctionCfg *Cfg = Core.cfg(Body);
  if (!Cfg)
    return false;
  CloseFinder Finder(Var, Core, Model);
  return Cfg->exitsAvoiding(nullptr, [&](const Stmt *S) { return Finder.closesAt(S); }).empty();
}

// The variable through which the goroutine \p Spawn reaches \p Channel: the
// captured variable itself, an init-capture made from it, or the parameter
// the spawn binds it to.
const VarDecl *goroutineVar(const SpawnSite &Spawn, const VarDecl *Channel,
                            const RoleModel &Model) {
  if (Spawn.Lambda) {
    for (const LambdaCapture &Capture : Spawn.Lambda->captures()) {
      if (!Capture.capturesVariable())
        continue;
      const auto *Captured = dyn_cast<VarDecl>(Capture.getCapturedVar());
      if (Captured == Channel)
        return Channel;
      if (Captured && Captured->isInitCapture() && channelVar(Captured->getInit(), Model) == Channel)
        return Captured;
    }
  }
  for (unsigned I = 0; I < Spawn.Args.size(); ++I)
    if (Spawn.Body && I < Spawn.Body->getNumParams() &&
        channelVar(Spawn.Args[I], Model) == Channel)
      return Spawn.Body->getParamDecl(I);
  return nullptr;
}

} // namespace

bool certainlyClosed(const VarDecl *Channel, const Stmt *At, const FunctionDecl *Starter,
                     AnalysisCore &Core, const RoleModel &Model) {
  if (!Channel || !Starter->getBody())
    return false;
  for (const SpawnSite &Spawn : Core.channelFacts(Model, Starter).Spawns)
    if (Spawn.Body)
      if (const VarDecl *Var = goroutineVar(Spawn, Channel, Model);
          Var && closesOnEveryPath(Spawn.Body, Var, Core, Model))
        return true;
  // A range-for is reached when its range is evaluated.
  if (const auto *Range = dyn_cast<CXXForRangeStmt>(At))
    At = Range->getRangeStmt();
  const FunctionCfg *Cfg = Core.cfg(Starter);
  if (!Cfg || !Cfg->pointOf(At))
    return false;
  CloseFinder Finder(Channel, Core, Model);
  return !Cfg->reachesAvoiding(nullptr, At, [&](const Stmt *S) { return Finder.closesAt(S); });
}

bool returnedClosed(const Expr *E, AnalysisCore &Core, const RoleModel &Model) {
  E = lookThrough(E, &Model);
  if (const auto *Ref = dyn_cast<DeclRefExpr>(E))
    if (const auto *Var = dyn_cast<VarDecl>(Ref->getDecl());
        Var && Var->isLocalVarDecl() && Var->getInit() && !Var->getType()->isReferenceType())
      E = lookThrough(Var->getInit(), &Model);
  const auto *Call = dyn_cast<CallExpr>(E);
  const FunctionDecl *Callee = Call ? Call->getDirectCallee() : nullptr;
  const FunctionDecl *Maker = nullptr;
  if (!Callee || !Callee->hasBody(Maker) || Maker->isDependentContext())
    return false;
  // Every return hands out the same local channel, closed on every path.
  bool Closed = true, Returns = false;
  walk(Maker->getBody(), Lambdas::Separate, [&](const Stmt *S, const WalkPosition &) {
    const auto *Return = dyn_cast<ReturnStmt>(S);
    if (!Return)
      return WalkAction::Continue;
    Returns = true;
    const VarDecl *Channel = Return->getRetValue() ? channelVar(Return->getRetValue(), Model)
                                                   : nullptr;
    Closed = Channel && isLocalChannel(Channel) && Channel->getDeclContext() == Maker &&
             certainlyClosed(Channel, Return, Maker, Core, Model);
    return Closed ? WalkAction::Continue : WalkAction::Stop;
  });
  return Returns && Closed;
}

} // namespace clang::tidy::ctx
