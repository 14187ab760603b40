//===--- ChannelBuffer.cpp - ctxguard -------------------------------------===//

#include "ChannelBuffer.h"
#include "ChannelFlow.h"
#include "Walk.h"
#include "clang-tidy/utils/DeclRefExprUtils.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "llvm/ADT/SmallPtrSet.h"
#include <algorithm>
#include "llvm/ADT/STLExtras.h"

namespace clang::tidy::ctx {

namespace {

// The statements from \p Body down to \p Target, not across lambdas.
bool pathTo(const Stmt *Body, const Stmt *Target, const ParentIndex &Parents,
            llvm::SmallVectorImpl<const Stmt *> &Path) {
  for (const Stmt *S = Target; S; S = Parents.parent(S)) {
    if (S != Target && isa<LambdaExpr>(S))
      return false;
    Path.push_back(S);
    if (S == Body) {
      std::reverse(Path.begin(), Path.end());
      return true;
    }
  }
  Path.clear();
  return false;
}

// Whether reaching the last statement of \p Path from its first may skip it
// or repeat it: a branch, a loop, a handler, a short-circuit.
bool isConditional(const Stmt *S) {
  if (const auto *Op = dyn_cast<BinaryOperator>(S))
    return Op->isLogicalOp();
  return isa<IfStmt, SwitchStmt, ForStmt, WhileStmt, DoStmt, CXXForRangeStmt, CXXTryStmt,
             CXXCatchStmt, AbstractConditionalOperator, LabelStmt>(S);
}

bool hasGoto(const Stmt *S) {
  return !walk(S, Lambdas::Separate, [](const Stmt *Child, const WalkPosition &) {
    return isa<GotoStmt, IndirectGotoStmt>(Child) ? WalkAction::Stop : WalkAction::Continue;
  });
}

// The lambda a spawn runs when it is written in place, so that it runs once
// per execution of the spawn: `ctx::go([ch] { ch.send(1); })`.
const LambdaExpr *inPlaceLambda(const SpawnSite &Spawn) {
  const Expr *First = nullptr;
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(Spawn.E))
    First = Construct->getNumArgs() ? Construct->getArg(0) : nullptr;
  else if (const auto *Call = dyn_cast<CallExpr>(Spawn.E))
    First = Call->getNumArgs() ? Call->getArg(0) : nullptr;
  return First ? dyn_cast<LambdaExpr>(lookThrough(First)) : nullptr;
}

bool isSend(const ChanOp &Op) {
  return Op.Kind == ChanOpKind::Send || Op.Kind == ChanOpKind::CaseSend;
}

// Whether \p A and \p B have the same value wherever they are evaluated in
// \p Body: equal constants, or the same variable that \p Body never modifies.
bool sameValue(const Expr *A, const Expr *B, const Stmt *Body, ASTContext &Ctx) {
  // Integral casts keep the count: `Chan<R> results(static_cast<size_t>(n))`.
  A = A->IgnoreParenCasts();
  B = B->IgnoreParenCasts();
  Expr::EvalResult ValueA, ValueB;
  if (!A->isValueDependent() && !B->isValueDependent() && A->EvaluateAsInt(ValueA, Ctx) &&
      B->EvaluateAsInt(ValueB, Ctx))
    return llvm::APSInt::isSameValue(ValueA.Val.getInt(), ValueB.Val.getInt());
  const auto *RefA = dyn_cast<DeclRefExpr>(A);
  const auto *RefB = dyn_cast<DeclRefExpr>(B);
  const auto *Var = RefA ? dyn_cast<VarDecl>(RefA->getDecl()) : nullptr;
  return Var && RefB && RefB->getDecl() == Var &&
         utils::decl_ref_expr::isOnlyUsedAsConst(*Var, *Body, Ctx, 0);
}

} // namespace

const Expr *tripCount(const Stmt *Loop, ASTContext &Ctx) {
  const auto *For = dyn_cast<ForStmt>(Loop);
  const auto *Init = For ? dyn_cast_or_null<DeclStmt>(For->getInit()) : nullptr;
  const auto *Counter =
      Init && Init->isSingleDecl() ? dyn_cast<VarDecl>(Init->getSingleDecl()) : nullptr;
  Expr::EvalResult Start;
  if (!Counter || !Counter->getInit() || Counter->getInit()->isValueDependent() ||
      !Counter->getInit()->EvaluateAsInt(Start, Ctx) || !Start.Val.getInt().isZero())
    return nullptr;
  auto IsCounter = [&](const Expr *E) {
    const auto *Ref = E ? dyn_cast<DeclRefExpr>(E->IgnoreParenImpCasts()) : nullptr;
    return Ref && Ref->getDecl() == Counter;
  };
  const auto *Cond = dyn_cast_or_null<BinaryOperator>(For->getCond());
  const auto *Inc = dyn_cast_or_null<UnaryOperator>(For->getInc());
  if (!Cond || Cond->getOpcode() != BO_LT || !IsCounter(Cond->getLHS()) || !Inc ||
      !Inc->isIncrementOp() || !IsCounter(Inc->getSubExpr()) || !For->getBody() ||
      !utils::decl_ref_expr::isOnlyUsedAsConst(*Counter, *For->getBody(), Ctx, 0))
    return nullptr;
  return Cond->getRHS();
}

