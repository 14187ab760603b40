//===--- CancelSink.cpp - ctxguard ----------------------------------------===//

#include "CancelSink.h"
#include "Walk.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Basic/SourceManager.h"

namespace clang::tidy::ctx {

namespace {

bool isNamed(const Decl *D, llvm::StringRef QualifiedName) {
  const auto *ND = dyn_cast_or_null<NamedDecl>(D);
  return ND && ND->getIdentifier() && ND->getQualifiedNameAsString() == QualifiedName;
}

const Expr *ignoreImplicit(const Expr *E) {
  return E ? E->IgnoreImplicit()->IgnoreParenImpCasts() : nullptr;
}

bool isStdIgnore(const Expr *E) {
  const auto *Ref = dyn_cast_or_null<DeclRefExpr>(ignoreImplicit(E));
  return Ref && isNamed(Ref->getDecl(), "std::ignore");
}

// Nodes a value passes through unchanged on its way to where it is used.
bool isTransparent(const Stmt *S) {
  if (isa<ImplicitCastExpr, MaterializeTemporaryExpr, CXXBindTemporaryExpr, FullExpr, ParenExpr>(S))
    return true;
  // A copy, move or conversion of the whole value (e.g. into a pair of
  // other types) keeps holding the cancel.
  const auto *Construct = dyn_cast<CXXConstructExpr>(S);
  return Construct && Construct->getNumArgs() == 1;
}

// A local variable of \p F itself (not of an enclosing function: go vet's
// issue 31856), whose lifetime ends with the call.
bool isOwnLocal(const ValueDecl *D, const FunctionDecl *F) {
  if (D->getDeclContext() != F)
    return false;
  if (isa<BindingDecl>(D))
    return true;
  const auto *VD = dyn_cast<VarDecl>(D);
  return VD && VD->isLocalVarDecl() && !VD->isStaticLocal();
}

const ValueDecl *ownLocalRef(const Expr *E, const FunctionDecl *F) {
  const auto *Ref = dyn_cast_or_null<DeclRefExpr>(ignoreImplicit(E));
  return Ref && isOwnLocal(Ref->getDecl(), F) ? Ref->getDecl() : nullptr;
}

// The outermost expression of the full expression containing \p S.
const Stmt *fullExpressionOf(const Stmt *S, const ParentIndex &PM) {
  for (const Stmt *P = PM.parent(S); isa_and_nonnull<Expr>(P); P = PM.parent(P))
    S = P;
  return S;
}

// Follows the value a cancel source returns to where it ends up.
class SinkFinder {
public:
  SinkFinder(const RoleModel &Model, const FunctionDecl *F, const ParentIndex &PM)
      : Model(Model), F(F), PM(PM) {}

  CancelSink find(const CallExpr *Source) {
    CancelSink Sink;
    Sink.HoldsPair = !Model.isType(Source->getType(), Role::CancelFunc);
    const Stmt *Child = Source;
    for (const Stmt *Parent = PM.parent(Child); Parent;
         Child = Parent, Parent = PM.parent(Child)) {
      if (isTransparent(Parent))
        continue;
      // source().second: follow the cancel alone; source().first drops it.
      if (const auto *Member = dyn_cast<MemberExpr>(Parent); Member && Sink.HoldsPair) {
        if (Model.isType(Member->getType(), Role::CancelFunc)) {
          Sink.HoldsPair = false;
          continue;
        }
        if (Model.isContext(Member->getType()))
          return dropped(Sink, Source->getBeginLoc());
        return Sink;
      }
      return classify(Sink, Source, Child, Parent);
    }
    return Sink;
  }

private:
  CancelSink classify(CancelSink &Sink, const CallExpr *Source, const Stmt *Child,
                      const Stmt *Parent) {
    if (const auto *Cast = dyn_cast<ExplicitCastExpr>(Parent))
      return Cast->getType()->isVoidType() ? dropped(Sink, Source->getBeginLoc()) : Sink;
    if (const auto *DS = dyn_cast<DeclStmt>(Parent)) {
      for (const Decl *D : DS->decls())
        if (const auto *Var = dyn_cast<VarDecl>(D); Var && Var->getInit() == Child)
          return declared(Sink, *Var, DS, Source);
      return Sink;
    }
    // A discarded-value expression statement.
    if (!isa<Expr>(Parent) && !isa<ReturnStmt, CoreturnStmt>(Parent))
      return dropped(Sink, Source->getBeginLoc());
    if (const Expr *Target = assignedTo(Parent, Child))
      return assigned(Sink, Target, Source, Parent);
    return Sink;
  }

  // The left-hand side when \p Parent assigns \p Child to something.
  static const Expr *assignedTo(const Stmt *Parent, const Stmt *Child) {
    if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(Parent))
      if (Op->getOperator() == OO_Equal && Op->getNumArgs() == 2 && Op->getArg(1) == Child)
        return Op->getArg(0);
    if (const auto *Op = dyn_cast<BinaryOperator>(Parent))
      if (Op->getOpcode() == BO_Assign && Op->getRHS() == Child)
        return Op->getLHS();
    return nullptr;
  }

