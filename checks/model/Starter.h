//===--- Starter.h - ctxguard -----------------------------------*- C++ -*-===//
//
// The side of a function that starts goroutines (the starter): the channels
// it creates, what each goroutine and the starter itself do on them, and the
// paths on which the starter leaves before it has served every goroutine:
// received every value they send, or sent (or closed) for every receive.
// Loops are counted where their trip count is known or matches the number of
// goroutines: a receiver that leaves its loop early strands senders.
//
//===----------------------------------------------------------------------===//

#ifndef CTXGUARD_CHECKS_MODEL_STARTER_H
#define CTXGUARD_CHECKS_MODEL_STARTER_H

#include "ChannelFlow.h"
#include "Core.h"
#include "llvm/ADT/SmallBitVector.h"
#include "llvm/ADT/SmallPtrSet.h"

namespace clang::tidy::ctx {

/// What the goroutines do on a channel, and so what the starter owes them.
enum class Direction : std::uint8_t { Sends, Receives };

/// A need no path can count up to: only a drain serves it.
inline constexpr unsigned UnboundedNeed = 1024;

/// One channel created by the starter, with what the starter and each of the
/// goroutines it starts do on it.
struct ChannelUse {
  const VarDecl *Var = nullptr;
  std::uint64_t Capacity = 0;
  llvm::SmallVector<ChanOp, 4> StarterOps;
  // (index into the starter's spawns, the goroutine's operations)
  llvm::SmallVector<std::pair<unsigned, llvm::SmallVector<ChanOp, 2>>, 2> Goroutines;
  bool Escapes = false; // used in a way the analysis does not model: stay silent

  void addGoroutineOp(unsigned Spawn, const ChanOp &Op);
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

/// How the goroutines on one channel must be served.
struct ServicePlan {
  Direction What = Direction::Sends;
  /// Operations the starter owes them, or UnboundedNeed.
  unsigned Need = 0;
  /// The loop the starter serves in, run exactly Trips times on a path that
  /// leaves it through its condition (null: no loop is counted).
  const Stmt *CountedLoop = nullptr;
  unsigned Trips = 0;
};

class StarterAnalysis {
public:
  StarterAnalysis(const FunctionDecl *Starter, AnalysisCore &Core, const RoleModel &Model);

  const ChannelFacts &facts() const { return Facts; }
  const FunctionDecl *starter() const { return Starter; }
  /// Whether \p S is code of the starter (its lambdas included).
  bool holds(const Stmt *S) const { return Core.parents(Starter).contains(S); }
  llvm::SmallVector<ChannelUse, 2> channelUses() const;
  llvm::SmallVector<PrivateChannel, 1> privateChannels(const SpawnSite &Spawn) const;

  /// The loop of the starter's body that \p S runs in (innermost; not across
  /// lambdas), or null. With \p Channel, only a
  /// loop that repeats \p S on the same channel: a loop that also declares
  /// the channel makes a new one each time round.
  const Stmt *loopOf(const Stmt *S, const VarDecl *Channel = nullptr) const;
  /// Whether loops \p A and \p B run the same number of times: equal
  /// constants, the same unmodified bound, a range over the same variable,
  /// or a bound `x.size()` beside a range over `x`. \p Constant receives
  /// the trip count of \p A when it is a constant.
  bool sameTrips(const Stmt *A, const Stmt *B, std::optional<std::uint64_t> &Constant) const;
  /// The trip count of \p Loop when it is a constant.
  std::optional<std::uint64_t> constantTrips(const Stmt *Loop) const;

  /// The exits reachable from \p Spawn on which the starter has not served
  /// the goroutines that do \p Plan.What on \p Use.
  llvm::SmallVector<AbandoningExit, 2> abandoningExits(const ChannelUse &Use,
                                                       const SpawnSite &Spawn,
                                                       const ServicePlan &Plan);

private:
  struct PathState;
  bool isCandidate(const VarDecl *Var) const;
  const VarDecl *starterVarOf(const VarDecl *Var) const;
  std::optional<unsigned> spawnOfLambda(const LambdaExpr *Lambda) const;
  bool isSpawnArgument(const DeclRefExpr *Ref) const;
  void addFunctionGoroutine(unsigned Spawn, llvm::SmallVectorImpl<ChannelUse> &Uses) const;
  bool addHelperOps(unsigned Spawn, const DeclRefExpr *Ref, ChannelUse &Use) const;
  std::optional<llvm::SmallVector<ChanOp, 2>> paramOps(const FunctionDecl *F,
                                                       unsigned Param) const;
  bool addFactsOps(unsigned Spawn, const DeclRefExpr *Ref, const CallExpr &Call, unsigned Param,
                   bool Repeated, ChannelUse &Use) const;
  const ChanOp *starterOp(const Stmt *S, const ChannelUse &Use) const;
  unsigned serveOnEdge(const CFGBlock &From, unsigned Succ, const CFGBlock &To,
                       const ChannelUse &Use, Direction What, bool &Drained) const;
  bool coversEveryCase(const SwitchStmt &Switch, unsigned Cases) const;
  std::optional<unsigned> onlyCaseLeft(const SwitchStmt &Switch, unsigned Cases) const;
  llvm::SmallBitVector namedCases(const SwitchStmt &Switch, unsigned Cases) const;
  const CallExpr *asSelect(const Expr *E) const;
  bool isInert(const VarDecl *Var) const;
  bool selectAlwaysServes(const CallExpr &Select, const ChannelUse &Use, Direction What) const;
  std::optional<unsigned> selectCaseTaken(const Stmt &Terminator, unsigned Succ, const CFGBlock &To,
                                          const CallExpr *&Select, bool &Infeasible) const;
  AbandoningExit exitOf(const CFGBlock &B) const;
  llvm::SmallPtrSet<const ValueDecl *, 4> receivedValues(const ChannelUse &Use) const;

  const FunctionDecl *Starter;
  AnalysisCore &Core;
  ASTContext &Ctx;
  const RoleModel &Model;
  const ChannelFacts &Facts;
};

} // namespace clang::tidy::ctx

#endif // CTXGUARD_CHECKS_MODEL_STARTER_H
