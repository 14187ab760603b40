//===--- ChannelFlow.cpp - ctxguard ---------------------------------------===//

#include "ChannelFlow.h"
#include "Matchers.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"

namespace clang::tidy::ctx {

namespace {

// The expressions a spawn can be: ctx::go(...) constructs its class template
// (CXXTemporaryObjectExpr, or a CXXConstructExpr under a functional cast),
// WaitGroup::go is a call; in a template pattern, an unresolved construct.
bool isSpawnExpr(const Expr *E) {
  return isa<CXXConstructExpr>(E) || isa<CallExpr>(E) || isa<CXXUnresolvedConstructExpr>(E);
}

// Records one body's channel operations, references and spawns; a lambda
// nested in it is walked too, with the lambda recorded.
class FactsCollector {
public:
  FactsCollector(const RoleModel &Model, ChannelFacts &Out) : Model(Model), Out(Out) {}

  void collect(const Stmt *Body) {
    // Captures by copy or reference are not uses of their own: the body's
    // references are. Init-captures are walked as part of the lambda.
    llvm::SmallPtrSet<const Stmt *, 8> PlainCaptures;
    llvm::DenseMap<const Stmt *, const LambdaExpr *> InitCaptureOf;
    walk(Body, Lambdas::Enter, [&](const Stmt *S, const WalkPosition &At) {
      if (PlainCaptures.contains(S))
        return WalkAction::SkipChildren;
      if (const LambdaExpr *Owner = InitCaptureOf.lookup(At.Parent))
        InitCaptureOf.try_emplace(S, Owner);
      if (const auto *Lambda = dyn_cast<LambdaExpr>(S))
        for (auto [Capture, Init] : llvm::zip(Lambda->captures(), Lambda->capture_inits()))
          if (Init)
            (Lambda->isInitCapture(&Capture) ? InitCaptureOf[Init] = Lambda
                                             : (PlainCaptures.insert(Init), nullptr));
      // An init-capture's initializer belongs to the lambda it initialises.
      CurrentLambda = InitCaptureOf.lookup(S);
      if (!CurrentLambda)
        CurrentLambda = At.Lambda;
      InLoop = At.LoopDepth > 0;
      if (const auto *Range = dyn_cast<CXXForRangeStmt>(S)) {
        if (const DeclRefExpr *Ref = channelRef(Range->getRangeInit()))
          record(ChanOpKind::Range, Ref, Range);
      } else if (const auto *E = dyn_cast<Expr>(S)) {
        visitExpr(E, At);
      }
      return WalkAction::Continue;
    });
  }

private:
  void visitExpr(const Expr *E, const WalkPosition &At) {
    if (const auto *Ref = dyn_cast<DeclRefExpr>(E)) {
      if (const auto *Var = dyn_cast<VarDecl>(Ref->getDecl());
          Var && !Var->isImplicit() && Model.isChannel(Var->getType()))
        Out.Refs.push_back({Ref, CurrentLambda});
      return;
    }
    if (isSpawnExpr(E) && Model.calls(E, Role::Go)) {
      if (!CurrentLambda) {
        SpawnSite Site = describeSpawn(E);
        Site.InLoop = At.LoopDepth > 0;
        Out.Spawns.push_back(std::move(Site));
      }
      return;
    }
    if (const auto *Member = dyn_cast<CXXMemberCallExpr>(E)) {
      if (const DeclRefExpr *Ref = channelRef(Member->getImplicitObjectArgument()))
        record(memberKind(Member->getMethodDecl()), Ref, Member);
      return;
    }
    const auto *Call = dyn_cast<CallExpr>(E);
    if (!Call)
      return;
    if (const auto *Dependent =
            dyn_cast<CXXDependentScopeMemberExpr>(Call->getCallee()->IgnoreParenImpCasts())) {
      // `ch.send(v)` on a ctx::Chan<T> in a template: the member of the pattern.
      if (const DeclRefExpr *Ref =
              Dependent->isImplicitAccess() ? nullptr : channelRef(Dependent->getBase()))
        record(memberKind(dependentMember(Dependent)), Ref, Call);
      return;
    }
    if (Call->getNumArgs() == 0)
      return;
    if (Model.calls(Call, Role::CaseRecv))
      if (const DeclRefExpr *Ref = channelRef(Call->getArg(0)))
        record(ChanOpKind::CaseRecv, Ref, Call);
    if (Model.calls(Call, Role::CaseSend))
      if (const DeclRefExpr *Ref = channelRef(Call->getArg(0)))
        record(ChanOpKind::CaseSend, Ref, Call);
  }

