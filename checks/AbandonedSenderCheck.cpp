//===--- AbandonedSenderCheck.cpp - ctxguard ------------------------------===//

#include "AbandonedSenderCheck.h"
#include "model/Cfg.h"
#include "model/ChannelFlow.h"
#include "model/ContextScope.h"
#include "model/Matchers.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Analysis/CFG.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/SmallBitVector.h"

using namespace clang::ast_matchers;

namespace clang::tidy::ctx {

namespace {

constexpr RoleOption UsedRoleOptions[] = {RoleOption::ChannelTypes, RoleOption::SpawnFunctions,
                                          RoleOption::SelectFunctions};

// A need no path can count up to: the goroutines send (or receive) in a loop
// or are started in one. Only a drain serves them: the starter's range-for
// over the channel running to its end, or a close.
constexpr unsigned Unbounded = 1024;

// What the goroutines do on the channel, and so what the starter owes them.
enum class Direction : std::uint8_t { Sends, Receives };

/// One channel created by the starter, with what the starter and each of the
/// goroutines it starts do on it.
struct ChannelUse {
  const VarDecl *Var = nullptr;
  std::uint64_t Capacity = 0;
  llvm::SmallVector<ChanOp, 4> StarterOps;
  // (index into the starter's spawns, the goroutine's operations)
  llvm::SmallVector<std::pair<unsigned, llvm::SmallVector<ChanOp, 2>>, 2> Goroutines;
  bool Escapes = false; // used in a way this check does not model: stay silent

  void addGoroutineOp(unsigned Spawn, const ChanOp &Op) {
    for (auto &[Index, Ops] : Goroutines)
      if (Index == Spawn)
        return Ops.push_back(Op);
    Goroutines.push_back({Spawn, {Op}});
  }
};

/// A channel created as a spawn argument (`ctx::go(worker, ctx::Chan<int>{})`):
/// only the goroutine holds it, so nobody else can ever serve it.
struct PrivateChannel {
  const ParmVarDecl *Param;
  const CXXConstructExpr *Created;
  std::uint64_t Capacity;
  llvm::SmallVector<ChanOp, 2> Ops;
  bool Escapes = false;
};

/// An exit of the starter reached while a goroutine still waits on it.
struct AbandoningExit {
  SourceLocation Loc;
  llvm::StringRef Verb; // "returns", "throws", "ends"
};

// Whether \p Ref is the initializer of one of \p Lambda's init-captures.
bool initializesCapture(const DeclRefExpr *Ref, const LambdaExpr *Lambda) {
  for (const LambdaCapture &Capture : Lambda->captures())
    if (Lambda->isInitCapture(&Capture))
      if (const auto *Var = dyn_cast<VarDecl>(Capture.getCapturedVar());
          Var && ignoreTemporaries(Var->getInit()) == Ref)
        return true;
  return false;
}

bool isReceive(ChanOpKind K) { return K == ChanOpKind::Recv || K == ChanOpKind::Range; }

/// The starter's side: its channels, its goroutines and its control flow.
class StarterAnalysis {
public:
  StarterAnalysis(const FunctionDecl *Starter, ASTContext &Ctx, const RoleModel &Model,
                  FunctionCfgCache &Cfgs)
      : Starter(Starter), Ctx(Ctx), Model(Model), Cfgs(Cfgs),
        Facts(ChannelFacts::collect(Starter->getBody(), Model)) {}

  const ChannelFacts &facts() const { return Facts; }
  llvm::SmallVector<ChannelUse, 2> channelUses() const;
  llvm::SmallVector<PrivateChannel, 1> privateChannels(const SpawnSite &Spawn) const;

