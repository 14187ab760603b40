//===--- Starter.cpp - ctxguard -------------------------------------------===//

#include "Starter.h"
#include "ChannelBuffer.h"
#include "Walk.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Analysis/CFG.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/SmallBitVector.h"

namespace clang::tidy::ctx {

namespace {

// Whether \p Ref is the initializer of one of \p Lambda's init-captures.
bool initializesCapture(const DeclRefExpr *Ref, const LambdaExpr *Lambda) {
  for (const LambdaCapture &Capture : Lambda->captures())
    if (Lambda->isInitCapture(&Capture))
      if (const auto *Var = dyn_cast<VarDecl>(Capture.getCapturedVar());
          Var && lookThrough(Var->getInit()) == Ref)
        return true;
  return false;
}

} // namespace

void ChannelUse::addGoroutineOp(unsigned Spawn, const ChanOp &Op) {
  for (auto &[Index, Ops] : Goroutines)
    if (Index == Spawn)
      return Ops.push_back(Op);
  Goroutines.push_back({Spawn, {Op}});
}

StarterAnalysis::StarterAnalysis(const FunctionDecl *Starter, AnalysisCore &Core,
                                 const RoleModel &Model)
    : Starter(Starter), Core(Core), Ctx(*Core.context()), Model(Model),
      Facts(Core.channelFacts(Model, Starter)) {}

bool StarterAnalysis::isCandidate(const VarDecl *Var) const {
  return Var && Var->getDeclContext() == Starter && isLocalChannel(Var) &&
         channelCapacity(Var, Ctx).has_value();
}

std::optional<unsigned> StarterAnalysis::spawnOfLambda(const LambdaExpr *Lambda) const {
  for (unsigned I = 0; I < Facts.Spawns.size(); ++I)
    if (Lambda && Facts.Spawns[I].Lambda == Lambda)
      return I;
  return std::nullopt;
}

// The starter's channel a goroutine lambda's variable stands for: the
// captured variable itself, an init-capture's initializer, or the spawn
// argument bound to a parameter of the lambda.
const VarDecl *StarterAnalysis::starterVarOf(const VarDecl *Var) const {
  if (Var->isInitCapture())
    return channelVar(Var->getInit(), Model);
  if (const auto *Param = dyn_cast<ParmVarDecl>(Var)) {
    for (const SpawnSite &Spawn : Facts.Spawns) {
      if (!Spawn.Lambda || Param->getDeclContext() != Spawn.Body)
        continue;
      unsigned Index = Param->getFunctionScopeIndex();
      return Index < Spawn.Args.size() ? channelVar(Spawn.Args[Index], Model) : nullptr;
    }
    return nullptr;
  }
  return Var;
}

bool StarterAnalysis::isSpawnArgument(const DeclRefExpr *Ref) const {
  for (const SpawnSite &Spawn : Facts.Spawns)
    for (const Expr *Arg : Spawn.Args)
      if (lookThrough(Arg) == Ref)
        return Spawn.Body != nullptr; // a callable we cannot see may do anything
  return false;
}

llvm::SmallVector<ChannelUse, 2> StarterAnalysis::channelUses() const {
  llvm::SmallVector<ChannelUse, 2> Uses;
  auto UseOf = [&](const VarDecl *Var) -> ChannelUse * {
    for (ChannelUse &Use : Uses)
      if (Use.Var == Var)
        return &Use;
    if (!isCandidate(Var))
      return nullptr;
    Uses.push_back({Var, *channelCapacity(Var, Ctx), {}, {}, false});
    return &Uses.back();
  };
  llvm::DenseMap<const DeclRefExpr *, const ChanOp *> OpOfRef;
  for (const ChanOp &Op : Facts.Ops)
    OpOfRef[Op.Ref] = &Op;
  // A local view of a channel (`ctx::SendChan<int> out = ch;`) is the
  // channel: its uses are the channel's, and making it is no escape.
  llvm::SmallPtrSet<const Expr *, 4> ViewSources;
  for (const auto &Ref : Facts.Refs)
    if (const auto *Var = dyn_cast<VarDecl>(Ref.first->getDecl());
        Var && viewedChannel(Var, Model) != Var)
      ViewSources.insert(lookThrough(Var->getInit(), &Model));
  for (const auto &[Ref, Lambda] : Facts.Refs) {
    const auto *Var = cast<VarDecl>(Ref->getDecl());
    const VarDecl *Channel = Lambda ? starterVarOf(Var) : Var;
    ChannelUse *Use = UseOf(Channel ? viewedChannel(Channel, Model) : nullptr);
    if (!Use || ViewSources.contains(Ref))
      continue;
    const ChanOp *Op = OpOfRef.lookup(Ref);
    std::optional<unsigned> Spawn = spawnOfLambda(Lambda);
    if (Op && !Lambda)
      Use->StarterOps.push_back(*Op);
    else if (Op && Spawn)
      Use->addGoroutineOp(*Spawn, *Op);
    else if (!Lambda && isSpawnArgument(Ref))
      continue; // bound to a parameter of the goroutine's function or lambda
    else if (Spawn && addHelperOps(*Spawn, Ref, *Use))
      continue; // handed to a helper that only operates on it
    else if (!Spawn || !initializesCapture(Ref, Facts.Spawns[*Spawn].Lambda))
      Use->Escapes = true;
  }
  for (unsigned I = 0; I < Facts.Spawns.size(); ++I)
    if (Facts.Spawns[I].Body && !Facts.Spawns[I].Lambda)
      addFunctionGoroutine(I, Uses);
  return Uses;
}

// A goroutine lambda that hands the channel to a function of this
// translation unit (`ctx::go([ch] { produce(ch); })`): the function's
// operations on that parameter are the goroutine's, repeated when the call
// is in a loop of the lambda. A function of another TU: the operations its
// facts give, at the call. False when \p Ref is not such an argument or the
// function does more with the parameter than operate on it.
bool StarterAnalysis::addHelperOps(unsigned SpawnIndex, const DeclRefExpr *Ref,
                                   ChannelUse &Use) const {
  const ParentIndex &Parents = Core.parents(Starter);
  const Stmt *Arg = Ref;
  const Stmt *P = Parents.parent(Arg);
  while (P && lookThrough(cast<Expr>(Arg), &Model) == Ref && !isa<CallExpr>(P) && isa<Expr>(P)) {
    Arg = P;
    P = Parents.parent(P);
  }
  const auto *Call = dyn_cast_or_null<CallExpr>(P);
  const FunctionDecl *Callee = Call ? Call->getDirectCallee() : nullptr;
  const FunctionDecl *Helper = Callee ? Callee->getDefinition() : nullptr;
  unsigned Index = 0;
  while (Call && Index < Call->getNumArgs() && Call->getArg(Index) != Arg)
    ++Index;
  if (!Call || Index >= Call->getNumArgs() || isa<CXXMethodDecl>(Callee))
    return false;
  bool Repeated = false;
  for (const Stmt *S = Call; S && !isa<LambdaExpr>(S); S = Parents.parent(S))
    Repeated |= isLoop(S);
  if (!Helper)
    return addFactsOps(SpawnIndex, Ref, *Call, Index, Repeated, Use);
  if (!Helper->hasBody() || Helper == Starter || Index >= Helper->getNumParams())
    return false;
  std::optional<llvm::SmallVector<ChanOp, 2>> Ops = paramOps(Helper, Index);
  if (!Ops)
    return false;
  for (ChanOp &Op : *Ops) {
    Op.InLoop |= Repeated;
    Use.addGoroutineOp(SpawnIndex, Op);
  }
  return true;
}

// The operations of \p F on its parameter \p Param; none when \p F does
// more with it than operate on it (stores it, passes it on, or a lambda of
// \p F uses it).
std::optional<llvm::SmallVector<ChanOp, 2>> StarterAnalysis::paramOps(const FunctionDecl *F,
                                                                      unsigned Param) const {
  const ChannelFacts &Own = Core.channelFacts(Model, F);
  llvm::DenseMap<const DeclRefExpr *, const ChanOp *> OpOfRef;
  for (const ChanOp &Op : Own.Ops)
    OpOfRef[Op.Ref] = &Op;
  llvm::SmallVector<ChanOp, 2> Ops;
  for (const auto &[Ref, Lambda] : Own.Refs) {
    if (Ref->getDecl() != F->getParamDecl(Param))
      continue;
    const ChanOp *Op = OpOfRef.lookup(Ref);
    if (Lambda || !Op)
      return std::nullopt;
    Ops.push_back(*Op);
  }
  return Ops;
}

// The helper's operations in a goroutine when another TU defines it: one
// send, receive or close at the call for each its facts name. One that keeps
// the channel, or repeats its operations (how often is unknown), is not
// modelled.
bool StarterAnalysis::addFactsOps(unsigned SpawnIndex, const DeclRefExpr *Ref,
                                  const CallExpr &Call, unsigned Param, bool Repeated,
                                  ChannelUse &Use) const {
  FactsEngine &Engine = Core.facts(Model);
  const FunctionFacts *Helper = Engine.known(Call.getDirectCallee());
  if (!Helper || Engine.paramFact(*Helper, Param, OpenFact::PassesOn) ||
      Engine.paramFact(*Helper, Param, OpenFact::Repeats))
    return false;
  const auto *Var = cast<VarDecl>(Ref->getDecl());
  for (auto [Kind, Fact] : {std::pair(ChanOpKind::Send, OpenFact::Sends),
                            std::pair(ChanOpKind::Recv, OpenFact::Receives),
                            std::pair(ChanOpKind::Close, OpenFact::Closes)})
    if (Engine.paramFact(*Helper, Param, Fact))
      Use.addGoroutineOp(SpawnIndex,
                         {Kind, Var, &Call, Ref, Facts.Spawns[SpawnIndex].Lambda, Repeated});
  return true;
}

// A goroutine running a function of this translation unit: its operations on
// the parameters bound to the starter's channels.
void StarterAnalysis::addFunctionGoroutine(unsigned SpawnIndex,
                                           llvm::SmallVectorImpl<ChannelUse> &Uses) const {
  const SpawnSite &Spawn = Facts.Spawns[SpawnIndex];
  for (unsigned I = 0; I < Spawn.Args.size() && I < Spawn.Body->getNumParams(); ++I) {
    const VarDecl *Var = channelVar(Spawn.Args[I], Model);
    auto *Use = llvm::find_if(Uses, [&](const ChannelUse &U) { return Var && U.Var == Var; });
    if (Use == Uses.end())
      continue;
    std::optional<llvm::SmallVector<ChanOp, 2>> Ops = paramOps(Spawn.Body, I);
    if (!Ops)
      Use->Escapes = true;
    for (const ChanOp &Op : Ops ? *Ops : llvm::SmallVector<ChanOp, 2>())
      Use->addGoroutineOp(SpawnIndex, Op);
  }
}

llvm::SmallVector<PrivateChannel, 1>
StarterAnalysis::privateChannels(const SpawnSite &Spawn) const {
  llvm::SmallVector<PrivateChannel, 1> Channels;
  if (!Spawn.Body)
    return Channels;
  for (unsigned I = 0; I < Spawn.Args.size() && I < Spawn.Body->getNumParams(); ++I) {
    const auto *Created = dyn_cast<CXXConstructExpr>(lookThrough(Spawn.Args[I]));
    std::optional<std::uint64_t> Capacity;
    if (Created && Model.isType(Created->getType(), Role::Chan))
      Capacity = constructedCapacity(Created, Ctx);
    if (Capacity)
      Channels.push_back({Spawn.Body->getParamDecl(I), Created, *Capacity, {}, false});
  }
  if (Channels.empty())
    return Channels;
  // A lambda's facts were collected with the starter's; a function's are its own.
  const ChannelFacts &Body = Spawn.Lambda ? Facts : Core.channelFacts(Model, Spawn.Body);
  llvm::DenseMap<const DeclRefExpr *, const ChanOp *> OpOfRef;
  for (const ChanOp &Op : Body.Ops)
    OpOfRef[Op.Ref] = &Op;
  for (const auto &[Ref, Lambda] : Body.Refs) {
    auto *Channel =
        llvm::find_if(Channels, [&](const PrivateChannel &C) { return C.Param == Ref->getDecl(); });
    if (Channel == Channels.end())
      continue;
    const ChanOp *Op = OpOfRef.lookup(Ref);
    if (Op && Lambda == Spawn.Lambda)
      Channel->Ops.push_back(*Op);
    else
      Channel->Escapes = true;
  }
  return Channels;
}

const ChanOp *StarterAnalysis::starterOp(const Stmt *S, const ChannelUse &Use) const {
  for (const ChanOp &Op : Use.StarterOps)
    if (Op.S == S)
      return &Op;
  return nullptr;
}

// Whether \p Var is a channel of the starter that only ever appears as a
// receive case of its selects: nothing sends on it or closes it, so those
// cases can never be taken.
bool StarterAnalysis::isInert(const VarDecl *Var) const {
  if (!isCandidate(Var))
    return false;
  llvm::SmallPtrSet<const DeclRefExpr *, 4> CaseRefs;
  for (const ChanOp &Op : Facts.Ops)
    if (Op.Var == Var && Op.Kind == ChanOpKind::CaseRecv && !Op.Lambda)
      CaseRefs.insert(Op.Ref);
  return llvm::all_of(Facts.Refs, [&](const auto &Ref) {
    return Ref.first->getDecl() != Var || CaseRefs.contains(Ref.first);
  });
}

// Whether every run of \p Select serves the goroutines on \p Use: its only
// case that can be taken is one on their channel in the serving direction
// (`ctx::select(ctx::recv(never), ctx::send(ch, 1))`).
bool StarterAnalysis::selectAlwaysServes(const CallExpr &Select, const ChannelUse &Use,
                                         Direction What) const {
  ChanOpKind Serving = What == Direction::Sends ? ChanOpKind::CaseRecv : ChanOpKind::CaseSend;
  unsigned Serves = 0;
  for (const Expr *Arg : Select.arguments()) {
    const Expr *Case = lookThrough(Arg);
    if (const ChanOp *Op = starterOp(Case, Use); Op && Op->Kind == Serving) {
      ++Serves;
      continue;
    }
    const auto *Call = dyn_cast<CallExpr>(Case);
    const VarDecl *Var = Call && Call->getNumArgs() > 0 && Model.calls(Call, Role::CaseRecv)
                             ? channelVar(Call->getArg(0), Model)
                             : nullptr;
    if (!Var || Var == Use.Var || !isInert(Var))
      return false; // a case that may be taken instead
  }
  return Serves == 1;
}

// The select call \p E is, if it is one.
const CallExpr *StarterAnalysis::asSelect(const Expr *E) const {
  const auto *Call = dyn_cast_or_null<CallExpr>(lookThrough(E));
  return Call && Model.calls(Call, Role::Select) ? Call : nullptr;
}

// The index of the select case that taking successor \p Succ of a branch on
// ctx::select(...) implies: a `case K:` label of a switch over it, or the
// matching branch of `if (ctx::select(...) == K)` (or `!= K`). Sets
// \p Infeasible for the edge past the labels of a switch naming every case.
std::optional<unsigned> StarterAnalysis::selectCaseTaken(const Stmt &Terminator, unsigned Succ,
                                                         const CFGBlock &To,
                                                         const CallExpr *&Select,
                                                         bool &Infeasible) const {
  std::optional<llvm::APSInt> Index;
  if (const auto *Switch = dyn_cast<SwitchStmt>(&Terminator)) {
    Select = asSelect(Switch->getCond());
    if (!Select)
      return std::nullopt;
    const auto *Case = dyn_cast_or_null<CaseStmt>(To.getLabel());
    if (isa_and_nonnull<DefaultStmt>(To.getLabel()))
      return onlyCaseLeft(*Switch, Select->getNumArgs());
    if (!Case) {
      Infeasible = !To.getLabel() && coversEveryCase(*Switch, Select->getNumArgs());
      return std::nullopt;
    }
    Index = Case->getLHS()->getIntegerConstantExpr(Ctx);
  } else if (const auto *If = dyn_cast<IfStmt>(&Terminator)) {
    const auto *Compare = dyn_cast_or_null<BinaryOperator>(lookThrough(If->getCond()));
    if (!Compare || !Compare->isEqualityOp())
      return std::nullopt;
    const Expr *Other = Compare->getRHS();
    Select = asSelect(Compare->getLHS());
    if (!Select) {
      Select = asSelect(Compare->getRHS());
      Other = Compare->getLHS();
    }
    if (!Select)
      return std::nullopt;
    Index = Other->getIntegerConstantExpr(Ctx);
    // The edge on which the comparison fails takes another case: with two
    // cases, the other one (`if (select(a, timeout) == 1) return;`).
    bool Matches = Succ == (Compare->getOpcode() == BO_EQ ? 0U : 1U);
    if (!Matches) {
      if (!Index || Select->getNumArgs() != 2 || Index->getZExtValue() > 1)
        return std::nullopt;
      Index = llvm::APSInt::get(1 - Index->getZExtValue());
    }
  }
  if (!Index || Index->isNegative() || Index->getZExtValue() >= Select->getNumArgs())
    return std::nullopt;
  return static_cast<unsigned>(Index->getZExtValue());
}

// The one index below \p Cases that no case label of \p Switch names: the
// select case its `default:` label takes.
std::optional<unsigned> StarterAnalysis::onlyCaseLeft(const SwitchStmt &Switch,
                                                      unsigned Cases) const {
  llvm::SmallBitVector Named = namedCases(Switch, Cases);
  if (Named.count() + 1 != Cases)
    return std::nullopt;
  return static_cast<unsigned>(Named.find_first_unset());
}

// Whether the case labels of \p Switch name every index below \p Cases.
bool StarterAnalysis::coversEveryCase(const SwitchStmt &Switch, unsigned Cases) const {
  for (const SwitchCase *Label = Switch.getSwitchCaseList(); Label;
       Label = Label->getNextSwitchCase())
    if (isa<DefaultStmt>(Label))
      return false;
  return namedCases(Switch, Cases).all();
}

// The indices below \p Cases that case labels of \p Switch name.
llvm::SmallBitVector StarterAnalysis::namedCases(const SwitchStmt &Switch, unsigned Cases) const {
  llvm::SmallBitVector Named(Cases);
  for (const SwitchCase *Label = Switch.getSwitchCaseList(); Label;
       Label = Label->getNextSwitchCase()) {
    const auto *Case = dyn_cast<CaseStmt>(Label);
    if (!Case)
      continue; // the default label
    if (std::optional<llvm::APSInt> Index = Case->getLHS()->getIntegerConstantExpr(Ctx);
        Index && !Index->isNegative() && Index->getZExtValue() < Cases)
      Named.set(Index->getZExtValue());
  }
  return Named;
}

// What taking the edge From -> To does for the goroutines: entering the body
// of a range-for over the channel receives one value and leaving it drains
// the channel; a switch over ctx::select(...) takes the case it names.
unsigned StarterAnalysis::serveOnEdge(const CFGBlock &From, unsigned Succ, const CFGBlock &To,
                                      const ChannelUse &Use, Direction What, bool &Drained) const {
  const Stmt *Terminator = From.getTerminatorStmt();
  if (!Terminator)
    return 0;
  if (const ChanOp *Range = starterOp(Terminator, Use); Range && Range->Kind == ChanOpKind::Range) {
    Drained = Succ == 1;
    return Succ == 0 ? 1 : 0;
  }
  const CallExpr *Select = nullptr;
  std::optional<unsigned> Index = selectCaseTaken(*Terminator, Succ, To, Select, Drained);
  if (!Index || selectAlwaysServes(*Select, Use, What))
    return 0; // an always-serving select was counted where it runs
  const ChanOp *Taken = starterOp(lookThrough(Select->getArg(*Index)), Use);
  ChanOpKind Serving = What == Direction::Sends ? ChanOpKind::CaseRecv : ChanOpKind::CaseSend;
  return Taken && Taken->Kind == Serving ? 1 : 0;
}

AbandoningExit StarterAnalysis::exitOf(const CFGBlock &B) const {
  for (auto It = B.rbegin(); It != B.rend(); ++It) {
    std::optional<CFGStmt> Element = It->getAs<CFGStmt>();
    if (!Element)
      continue;
    if (isa<ReturnStmt>(Element->getStmt()) || isa<CoreturnStmt>(Element->getStmt()))
      return {Element->getStmt()->getBeginLoc(), "returns"};
    if (isa<CXXThrowExpr>(Element->getStmt()))
      return {Element->getStmt()->getBeginLoc(), "throws"};
    break;
  }
  return {Starter->getBody()->getEndLoc(), "ends"};
}

const Stmt *StarterAnalysis::loopOf(const Stmt *S, const VarDecl *Channel) const {
  const ParentIndex &Parents = Core.parents(Starter);
  const SourceManager &SM = Ctx.getSourceManager();
  for (const Stmt *Child = S, *P = Parents.parent(S); P; Child = P, P = Parents.parent(P)) {
    if (isa<LambdaExpr>(P))
      return nullptr;
    if (const auto *For = dyn_cast<ForStmt>(P); For && Child == For->getInit())
      continue; // the initializer runs once
    if (!isLoop(P))
      continue;
    if (Channel && !SM.isBeforeInTranslationUnit(Channel->getLocation(), P->getBeginLoc()) &&
        SM.isBeforeInTranslationUnit(Channel->getLocation(), P->getEndLoc()))
      return nullptr; // each round makes a new channel
    return P;
  }
  return nullptr;
}

namespace {

// What a loop counts: a constant, a bound expression, or the elements of a
// variable it ranges over (`for (auto &x : items)`, `i < items.size()`).
struct LoopCount {
  std::optional<std::uint64_t> Constant;
  const Expr *Bound = nullptr;
  const ValueDecl *Elements = nullptr;
};

// The variable whose size \p E is: `items.size()`, through casts.
const ValueDecl *sizeOf(const Expr *E) {
  const auto *Call = E ? dyn_cast<CXXMemberCallExpr>(E->IgnoreParenCasts()) : nullptr;
  const CXXMethodDecl *Method = Call ? Call->getMethodDecl() : nullptr;
  if (!Method || Call->getNumArgs() != 0 || !Method->getIdentifier() || Method->getName() != "size")
    return nullptr;
  const auto *Ref = dyn_cast<DeclRefExpr>(Call->getImplicitObjectArgument()->IgnoreParenImpCasts());
  return Ref ? Ref->getDecl() : nullptr;
}

std::optional<LoopCount> countOf(const Stmt *Loop, ASTContext &Ctx) {
  LoopCount Count;
  if (const auto *Range = dyn_cast<CXXForRangeStmt>(Loop)) {
    const Expr *Init = lookThrough(Range->getRangeInit());
    if (const auto *List = dyn_cast<CXXStdInitializerListExpr>(Init))
      Init = lookThrough(List->getSubExpr());
    if (const auto *List = dyn_cast<InitListExpr>(Init)) {
      Count.Constant = List->getNumInits(); // `for (auto f : {a, b, c})`
      return Count;
    }
    if (const auto *Array = dyn_cast<ConstantArrayType>(Init->getType()->getUnqualifiedDesugaredType()))
      Count.Constant = Array->getSize().getZExtValue();
    const auto *Ref = dyn_cast<DeclRefExpr>(Init);
    if (!Ref && !Count.Constant)
      return std::nullopt;
    Count.Elements = Ref ? Ref->getDecl() : nullptr;
    return Count;
  }
  Count.Bound = tripCount(Loop, Ctx);
  if (!Count.Bound)
    return std::nullopt;
  Expr::EvalResult Value;
  if (!Count.Bound->isValueDependent() && Count.Bound->EvaluateAsInt(Value, Ctx) &&
      !Value.Val.getInt().isNegative())
    Count.Constant = Value.Val.getInt().getZExtValue();
  Count.Elements = sizeOf(Count.Bound);
  return Count;
}

} // namespace

std::optional<std::uint64_t> StarterAnalysis::constantTrips(const Stmt *Loop) const {
  std::optional<LoopCount> Count = countOf(Loop, Ctx);
  return Count ? Count->Constant : std::nullopt;
}

bool StarterAnalysis::sameTrips(const Stmt *A, const Stmt *B,
                                std::optional<std::uint64_t> &Constant) const {
  std::optional<LoopCount> CountA = countOf(A, Ctx), CountB = countOf(B, Ctx);
  if (!CountA || !CountB)
    return false;
  Constant = CountA->Constant;
  if (CountA->Constant || CountB->Constant)
    return CountA->Constant == CountB->Constant;
  if (CountA->Elements || CountB->Elements)
    return CountA->Elements == CountB->Elements;
  return sameCount(CountA->Bound, CountB->Bound, Starter->getBody(), Ctx);
}

// The variables the starter's receives put a value in: `auto v = ch.recv();`
// and the out-parameter of `ctx::recv(ch, v)`.
llvm::SmallPtrSet<const ValueDecl *, 4>
StarterAnalysis::receivedValues(const ChannelUse &Use) const {
  llvm::SmallPtrSet<const ValueDecl *, 4> Values;
  const ParentIndex &Parents = Core.parents(Starter);
  for (const ChanOp &Op : Use.StarterOps) {
    const auto *Call = dyn_cast<CallExpr>(Op.S);
    if (Op.Kind == ChanOpKind::CaseRecv && Call && Call->getNumArgs() > 1) {
      if (const auto *Out = dyn_cast<DeclRefExpr>(lookThrough(Call->getArg(1))))
        Values.insert(Out->getDecl());
    } else if (Op.Kind == ChanOpKind::Recv) {
      for (const Stmt *P = Parents.parent(Op.S); P && !isa<CompoundStmt>(P); P = Parents.parent(P))
        if (const auto *DS = dyn_cast<DeclStmt>(P))
          for (const Decl *D : DS->decls())
            if (const auto *Var = dyn_cast<ValueDecl>(D))
              Values.insert(Var);
    }
  }
  return Values;
}

namespace {

// Whether \p E tests whether a received value is there: `v`, `v.has_value()`,
// or the receive itself; sets \p Negated for `!v`.
bool testsPresence(const Expr *E, const llvm::SmallPtrSetImpl<const ValueDecl *> &Values,
                   const llvm::SmallPtrSetImpl<const Stmt *> &Receives, bool &Negated) {
  E = E->IgnoreParenImpCasts();
  if (const auto *Not = dyn_cast<UnaryOperator>(E); Not && Not->getOpcode() == UO_LNot) {
    Negated = !Negated;
    return testsPresence(Not->getSubExpr(), Values, Receives, Negated);
  }
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(E)) {
    const CXXMethodDecl *Method = Member->getMethodDecl();
    if (Method && (isa<CXXConversionDecl>(Method) ||
                   (Method->getIdentifier() && Method->getName() == "has_value")))
      E = Member->getImplicitObjectArgument()->IgnoreParenImpCasts();
  }
  if (const auto *Ref = dyn_cast<DeclRefExpr>(lookThrough(E)))
    return Values.contains(Ref->getDecl());
  return Receives.contains(lookThrough(E));
}

// Whether \p S mentions one of \p Values.
bool mentions(const Stmt *S, const llvm::SmallPtrSetImpl<const ValueDecl *> &Values) {
  return !walk(S, Lambdas::Separate, [&](const Stmt *Child, const WalkPosition &) {
    const auto *Ref = dyn_cast<DeclRefExpr>(Child);
    return Ref && Values.contains(Ref->getDecl()) ? WalkAction::Stop : WalkAction::Continue;
  });
}

// The condition a branch terminator tests, with its condition variable.
const Expr *conditionOf(const Stmt *Terminator, const VarDecl *&ConditionVar) {
  ConditionVar = nullptr;
  if (const auto *If = dyn_cast<IfStmt>(Terminator)) {
    ConditionVar = If->getConditionVariable();
    return If->getCond();
  }
  if (const auto *While = dyn_cast<WhileStmt>(Terminator)) {
    ConditionVar = While->getConditionVariable();
    return While->getCond();
  }
  if (const auto *For = dyn_cast<ForStmt>(Terminator)) {
    ConditionVar = For->getConditionVariable();
    return For->getCond();
  }
  if (const auto *Do = dyn_cast<DoStmt>(Terminator))
    return Do->getCond();
  return nullptr;
}

} // namespace

