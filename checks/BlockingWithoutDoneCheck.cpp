//===--- BlockingWithoutDoneCheck.cpp - ctxguard --------------------------===//

#include "BlockingWithoutDoneCheck.h"
#include "model/ChannelBuffer.h"
#include "model/ChannelFlow.h"
#include "model/Closing.h"
#include "model/FixIts.h"
#include "model/Matchers.h"
#include "model/StopLinks.h"
#include "model/Walk.h"
#include "clang-tidy/utils/DeclRefExprUtils.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/LambdaCapture.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"

using namespace clang::ast_matchers;

namespace clang::tidy::ctx {

namespace {

RoleSet readRoles() {
  RoleSet Reads = blockingRoles();
  Reads.add(closingRoles());
  for (Role R : {Role::CancelSource, Role::Go, Role::Link, Role::ChanNil, Role::RecvOnlyChan,
                 Role::SendOnlyChan, Role::ChanRange, Role::ChanClose, Role::Observe})
    Reads.add(R);
  return Reads;
}

// The context to name: the latest local (usually derived for this work),
// else the function's own parameter or capture.
const AvailableContext &contextToName(llvm::ArrayRef<AvailableContext> Available) {
  for (const AvailableContext &A : llvm::reverse(Available))
    if (A.How == AvailableContext::Origin::Local)
      return A;
  return Available.front();
}

// Whether code in \p F can name \p Available as it is: its own parameter or
// local, or a capture of F's own lambda (or one it can capture through a
// default capture). A context of an enclosing function that the lambda does
// not capture cannot be named: a fix-it naming it would not compile.
bool isNameableIn(const AvailableContext &Available, const FunctionDecl *F) {
  switch (Available.How) {
  case AvailableContext::Origin::Parameter:
  case AvailableContext::Origin::Local:
    return true;
  case AvailableContext::Origin::Capture: {
    const CXXRecordDecl *Closure = cast<CXXMethodDecl>(F)->getParent();
    return Closure->getLambdaCaptureDefault() != LCD_None ||
           llvm::any_of(Closure->captures(), [&](const LambdaCapture &C) {
             return C.capturesVariable() && C.getCapturedVar() == Available.Var;
           });
  }
  case AvailableContext::Origin::EnclosingParameter:
    return false;
  }
  return false;
}

// The cancel bound beside the local context \p Context:
// `auto [c, cancel] = ctx::with_cancel(parent);`.
const BindingDecl *cancelBoundWith(const ValueDecl *Context, const RoleModel &Model) {
  const auto *Binding = dyn_cast<BindingDecl>(Context);
  const auto *Pair =
      Binding ? dyn_cast_or_null<DecompositionDecl>(Binding->getDecomposedDecl()) : nullptr;
  if (!Pair || Pair->bindings().size() != 2 || Pair->bindings()[0] != Binding || !Pair->getInit() ||
      !Model.calls(Pair->getInit()->IgnoreImplicit(), Role::CancelSource))
    return nullptr;
  return Pair->bindings()[1];
}

// `cancel();` or `cancel(cause);` as a statement of its own.
bool callsCancel(const Stmt *S, const BindingDecl *Cancel) {
  const auto *E = dyn_cast<Expr>(S);
  const auto *Call = E ? dyn_cast<CXXOperatorCallExpr>(E->IgnoreImplicit()) : nullptr;
  if (!Call || Call->getOperator() != OO_Call)
    return false;
  const auto *Ref = dyn_cast<DeclRefExpr>(Call->getArg(0)->IgnoreImplicit());
  return Ref && Ref->getDecl() == Cancel;
}

// The kind of channel a channel expression is, as a key: a channel and its
// views of one element type share it (Chan<int>, RecvChan<int>, SendChan<int>).
const Type *channelKey(QualType T) {
  T = T.getNonReferenceType().getCanonicalType().getUnqualifiedType();
  if (const auto *Spec =
          dyn_cast_or_null<ClassTemplateSpecializationDecl>(T->getAsCXXRecordDecl());
      Spec && Spec->getTemplateArgs().size() > 0 &&
      Spec->getTemplateArgs()[0].getKind() == TemplateArgument::Type)
    return Spec->getTemplateArgs()[0].getAsType().getCanonicalType().getTypePtr();
  return T.getTypePtr();
}

} // namespace

BlockingWithoutDoneCheck::BlockingWithoutDoneCheck(StringRef Name, ClangTidyContext *Context)
    : CtxCheck(Name, Context, readRoles()), FlagJoins(Options.get("FlagJoins", false)),
      AllowTimerBoundedWaits(Options.get("AllowTimerBoundedWaits", false)),
      Operations(Model, FlagJoins) {}

void BlockingWithoutDoneCheck::storeCheckOptions(ClangTidyOptions::OptionMap &Opts) {
  Options.store(Opts, "FlagJoins", FlagJoins);
  Options.store(Opts, "AllowTimerBoundedWaits", AllowTimerBoundedWaits);
}

void BlockingWithoutDoneCheck::registerCheckMatchers(MatchFinder *Finder) {
  // Anchored on what makes a context available (a parameter, a local, an
  // init-capture, a structured binding) and on what makes a nil channel,
  // never on every call: code without them costs next to nothing.
  auto ContextType = hasType(qualType(isRoleType(&Model, Role::Context)));
  Finder->addMatcher(varDecl(ContextType).bind("context"), this);
  Finder->addMatcher(bindingDecl(ContextType).bind("context"), this);
  Finder->addMatcher(callExpr(calleePlaysRole(&Model, Role::ChanNil)).bind("nil"), this);
  Finder->addMatcher(
      cxxMemberCallExpr(callee(cxxMethodDecl(playsRole(&Model, Role::ChanClose)))).bind("close"),
      this);
  addSpawnMatchers(Finder, this, &Model, "spawn");
}

void BlockingWithoutDoneCheck::check(const MatchFinder::MatchResult &Result) {
  if (const auto *Var = Result.Nodes.getNodeAs<ValueDecl>("context")) {
    if (const auto *F = dyn_cast<FunctionDecl>(Var->getDeclContext());
        F && F->doesThisDeclarationHaveABody())
      WithContext.insert(F);
  } else if (const auto *Nil = Result.Nodes.getNodeAs<CallExpr>("nil")) {
    if (const FunctionDecl *F = core().enclosing(*Nil))
      MakeNil.insert(F);
  } else if (const auto *Close = Result.Nodes.getNodeAs<CXXMemberCallExpr>("close")) {
    ClosedChannelTypes.insert(channelKey(Close->getImplicitObjectArgument()->getType()));
  } else if (const auto *Spawn = Result.Nodes.getNodeAs<Expr>("spawn")) {
    if (const FunctionDecl *Body = describeSpawn(Spawn).Body)
      SpawnLines[Body->getCanonicalDecl()].push_back(
          Result.SourceManager->getExpansionLineNumber(Spawn->getBeginLoc()));
  }
}

void BlockingWithoutDoneCheck::onEndOfTranslationUnit() {
  if (core().context()) {
    // Written code first: an instantiation reports only what its pattern
    // does not show.
    for (const FunctionDecl *F : core().functions())
      analyseFunction(F, nullptr);
    for (const FunctionDecl *F : core().instantiations())
      analyseFunction(F, F);
  }
  WithContext.clear();
  MakeNil.clear();
  PatternOperations.clear();
  ClosedChannelTypes.clear();
  SpawnLines.clear();
  NonBlocking.clear();
  NilLocals.clear();
}

void BlockingWithoutDoneCheck::analyseFunction(const FunctionDecl *F,
                                               const FunctionDecl *Instantiation) {
  const FunctionDecl *Written = Instantiation ? Instantiation->getTemplateInstantiationPattern() : F;
  bool Relevant = WithContext.contains(F) || MakeNil.contains(Written) ||
                  !scopes().contextsOf(F).empty() ||
                  SpawnLines.count(Written ? Written->getCanonicalDecl() : nullptr);
  if (!Relevant || !isUserCode(F))
    return;
  Site At{F, Instantiation};
  llvm::SmallVector<const Stmt *, 4> Parts;
  if (const auto *Constructor = dyn_cast<CXXConstructorDecl>(F))
    for (const CXXCtorInitializer *Init : Constructor->inits())
      if (Init->isWritten())
        Parts.push_back(Init->getInit());
  Parts.push_back(F->getBody());
  for (const Stmt *Part : Parts)
    walk(Part, Lambdas::Separate, [&](const Stmt *S, const WalkPosition &) {
      if (const auto *Call = dyn_cast<CallExpr>(S)) {
        if (Operation Op = Operations.operationOf(*Call); Op != Operation::None) {
          if (!Instantiation)
            PatternOperations.insert(Call->getBeginLoc());
          checkOperation(*Call, Op, At);
        } else if (llvm::any_of(Call->arguments(),
                                [&](const Expr *Arg) { return Model.isChannel(Arg->getType()); })) {
          decide([&] { checkHelperCall(*Call, At); });
        }
      } else if (const auto *Range = dyn_cast<CXXForRangeStmt>(S);
                 Range && Model.isChannel(Range->getRangeInit()->getType())) {
        if (!Instantiation)
          PatternOperations.insert(Range->getBeginLoc());
        decide([&] { checkRange(*Range, At); });
      }
      return WalkAction::Continue;
    });
}

bool BlockingWithoutDoneCheck::reportsAt(SourceLocation Loc, const Site &At) {
  return !At.Instantiation || (!PatternOperations.contains(Loc) && firstReportAt(Loc));
}

bool BlockingWithoutDoneCheck::isNilChannel(const Expr *E, const FunctionDecl *F) {
  const VarDecl *Var = E ? channelVar(E, Model) : nullptr;
  if (!Var || !isLocalChannel(Var) || !Var->getInit())
    return false;
  auto [It, Inserted] = NilLocals.try_emplace(Var, false);
  if (!Inserted)
    return It->second;
  // Made nil (`Chan<T>::nil()`, or a view made empty), and never assigned.
  const Expr *Init = lookThrough(Var->getInit(), &Model);
  const auto *Construct = dyn_cast<CXXConstructExpr>(Init);
  bool Nil = (isa<CallExpr>(Init) && Model.calls(Init, Role::ChanNil)) ||
             (Construct && Construct->getNumArgs() == 0 &&
              (Model.isType(Construct->getType(), Role::RecvOnlyChan) ||
               Model.isType(Construct->getType(), Role::SendOnlyChan)));
  const auto *Owner = dyn_cast<FunctionDecl>(Var->getDeclContext());
  It->second = Nil && Owner && Owner->getBody() &&
               utils::decl_ref_expr::isOnlyUsedAsConst(*Var, *Owner->getBody(), F->getASTContext(),
                                                       0);
  return It->second;
}

void BlockingWithoutDoneCheck::checkOperation(const CallExpr &Call, Operation Op, Site &At) {
  auto IsNil = [&](const Expr *Channel) { return isNilChannel(Channel, At.F); };
  if ((Op == Operation::Send || Op == Operation::Recv) &&
      IsNil(BlockingOperations::objectOf(Call)))
    return reportNil(Call, Op, At);
  // A wait given a context or a token observes it: nothing more to know.
  if ((Op == Operation::Blocking || Op == Operation::Sleep || Op == Operation::Join) &&
      Operations.passesCancellation(Call))
    return;
  SelectEnd End = Op == Operation::Select ? Operations.selectEnd(Call, IsNil) : SelectEnd::Never;
  if (End == SelectEnd::NilForever)
    return reportNil(Call, Op, At);
  llvm::SmallVector<AvailableContext, 4> Available = contextsToObserve(Call, At);
  if (Available.empty())
    return;
  bool CanFix = Available.size() == 1 && isNameableIn(Available.front(), At.F);
  const AvailableContext &Ignored = contextToName(Available);
  if (Op == Operation::Select) {
    if (End == SelectEnd::Never || (End == SelectEnd::Timer && !AllowTimerBoundedWaits))
      reportSelect(Call, End, Ignored, CanFix, At);
    return;
  }
  if (!cannotBlock(Call, Op, At) && !observesToken(Call, Op, Ignored, At))
    reportOperation(Call, Op, Ignored, CanFix, At);
}

llvm::SmallVector<AvailableContext, 4>
BlockingWithoutDoneCheck::contextsToObserve(const Stmt &S, Site &At) {
  llvm::SmallVector<AvailableContext, 4> Available =
      scopes().contextsAt(At.F, S, *core().context());
  ChannelScope Scope{At.F->getBody(), core().channelFacts(Model, At.F), core().parents(At.F),
                     Model, *core().context()};
  llvm::erase_if(Available, [&](const AvailableContext &A) {
    // The function cancelled this local context itself, by a statement that
    // has run whenever the wait runs: no cancellation is left to observe.
    const BindingDecl *Cancel =
        A.How == AvailableContext::Origin::Local ? cancelBoundWith(A.Var, Model) : nullptr;
    return Cancel && precededBy(Scope, &S, [&](const Stmt *P) { return callsCancel(P, Cancel); });
  });
  return Available;
}

// A call handing a channel to a helper that sends on it or receives from it
// (its facts say so: its body here, or another TU's through the program's
// facts) and takes nothing that could tell it of cancellation: the helper
// blocks where the caller's context cannot reach it.
void BlockingWithoutDoneCheck::checkHelperCall(const CallExpr &Call, Site &At) {
  const FunctionDecl *Callee = Call.getDirectCallee();
  if (!Callee || isa<CXXMethodDecl>(Callee) || Model.isRuntimeInternal(Callee) ||
      !Model.rolesOf(Callee).empty())
    return;
  for (const ParmVarDecl *P : Callee->parameters())
    if (Model.isContextOrToken(P->getType()) || Model.isType(P->getType(), Role::Done))
      return; // it may observe cancellation: judged where it is written
  FactsEngine &Engine = facts();
  const FunctionFacts *Helper = Engine.known(Callee);
  for (unsigned I = 0; Helper && I < Call.getNumArgs() && I < Helper->Params.size(); ++I) {
    const Expr *Arg = Call.getArg(I);
    if (!Model.isChannel(Arg->getType()))
      continue;
    bool Sends = Engine.paramFact(*Helper, I, OpenFact::Sends);
    if (!Sends && !Engine.paramFact(*Helper, I, OpenFact::Receives))
      continue;
    // A local channel with a buffer, or closed before: what the helper does
    // is not counted against it.
    const VarDecl *Channel = channelVar(Arg, Model);
    if (Channel && isLocalChannel(Channel)) {
      std::optional<std::uint64_t> Capacity = channelCapacity(Channel, *core().context());
      if (Sends && Capacity != 0u)
        continue;
      const auto *Owner = dyn_cast<FunctionDecl>(Channel->getDeclContext());
      if (!Sends && Owner && Owner->getBody()) {
        ChannelScope Scope{Owner->getBody(), core().channelFacts(Model, Owner),
                           core().parents(Owner), Model, *core().context()};
        if (closedBefore(Scope, &Call, Channel))
          continue;
      }
    }
    llvm::SmallVector<AvailableContext, 4> Available = contextsToObserve(Call, At);
    if (Available.empty())
      return;
    const AvailableContext &Ignored = contextToName(Available);
    if (!Model.isToken(Ignored.Var->getType()))
      reportHelperCall(Call, *Arg, Sends, Ignored, At);
    return;
  }
}

bool BlockingWithoutDoneCheck::observesToken(const CallExpr &Call, Operation Op,
                                             const AvailableContext &Ignored, const Site &At) {
  if (Op != Operation::Blocking)
    return false;
  if (!Model.isToken(Ignored.Var->getType()))
    return Operations.isTimedWait(Call); // a context's timed wait ends by itself

  const ASTContext &Ctx = *core().context();
  return linkWakes(Call, Ignored.Var, At.F, Model, Ctx) || polledBefore(Call, At.F, Ctx);
}

bool BlockingWithoutDoneCheck::cannotBlock(const CallExpr &Call, Operation Op, Site &At) {
  if (Op != Operation::Send && Op != Operation::Recv)
    return Op == Operation::None || Operations.passesCancellation(Call);
  const VarDecl *Channel = channelVar(BlockingOperations::objectOf(Call), Model);
  const auto *Owner = Channel ? dyn_cast<FunctionDecl>(Channel->getDeclContext()) : nullptr;
  if (!Channel || !Owner || !Owner->getBody())
    return false;
  ChannelScope Scope{Owner->getBody(), core().channelFacts(Model, Owner), core().parents(Owner),
                     Model, *core().context()};
  auto [It, Inserted] = NonBlocking.try_emplace(Channel);
  if (Inserted)
    It->second = nonBlockingOperations(Channel, Scope);
  return It->second.contains(&Call) ||
         (Op == Operation::Recv && closedBefore(Scope, &Call, Channel));
}

void BlockingWithoutDoneCheck::checkRange(const CXXForRangeStmt &Range, Site &At) {
  // In a template the begin() call may not be resolved; otherwise it must be
  // the channel's own range.
  if (const auto *Begin = dyn_cast_or_null<DeclStmt>(Range.getBeginStmt()))
    if (const auto *BeginVar = dyn_cast_or_null<VarDecl>(Begin->getSingleDecl());
        BeginVar && BeginVar->getInit() && !Model.calls(BeginVar->getInit(), Role::ChanRange))
      return;
  // A timer's channel never closes: the loop, not the wait, is the problem,
  // and ctx-loop-without-done reports it (one finding per problem).
  if (Operations.isTimerChannel(Range.getRangeInit()))
    return;
  const VarDecl *Channel = channelVar(Range.getRangeInit(), Model);
  llvm::SmallVector<AvailableContext, 4> Available =
      scopes().contextsAt(At.F, Range, *core().context());
  if (Available.empty()) {
    // A goroutine without a context: it ends only when the channel is
    // closed, and nothing in this translation unit closes such a channel.
    const FunctionDecl *Written = At.Instantiation ? At.Instantiation->getTemplateInstantiationPattern() : At.F;
    if (Written && SpawnLines.count(Written->getCanonicalDecl()) &&
        !ClosedChannelTypes.contains(channelKey(Range.getRangeInit()->getType())))
      reportRange(Range, nullptr, At);
    return;
  }
  // A range-for ends when the channel is certainly closed: before it on
  // every path, or by a goroutine on every path of its own (Go's fan-in
  // closer). The producers are checked themselves.
  if (returnedClosed(Range.getRangeInit(), core(), Model))
    return;
  const auto *Owner = Channel ? dyn_cast<FunctionDecl>(Channel->getDeclContext()) : nullptr;
  if (Owner && isLocalChannel(Channel)) {
    ChannelScope Scope{Owner->getBody(), core().channelFacts(Model, Owner), core().parents(Owner),
                       Model, *core().context()};
    if (closedBefore(Scope, &Range, Channel) ||
        certainlyClosed(Channel, &Range, Owner, core(), Model))
      return;
  }
  reportRange(Range, &contextToName(Available), At);
}

} // namespace clang::tidy::ctx