  /// The exits reachable from \p Spawn on which the starter performs fewer
  /// than \p Need operations serving goroutines that do \p What on \p Use.
  llvm::SmallVector<AbandoningExit, 2>
  abandoningExits(const ChannelUse &Use, const SpawnSite &Spawn, Direction What, unsigned Need);

private:
  bool isCandidate(const VarDecl *Var) const;
  const VarDecl *starterVarOf(const VarDecl *Var) const;
  std::optional<unsigned> spawnOfLambda(const LambdaExpr *Lambda) const;
  bool isSpawnArgument(const DeclRefExpr *Ref) const;
  void addFunctionGoroutine(unsigned Spawn, llvm::SmallVectorImpl<ChannelUse> &Uses) const;
  const ChanOp *starterOp(const Stmt *S, const ChannelUse &Use) const;
  unsigned serveOnEdge(const CFGBlock &From, unsigned Succ, const CFGBlock &To,
                       const ChannelUse &Use, Direction What, bool &Drained) const;
  bool coversEveryCase(const SwitchStmt &Switch, unsigned Cases) const;
  const CallExpr *asSelect(const Expr *E) const;
  bool isInert(const VarDecl *Var) const;
  bool selectAlwaysServes(const CallExpr &Select, const ChannelUse &Use, Direction What) const;
  std::optional<unsigned> selectCaseTaken(const Stmt &Terminator, unsigned Succ, const CFGBlock &To,
                                          const CallExpr *&Select, bool &Infeasible) const;
  AbandoningExit exitOf(const CFGBlock &B) const;