  ChanOpKind memberKind(const Decl *Method) const {
    if (Model.plays(Method, Role::ChanSend))
      return ChanOpKind::Send;
    if (Model.plays(Method, Role::ChanRecv))
      return ChanOpKind::Recv;
    if (Model.plays(Method, Role::ChanClose))
      return ChanOpKind::Close;
    return ChanOpKind::Other;
  }

  // The method a dependent member expression names in the channel's pattern.
  static const Decl *dependentMember(const CXXDependentScopeMemberExpr *Member) {
    const CXXRecordDecl *Record = RoleModel::recordOf(Member->getBaseType());
    if (!Record || !Member->getMember().isIdentifier())
      return nullptr;
    for (const NamedDecl *Found : Record->lookup(Member->getMember())) {
      if (const auto *Template = dyn_cast<FunctionTemplateDecl>(Found))
        return Template->getTemplatedDecl();
      if (isa<CXXMethodDecl>(Found))
        return Found;
    }
    return nullptr;
  }

  const DeclRefExpr *channelRef(const Expr *E) const {
    const auto *Ref = dyn_cast_or_null<DeclRefExpr>(lookThrough(E, &Model));
    if (!Ref)
      return nullptr;
    const auto *Var = dyn_cast<VarDecl>(Ref->getDecl());
    return Var && !Var->isImplicit() && Model.isChannel(Var->getType()) ? Ref : nullptr;
  }

  void record(ChanOpKind Kind, const DeclRefExpr *Ref, const Stmt *S) {
    Out.Ops.push_back({Kind, cast<VarDecl>(Ref->getDecl()), S, Ref, CurrentLambda, InLoop});
  }

  const RoleModel &Model;
  ChannelFacts &Out;
  const LambdaExpr *CurrentLambda = nullptr;
  bool InLoop = false;
};

llvm::ArrayRef<const Expr *> spawnArguments(const Expr *E) {
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(E))
    return {Construct->getArgs(), Construct->getNumArgs()};
  if (const auto *Call = dyn_cast<CallExpr>(E))
    return {Call->getArgs(), Call->getNumArgs()};
  if (const auto *Unresolved = dyn_cast<CXXUnresolvedConstructExpr>(E))
    return {Unresolved->arg_begin(), Unresolved->getNumArgs()};
  return {};
}

} // namespace

static bool leavesRightAfter(const Stmt *S, const ParentIndex &Parents) {
  // The statement of a block that holds S.
  const Stmt *Child = S;
  const Stmt *P = Parents.parent(S);
  while (P && !isa<CompoundStmt>(P)) {
    if (isa<LambdaExpr>(P) || isLoop(P))
      return false;
    Child = P;
    P = Parents.parent(P);
  }
  const auto *Block = dyn_cast_or_null<CompoundStmt>(P);
  if (!Block)
    return false;
  const auto *It = llvm::find(Block->body(), Child);
  if (It == Block->body_end() || ++It == Block->body_end())
    return false;
  const Stmt *Next = *It;
  if (const auto *E = dyn_cast<Expr>(Next))
    Next = E->IgnoreImplicit();
  return isa<ReturnStmt, CoreturnStmt, CXXThrowExpr>(Next);
}

SourceLocation ChanOp::loc() const {
  if (const auto *Range = dyn_cast<CXXForRangeStmt>(S))
    return Range->getRangeInit()->getBeginLoc();
  return S->getBeginLoc();
}

ChannelFacts ChannelFacts::collect(const Stmt *Body, const ParentIndex &Parents,
                                   const RoleModel &Model) {
  ChannelFacts Facts;
  FactsCollector(Model, Facts).collect(Body);
  // An operation a return or throw follows in its block runs at most once
  // per entry, whatever loop it is in: `default: done.send(n); return;`.
  for (ChanOp &Op : Facts.Ops)
    Op.InLoop = Op.InLoop && !leavesRightAfter(Op.S, Parents);
  return Facts;
}

const VarDecl *channelVar(const Expr *E, const RoleModel &Model) {
  const auto *Ref = dyn_cast_or_null<DeclRefExpr>(lookThrough(E, &Model));
  const auto *Var = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
  if (!Var || !Model.isChannel(Var->getType()))
    return nullptr;
  return viewedChannel(Var, Model);
}

