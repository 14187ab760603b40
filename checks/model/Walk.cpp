//===--- Walk.cpp - ctxguard ----------------------------------------------===//

#include "Walk.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/StmtCXX.h"

namespace clang::tidy::ctx {

namespace {

// Whether child \p C of \p P runs once per iteration of \p P: a for loop's
// initializer and a range-for's range run once.
bool repeats(const Stmt *P, const Stmt *C) {
  if (const auto *For = dyn_cast<ForStmt>(P))
    return C != For->getInit();
  if (const auto *Range = dyn_cast<CXXForRangeStmt>(P))
    return C != Range->getInit() && C != Range->getRangeStmt() && C != Range->getBeginStmt() &&
           C != Range->getEndStmt();
  return isa<WhileStmt, DoStmt>(P);
}

} // namespace

bool isLoop(const Stmt *S) { return isa<ForStmt, WhileStmt, DoStmt, CXXForRangeStmt>(S); }

bool walk(const Stmt *Root, Lambdas Policy,
          llvm::function_ref<WalkAction(const Stmt *, const WalkPosition &)> Visit) {
  if (!Root)
    return true;
  struct Item {
    const Stmt *S;
    WalkPosition At;
  };
  llvm::SmallVector<Item, 64> Stack{{Root, {}}};
  llvm::SmallVector<Item, 8> Children;
  while (!Stack.empty()) {
    auto [S, At] = Stack.pop_back_val();
    WalkAction Action = Visit(S, At);
    if (Action == WalkAction::Stop)
      return false;
    if (Action == WalkAction::SkipChildren)
      continue;
    Children.clear();
    WalkPosition Inner{S, At.Lambda, At.LoopDepth, At.Depth + 1};
    if (const auto *Lambda = dyn_cast<LambdaExpr>(S)) {
      // Captures are initialised where the lambda is written.
      for (const Expr *Init : Lambda->capture_inits())
        if (Init)
          Children.push_back({Init, Inner});
      if (Policy == Lambdas::Enter)
        Children.push_back({Lambda->getBody(), {S, Lambda, 0, At.Depth + 1}});
    } else if (!isa<BlockExpr>(S)) {
      bool Loop = isLoop(S);
      for (const Stmt *Child : S->children())
        if (Child) {
          WalkPosition ChildAt = Inner;
          ChildAt.LoopDepth += Loop && repeats(S, Child);
          Children.push_back({Child, ChildAt});
        }
    }
    Stack.append(Children.rbegin(), Children.rend());
  }
  return true;
}

unsigned nestingDepth(const Stmt *Root) {
  unsigned Max = 0;
  walk(Root, Lambdas::Enter, [&](const Stmt *, const WalkPosition &At) {
    Max = std::max(Max, At.Depth);
    return WalkAction::Continue;
  });
  return Max;
}

ParentIndex::ParentIndex(llvm::ArrayRef<const Stmt *> RootList) {
  for (const Stmt *Root : RootList) {
    Roots.insert(Root);
    walk(Root, Lambdas::Enter, [&](const Stmt *S, const WalkPosition &At) {
      if (At.Parent)
        Parents.try_emplace(S, At.Parent);
      return WalkAction::Continue;
    });
  }
}

ParentIndex ParentIndex::of(const FunctionDecl *F) {
  llvm::SmallVector<const Stmt *, 4> Roots;
  if (const auto *Ctor = dyn_cast<CXXConstructorDecl>(F))
    for (const CXXCtorInitializer *Init : Ctor->inits())
      if (Init->isWritten() && Init->getInit())
        Roots.push_back(Init->getInit());
  Roots.push_back(F->getBody());
  return ParentIndex(Roots);
}

const Stmt *ParentIndex::parentIgnoringParenImpCasts(const Stmt *S) const {
  const Stmt *P = parent(S);
  while (P && isa<ParenExpr, ImplicitCastExpr>(P))
    P = parent(P);
  return P;
}

bool ParentIndex::isWithin(const Stmt *S, const Stmt *Ancestor) const {
  for (; S; S = parent(S))
    if (S == Ancestor)
      return true;
  return false;
}

namespace {

// The value a copy or move passes on, or with \p Model, a view of a channel
// made from a channel; null otherwise. A CXXTemporaryObjectExpr (`T(x)`
// written as such) constructs a new object.
const Expr *passedOn(const Expr *E, const RoleModel *Model) {
  const auto *Construct = dyn_cast<CXXConstructExpr>(E);
  if (!Construct || isa<CXXTemporaryObjectExpr>(Construct) || Construct->getNumArgs() != 1)
    return nullptr;
  const CXXConstructorDecl *Ctor = Construct->getConstructor();
  if (Ctor->isCopyOrMoveConstructor())
    return Construct->getArg(0);
  if (Model && Model->isChannel(Construct->getType()) &&
      Model->isChannel(Construct->getArg(0)->getType()))
    return Construct->getArg(0);
  return nullptr;
}

} // namespace

const Expr *lookThrough(const Expr *E, const RoleModel *Model) {
  while (E) {
    const Expr *Next = E->IgnoreParenImpCasts();
    if (const auto *Full = dyn_cast<FullExpr>(Next))
      Next = Full->getSubExpr();
    else if (const auto *M = dyn_cast<MaterializeTemporaryExpr>(Next))
      Next = M->getSubExpr();
    else if (const auto *B = dyn_cast<CXXBindTemporaryExpr>(Next))
      Next = B->getSubExpr();
    else if (const auto *F = dyn_cast<CXXFunctionalCastExpr>(Next))
      Next = F->getSubExpr(); // the syntax of a construction or conversion
    else if (const Expr *Value = passedOn(Next, Model))
      Next = Value;
    if (Next == E)
      return E;
    E = Next;
  }
  return E;
}

} // namespace clang::tidy::ctx