  CancelSink declared(CancelSink &Sink, const VarDecl &Var, const DeclStmt *DS,
                      const CallExpr *Source) {
    if (const auto *Decomposition = dyn_cast<DecompositionDecl>(&Var)) {
      if (!Sink.HoldsPair || Decomposition->getDeclContext() != F)
        return Sink;
      llvm::ArrayRef<BindingDecl *> Bindings = Decomposition->bindings();
      unsigned Index = cancelIndex(Source);
      if (Index >= Bindings.size())
        return Sink;
      Sink.HoldsPair = false;
      for (const BindingDecl *B : Bindings)
        if (Model.isContext(B->getType()))
          Sink.ContextVar = B;
      return tracked(Sink, Bindings[Index], DS);
    }
    if (!isOwnLocal(&Var, F))
      return Sink;
    return tracked(Sink, &Var, DS);
  }

  CancelSink assigned(CancelSink &Sink, const Expr *Target, const CallExpr *Source,
                      const Stmt *Assignment) {
    if (isStdIgnore(Target))
      return dropped(Sink, Source->getBeginLoc());
    const Stmt *Creation = fullExpressionOf(Assignment, PM);
    if (const ValueDecl *Var = ownLocalRef(Target, F))
      return tracked(Sink, Var, Creation);
    // std::tie(c, cancel) = source(...): follow the cancel's slot.
    const auto *Tie = dyn_cast<CallExpr>(ignoreImplicit(Target));
    if (!Sink.HoldsPair || !Tie || !isNamed(Tie->getCalleeDecl(), "std::tie"))
      return Sink;
    unsigned Index = cancelIndex(Source);
    if (Index >= Tie->getNumArgs())
      return Sink;
    const Expr *Slot = Tie->getArg(Index);
    if (isStdIgnore(Slot))
      return dropped(Sink, Slot->getBeginLoc());
    Sink.HoldsPair = false;
    for (const Expr *Arg : Tie->arguments())
      if (const ValueDecl *Other = ownLocalRef(Arg, F); Other && Model.isContext(Other->getType()))
        Sink.ContextVar = Other;
    if (const ValueDecl *Var = ownLocalRef(Slot, F))
      return tracked(Sink, Var, Creation);
    return Sink;
  }

  // Which element of the returned pair is the cancel function.
  unsigned cancelIndex(const CallExpr *Source) const {
    QualType T = Source->getType();
    if (T->isDependentType())
      if (const auto *FD = dyn_cast_or_null<FunctionDecl>(RoleModel::calleeOf(Source)))
        T = FD->getReturnType();
    llvm::ArrayRef<TemplateArgument> Args;
    if (const auto *Spec =
            dyn_cast_or_null<ClassTemplateSpecializationDecl>(T->getAsCXXRecordDecl()))
      Args = Spec->getTemplateArgs().asArray();
    else if (const auto *TST = T->getAs<TemplateSpecializationType>())
      Args = TST->template_arguments();
    for (unsigned I = 0; I < Args.size(); ++I)
      if (Args[I].getKind() == TemplateArgument::Type &&
          Model.isType(Args[I].getAsType(), Role::CancelFunc))
        return I;
    return 1;
  }

  static CancelSink dropped(CancelSink &Sink, SourceLocation At) {
    Sink.How = CancelSink::Kind::Dropped;
    Sink.DroppedAt = At;
    return Sink;
  }

  static CancelSink tracked(CancelSink &Sink, const ValueDecl *Var, const Stmt *Creation) {
    if (!Creation)
      return Sink;
    Sink.How = CancelSink::Kind::Tracked;
    Sink.Var = Var;
    Sink.Creation = Creation;
    return Sink;
  }

  const RoleModel &Model;
  const FunctionDecl *F;
  const ParentIndex &PM;
};

const Stmt *parentIgnoringCasts(const ParentIndex &PM, const Stmt *S) {
  return PM.parentIgnoringParenImpCasts(S);
}

// The call \p E is the callee of, if any: cancel() or cancel(cause).
const Expr *callOn(const Expr *E, const ParentIndex &PM) {
  const Stmt *Parent = parentIgnoringCasts(PM, E);
  if (const auto *Op = dyn_cast_or_null<CXXOperatorCallExpr>(Parent))
    if (Op->getOperator() == OO_Call && ignoreImplicit(Op->getArg(0)) == E)
      return Op;
  if (const auto *Call = dyn_cast_or_null<CallExpr>(Parent))
    if (ignoreImplicit(Call->getCallee()) == E)
      return Call;
  return nullptr;
}

// The expression that names the cancel itself at \p Ref: the reference, or
// p.second for a variable holding the pair. Null for p.first.
const Expr *cancelExprAt(const DeclRefExpr *Ref, bool HoldsPair, const RoleModel &Model,
                         const ParentIndex &PM) {
  if (!HoldsPair)
    return Ref;
  const auto *Member = dyn_cast_or_null<MemberExpr>(parentIgnoringCasts(PM, Ref));
  if (!Member)
    return Ref;
  if (Model.isType(Member->getType(), Role::CancelFunc))
    return Member;
  return Model.isContext(Member->getType()) ? nullptr : Ref;
}


CancelUses classifyUsesImpl(llvm::ArrayRef<const DeclRefExpr *> Refs, bool HoldsPair,
                        const RoleModel &Model, const FunctionCfg &Cfg) {
  CancelUses Uses;
  for (const DeclRefExpr *Ref : Refs) {
    const Expr *Cancel = cancelExprAt(Ref, HoldsPair, Model, Cfg.parents());
    if (!Cancel) {
      Uses.ContextReads.push_back(Ref);
      continue;
    }
    if (const Stmt *Element = Cfg.elementFor(Ref))
      Uses.Elements.insert(Element);
    const Expr *Call = callOn(Cancel, Cfg.parents());
    // A call inside a lambda is part of a hand-off (the capture).
    const Stmt *CallElement = Call ? Cfg.elementFor(Call) : nullptr;
    if (!Call || CallElement != Call) {
      Uses.HandedOff = true;
      continue;
    }
    Uses.ManualCalls.insert(CallElement);
    if (!Uses.FirstManualCall)
      Uses.FirstManualCall = Call;
    Uses.LastManualCall = Call;
  }
  return Uses;
}

} // namespace

