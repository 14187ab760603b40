//===--- AbandonedSenderCheck.cpp - ctxguard ------------------------------===//

#include "AbandonedSenderCheck.h"
#include "model/Matchers.h"
#include "model/Starter.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/DenseSet.h"

using namespace clang::ast_matchers;

namespace clang::tidy::ctx {

namespace {

RoleSet readRoles() {
  RoleSet Reads = factRoles();
  for (Role R : {Role::Chan, Role::Go, Role::Select, Role::CaseRecv, Role::CaseSend,
                 Role::ChanSend, Role::ChanRecv, Role::ChanClose, Role::ChanRange})
    Reads.add(R);
  return Reads;
}

bool isReceive(ChanOpKind K) { return K == ChanOpKind::Recv || K == ChanOpKind::Range; }

// A trip count that stands for "the same number as the goroutines": a loop
// whose count matches theirs serves them all exactly when it runs to its
// end, whatever that number is.
constexpr unsigned MatchedTrips = 2;
constexpr std::uint64_t MaxCountedTrips = 64;

/// How the goroutines on one channel block, and how the starter must serve them.
struct Verdict {
  ServicePlan Plan;
  llvm::SmallVector<unsigned, 2> Spawns; // the goroutines that block
  unsigned Blocking = 0;                 // blocking operations, over all goroutines
  bool OnlyCloseServes = false;          // a goroutine ranges over the channel
};

/// What the goroutines on a channel do, summed up.
struct GoroutineSide {
  unsigned Sends = 0, Receives = 0;
  bool Closed = false;
  /// The loop that repeats their blocking operations (in a goroutine's body,
  /// or the starter's loop that starts them), when one loop alone does.
  const Stmt *RepeatLoop = nullptr;
  bool RepeatsOtherwise = false; // repeated in a way no single loop counts
};

std::optional<GoroutineSide> sumUp(const ChannelUse &Use, const StarterAnalysis &A,
                                   bool &OnlyCloseServes) {
  GoroutineSide G;
  auto Repeat = [&](const Stmt *Loop) {
    if (!Loop || (G.RepeatLoop && G.RepeatLoop != Loop))
      G.RepeatsOtherwise = true;
    else
      G.RepeatLoop = Loop;
  };
  for (const auto &[Spawn, Ops] : Use.Goroutines) {
    const SpawnSite &Site = A.facts().Spawns[Spawn];
    for (const ChanOp &Op : Ops) {
      if (Op.Kind == ChanOpKind::CaseSend || Op.Kind == ChanOpKind::CaseRecv)
        return std::nullopt; // a goroutine that selects chooses its own way out
      G.Closed |= Op.Kind == ChanOpKind::Close;
      bool Blocks = Op.Kind == ChanOpKind::Send || isReceive(Op.Kind);
      G.Sends += Op.Kind == ChanOpKind::Send;
      G.Receives += isReceive(Op.Kind);
      OnlyCloseServes |= Op.Kind == ChanOpKind::Range;
      if (!Blocks)
        continue;
      const Stmt *OpLoop = Op.InLoop ? A.loopOf(Op.S, Use.Var) : nullptr;
      const Stmt *SpawnLoop = Site.InLoop ? A.loopOf(Site.E, Use.Var) : nullptr;
      // A goroutine running a function of its own repeats in a loop we do
      // not count.
      bool OwnLoop = Op.InLoop && !A.holds(Op.S);
      if (Op.Kind == ChanOpKind::Range || OwnLoop || (OpLoop && SpawnLoop))
        G.RepeatsOtherwise = true;
      else if (OpLoop || SpawnLoop)
        Repeat(OpLoop ? OpLoop : SpawnLoop);
    }
  }
  return G;
}

// The trips a loop of the starter must run so that it serves goroutines
// repeated by \p Repeat: their count when the loops match.
std::optional<unsigned> matchedTrips(const Stmt *ServeLoop, const Stmt *Repeat,
                                     const StarterAnalysis &A) {
  std::optional<std::uint64_t> Constant;
  if (!Repeat || !A.sameTrips(ServeLoop, Repeat, Constant))
    return std::nullopt;
  if (!Constant)
    return MatchedTrips;
  if (*Constant > MaxCountedTrips)
    return std::nullopt;
  return static_cast<unsigned>(*Constant);
}

bool isInfinite(const Stmt *Loop, const ASTContext &Ctx) {
  const Expr *Cond = nullptr;
  if (const auto *For = dyn_cast<ForStmt>(Loop))
    Cond = For->getCond();
  else if (const auto *While = dyn_cast<WhileStmt>(Loop))
    Cond = While->getCond();
  else if (const auto *Do = dyn_cast<DoStmt>(Loop))
    Cond = Do->getCond();
  else
    return false;
  bool Value = false;
  return !Cond || (!Cond->isValueDependent() && Cond->EvaluateAsBooleanCondition(Value, Ctx) &&
                   Value);
}

// Decides whether the channel's goroutines can be judged at all, and how:
// they all send, or all receive, with blocking operations only; the starter
// only serves them, after starting them, and in loops it can count: a loop
// that matches the goroutines' count, a counted loop, or (for goroutines
// that never stop) a loop that only a way out of it ends.
std::optional<Verdict> judge(const ChannelUse &Use, const StarterAnalysis &A) {
  if (Use.Escapes || Use.Goroutines.empty())
    return std::nullopt;
  Verdict V;
  std::optional<GoroutineSide> G = sumUp(Use, A, V.OnlyCloseServes);
  if (!G || (G->Sends == 0) == (G->Receives == 0))
    return std::nullopt;
  // A goroutine closing the channel may serve the others (a producer closing
  // its own channel when done serves nobody but itself).
  if (G->Closed && Use.Goroutines.size() > 1)
    return std::nullopt;
  for (const auto &Goroutine : Use.Goroutines)
    V.Spawns.push_back(Goroutine.first);
  ServicePlan &Plan = V.Plan;
  Plan.What = G->Sends ? Direction::Sends : Direction::Receives;
  V.Blocking = G->Sends + G->Receives;
  // Repeated by a loop of constant count: that many times; by any other
  // repetition: a number no path can count up to.
  std::optional<std::uint64_t> Times = 1;
  if (G->RepeatsOtherwise)
    Times = std::nullopt;
  else if (G->RepeatLoop)
    Times = A.constantTrips(G->RepeatLoop);
  bool Unbounded = !Times || *Times > MaxCountedTrips;
  std::uint64_t Ops = Unbounded ? 0 : *Times * (G->Sends + G->Receives);
  if (Unbounded)
    Plan.Need = UnboundedNeed;
  else if (Plan.What == Direction::Receives)
    Plan.Need = static_cast<unsigned>(Ops);
  else if (Ops > Use.Capacity)
    Plan.Need = static_cast<unsigned>(Ops - Use.Capacity);
  else
    return std::nullopt; // the buffer holds every value sent
  const ASTContext &Ctx = A.starter()->getASTContext();
  SourceLocation FirstSpawn = A.facts().Spawns[V.Spawns.front()].E->getBeginLoc();
  const Stmt *ServeLoop = nullptr;
  for (const ChanOp &Op : Use.StarterOps) {
    bool Serves = Plan.What == Direction::Sends
                      ? Op.Kind == ChanOpKind::Recv || Op.Kind == ChanOpKind::CaseRecv
                      : Op.Kind == ChanOpKind::Send || Op.Kind == ChanOpKind::CaseSend;
    bool Competes = Plan.What == Direction::Sends
                        ? Op.Kind == ChanOpKind::Send || Op.Kind == ChanOpKind::CaseSend
                        : isReceive(Op.Kind) || Op.Kind == ChanOpKind::CaseRecv;
    if (Competes ||
        (Serves && Ctx.getSourceManager().isBeforeInTranslationUnit(Op.loc(), FirstSpawn)))
      return std::nullopt;
    const Stmt *Loop = Serves && Op.InLoop ? A.loopOf(Op.S, Use.Var) : nullptr;
    if (!Loop)
      continue;
    if (ServeLoop && Loop != ServeLoop)
      return std::nullopt; // served in several loops: not counted
    ServeLoop = Loop;
  }
  if (!ServeLoop || V.OnlyCloseServes)
    return V;
  // Served in a loop: as many times as its trips, when they are known.
  if (Plan.Need == UnboundedNeed && !G->RepeatsOtherwise && G->Sends + G->Receives == 1) {
    if (std::optional<unsigned> Trips = matchedTrips(ServeLoop, G->RepeatLoop, A)) {
      Plan.Need = *Trips;
      Plan.CountedLoop = ServeLoop;
      Plan.Trips = *Trips;
      return V;
    }
  }
  if (Plan.Need == UnboundedNeed)
    // Goroutines that never stop: a loop that only a way out of it ends
    // (a timeout, an error, a done case) abandons them when it is taken.
    return isInfinite(ServeLoop, Ctx) ? std::optional<Verdict>(V) : std::nullopt;
  std::optional<std::uint64_t> Constant;
  if (!A.sameTrips(ServeLoop, ServeLoop, Constant) || !Constant || *Constant > MaxCountedTrips)
    return std::nullopt; // a loop of unknown count may well serve every goroutine
  Plan.CountedLoop = ServeLoop;
  Plan.Trips = static_cast<unsigned>(*Constant);
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
    : CtxCheck(Name, Context, readRoles()) {}

void AbandonedSenderCheck::registerCheckMatchers(MatchFinder *Finder) {
  addSpawnMatchers(Finder, this, &Model, "spawn");
}

void AbandonedSenderCheck::check(const MatchFinder::MatchResult &Result) {
  if (const auto *Spawn = Result.Nodes.getNodeAs<Expr>("spawn"))
    Spawns.push_back(Spawn);
}

void AbandonedSenderCheck::onEndOfTranslationUnit() {
  llvm::DenseSet<const FunctionDecl *> Analysed;
  for (const Expr *Spawn : Spawns) {
    const FunctionDecl *Starter = core().enclosing(*Spawn);
    if (Starter && Starter->hasBody() && isUserCode(Starter) && Analysed.insert(Starter).second)
      decide([&] { analyseStarter(Starter); });
  }
  Spawns.clear();
}

// Warns at the goroutine's blocking operation and notes the starter's exits.
static void report(CtxCheck &Check, const ChanOp &Op, const Verdict &V, const ChannelUse &Use,
                   unsigned SpawnLine, const FunctionDecl *Starter,
                   llvm::ArrayRef<AbandoningExit> Exits, ASTContext &Ctx) {
  const bool Sends = V.Plan.What == Direction::Sends;
  {
    llvm::StringRef Message;
    if (Sends)
      Message = V.Plan.Need == 1 ? "goroutine started on line %0 blocks forever sending on '%1' if %2 "
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
    if (Sends && V.Blocking == 1 && V.Plan.Need == 1 && Use.Capacity == 0)
      if (std::optional<FixItHint> Fix = bufferOne(Use.Var, Ctx))
        Diag << *Fix;
  }
  llvm::StringRef Note;
  if (Sends)
    Note = V.Plan.Need == 1 ? "%0 %1 here without receiving from '%2'"
                       : "%0 %1 here before receiving every value sent on '%2'";
  else if (V.OnlyCloseServes)
    Note = "%0 %1 here without closing '%2'";
  else
    Note = V.Plan.Need == 1 ? "%0 %1 here without sending on or closing '%2'"
                       : "%0 %1 here before sending a value for every receive from '%2'";
  for (const AbandoningExit &Exit : Exits)
    Check.diag(Exit.Loc, Note, DiagnosticIDs::Note)
        << describeStarter(Starter) << Exit.Verb << Use.Var->getName();
}

// Warns at the operations of a goroutine on a channel only it holds that
// must block: any receive, and the sends beyond the buffer.
static void reportPrivate(CtxCheck &Check, const PrivateChannel &Channel,
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

void AbandonedSenderCheck::analyseStarter(const FunctionDecl *Starter) {
  StarterAnalysis Analysis(Starter, core(), Model);
  ASTContext &Ctx = *core().context();
  const SourceManager &SM = Ctx.getSourceManager();
  for (const ChannelUse &Use : Analysis.channelUses()) {
    std::optional<Verdict> V = judge(Use, Analysis);
    if (!V)
      continue;
    const bool Sends = V->Plan.What == Direction::Sends;
    for (unsigned SpawnIndex : V->Spawns) {
      const SpawnSite &Spawn = Analysis.facts().Spawns[SpawnIndex];
      llvm::SmallVector<AbandoningExit, 2> Exits = Analysis.abandoningExits(Use, Spawn, V->Plan);
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
