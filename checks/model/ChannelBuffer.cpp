//===--- ChannelBuffer.cpp - ctxguard -------------------------------------===//

#include "ChannelBuffer.h"
#include "ChannelFlow.h"
#include "clang-tidy/utils/DeclRefExprUtils.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "llvm/ADT/STLExtras.h"

namespace clang::tidy::ctx {

namespace {

// The statements from \p S down to \p Target, not entering lambdas.
bool pathTo(const Stmt *S, const Stmt *Target, llvm::SmallVectorImpl<const Stmt *> &Path) {
  if (!S || (S != Target && isa<LambdaExpr>(S)))
    return false;
  Path.push_back(S);
  if (S == Target)
    return true;
  for (const Stmt *Child : S->children())
    if (pathTo(Child, Target, Path))
      return true;
  Path.pop_back();
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
  if (!S)
    return false;
  if (isa<GotoStmt, IndirectGotoStmt>(S))
    return true;
  return llvm::any_of(S->children(), hasGoto);
}

// Whether \p Channel is closed by \p S, a statement of a block: `ch.close();`.
bool closes(const Stmt *S, const VarDecl *Channel, const RoleModel &Model) {
  const auto *E = dyn_cast<Expr>(S);
  const auto *Call = E ? dyn_cast<CXXMemberCallExpr>(E->IgnoreImplicit()) : nullptr;
  return Call && Model.calls(Call, Role::ChanClose) &&
         channelVar(Call->getImplicitObjectArgument(), Model) == Channel;
}

// The lambda a spawn runs when it is written in place, so that it runs once
// per execution of the spawn: `ctx::go([ch] { ch.send(1); })`.
const LambdaExpr *inPlaceLambda(const SpawnSite &Spawn) {
  const Expr *First = nullptr;
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(Spawn.E))
    First = Construct->getNumArgs() ? Construct->getArg(0) : nullptr;
  else if (const auto *Call = dyn_cast<CallExpr>(Spawn.E))
    First = Call->getNumArgs() ? Call->getArg(0) : nullptr;
  return First ? dyn_cast<LambdaExpr>(ignoreTemporaries(First)) : nullptr;
}

bool isSend(const ChanOp &Op) {
  return Op.Kind == ChanOpKind::Send || Op.Kind == ChanOpKind::CaseSend;
}

// Every send runs at most once and there are at most Capacity of them.
bool sendsFitBuffer(llvm::ArrayRef<ChanOp> Ops, const ChannelFacts &Facts, std::uint64_t Capacity) {
  std::uint64_t Sends = 0;
  for (const ChanOp &Op : Ops) {
    if (!isSend(Op))
      continue;
    bool SpawnedOnce = llvm::any_of(Facts.Spawns, [&](const SpawnSite &S) {
      return !S.InLoop && inPlaceLambda(S) == Op.Lambda;
    });
    if (Op.InLoop || (Op.Lambda && !SpawnedOnce))
      return false;
    ++Sends;
  }
  return Sends <= Capacity;
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

// The number of times the body of \p Loop runs, when it is the counted loop
// `for (int i = 0; i < Bound; ++i)` whose counter the body does not modify:
// Bound; else null.
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

// Go's fan-out into a buffered channel sized for it: the one send runs once in
// each goroutine started by a counted loop whose bound is the capacity,
// `Chan<R> results(n); for (int i = 0; i < n; ++i) ctx::go([results] {
// results.send(...); });`.
bool sendsFitFanOut(const VarDecl *Channel, llvm::ArrayRef<ChanOp> Ops, const ChannelFacts &Facts,
                    const Stmt *Body, ASTContext &Ctx) {
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
  for (const SpawnSite &S : Facts.Spawns)
    if (inPlaceLambda(S) == Send->Lambda)
      Spawn = &S;
  const auto *Construct = dyn_cast_or_null<CXXConstructExpr>(ignoreTemporaries(Channel->getInit()));
  llvm::SmallVector<const Stmt *, 16> Path;
  if (!Spawn || !Construct || Construct->getNumArgs() != 1 || !pathTo(Body, Spawn->E, Path))
    return false;
  const Stmt *Loop = nullptr;
  for (const Stmt *S : Path)
    if (isa<ForStmt, WhileStmt, DoStmt, CXXForRangeStmt>(S)) {
      if (Loop)
        return false; // nested loops
      Loop = S;
    }
  const Expr *Bound = Loop ? tripCount(Loop, Ctx) : nullptr;
  return Bound && llvm::is_contained(Path, cast<ForStmt>(Loop)->getBody()) &&
         sameValue(Bound, Construct->getArg(0), Body, Ctx);
}

// Whether \p Op runs whenever the code before it in \p Body runs, once.
bool isStraightLine(const ChanOp &Op, const Stmt *Body) {
  if (Op.InLoop || Op.Kind == ChanOpKind::Range || Op.Kind == ChanOpKind::CaseSend ||
      Op.Kind == ChanOpKind::CaseRecv)
    return false;
  llvm::SmallVector<const Stmt *, 16> Path;
  return pathTo(Body, Op.S, Path) && llvm::none_of(Path, isConditional);
}

// Simulates the operations of one body against the buffer, in source order,
// up to the first one that is not straight-line; adds those that find a
// value or room (or a closed channel). Operations in lambdas may run
// concurrently: then nothing is simulated.
void simulateSequence(llvm::ArrayRef<ChanOp> Ops, const Stmt *Body, std::uint64_t Capacity,
                      const SourceManager &SM, llvm::SmallPtrSetImpl<const Stmt *> &NeverBlock) {
  if (llvm::any_of(Ops, [](const ChanOp &Op) { return Op.Lambda; }) || hasGoto(Body))
    return;
  llvm::SmallVector<const ChanOp *, 8> Ordered;
  for (const ChanOp &Op : Ops)
    Ordered.push_back(&Op);
  llvm::sort(Ordered, [&](const ChanOp *A, const ChanOp *B) {
    return SM.isBeforeInTranslationUnit(A->S->getBeginLoc(), B->S->getBeginLoc());
  });
  std::uint64_t Held = 0;
  bool Closed = false;
  for (size_t I = 0; I < Ordered.size(); ++I) {
    const ChanOp &Op = *Ordered[I];
    // Operations nested in one another run in an order the source does not show.
    bool Nested = I + 1 < Ordered.size() &&
                  SM.isBeforeInTranslationUnit(Ordered[I + 1]->S->getBeginLoc(), Op.S->getEndLoc());
    if (Nested || !isStraightLine(Op, Body))
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

} // namespace

llvm::SmallPtrSet<const Stmt *, 4> nonBlockingOperations(const VarDecl *Channel,
                                                         const RoleModel &Model, ASTContext &Ctx) {
  llvm::SmallPtrSet<const Stmt *, 4> NeverBlock;
  const auto *Function = dyn_cast<FunctionDecl>(Channel->getDeclContext());
  if (!Function || !Function->getBody() || isa<ParmVarDecl>(Channel) ||
      Channel->getType()->isReferenceType())
    return NeverBlock;
  const Stmt *Body = Function->getBody();
  ChannelFacts Facts = ChannelFacts::collect(Body, Model);
  llvm::SmallVector<ChanOp, 8> Ops;
  llvm::SmallPtrSet<const DeclRefExpr *, 8> OperationRefs;
  for (const ChanOp &Op : Facts.Ops)
    if (Op.Var == Channel) {
      Ops.push_back(Op);
      OperationRefs.insert(Op.Ref);
    }
  bool Escapes = llvm::any_of(Facts.Refs, [&](const auto &Ref) {
    return Ref.first->getDecl() == Channel && !OperationRefs.contains(Ref.first);
  });
  if (Escapes)
    return NeverBlock;
  std::optional<std::uint64_t> Capacity = channelCapacity(Channel, Ctx);
  if ((Capacity && *Capacity > 0 && sendsFitBuffer(Ops, Facts, *Capacity)) ||
      sendsFitFanOut(Channel, Ops, Facts, Body, Ctx))
    for (const ChanOp &Op : Ops)
      if (isSend(Op))
        NeverBlock.insert(Op.S);
  if (Capacity)
    simulateSequence(Ops, Body, *Capacity, Ctx.getSourceManager(), NeverBlock);
  return NeverBlock;
}

bool closedByItsFunction(const VarDecl *Channel, const RoleModel &Model) {
  const auto *Function = dyn_cast<FunctionDecl>(Channel->getDeclContext());
  if (!Function || !Function->getBody() || isa<ParmVarDecl>(Channel) ||
      Channel->getType()->isReferenceType())
    return false;
  ChannelFacts Facts = ChannelFacts::collect(Function->getBody(), Model);
  return llvm::any_of(Facts.Ops, [&](const ChanOp &Op) {
    return Op.Var == Channel && Op.Kind == ChanOpKind::Close;
  });
}

bool precededBy(const Stmt *Body, const Stmt *Target, llvm::function_ref<bool(const Stmt *)> Pred) {
  llvm::SmallVector<const Stmt *, 16> Path;
  if (!pathTo(Body, Target, Path))
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

bool closedBefore(const Stmt *Body, const Stmt *Target, const VarDecl *Channel,
                  const RoleModel &Model) {
  return Channel && precededBy(Body, Target, [&](const Stmt *Statement) {
           return closes(Statement, Channel, Model);
         });
}

} // namespace clang::tidy::ctx