bool sameCount(const Expr *A, const Expr *B, const Stmt *Body, ASTContext &Ctx) {
  return sameValue(A, B, Body, Ctx);
}

bool closes(const Stmt *S, const VarDecl *Channel, const RoleModel &Model) {
  const auto *E = dyn_cast<Expr>(S);
  const auto *Call = E ? dyn_cast<CXXMemberCallExpr>(E->IgnoreImplicit()) : nullptr;
  return Call && Model.calls(Call, Role::ChanClose) &&
         channelVar(Call->getImplicitObjectArgument(), Model) == Channel;
}

namespace {

/// One local channel of a function, with what the function does with it.
class LocalChannel {
public:
  LocalChannel(const VarDecl *Channel, const ChannelScope &Scope) : Channel(Channel), Scope(Scope) {
    for (const ChanOp &Op : Scope.Facts.Ops)
      if (Op.Var == Channel) {
        Ops.push_back(Op);
        OperationRefs.insert(Op.Ref);
      }
  }

  /// The references that are not its own operations: where it escapes.
  /// A view that can only receive (returned or passed as a RecvChan) adds
  /// no sender, so it does not count for the sends.
  llvm::SmallVector<const DeclRefExpr *, 2> escapes() const {
    llvm::SmallVector<const DeclRefExpr *, 2> Out;
    for (const auto &[Ref, Lambda] : Scope.Facts.Refs)
      // (a reference in a lambda is the lambda's use of its capture)
      if (Ref->getDecl() == Channel && !OperationRefs.contains(Ref) && !isReceiveOnlyView(Ref))
        Out.push_back(Ref);
    return Out;
  }

  /// Every send runs at most once and there are at most Capacity of them.
  bool sendsFitBuffer(std::uint64_t Capacity) const {
    std::uint64_t Sends = 0;
    for (const ChanOp &Op : Ops) {
      if (!isSend(Op))
        continue;
      bool SpawnedOnce = llvm::any_of(Scope.Facts.Spawns, [&](const SpawnSite &S) {
        return !S.InLoop && inPlaceLambda(S) == Op.Lambda;
      });
      if (Op.InLoop || (Op.Lambda && !SpawnedOnce))
        return false;
      ++Sends;
    }
    return Sends <= Capacity;
  }

  /// Go's fan-out into a buffered channel sized for it: the one send runs
  /// once in each goroutine started by a counted loop whose bound is the
  /// capacity, `Chan<R> results(n); for (int i = 0; i < n; ++i)
  /// ctx::go([results] { results.send(...); });`.
  bool sendsFitFanOut() const {
    const ChanOp *Send = nullptr;
    for (const ChanOp &Op : Ops)
      if (isSend(Op)) {
        if (Send)
          return false;
        Send = &Op;
      }
    if (!Send || !Send->Lambda || Send->InLoop)
      return false;
    const SpawnSite *Spawn = nullptr;
    for (const SpawnSite &S : Scope.Facts.Spawns)
      if (inPlaceLambda(S) == Send->Lambda)
        Spawn = &S;
    const auto *Construct = dyn_cast_or_null<CXXConstructExpr>(lookThrough(Channel->getInit()));
    llvm::SmallVector<const Stmt *, 16> Path;
    if (!Spawn || !Construct || Construct->getNumArgs() != 1 ||
        !pathTo(Scope.Body, Spawn->E, Scope.Parents, Path))
      return false;
    const Stmt *Loop = nullptr;
    for (const Stmt *S : Path)
      if (isLoop(S)) {
        if (Loop)
          return false; // nested loops
        Loop = S;
      }
    const Expr *Bound = Loop ? tripCount(Loop, Scope.Ctx) : nullptr;
    return Bound && llvm::is_contained(Path, cast<ForStmt>(Loop)->getBody()) &&
           sameValue(Bound, Construct->getArg(0), Scope.Body, Scope.Ctx);
  }