  const FunctionDecl *Starter;
  ASTContext &Ctx;
  const RoleModel &Model;
  FunctionCfgCache &Cfgs;
  ChannelFacts Facts;
};

bool StarterAnalysis::isCandidate(const VarDecl *Var) const {
  return Var && Var->getDeclContext() == Starter && Var->isLocalVarDecl() &&
         !Var->isStaticLocal() && !Var->getType()->isReferenceType() &&
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
      if (ignoreTemporaries(Arg) == Ref)
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
  for (const auto &[Ref, Lambda] : Facts.Refs) {
    const auto *Var = cast<VarDecl>(Ref->getDecl());
    ChannelUse *Use = UseOf(Lambda ? starterVarOf(Var) : Var);
    if (!Use)
      continue;
    const ChanOp *Op = OpOfRef.lookup(Ref);
    std::optional<unsigned> Spawn = spawnOfLambda(Lambda);
    if (Op && !Lambda)
      Use->StarterOps.push_back(*Op);
    else if (Op && Spawn)
      Use->addGoroutineOp(*Spawn, *Op);
    else if (!Lambda && isSpawnArgument(Ref))
      continue; // bound to a parameter of the goroutine's function or lambda
    else if (!Spawn || !initializesCapture(Ref, Facts.Spawns[*Spawn].Lambda))
      Use->Escapes = true;
  }
  for (unsigned I = 0; I < Facts.Spawns.size(); ++I)
    if (Facts.Spawns[I].Body && !Facts.Spawns[I].Lambda)
      addFunctionGoroutine(I, Uses);
  return Uses;
}

// A goroutine running a function of this translation unit: its operations on
// the parameters bound to the starter's channels.
void StarterAnalysis::addFunctionGoroutine(unsigned SpawnIndex,
                                           llvm::SmallVectorImpl<ChannelUse> &Uses) const {
  const SpawnSite &Spawn = Facts.Spawns[SpawnIndex];
  ChannelFacts Own = ChannelFacts::collect(Spawn.Body->getBody(), Model);
  llvm::DenseMap<const DeclRefExpr *, const ChanOp *> OpOfRef;
  for (const ChanOp &Op : Own.Ops)
    OpOfRef[Op.Ref] = &Op;
  for (const auto &[Ref, Lambda] : Own.Refs) {
    const auto *Param = dyn_cast<ParmVarDecl>(Ref->getDecl());
    if (!Param || Param->getDeclContext() != Spawn.Body ||
        Param->getFunctionScopeIndex() >= Spawn.Args.size())
      continue;
    const VarDecl *Var = channelVar(Spawn.Args[Param->getFunctionScopeIndex()], Model);
    auto *Use = llvm::find_if(Uses, [&](const ChannelUse &U) { return U.Var == Var; });
    if (Use == Uses.end())
      continue;
    const ChanOp *Op = OpOfRef.lookup(Ref);
    if (Op && !Lambda)
      Use->addGoroutineOp(SpawnIndex, *Op);
    else
      Use->Escapes = true;
  }
}

llvm::SmallVector<PrivateChannel, 1>
StarterAnalysis::privateChannels(const SpawnSite &Spawn) const {
  llvm::SmallVector<PrivateChannel, 1> Channels;
  if (!Spawn.Body)
    return Channels;
  for (unsigned I = 0; I < Spawn.Args.size() && I < Spawn.Body->getNumParams(); ++I) {
    const auto *Created = dyn_cast<CXXConstructExpr>(ignoreTemporaries(Spawn.Args[I]));
    std::optional<std::uint64_t> Capacity;
    if (Created && Model.isType(Created->getType(), Role::Chan))
      Capacity = constructedCapacity(Created, Ctx);
    if (Capacity)
      Channels.push_back({Spawn.Body->getParamDecl(I), Created, *Capacity, {}, false});
  }
  if (Channels.empty())
    return Channels;
  // A lambda's facts were collected with the starter's; a function's are its own.
  ChannelFacts Own;
  if (!Spawn.Lambda)
    Own = ChannelFacts::collect(Spawn.Body->getBody(), Model);
  const ChannelFacts &Body = Spawn.Lambda ? Facts : Own;
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
    const Expr *Case = ignoreTemporaries(Arg);
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
  const auto *Call = dyn_cast_or_null<CallExpr>(ignoreTemporaries(E));
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
    if (!Case) {
      Infeasible = !To.getLabel() && coversEveryCase(*Switch, Select->getNumArgs());
      return std::nullopt;
    }
    Index = Case->getLHS()->getIntegerConstantExpr(Ctx);
  } else if (const auto *If = dyn_cast<IfStmt>(&Terminator)) {
    const auto *Compare = dyn_cast_or_null<BinaryOperator>(ignoreTemporaries(If->getCond()));
    if (!Compare || !Compare->isEqualityOp() || Succ != (Compare->getOpcode() == BO_EQ ? 0U : 1U))
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
  }
  if (!Index || Index->isNegative() || Index->getZExtValue() >= Select->getNumArgs())
    return std::nullopt;
  return static_cast<unsigned>(Index->getZExtValue());
}

// Whether the case labels of \p Switch name every index below \p Cases.
bool StarterAnalysis::coversEveryCase(const SwitchStmt &Switch, unsigned Cases) const {
  llvm::SmallBitVector Named(Cases);
  for (const SwitchCase *Label = Switch.getSwitchCaseList(); Label;
       Label = Label->getNextSwitchCase()) {
    const auto *Case = dyn_cast<CaseStmt>(Label);
    if (!Case)
      return false; // a default label
    if (std::optional<llvm::APSInt> Index = Case->getLHS()->getIntegerConstantExpr(Ctx);
        Index && !Index->isNegative() && Index->getZExtValue() < Cases)
      Named.set(Index->getZExtValue());
  }
  return Named.all();
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
  const ChanOp *Taken = starterOp(ignoreTemporaries(Select->getArg(*Index)), Use);
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

llvm::SmallVector<AbandoningExit, 2> StarterAnalysis::abandoningExits(const ChannelUse &Use,
                                                                      const SpawnSite &Spawn,
                                                                      Direction What,
                                                                      unsigned Need) {
  llvm::SmallVector<AbandoningExit, 2> Exits;
  const FunctionCfg *Cfg = Cfgs.get(Starter, Ctx);
  std::optional<FunctionCfg::Point> Start = Cfg ? Cfg->pointOf(Spawn.E) : std::nullopt;
  if (!Start)
    return Exits;
  const CFGBlock &ExitBlock = Cfg->graph().getExit();
  const bool Counted = Need < Unbounded;
  ChanOpKind Serving = What == Direction::Sends ? ChanOpKind::Recv : ChanOpKind::Send;
  struct Item {
    const CFGBlock *B;
    unsigned First;
    unsigned Served;
  };
  llvm::SmallVector<Item, 16> Work{{Start->Block, Start->Index + 1, 0}};
  llvm::DenseSet<std::pair<unsigned, unsigned>> Seen;
  llvm::DenseSet<unsigned> ExitBlocks;
  while (!Work.empty()) {
    auto [B, First, Served] = Work.pop_back_val();
    bool Done = false;
    for (unsigned I = First; I < B->size() && !Done; ++I) {
      std::optional<CFGStmt> Element = (*B)[I].getAs<CFGStmt>();
      if (!Element)
        continue;
      if (const CallExpr *Select = asSelect(dyn_cast<Expr>(Element->getStmt()));
          Select && selectAlwaysServes(*Select, Use, What)) {
        Served += Counted;
        Done = Counted && Served >= Need;
        continue;
      }
      const ChanOp *Op = starterOp(Element->getStmt(), Use);
      if (!Op)
        continue;
      Served += Counted && Op->Kind == Serving;
      Done = Op->Kind == ChanOpKind::Close || (Counted && Served >= Need);
    }
    if (Done || B->hasNoReturnElement())
      continue;
    for (unsigned Succ = 0; Succ < B->succ_size(); ++Succ) {
      const CFGBlock *Next = *(B->succ_begin() + Succ);
      if (!Next)
        continue;
      if (Next == &ExitBlock) {
        // A throw that no handler of a try statement matches is a guess the
        // CFG makes for every type: do not report it.
        if (isa_and_nonnull<CXXTryStmt>(B->getTerminatorStmt()))
          continue;
        // A return expanded from a system header's macro (a test framework's
        // ASSERT_*) is a failure bail-out, not a path the code chooses.
        AbandoningExit Exit = exitOf(*B);
        if (!Ctx.getSourceManager().isInSystemMacro(Exit.Loc) &&
            ExitBlocks.insert(B->getBlockID()).second)
          Exits.push_back(Exit);
        continue;
      }
      bool Drained = false;
      unsigned More = serveOnEdge(*B, Succ, *Next, Use, What, Drained);
      unsigned Total = Counted ? Served + More : 0;
      if (Drained || (Counted && Total >= Need))
        continue;
      if (Seen.insert({Next->getBlockID(), Total}).second)
        Work.push_back({Next, 0, Total});
    }
  }
  return Exits;
}

/// How the goroutines on one channel block, and how many values the starter owes them.
struct Verdict {
  Direction What;
  unsigned Need;
  llvm::SmallVector<unsigned, 2> Spawns; // the goroutines that block
  unsigned Blocking = 0;                 // blocking operations, over all goroutines
  bool OnlyCloseServes = false;          // a goroutine ranges over the channel
};

// Decides whether the channel's goroutines can be judged at all: they all
// send, or all receive, with blocking operations only; the starter only
// serves them, outside loops it cannot count, and after starting them.
std::optional<Verdict> judge(const ChannelUse &Use, const ChannelFacts &Facts,
                             const SourceManager &SM) {
  if (Use.Escapes || Use.Goroutines.empty())
    return std::nullopt;
  unsigned Sends = 0, Receives = 0;
  bool Many = false;
  Verdict V;
  bool Closed = false;
  for (const auto &[Spawn, Ops] : Use.Goroutines) {
    for (const ChanOp &Op : Ops) {
      if (Op.Kind == ChanOpKind::CaseSend || Op.Kind == ChanOpKind::CaseRecv)
        return std::nullopt; // a goroutine that selects chooses its own way out
      Closed |= Op.Kind == ChanOpKind::Close;
      Sends += Op.Kind == ChanOpKind::Send;
      Receives += isReceive(Op.Kind);
      Many |= (Op.Kind == ChanOpKind::Send || isReceive(Op.Kind)) &&
              (Op.InLoop || Op.Kind == ChanOpKind::Range || Facts.Spawns[Spawn].InLoop);
      V.OnlyCloseServes |= Op.Kind == ChanOpKind::Range;
    }
    V.Spawns.push_back(Spawn);
  }
  if ((Sends == 0) == (Receives == 0))
    return std::nullopt;
  // A goroutine closing the channel may serve the others (a producer closing
  // its own channel when done serves nobody but itself).
  if (Closed && Use.Goroutines.size() > 1)
    return std::nullopt;
  V.What = Sends ? Direction::Sends : Direction::Receives;
  V.Blocking = Sends + Receives;
  if (Many)
    V.Need = Unbounded;
  else if (V.What == Direction::Receives)
    V.Need = Receives;
  else if (Sends > Use.Capacity)
    V.Need = Sends - Use.Capacity;
  else
    return std::nullopt; // the buffer holds every value sent
  SourceLocation FirstSpawn = Facts.Spawns[V.Spawns.front()].E->getBeginLoc();
  for (const ChanOp &Op : Use.StarterOps) {
    bool Serves = V.What == Direction::Sends
                      ? Op.Kind == ChanOpKind::Recv || Op.Kind == ChanOpKind::CaseRecv
                      : Op.Kind == ChanOpKind::Send || Op.Kind == ChanOpKind::CaseSend;
    bool Competes = V.What == Direction::Sends
                        ? Op.Kind == ChanOpKind::Send || Op.Kind == ChanOpKind::CaseSend
                        : isReceive(Op.Kind) || Op.Kind == ChanOpKind::CaseRecv;
    // A loop of receives (or sends) may well serve every goroutine: the
    // count is unknown, so stay silent, unless only a close can serve them.
    if (Competes || (Serves && Op.InLoop && !V.OnlyCloseServes) ||
        (Serves && SM.isBeforeInTranslationUnit(Op.loc(), FirstSpawn)))
      return std::nullopt;
  }
  return V;
}

std::string describeStarter(const FunctionDecl *Starter) {
  if (ContextScopes::isLambdaBody(Starter))
    return "the enclosing lambda";
  return "'" + Starter->getNameAsString() + "'";
}

// `ctx::Chan<T> ch;` or `ctx::Chan<T> ch{};` becomes `ctx::Chan<T> ch(1);`.
std::optional<FixItHint> bufferOne(const VarDecl *Var, const ASTContext &Ctx) {
  const auto *Construct = dyn_cast_or_null<CXXConstructExpr>(Var->getInit());
  if (!Construct || Construct->getNumArgs() != 0 || Var->getLocation().isMacroID())
    return std::nullopt;
  SourceRange Braces = Construct->getParenOrBraceRange();
  if (Braces.isValid())
    return FixItHint::CreateReplacement(Braces, "(1)");
  SourceLocation AfterName =
      Lexer::getLocForEndOfToken(Var->getLocation(), 0, Ctx.getSourceManager(), Ctx.getLangOpts());
  if (AfterName.isInvalid())
    return std::nullopt;
  return FixItHint::CreateInsertion(AfterName, "(1)");
}

} // namespace

AbandonedSenderCheck::AbandonedSenderCheck(StringRef Name, ClangTidyContext *Context)
    : ClangTidyCheck(Name, Context) {
  Model.readOptions(Options, UsedRoleOptions);
}

void AbandonedSenderCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  Model.storeOptions(Options, Opts);
}