const VarDecl *viewedChannel(const VarDecl *Var, const RoleModel &Model) {
  // A local view made from another channel variable is that channel:
  // `ctx::SendChan<int> sink = out;`.
  for (unsigned Step = 0; Step < 8 && Var->isLocalVarDecl() && Var->getInit() &&
                          !Var->getType()->isReferenceType();
       ++Step) {
    const auto *Source = dyn_cast<DeclRefExpr>(lookThrough(Var->getInit(), &Model));
    const auto *Viewed = Source ? dyn_cast<VarDecl>(Source->getDecl()) : nullptr;
    if (!Viewed || !Model.isChannel(Viewed->getType()))
      break;
    Var = Viewed;
  }
  return Var;
}

SpawnSite describeSpawn(const Expr *Spawn) {
  SpawnSite Site;
  Site.E = Spawn;
  llvm::ArrayRef<const Expr *> Args = spawnArguments(Spawn);
  for (const Expr *Arg : Args.drop_front(std::min<size_t>(1, Args.size())))
    if (!isa<CXXDefaultArgExpr>(Arg))
      Site.Args.push_back(Arg);
  if (Args.empty())
    return Site;
  const Expr *Callable = lookThrough(Args.front());
  if (const auto *Unary = dyn_cast<UnaryOperator>(Callable);
      Unary && Unary->getOpcode() == UO_AddrOf)
    Callable = Unary->getSubExpr()->IgnoreParenImpCasts();
  if (const auto *Ref = dyn_cast<DeclRefExpr>(Callable)) {
    // A lambda kept in a local first: `auto worker = [ch] {...}; ctx::go(worker);`
    if (const auto *Var = dyn_cast<VarDecl>(Ref->getDecl()); Var && Var->isLocalVarDecl())
      Callable = lookThrough(Var->getInit());
    else if (const auto *Function = dyn_cast<FunctionDecl>(Ref->getDecl()))
      if (const FunctionDecl *Definition = Function->getDefinition();
          Definition && Definition->hasBody())
        Site.Body = Definition;
  }
  if (const auto *Lambda = dyn_cast_or_null<LambdaExpr>(Callable)) {
    Site.Lambda = Lambda;
    Site.Body = Lambda->getCallOperator();
  }
  return Site;
}

void addSpawnMatchers(ast_matchers::MatchFinder *Finder,
                      ast_matchers::MatchFinder::MatchCallback *Callback, const RoleModel *Model,
                      llvm::StringRef Id) {
  using namespace ast_matchers;
  // One matcher per node kind, anchored on the declaration, so that the
  // finder only tries them on constructions and member calls. (No
  // isInTemplateInstantiation() here: it walks the TU-wide parent map; the
  // checks analyse the enclosing function's pattern instead.)
  auto Written = unless(isExpansionInSystemHeader());
  Finder->addMatcher(
      cxxConstructExpr(hasDeclaration(cxxConstructorDecl(ofClass(playsRole(Model, Role::Go)))),
                       Written)
          .bind(Id),
      Callback);
  Finder->addMatcher(
      cxxMemberCallExpr(callee(cxxMethodDecl(playsRole(Model, Role::Go))), Written).bind(Id),
      Callback);
  Finder->addMatcher(cxxUnresolvedConstructExpr(callsRole(Model, Role::Go), Written).bind(Id),
                     Callback);
}

std::optional<std::uint64_t> channelCapacity(const VarDecl *Var, const ASTContext &Ctx) {
  // In a template pattern, `ctx::Chan<T> ch;` has no initializer yet and
  // `ctx::Chan<T> ch(n);` keeps its argument list.
  if (Var->getType()->isDependentType()) {
    if (!Var->hasInit())
      return 0;
    const auto *List = dyn_cast<ParenListExpr>(Var->getInit());
    Expr::EvalResult Result;
    if (!List || List->getNumExprs() != 1 || List->getExpr(0)->isValueDependent() ||
        !List->getExpr(0)->EvaluateAsInt(Result, Ctx))
      return std::nullopt;
    return Result.Val.getInt().getZExtValue();
  }
  const auto *Construct = dyn_cast_or_null<CXXConstructExpr>(lookThrough(Var->getInit()));
  return Construct ? constructedCapacity(Construct, Ctx) : std::nullopt;
}

std::optional<std::uint64_t> constructedCapacity(const CXXConstructExpr *Construct,
                                                 const ASTContext &Ctx) {
  if (Construct->getNumArgs() == 0)
    return 0;
  if (Construct->getNumArgs() != 1)
    return std::nullopt;
  Expr::EvalResult Result;
  const Expr *Capacity = Construct->getArg(0);
  if (Capacity->isValueDependent() || !Capacity->EvaluateAsInt(Result, Ctx))
    return std::nullopt;
  return Result.Val.getInt().getZExtValue();
}

} // namespace clang::tidy::ctx