CancelSink findSink(const CallExpr *Source, const FunctionDecl *F, const ParentIndex &Parents,
                    const RoleModel &Model) {
  return SinkFinder(Model, F, Parents).find(Source);
}

CancelUses classifyUses(llvm::ArrayRef<const DeclRefExpr *> Refs, bool HoldsPair,
                        const RoleModel &Model, const FunctionCfg &Cfg) {
  return classifyUsesImpl(Refs, HoldsPair, Model, Cfg);
}

ReferenceIndex::ReferenceIndex(const Stmt *Body, const RoleModel &Model) {
  walk(Body, Lambdas::Enter, [&](const Stmt *S, const WalkPosition &) {
    if (const auto *Ref = dyn_cast<DeclRefExpr>(S)) {
      Refs[Ref->getDecl()].push_back(Ref);
      return WalkAction::Continue;
    }
    const auto *DS = dyn_cast<DeclStmt>(S);
    if (!DS)
      return WalkAction::Continue;
    for (const Decl *D : DS->decls()) {
      const auto *VD = dyn_cast<VarDecl>(D);
      if (!VD || !VD->getInit())
        continue;
      llvm::SmallVector<const ValueDecl *, 2> Holders;
      if (const auto *DD = dyn_cast<DecompositionDecl>(VD)) {
        for (const BindingDecl *B : DD->bindings())
          if (Model.isContext(B->getType()))
            Holders.push_back(B);
      } else if (Model.holdsType(VD->getType(), Role::Context)) {
        Holders.push_back(VD);
      }
      if (Holders.empty())
        continue;
      // What the initializer mentions derives these holders.
      walk(VD->getInit(), Lambdas::Enter, [&](const Stmt *Inner, const WalkPosition &) {
        if (const auto *Mention = dyn_cast<DeclRefExpr>(Inner))
          for (const ValueDecl *Holder : Holders)
            Derived[Mention->getDecl()].push_back(Holder);
        return WalkAction::Continue;
      });
    }
    return WalkAction::Continue;
  });
}

llvm::ArrayRef<const DeclRefExpr *> ReferenceIndex::refs(const ValueDecl *Var) const {
  auto It = Refs.find(Var);
  return It == Refs.end() ? llvm::ArrayRef<const DeclRefExpr *>() : It->second;
}

llvm::ArrayRef<const ValueDecl *> ReferenceIndex::derivedFrom(const ValueDecl *Var) const {
  auto It = Derived.find(Var);
  return It == Derived.end() ? llvm::ArrayRef<const ValueDecl *>() : It->second;
}

bool contextOutlivesCancel(const CancelSink &Sink, const CancelUses &Uses,
                           const ReferenceIndex &Index, const SourceManager &SM) {
  SourceLocation LastCancel = SM.getFileLoc(Uses.LastManualCall->getEndLoc());
  auto After = [&](const DeclRefExpr *Read) {
    return SM.isBeforeInTranslationUnit(LastCancel, SM.getFileLoc(Read->getBeginLoc()));
  };
  if (llvm::any_of(Uses.ContextReads, After))
    return true;
  // The derived contexts: the context itself, and every context local made
  // from one of them.
  llvm::SmallPtrSet<const ValueDecl *, 8> Derived;
  llvm::SmallVector<const ValueDecl *, 8> Work;
  if (Sink.ContextVar)
    Work.push_back(Sink.ContextVar);
  if (Sink.HoldsPair)
    Work.push_back(Sink.Var);
  for (const ValueDecl *Var : Work)
    Derived.insert(Var);
  while (!Work.empty())
    for (const ValueDecl *Next : Index.derivedFrom(Work.pop_back_val()))
      if (Derived.insert(Next).second)
        Work.push_back(Next);
  if (Sink.HoldsPair)
    Derived.erase(Sink.Var); // its reads were classified above
  for (const ValueDecl *Var : Derived)
    if (llvm::any_of(Index.refs(Var), After))
      return true;
  return false;
}

} // namespace clang::tidy::ctx