void AbandonedSenderCheck::registerMatchers(MatchFinder *Finder) {
  FunctionBodies::registerMatchers(Finder, this);
  addSpawnMatchers(Finder, this, &Model, "spawn");
}

void AbandonedSenderCheck::check(const MatchFinder::MatchResult &Result) {
  Context = Result.Context;
  if (Bodies.record(Result))
    return;
  if (const auto *Spawn = Result.Nodes.getNodeAs<Expr>("spawn"))
    Spawns.push_back(Spawn);
}

void AbandonedSenderCheck::onEndOfTranslationUnit() {
  llvm::DenseSet<const FunctionDecl *> Analysed;
  for (const Expr *Spawn : Spawns) {
    const SourceManager &SM = Context->getSourceManager();
    const FunctionDecl *Starter = Bodies.enclosing(*Spawn, SM);
    if (!Starter || !Starter->hasBody() || !Analysed.insert(Starter).second ||
        RoleModel::isRuntimeInternal(Starter) || SM.isInSystemHeader(Starter->getLocation()))
      continue;
    analyseStarter(Starter, *Context);
  }
  Spawns.clear();
  Bodies.clear();
  Cfgs.clear();
}

// Warns at the goroutine's blocking operation and notes the starter's exits.
static void report(ClangTidyCheck &Check, const ChanOp &Op, const Verdict &V, const ChannelUse &Use,
                   unsigned SpawnLine, const FunctionDecl *Starter,
                   llvm::ArrayRef<AbandoningExit> Exits, ASTContext &Ctx) {
  const bool Sends = V.What == Direction::Sends;
  {
    llvm::StringRef Message;
    if (Sends)
      Message = V.Need == 1 ? "goroutine started on line %0 blocks forever sending on '%1' if %2 "
                              "returns without receiving from it"
                            : "goroutine started on line %0 blocks forever sending on '%1' if %2 "
                              "stops receiving from it early";
    else
      Message = V.OnlyCloseServes ? "goroutine started on line %0 blocks forever receiving from "
                                    "'%1' if %2 returns without closing it"
                                  : "goroutine started on line %0 blocks forever receiving from "
                                    "'%1' if %2 returns without sending on or closing it";
    auto Diag = Check.diag(Op.loc(), Message)
                << SpawnLine << Use.Var->getName() << describeStarter(Starter);
    // The single-send shape: a buffer of one lets the goroutine finish.
    if (Sends && V.Blocking == 1 && V.Need == 1 && Use.Capacity == 0)
      if (std::optional<FixItHint> Fix = bufferOne(Use.Var, Ctx))
        Diag << *Fix;
  }
  llvm::StringRef Note;
  if (Sends)
    Note = V.Need == 1 ? "%0 %1 here without receiving from '%2'"
                       : "%0 %1 here before receiving every value sent on '%2'";
  else if (V.OnlyCloseServes)
    Note = "%0 %1 here without closing '%2'";
  else
    Note = V.Need == 1 ? "%0 %1 here without sending on or closing '%2'"
                       : "%0 %1 here before sending a value for every receive from '%2'";
  for (const AbandoningExit &Exit : Exits)
    Check.diag(Exit.Loc, Note, DiagnosticIDs::Note)
        << describeStarter(Starter) << Exit.Verb << Use.Var->getName();
}

