//===--- Cfg.cpp - ctxguard -----------------------------------------------===//

#include "Cfg.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/Support/ProgramStack.h"
#include <deque>

namespace clang::tidy::ctx {

namespace {

bool isTryDispatch(const CFGBlock &B) {
  return llvm::isa_and_nonnull<CXXTryStmt>(B.getTerminatorStmt());
}

// The return or throw that ends \p B, if any (implicit destructors may follow it).
const Stmt *exitStatementOf(const CFGBlock &B) {
  for (const CFGElement &E : llvm::reverse(B))
    if (std::optional<CFGStmt> S = E.getAs<CFGStmt>()) {
      const Stmt *St = S->getStmt();
      if (isa<ReturnStmt, CXXThrowExpr, CoreturnStmt>(St))
        return St;
    }
  return nullptr;
}

const CXXThrowExpr *throwEnding(const CFGBlock &B) {
  return dyn_cast_or_null<CXXThrowExpr>(exitStatementOf(B));
}

// The statement of element \p I of \p B, if it is a statement.
const Stmt *stmtAt(const CFGBlock &B, unsigned I) {
  if (std::optional<CFGStmt> S = B[I].getAs<CFGStmt>())
    return S->getStmt();
  return nullptr;
}

// The last statement among the elements of \p B, or null.
const Stmt *lastStmt(const CFGBlock &B) {
  for (const CFGElement &E : llvm::reverse(B))
    if (std::optional<CFGStmt> S = E.getAs<CFGStmt>())
      return S->getStmt();
  return nullptr;
}

// Whether the counted loop `for (int k = C1; k < C2; ...)` (constants, any
// comparison) certainly runs its body once: its first test holds.
bool firstTestHolds(const ForStmt &Loop, const ASTContext &Ctx) {
  const auto *Init = dyn_cast_or_null<DeclStmt>(Loop.getInit());
  const auto *Var =
      Init && Init->isSingleDecl() ? dyn_cast<VarDecl>(Init->getSingleDecl()) : nullptr;
  const auto *Test = dyn_cast_or_null<BinaryOperator>(Loop.getCond());
  if (!Var || !Var->getInit() || !Test || !Test->isComparisonOp())
    return false;
  auto IsVar = [&](const Expr *E) {
    const auto *Ref = dyn_cast<DeclRefExpr>(E->IgnoreParenImpCasts());
    return Ref && Ref->getDecl() == Var;
  };
  Expr::EvalResult Start, Bound;
  const Expr *Other = IsVar(Test->getLHS()) ? Test->getRHS() : Test->getLHS();
  if (!(IsVar(Test->getLHS()) || IsVar(Test->getRHS())) || Var->getInit()->isValueDependent() ||
      Other->isValueDependent() || !Var->getInit()->EvaluateAsInt(Start, Ctx) ||
      !Other->EvaluateAsInt(Bound, Ctx))
    return false;
  int Cmp = llvm::APSInt::compareValues(Start.Val.getInt(), Bound.Val.getInt());
  if (!IsVar(Test->getLHS()))
    Cmp = -Cmp;
  switch (Test->getOpcode()) {
  case BO_LT:
    return Cmp < 0;
  case BO_LE:
    return Cmp <= 0;
  case BO_GT:
    return Cmp > 0;
  case BO_GE:
    return Cmp >= 0;
  case BO_EQ:
    return Cmp == 0;
  case BO_NE:
    return Cmp != 0;
  default:
    return false;
  }
}

// Whether the edge \p From -> \p To goes from a counted loop's
// initialisation to its test, and that first test holds.
bool entersCountedLoop(const CFGBlock &From, const CFGBlock &To, const ASTContext &Ctx) {
  const auto *Loop = dyn_cast_or_null<ForStmt>(To.getTerminatorStmt());
  return Loop && Loop->getInit() && lastStmt(From) == Loop->getInit() &&
         firstTestHolds(*Loop, Ctx);
}

// The first successor of \p B that can be reached: a counted loop's body
// when \p B is its test.
const CFGBlock *firstReachableSuccessor(const CFGBlock &B) {
  for (const CFGBlock::AdjacentBlock &Succ : B.succs())
    if (const CFGBlock *To = Succ.getReachableBlock())
      return To;
  return nullptr;
}

// A depth-first walk over the blocks reachable from a start point. A block
// is visited once, except that a try-dispatch block is told apart by the
// throw that reached it, so that each escaping throw can be named, and the
// test of a counted loop whose first test holds is told apart when entered
// from its initialisation: then only its body follows.
class PathWalk {
public:
  struct State {
    const CFGBlock *Block;
    unsigned First; // the first element of Block still on the path
    const Stmt *Thrown;
    bool FirstTest = false; // Block is a counted loop's first test, which holds
  };