struct StarterAnalysis::PathState {
  const CFGBlock *B;
  unsigned First;
  unsigned Served;
  unsigned Trips;      // times the counted loop's body was entered
  bool ValueDependent; // a branch on a received value was taken (unbounded needs)
};

llvm::SmallVector<AbandoningExit, 2>
StarterAnalysis::abandoningExits(const ChannelUse &Use, const SpawnSite &Spawn,
                                 const ServicePlan &Plan) {
  llvm::SmallVector<AbandoningExit, 2> Exits;
  const FunctionCfg *Cfg = Core.cfg(Starter);
  std::optional<FunctionCfg::Point> Start = Cfg ? Cfg->pointOf(Spawn.E) : std::nullopt;
  if (!Start)
    return Exits;
  const CFGBlock &ExitBlock = Cfg->graph().getExit();
  const bool Counted = Plan.Need < UnboundedNeed;
  const Direction What = Plan.What;
  ChanOpKind Serving = What == Direction::Sends ? ChanOpKind::Recv : ChanOpKind::Send;
  // For an unbounded need: the values received, and the receives themselves.
  llvm::SmallPtrSet<const ValueDecl *, 4> Values;
  llvm::SmallPtrSet<const Stmt *, 4> Receives;
  if (!Counted && What == Direction::Sends) {
    Values = receivedValues(Use);
    for (const ChanOp &Op : Use.StarterOps)
      if (Op.Kind == ChanOpKind::Recv)
        Receives.insert(Op.S);
  }
  llvm::SmallVector<PathState, 16> Work{{Start->Block, Start->Index + 1, 0, 0, false}};
  llvm::DenseSet<std::tuple<unsigned, unsigned, unsigned, unsigned>> Seen;
  llvm::DenseSet<unsigned> ExitBlocks;
  while (!Work.empty()) {
    PathState S = Work.pop_back_val();
    bool Done = false;
    for (unsigned I = S.First; I < S.B->size() && !Done; ++I) {
      std::optional<CFGStmt> Element = (*S.B)[I].getAs<CFGStmt>();
      if (!Element)
        continue;
      if (const CallExpr *Select = asSelect(dyn_cast<Expr>(Element->getStmt()));
          Select && selectAlwaysServes(*Select, Use, What)) {
        S.Served += Counted;
        Done = Counted && S.Served >= Plan.Need;
        continue;
      }
      const ChanOp *Op = starterOp(Element->getStmt(), Use);
      if (!Op)
        continue;
      S.Served += Counted && Op->Kind == Serving;
      Done = Op->Kind == ChanOpKind::Close || (Counted && S.Served >= Plan.Need);
    }
    if (Done || S.B->hasNoReturnElement())
      continue;
    const Stmt *Terminator = S.B->getTerminatorStmt();
    const VarDecl *ConditionVar = nullptr;
    const Expr *Condition = Terminator ? conditionOf(Terminator, ConditionVar) : nullptr;
    for (unsigned Succ = 0; Succ < S.B->succ_size(); ++Succ) {
      const CFGBlock *Next = *(S.B->succ_begin() + Succ);
      if (!Next)
        continue;
      if (Next == &ExitBlock) {
        // A throw that no handler of a try statement matches is a guess the
        // CFG makes for every type: do not report it. Nor an exit that
        // depends on what was received (a sentinel may end the protocol).
        if (isa_and_nonnull<CXXTryStmt>(Terminator) || S.ValueDependent)
          continue;
        // A return expanded from a system header's macro (a test framework's
        // ASSERT_*) is a failure bail-out, not a path the code chooses.
        AbandoningExit Exit = exitOf(*S.B);
        if (!Ctx.getSourceManager().isInSystemMacro(Exit.Loc) &&
            ExitBlocks.insert(S.B->getBlockID()).second)
          Exits.push_back(Exit);
        continue;
      }
      PathState N{Next, 0, S.Served, S.Trips, S.ValueDependent};
      // The counted loop runs its body exactly Trips times.
      if (Plan.CountedLoop && Terminator == Plan.CountedLoop) {
        if (Succ == 0 && N.Trips >= Plan.Trips)
          continue;
        if (Succ != 0 && N.Trips != Plan.Trips)
          continue;
        N.Trips += Succ == 0;
      }
      // Unbounded: a receive that finds the channel closed drained it; any
      // other branch on a received value makes the exits it leads to unknown.
      if (Condition && (!Values.empty() || !Receives.empty())) {
        bool Negated = false;
        const Expr *Tested = ConditionVar && ConditionVar->getInit() ? ConditionVar->getInit()
                                                                      : Condition;
        if (testsPresence(Tested, Values, Receives, Negated)) {
          if ((Succ == 0) == Negated)
            continue; // the value is absent on this edge: the channel is closed and drained
        } else if (mentions(Condition, Values)) {
          N.ValueDependent = true;
        }
      }
      bool Drained = false;
      unsigned More = serveOnEdge(*S.B, Succ, *Next, Use, What, Drained);
      N.Served = Counted ? S.Served + More : 0;
      if (Drained || (Counted && N.Served >= Plan.Need))
        continue;
      if (Seen.insert({Next->getBlockID(), N.Served, N.Trips, unsigned(N.ValueDependent)}).second)
        Work.push_back(N);
    }
  }
  return Exits;
}

} // namespace clang::tidy::ctx