// Warns at the operations of a goroutine on a channel only it holds that
// must block: any receive, and the sends beyond the buffer.
static void reportPrivate(ClangTidyCheck &Check, const PrivateChannel &Channel,
                          unsigned SpawnLine) {
  unsigned Sends = 0, Receives = 0;
  bool Many = false;
  for (const ChanOp &Op : Channel.Ops) {
    if (Op.Kind == ChanOpKind::CaseSend || Op.Kind == ChanOpKind::CaseRecv)
      return;
    Sends += Op.Kind == ChanOpKind::Send;
    Receives += isReceive(Op.Kind);
    Many |= Op.Kind == ChanOpKind::Send && Op.InLoop;
  }
  if (Channel.Escapes || (Sends && Receives) ||
      (Receives == 0 && !Many && Sends <= Channel.Capacity))
    return;
  for (const ChanOp &Op : Channel.Ops) {
    if (Op.Kind != ChanOpKind::Send && !isReceive(Op.Kind))
      continue;
    Check.diag(Op.loc(), Receives ? "goroutine started on line %0 blocks forever receiving from "
                                    "'%1': only the goroutine holds this channel"
                                  : "goroutine started on line %0 blocks forever sending on '%1': "
                                    "only the goroutine holds this channel")
        << SpawnLine << Channel.Param->getName();
    Check.diag(Channel.Created->getBeginLoc(),
               "the channel is created here and handed to the "
               "goroutine alone",
               DiagnosticIDs::Note);
  }
}