  /// Simulates the operations against the buffer, in source order, up to
  /// the first one that is not straight-line code or the first escape (from
  /// there on others may use the channel); adds those that find a value or
  /// room, or a closed channel. Operations in lambdas may run concurrently:
  /// then nothing is simulated.
  void simulate(std::uint64_t Capacity, llvm::SmallPtrSetImpl<const Stmt *> &NeverBlock) const {
    if (llvm::any_of(Ops, [](const ChanOp &Op) { return Op.Lambda; }) || hasGoto(Scope.Body))
      return;
    const SourceManager &SM = Scope.Ctx.getSourceManager();
    auto Before = [&](SourceLocation A, SourceLocation B) {
      return SM.isBeforeInTranslationUnit(A, B);
    };
    llvm::SmallVector<const ChanOp *, 8> Ordered;
    for (const ChanOp &Op : Ops)
      Ordered.push_back(&Op);
    llvm::sort(Ordered,
               [&](const ChanOp *A, const ChanOp *B) { return Before(A->loc(), B->loc()); });
    std::optional<SourceLocation> FirstEscape;
    for (const DeclRefExpr *Ref : escapes())
      if (!FirstEscape || Before(Ref->getBeginLoc(), *FirstEscape))
        FirstEscape = Ref->getBeginLoc();
    std::uint64_t Held = 0;
    bool Closed = false;
    for (size_t I = 0; I < Ordered.size(); ++I) {
      const ChanOp &Op = *Ordered[I];
      // Operations nested in one another run in an order the source does not show.
      bool Nested = I + 1 < Ordered.size() && Before(Ordered[I + 1]->loc(), Op.S->getEndLoc());
      if (Nested || !isStraightLine(Op) || (FirstEscape && !Before(Op.loc(), *FirstEscape)))
        return;
      if (Op.Kind == ChanOpKind::Close) {
        Closed = true;
      } else if (Op.Kind == ChanOpKind::Send) {
        if (!Closed && Held == Capacity)
          return; // blocks: what follows may never run
        Held += !Closed;
        NeverBlock.insert(Op.S);
      } else if (Op.Kind == ChanOpKind::Recv) {
        if (!Closed && Held == 0)
          return;
        Held -= !Closed;
        NeverBlock.insert(Op.S);
      }
    }
  }

  llvm::ArrayRef<ChanOp> ops() const { return Ops; }

private:
  bool isReceiveOnlyView(const DeclRefExpr *Ref) const {
    for (const Stmt *P = Scope.Parents.parent(Ref); P; P = Scope.Parents.parent(P)) {
      const auto *E = dyn_cast<Expr>(P);
      if (!E)
        return false;
      if (const auto *Construct = dyn_cast<CXXConstructExpr>(E)) {
        if (Scope.Model.isType(Construct->getType(), Role::RecvOnlyChan))
          return true;
        if (Construct->getConstructor()->isCopyOrMoveConstructor())
          continue; // the copy a view is made from
        return false;
      }
      if (!isa<ImplicitCastExpr, MaterializeTemporaryExpr, CXXBindTemporaryExpr, ParenExpr,
               ExprWithCleanups, CXXFunctionalCastExpr>(E))
        return false;
    }
    return false;
  }

  bool isStraightLine(const ChanOp &Op) const {
    if (Op.InLoop || Op.Kind == ChanOpKind::Range || Op.Kind == ChanOpKind::CaseSend ||
        Op.Kind == ChanOpKind::CaseRecv)
      return false;
    llvm::SmallVector<const Stmt *, 16> Path;
    return pathTo(Scope.Body, Op.S, Scope.Parents, Path) && llvm::none_of(Path, isConditional);
  }

  const VarDecl *Channel;
  const ChannelScope &Scope;
  llvm::SmallVector<ChanOp, 8> Ops;
  llvm::SmallPtrSet<const DeclRefExpr *, 8> OperationRefs;
};

} // namespace

llvm::SmallPtrSet<const Stmt *, 4> nonBlockingOperations(const VarDecl *Channel,
                                                         const ChannelScope &Scope) {
  llvm::SmallPtrSet<const Stmt *, 4> NeverBlock;
  if (!isLocalChannel(Channel))
    return NeverBlock;
  LocalChannel Local(Channel, Scope);
  std::optional<std::uint64_t> Capacity = channelCapacity(Channel, Scope.Ctx);
  if (Local.escapes().empty() &&
      ((Capacity && *Capacity > 0 && Local.sendsFitBuffer(*Capacity)) || Local.sendsFitFanOut()))
    for (const ChanOp &Op : Local.ops())
      if (isSend(Op))
        NeverBlock.insert(Op.S);
  if (Capacity)
    Local.simulate(*Capacity, NeverBlock);
  return NeverBlock;
}

bool isLocalChannel(const VarDecl *Channel) {
  const auto *Function = dyn_cast<FunctionDecl>(Channel->getDeclContext());
  return Function && Function->getBody() && !isa<ParmVarDecl>(Channel) &&
         Channel->isLocalVarDecl() && !Channel->isStaticLocal() &&
         !Channel->getType()->isReferenceType();
}

bool precededBy(const ChannelScope &Scope, const Stmt *Target,
                llvm::function_ref<bool(const Stmt *)> Pred) {
  llvm::SmallVector<const Stmt *, 16> Path;
  if (!pathTo(Scope.Body, Target, Scope.Parents, Path))
    return false;
  for (size_t I = 0; I + 1 < Path.size(); ++I)
    if (const auto *Block = dyn_cast<CompoundStmt>(Path[I]))
      for (const Stmt *Statement : Block->body()) {
        if (Statement == Path[I + 1])
          break;
        if (Pred(Statement))
          return true;
      }
  return false;
}

bool closedBefore(const ChannelScope &Scope, const Stmt *Target, const VarDecl *Channel) {
  return Channel && precededBy(Scope, Target, [&](const Stmt *Statement) {
           return closes(Statement, Channel, Scope.Model);
         });
}

} // namespace clang::tidy::ctx