  /// Breadth-first: the nearest blocks come first (the nearest exits, for
  /// a search that stops after a few).
  enum class Order { DepthFirst, BreadthFirst };

  PathWalk(const CFG &Graph, FunctionCfg::Point Start, const ASTContext &Ctx,
           Order How = Order::DepthFirst)
      : Graph(Graph), Ctx(Ctx), How(How) {
    Work.push_back({Start.Block, Start.Index + 1, nullptr});
  }

  std::optional<State> next() {
    if (How == Order::BreadthFirst)
      return Head < Work.size() ? std::optional<State>(Work[Head++]) : std::nullopt;
    if (Work.empty())
      return std::nullopt;
    return Work.pop_back_val();
  }

  /// Queues the successors of \p S; calls \p OnExit for each edge to the exit.
  void advance(const State &S, llvm::function_ref<void(const CFGBlock &, const Stmt *)> OnExit) {
    const Stmt *Thrown = throwEnding(*S.Block);
    if (!Thrown && isTryDispatch(*S.Block))
      Thrown = S.Thrown;
    for (const CFGBlock::AdjacentBlock &Succ : S.Block->succs()) {
      const CFGBlock *To = Succ.getReachableBlock();
      if (!To)
        continue;
      if (To == &Graph.getExit()) {
        OnExit(*S.Block, Thrown);
        continue;
      }
      const Stmt *Carried = isTryDispatch(*To) ? Thrown : nullptr;
      bool FirstTest = entersCountedLoop(*S.Block, *To, Ctx);
      if (Seen.insert({{To, Carried}, unsigned(FirstTest)}).second)
        Work.push_back({To, 0, Carried, FirstTest});
      if (S.FirstTest)
        break; // the first successor of a loop's test is its body
    }
  }

private:
  const CFG &Graph;
  const ASTContext &Ctx;
  Order How;
  llvm::SmallVector<State, 16> Work;
  size_t Head = 0; // breadth-first: the next state in Work
  llvm::DenseSet<std::pair<std::pair<const CFGBlock *, const Stmt *>, unsigned>> Seen;
};

} // namespace

namespace {

// Nesting up to which the CFG is built on the current stack (a thread of
// clangd or the driver has at least 8 MiB; the builder uses well under
// 1 KiB a level), and the stack a level is given beyond it.
constexpr unsigned ShallowNesting = 2000;
constexpr unsigned long long BytesPerLevel = 4096;
constexpr unsigned long long MaxStack = 1ull << 31;

std::unique_ptr<CFG> buildGraph(const FunctionDecl *F, Stmt *Body, ASTContext &Ctx) {
  CFG::BuildOptions Options;
  Options.setAllAlwaysAdd();
  Options.AddImplicitDtors = true;
  Options.AddCXXNewAllocator = false;
  unsigned Depth = nestingDepth(Body);
  if (Depth <= ShallowNesting)
    return CFG::buildCFG(F, Body, &Ctx, Options);
  unsigned long long Stack = (8ull << 20) + Depth * BytesPerLevel;
  if (Stack > MaxStack)
    return nullptr;
  std::unique_ptr<CFG> Graph;
  llvm::runOnNewStack(static_cast<unsigned>(Stack),
                      [&] { Graph = CFG::buildCFG(F, Body, &Ctx, Options); });
  return Graph;
}

} // namespace

std::unique_ptr<FunctionCfg> FunctionCfg::build(const FunctionDecl *F, ASTContext &Ctx) {
  if (!F || !F->hasBody())
    return nullptr;
  Stmt *Body = F->getBody();
  std::unique_ptr<CFG> Graph = buildGraph(F, Body, Ctx);
  if (!Graph)
    return nullptr;
  std::unique_ptr<FunctionCfg> Result(new FunctionCfg());
  Result->Func = F;
  Result->Body = Body;
  Result->Ctx = &Ctx;
  Result->Parents = std::make_unique<ParentIndex>(Body);
  for (const CFGBlock *B : *Graph)
    for (unsigned I = 0, N = B->size(); I < N; ++I)
      if (const Stmt *S = stmtAt(*B, I))
        Result->Positions[S] = {B, I};
  // A declaration statement of several variables is listed as one
  // synthesized statement per variable: map the original to the last one.
  for (const auto &[Synthetic, Original] : Graph->synthetic_stmts()) {
    auto Found = Result->Positions.find(Synthetic);
    if (Found != Result->Positions.end())
      Result->Positions[Original] = Found->second;
  }
  Result->Graph = std::move(Graph);
  return Result;
}

const Stmt *FunctionCfg::elementFor(const Stmt *S) const {
  for (; S; S = Parents->parent(S))
    if (Positions.count(S))
      return S;
  return nullptr;
}

std::optional<FunctionCfg::Point> FunctionCfg::pointOf(const Stmt *S) const {
  // A full expression is listed through what it wraps.
  while (S && !Positions.count(S)) {
    if (const auto *Full = dyn_cast<FullExpr>(S))
      S = Full->getSubExpr();
    else if (const auto *Paren = dyn_cast<ParenExpr>(S))
      S = Paren->getSubExpr();
    else
      break;
  }
  if (const Stmt *Element = elementFor(S))
    return Positions.lookup(Element);
  return std::nullopt;
}

CfgExit FunctionCfg::exitFrom(const CFGBlock &B, const Stmt *Thrown) const {
  if (const Stmt *S = exitStatementOf(B))
    return {isa<CXXThrowExpr>(S) ? CfgExit::Kind::Throw : CfgExit::Kind::Return, S,
            S->getBeginLoc()};
  if (Thrown)
    return {CfgExit::Kind::Throw, Thrown, Thrown->getBeginLoc()};
  SourceLocation End = Body->getEndLoc();
  if (const auto *Compound = dyn_cast<CompoundStmt>(Body))
    End = Compound->getRBracLoc();
  return {CfgExit::Kind::EndOfBody, nullptr, End};
}

llvm::SmallVector<CfgExit, 2>
FunctionCfg::exitsAvoiding(const Stmt *From, llvm::function_ref<bool(const Stmt *)> Stops,
                           unsigned Limit) const {
  llvm::SmallVector<CfgExit, 2> Exits;
  std::optional<Point> Start = startOf(From);
  if (!Start)
    return Exits;
  llvm::SmallDenseSet<std::pair<unsigned, const Stmt *>, 8> Known;
  PathWalk Walk(*Graph, *Start, *Ctx, PathWalk::Order::BreadthFirst);
  while (Exits.size() < Limit) {
    std::optional<PathWalk::State> S = Walk.next();
    if (!S)
      break;
    bool Stopped = false;
    for (unsigned I = S->First, N = S->Block->size(); I < N && !Stopped; ++I)
      if (const Stmt *St = stmtAt(*S->Block, I))
        Stopped = Stops(St);
    if (Stopped)
      continue;
    Walk.advance(*S, [&](const CFGBlock &B, const Stmt *Thrown) {
      // A [[noreturn]] call ends the path without leaving through an exit.
      if (B.hasNoReturnElement())
        return;
      CfgExit Exit = exitFrom(B, Thrown);
      if (Known.insert({unsigned(Exit.How), Exit.S}).second)
        Exits.push_back(Exit);
    });
  }
  const SourceManager &SM = Ctx->getSourceManager();
  llvm::sort(Exits, [&](const CfgExit &A, const CfgExit &B) {
    return SM.isBeforeInTranslationUnit(A.Loc, B.Loc);
  });
  return Exits;
}

// A backward "some exit is still reachable" analysis with one bit per query,
// to a fixpoint over the blocks: In[B] holds the queries for which an exit
// follows B's first element on a path without their stops. A counted loop's
// test entered from its initialisation has its own value (only its body
// follows, as in PathWalk). Queries go in chunks, so memory stays at a few
// hundred bytes a block however many there are.
llvm::BitVector FunctionCfg::exitReachable(llvm::ArrayRef<AvoidingQuery> Queries) const {
  constexpr unsigned Chunk = 1024;
  llvm::BitVector Result(Queries.size());
  for (unsigned Begin = 0; Begin < Queries.size(); Begin += Chunk) {
    llvm::ArrayRef<AvoidingQuery> Part =
        Queries.slice(Begin, std::min<size_t>(Chunk, Queries.size() - Begin));
    llvm::BitVector Answers = exitReachableChunk(Part);
    for (unsigned I : Answers.set_bits())
      Result.set(Begin + I);
  }
  return Result;
}

llvm::BitVector FunctionCfg::exitReachableChunk(llvm::ArrayRef<AvoidingQuery> Queries) const {
  unsigned Q = Queries.size(), NumBlocks = Graph->getNumBlockIDs();
  llvm::DenseMap<const Stmt *, llvm::SmallVector<unsigned, 2>> StoppedBy;
  for (unsigned I = 0; I < Q; ++I)
    for (const Stmt *S : *Queries[I].Stops)
      StoppedBy[S].push_back(I);
  std::vector<llvm::BitVector> Kill(NumBlocks, llvm::BitVector(Q));
  for (const CFGBlock *B : *Graph)
    for (unsigned I = 0, N = B->size(); I < N; ++I)
      if (const Stmt *St = stmtAt(*B, I))
        if (auto Found = StoppedBy.find(St); Found != StoppedBy.end())
          for (unsigned Query : Found->second)
            Kill[B->getBlockID()].set(Query);

  const llvm::BitVector All(Q, true), None(Q);
  std::vector<llvm::BitVector> In(NumBlocks, None), FirstIn(NumBlocks, None);
  auto ValueOf = [&](const CFGBlock &From, const CFGBlock &To) -> const llvm::BitVector & {
    if (&To == &Graph->getExit()) // a [[noreturn]] call ends the path, not an exit
      return From.hasNoReturnElement() ? None : All;
    return entersCountedLoop(From, To, *Ctx) ? FirstIn[To.getBlockID()] : In[To.getBlockID()];
  };
  auto Out = [&](const CFGBlock &B) {
    llvm::BitVector Bits = None;
    for (const CFGBlock::AdjacentBlock &Succ : B.succs())
      if (const CFGBlock *To = Succ.getReachableBlock())
        Bits |= ValueOf(B, *To);
    return Bits;
  };
  // Block IDs grow from the exit towards the entry: ascending order visits
  // successors first in straight-line code.
  std::deque<const CFGBlock *> Work;
  llvm::BitVector Queued(NumBlocks, true);
  for (const CFGBlock *B : *Graph) // in ID order
    Work.push_back(B);
  while (!Work.empty()) {
    const CFGBlock *B = Work.front();
    Work.pop_front();
    unsigned Id = B->getBlockID();
    Queued.reset(Id);
    llvm::BitVector NewIn = Out(*B).reset(Kill[Id]);
    // Only a for-loop's test with an initialisation is ever entered "first".
    const auto *Loop = dyn_cast_or_null<ForStmt>(B->getTerminatorStmt());
    llvm::BitVector NewFirst = None;
    if (const CFGBlock *Body = Loop && Loop->getInit() ? firstReachableSuccessor(*B) : nullptr)
      NewFirst = llvm::BitVector(ValueOf(*B, *Body)).reset(Kill[Id]);
    if (NewIn == In[Id] && NewFirst == FirstIn[Id])
      continue;
    In[Id] = std::move(NewIn);
    FirstIn[Id] = std::move(NewFirst);
    for (const CFGBlock *Pred : B->preds())
      if (Pred && !Queued.test(Pred->getBlockID())) {
        Queued.set(Pred->getBlockID());
        Work.push_back(Pred);
      }
  }

  llvm::BitVector Result(Q);
  for (unsigned I = 0; I < Q; ++I) {
    std::optional<Point> Start = startOf(Queries[I].From);
    if (!Start)
      continue;
    bool StoppedInBlock = false;
    for (unsigned E = Start->Index + 1, N = Start->Block->size(); E < N && !StoppedInBlock; ++E)
      if (const Stmt *St = stmtAt(*Start->Block, E))
        StoppedInBlock = Queries[I].Stops->contains(St);
    if (!StoppedInBlock && Out(*Start->Block).test(I))
      Result.set(I);
  }
  return Result;
}

std::optional<FunctionCfg::Point> FunctionCfg::startOf(const Stmt *From) const {
  if (!From) // just after the entry block, which has no elements
    return Point{&Graph->getEntry(), 0};
  return pointOf(From);
}

bool FunctionCfg::reachesAvoiding(const Stmt *From, const Stmt *Target,
                                  llvm::function_ref<bool(const Stmt *)> Stops) const {
  std::optional<Point> Start = startOf(From);
  const Stmt *TargetElement = elementFor(Target);
  if (!Start || !TargetElement)
    return false;
  PathWalk Walk(*Graph, *Start, *Ctx);
  while (std::optional<PathWalk::State> S = Walk.next()) {
    bool Stopped = false;
    for (unsigned I = S->First, N = S->Block->size(); I < N && !Stopped; ++I)
      if (const Stmt *St = stmtAt(*S->Block, I)) {
        if (St == TargetElement)
          return true;
        Stopped = Stops(St);
      }
    if (!Stopped)
      Walk.advance(*S, [](const CFGBlock &, const Stmt *) {});
  }
  return false;
}

const Stmt *FunctionCfg::findBefore(const Stmt *From, llvm::function_ref<bool(const Stmt *)> Stops,
                                    llvm::function_ref<bool(const Stmt *)> Match) const {
  std::optional<Point> Start = pointOf(From);
  if (!Start)
    return nullptr;
  // The region the paths from the start explore (up to their stops), and in
  // it the blocks from which a stop is reachable: a match elsewhere is on no
  // path that gets to a stop (an infinite loop, a [[noreturn]] call, an
  // exit). Both stay proportional to the region, not to the function.
  llvm::DenseMap<const CFGBlock *, unsigned> LastStop; // block -> 1 + its last stop
  llvm::SmallPtrSet<const CFGBlock *, 16> Region{Start->Block};
  llvm::SmallVector<const CFGBlock *, 16> Work{Start->Block};
  while (!Work.empty()) {
    const CFGBlock *B = Work.pop_back_val();
    for (unsigned I = 0, N = B->size(); I < N; ++I)
      if (const Stmt *St = stmtAt(*B, I); St && Stops(St))
        LastStop[B] = I + 1;
    if (LastStop.count(B) && B != Start->Block)
      continue; // the paths stop here
    for (const CFGBlock::AdjacentBlock &Succ : B->succs())
      if (const CFGBlock *To = Succ.getReachableBlock(); To && Region.insert(To).second)
        Work.push_back(To);
  }
  llvm::SmallPtrSet<const CFGBlock *, 16> ReachesStop;
  for (const auto &Entry : LastStop)
    if (ReachesStop.insert(Entry.first).second)
      Work.push_back(Entry.first);
  while (!Work.empty())
    for (const CFGBlock *Pred : Work.pop_back_val()->preds())
      if (Pred && Region.contains(Pred) && ReachesStop.insert(Pred).second)
        Work.push_back(Pred);
  auto LeadsToStop = [&](const CFGBlock &B, unsigned I) {
    if (LastStop.lookup(&B) > I)
      return true;
    return llvm::any_of(B.succs(), [&](const CFGBlock::AdjacentBlock &Succ) {
      const CFGBlock *To = Succ.getReachableBlock();
      return To && ReachesStop.contains(To);
    });
  };

  PathWalk Walk(*Graph, *Start, *Ctx);
  while (std::optional<PathWalk::State> S = Walk.next()) {
    bool Stopped = false;
    for (unsigned I = S->First, N = S->Block->size(); I < N && !Stopped; ++I) {
      const Stmt *St = stmtAt(*S->Block, I);
      if (!St)
        continue;
      Stopped = Stops(St);
      if (!Stopped && Match(St) && LeadsToStop(*S->Block, I))
        return St;
    }
    if (!Stopped)
      Walk.advance(*S, [](const CFGBlock &, const Stmt *) {});
  }
  return nullptr;
}

const FunctionCfg *FunctionCfgCache::get(const FunctionDecl *F, ASTContext &Ctx) {
  auto [It, Inserted] = Cache.try_emplace(F);
  if (Inserted)
    It->second = FunctionCfg::build(F, Ctx);
  return It->second.get();
}

} // namespace clang::tidy::ctx