void AbandonedSenderCheck::analyseStarter(const FunctionDecl *Starter, ASTContext &Ctx) {
  StarterAnalysis Analysis(Starter, Ctx, Model, Cfgs);
  const SourceManager &SM = Ctx.getSourceManager();
  for (const ChannelUse &Use : Analysis.channelUses()) {
    std::optional<Verdict> V = judge(Use, Analysis.facts(), SM);
    if (!V)
      continue;
    const bool Sends = V->What == Direction::Sends;
    for (unsigned SpawnIndex : V->Spawns) {
      const SpawnSite &Spawn = Analysis.facts().Spawns[SpawnIndex];
      llvm::SmallVector<AbandoningExit, 2> Exits =
          Analysis.abandoningExits(Use, Spawn, V->What, V->Need);
      if (Exits.empty())
        continue;
      unsigned SpawnLine = SM.getExpansionLineNumber(Spawn.E->getBeginLoc());
      for (const auto &[Index, Ops] : Use.Goroutines) {
        if (Index != SpawnIndex)
          continue;
        for (const ChanOp &Op : Ops)
          if (Sends ? Op.Kind == ChanOpKind::Send : isReceive(Op.Kind))
            report(*this, Op, *V, Use, SpawnLine, Starter, Exits, Ctx);
      }
    }
  }
  for (const SpawnSite &Spawn : Analysis.facts().Spawns)
    for (const PrivateChannel &Channel : Analysis.privateChannels(Spawn))
      reportPrivate(*this, Channel, SM.getExpansionLineNumber(Spawn.E->getBeginLoc()));
}

} // namespace clang::tidy::ctx
