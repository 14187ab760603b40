//===--- Facts.cpp - ctxguard ---------------------------------------------===//

#include "Facts.h"
#include "FactsLocal.h"
#include "Walk.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/DenseSet.h"

namespace clang::tidy::ctx {

namespace {

bool isSystem(const Decl *D, const SourceManager &SM) {
  return SM.isInSystemHeader(D->getLocation());
}

// The parameter of \p F that \p E names, through copies and casts.
std::optional<unsigned> paramIndex(const Expr *E, const FunctionDecl *F, const RoleModel &Model) {
  const auto *Ref = E ? dyn_cast<DeclRefExpr>(lookThrough(E, &Model)) : nullptr;
  const auto *Param = Ref ? dyn_cast<ParmVarDecl>(Ref->getDecl()) : nullptr;
  if (!Param || Param->getDeclContext() != F)
    return std::nullopt;
  return Param->getFunctionScopeIndex();
}

// The callee's declaration and the arguments of a call or construction.
std::pair<const FunctionDecl *, llvm::ArrayRef<const Expr *>> calleeAndArgs(const Expr *E) {
  if (const auto *Call = dyn_cast<CallExpr>(E)) {
    llvm::ArrayRef<const Expr *> Args{Call->getArgs(), Call->getNumArgs()};
    const FunctionDecl *Callee = Call->getDirectCallee();
    // A member operator's object is argument 0 of the call, not a parameter.
    if (isa<CXXOperatorCallExpr>(Call) && isa_and_nonnull<CXXMethodDecl>(Callee) &&
        !cast<CXXMethodDecl>(Callee)->isStatic() && !Args.empty())
      Args = Args.drop_front();
    return {Callee, Args};
  }
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(E))
    return {Construct->getConstructor(), {Construct->getArgs(), Construct->getNumArgs()}};
  return {nullptr, {}};
}

// The object a member call is made on.
const Expr *objectOf(const Expr *E) {
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(E))
    return Member->getImplicitObjectArgument();
  if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(E);
      Op && Op->getNumArgs() > 0 && isa_and_nonnull<CXXMethodDecl>(Op->getDirectCallee()))
    return Op->getArg(0);
  return nullptr;
}

// Whether the exception type \p T is std::bad_alloc or derives from it:
// running out of memory is not a failure the checks reason about.
bool isAllocationFailure(QualType T) {
  const CXXRecordDecl *Record = T.isNull() ? nullptr : T->getAsCXXRecordDecl();
  if (!Record || !Record->hasDefinition())
    return false;
  auto IsBadAlloc = [](const CXXRecordDecl *R) {
    return R->isInStdNamespace() && R->getName() == "bad_alloc";
  };
  if (IsBadAlloc(Record))
    return true;
  bool Found = false;
  Record->forallBases([&](const CXXRecordDecl *Base) {
    Found |= IsBadAlloc(Base);
    return true;
  });
  return Found;
}

// A channel copied, moved or converted to a view: the same channel.
bool isChannelCopy(const Expr *E, const RoleModel &Model) {
  const auto *Construct = dyn_cast<CXXConstructExpr>(E);
  return Construct && Construct->getNumArgs() == 1 && Model.isChannel(Construct->getType()) &&
         Model.isChannel(Construct->getArg(0)->getType());
}

// How a function uses its channel parameter at \p Ref: operates on it (a
// member call, a range-for; repeated in a loop), hands it to a call (the
// call decides), or keeps it (anything else, a lambda's use included).
void noteChannelUse(const DeclRefExpr *Ref, const WalkPosition &At, const ParentIndex &Parents,
                    const RoleModel &Model, ParamFacts &Facts) {
  const Stmt *Child = Ref, *P = Parents.parent(Ref);
  while (P && (isa<CastExpr, ParenExpr, MaterializeTemporaryExpr, CXXBindTemporaryExpr,
                   ExprWithCleanups>(P) ||
               (isa<Expr>(P) && isChannelCopy(cast<Expr>(P), Model)))) {
    Child = P;
    P = Parents.parent(P);
  }
  const auto *Operator = dyn_cast_or_null<CXXOperatorCallExpr>(P);
  const auto *Range = P && isa<DeclStmt>(P) ? dyn_cast_or_null<CXXForRangeStmt>(Parents.parent(P))
                                            : nullptr;
  bool Operated = isa_and_nonnull<MemberExpr>(P) ||
                  (Operator && Operator->getNumArgs() > 0 && Operator->getArg(0) == Child) ||
                  (Range && Range->getRangeStmt() == P);
  if (!At.Lambda && !Operated && isa_and_nonnull<CallExpr, CXXConstructExpr>(P))
    return;
  if (At.Lambda || !Operated) {
    Facts.PassesOn = true;
    return;
  }
  Facts.Repeats |= Range || At.LoopDepth > 0;
}

// Whether a catch-all handler of a try block of \p F's body encloses \p S.
class TryScopes {
public:
  explicit TryScopes(const ParentIndex &Parents) : Parents(Parents) {}
  bool caught(const Stmt *S) const {
    for (const Stmt *Child = S, *P = Parents.parent(S); P; Child = P, P = Parents.parent(P)) {
      if (isa<LambdaExpr>(P))
        return false;
      const auto *Try = dyn_cast<CXXTryStmt>(P);
      if (!Try || Try->getTryBlock() != Child)
        continue;
      for (unsigned I = 0; I < Try->getNumHandlers(); ++I)
        if (Try->getHandler(I)->getExceptionDecl() == nullptr)
          return true;
    }
    return false;
  }

private:
  const ParentIndex &Parents;
};

} // namespace

FactsEngine::FactsEngine(const RoleModel &Model, ASTContext &Ctx, const FactsTable *Table,
                         bool Defer)
    : Model(Model), Ctx(Ctx), Table(Table), Defer(Defer && !Table) {}
FactsEngine::~FactsEngine() = default;

bool FactsEngine::isExternal(const FunctionDecl *Callee) const {
  return !Callee->hasBody() && !Callee->isDependentContext() &&
         !isSystem(Callee, Ctx.getSourceManager()) && !Model.isRuntimeInternal(Callee) &&
         Model.rolesOf(Callee).empty();
}

bool FactsEngine::mayThrow(const Expr *Call, bool UseFacts) {
  if (!Ctx.getLangOpts().CXXExceptions)
    return false;
  auto [Callee, Args] = calleeAndArgs(Call);
  QualType CalleeType;
  if (const auto *CE = dyn_cast<CallExpr>(Call))
    CalleeType = CE->getCallee()->getType();
  if (Callee) {
    if (isa<CXXDestructorDecl>(Callee) || Callee->hasAttr<NoThrowAttr>())
      return false;
    CalleeType = Callee->getType();
  }
  if (CalleeType.isNull() || CalleeType->isDependentType())
    return !Callee || !isSystem(Callee, Ctx.getSourceManager());
  if (const auto *Pointer = CalleeType->getAs<PointerType>())
    CalleeType = Pointer->getPointeeType();
  else if (const auto *Member = CalleeType->getAs<MemberPointerType>())
    CalleeType = Member->getPointeeType();
  const auto *Proto = CalleeType->getAs<FunctionProtoType>();
  if (Proto && !isUnresolvedExceptionSpec(Proto->getExceptionSpecType()) && Proto->isNothrow())
    return false;
  if (!Callee)
    return true; // a call through a pointer or an object we cannot see
  // The runtime throws only on misuse (a nil context, a closed channel),
  // not as the work a caller guards.
  if (Model.isRuntimeInternal(Callee))
    return false;
  const FunctionDecl *Definition = nullptr;
  if (Callee->hasBody(Definition) && !Definition->isDependentContext())
    return holds(of(Definition).MayThrow, of(Definition).Open.MayThrow);
  if (const FunctionFacts *Facts = UseFacts ? known(Callee) : nullptr)
    return holds(Facts->MayThrow, Facts->Open.MayThrow);
  // The library's own internals without a body (its __throw_* helpers,
  // allocation) fail only on misuse or exhaustion; user code may throw.
  return !isSystem(Callee, Ctx.getSourceManager());
}

FactsEngine::Local &FactsEngine::local(const FunctionDecl *F) {
  auto [It, Inserted] = Locals.try_emplace(F);
  if (!Inserted)
    return *It->second;
  It->second = std::make_unique<Local>();
  Local &L = *It->second;
  L.Facts.Params.resize(F->getNumParams());
  L.Facts.Open.Params.resize(F->getNumParams());
  bool TakesContext = llvm::any_of(
      F->parameters(), [&](const ParmVarDecl *P) { return Model.isContext(P->getType()); });
  L.MayOwnRoot = !TakesContext && !F->isMain() && !Model.isContext(F->getReturnType()) &&
                 !Model.isRuntimeInternal(F) && !Model.plays(F, Role::Root);
  llvm::SmallVector<bool, 4> IsCancel;
  for (const ParmVarDecl *P : F->parameters())
    IsCancel.push_back(Model.holdsType(P->getType(), Role::CancelFunc));
  const Stmt *Body = F->getBody();
  if (!Body && Table && isExternal(F))
    readTable(F, L);
  else if (!Body && Defer && isExternal(F))
    openExternal(F, L);
  if (!Body || F->isDependentContext())
    return L;
  // What runs in the function: a constructor's written member initializers
  // and its body.
  llvm::SmallVector<const Stmt *, 4> Parts;
  if (const auto *Ctor = dyn_cast<CXXConstructorDecl>(F))
    for (const CXXCtorInitializer *Init : Ctor->inits())
      if (Init->isWritten() && Init->getInit())
        Parts.push_back(Init->getInit());
  Parts.push_back(Body);
  for (const Stmt *Part : Parts)
    scan(F, Part, IsCancel, L);
  L.Own = L.Facts;
  return L;
}

void FactsEngine::readTable(const FunctionDecl *F, Local &L) {
  std::string Key = factKey(F, Ctx.getSourceManager().getFileEntryRefForID(
                                   Ctx.getSourceManager().getMainFileID())->getName());
  const SolvedFacts *S = Key.empty() ? nullptr : external(Key);
  if (!S)
    return;
  FunctionFacts &Facts = L.Facts;
  Facts.External = S;
  Facts.CreatesOwnRoot = S->CreatesOwnRoot && L.MayOwnRoot;
  Facts.MayThrow = S->MayThrow;
  Facts.Spawns = S->Spawns;
  // A stale file may disagree with the declaration: the declaration decides the count.
  for (unsigned I = 0; I < Facts.Params.size() && I < S->Params.size(); ++I)
    Facts.Params[I] = S->Params[I];
  L.Final = true;
}

bool FactsEngine::declaredMayThrow(const FunctionDecl *F) const {
  if (!Ctx.getLangOpts().CXXExceptions || isa<CXXDestructorDecl>(F) || F->hasAttr<NoThrowAttr>())
    return false;
  const auto *Proto = F->getType()->getAs<FunctionProtoType>();
  return !Proto || isUnresolvedExceptionSpec(Proto->getExceptionSpecType()) || !Proto->isNothrow();
}

// What another TU may define stays open, each fact with its value for a
// function no TU defines (what the declaration says, as in the table).
void FactsEngine::openExternal(const FunctionDecl *F, Local &L) {
  std::string Key = factKey(F, Ctx.getSourceManager().getFileEntryRefForID(
                                   Ctx.getSourceManager().getMainFileID())->getName());
  if (Key.empty())
    return;
  FunctionFacts::OpenFacts &Open = L.Facts.Open;
  Open.Opened = true;
  if (L.MayOwnRoot)
    Open.CreatesOwnRoot.push_back(this->open({Key, OpenFact::CreatesOwnRoot, 0, false}));
  Open.MayThrow.push_back(this->open({Key, OpenFact::MayThrow, 0, declaredMayThrow(F)}));
  // Unknown, a function may observe a context and keep a channel.
  for (unsigned I = 0; I < F->getNumParams(); ++I)
    for (unsigned K = 0; K < OpenFact::ParamKinds; ++K) {
      auto What = static_cast<OpenFact::Kind>(OpenFact::FirstParamKind + K);
      bool IfUnknown = What == OpenFact::ObservesContext || What == OpenFact::PassesOn;
      Open.Params[I][K].push_back(this->open({Key, What, I, IfUnknown}));
    }
  L.Final = true;
}

unsigned FactsEngine::open(OpenFact Fact) {
  auto [It, Inserted] = OpenIds.try_emplace(Fact, OpenFacts.size());
  if (Inserted)
    OpenFacts.push_back(std::move(Fact));
  return It->second;
}

bool FactsEngine::outcome(unsigned Id) {
  if (!Exploring) {
    FactsExchange::get().NeedsSolvedFacts = true;
    return OpenFacts[Id].IfUnknown;
  }
  auto [It, FirstTime] = Assumed.try_emplace(Id, false);
  if (FirstTime)
    FirstRead.push_back(Id);
  return It->second;
}

bool FactsEngine::holds(bool Known, const OpenSet &Open) {
  return Known || llvm::any_of(Open, [&](unsigned Id) { return outcome(Id); });
}

bool FactsEngine::paramFact(const FunctionFacts &F, unsigned Param, OpenFact::Kind What) {
  return Param < F.Params.size() &&
         holds(F.Params[Param].*OpenFact::flag(What),
               F.Open.Params[Param][What - OpenFact::FirstParamKind]);
}

std::optional<unsigned> FactsEngine::openRoot(const FunctionFacts &F) {
  if (F.CreatesOwnRoot)
    return std::nullopt;
  for (unsigned Id : F.Open.CreatesOwnRoot)
    if (outcome(Id))
      return Id;
  return std::nullopt;
}

void FactsEngine::explore(llvm::function_ref<void()> Decide) {
  if (!Defer || Exploring)
    return Decide();
  // A decision reads few facts of other TUs; past this many outcomes the
  // driver analyses the TU again with the solved facts instead.
  constexpr unsigned MaxOutcomes = 64;
  FactsExchange &X = FactsExchange::get();
  Exploring = true;
  std::vector<std::vector<std::pair<unsigned, bool>>> Pending{{}};
  for (unsigned Outcomes = 0; !Pending.empty(); ++Outcomes) {
    if (Outcomes == MaxOutcomes) {
      X.NeedsSolvedFacts = true;
      break;
    }
    std::vector<std::pair<unsigned, bool>> Base = std::move(Pending.back());
    Pending.pop_back();
    Assumed = std::map<unsigned, bool>(Base.begin(), Base.end());
    FirstRead.clear();
    X.CurrentOutcome = X.Conditions.size();
    X.Conditions.emplace_back();
    Decide();
    FactCondition &Condition = X.Conditions[*X.CurrentOutcome];
    for (auto [Id, Value] : Base)
      Condition.push_back({OpenFacts[Id], Value});
    // Each fact first read here was assumed not to hold: the other outcomes
    // are those where it does (and the ones read before it do not).
    for (size_t I = 0; I < FirstRead.size(); ++I) {
      Condition.push_back({OpenFacts[FirstRead[I]], false});
      std::vector<std::pair<unsigned, bool>> Next = Base;
      for (size_t J = 0; J < I; ++J)
        Next.push_back({FirstRead[J], false});
      Next.push_back({FirstRead[I], true});
      Pending.push_back(std::move(Next));
    }
  }
  Exploring = false;
  X.CurrentOutcome.reset();
}

const SolvedFacts *FactsEngine::external(llvm::StringRef Key) {
  const SolvedFacts *S = Table ? Table->lookup(Key) : nullptr;
  if (FactsExchange &X = FactsExchange::get(); Table && X.Recording)
    X.Consulted.try_emplace(Key.str(), consultedValue(S));
  return S;
}

const FunctionFacts *FactsEngine::known(const FunctionDecl *Callee) {
  const FunctionDecl *Definition = nullptr;
  if (Callee->hasBody(Definition))
    return Definition->isDependentContext() ? nullptr : &of(Definition);
  if ((!Table && !Defer) || !isExternal(Callee))
    return nullptr;
  const FunctionFacts &Facts = of(Callee);
  return Facts.External || Facts.Open.Opened ? &Facts : nullptr;
}

void FactsEngine::scan(const FunctionDecl *F, const Stmt *Part, llvm::ArrayRef<bool> IsCancel,
                       Local &L) {
  const bool InLibrary = isSystem(F, Ctx.getSourceManager());
  ParentIndex Parents(Part);
  TryScopes Tries(Parents);
  auto ParamOfObject = [&](const Expr *E) -> std::optional<unsigned> {
    const Expr *Object = objectOf(E);
    return Object ? paramIndex(Object, F, Model) : std::nullopt;
  };
  walk(Part, Lambdas::Enter, [&](const Stmt *S, const WalkPosition &At) {
    bool InLambda = At.Lambda != nullptr;
    if (const auto *Ref = dyn_cast<DeclRefExpr>(S)) {
      const auto *Param = dyn_cast<ParmVarDecl>(Ref->getDecl());
      if (!Param || Param->getDeclContext() != F)
        return WalkAction::Continue;
      ParamFacts &PF = L.Facts.Params[Param->getFunctionScopeIndex()];
      PF.HandsOffCancel |= IsCancel[Param->getFunctionScopeIndex()];
      if (Model.isChannel(Param->getType()))
        noteChannelUse(Ref, At, Parents, Model, PF);
      return WalkAction::Continue;
    }
    if (const auto *Throw = dyn_cast<CXXThrowExpr>(S)) {
      const Expr *Thrown = Throw->getSubExpr();
      if (!InLambda && !Tries.caught(S) &&
          !(Thrown && isAllocationFailure(Thrown->getType())))
        L.Facts.MayThrow = true;
      return WalkAction::Continue;
    }
    if (const auto *Range = dyn_cast<CXXForRangeStmt>(S)) {
      if (!InLambda && Model.isChannel(Range->getRangeInit()->getType()))
        if (std::optional<unsigned> P = paramIndex(Range->getRangeInit(), F, Model))
          L.Facts.Params[*P].Receives = true;
      return WalkAction::Continue;
    }
    const auto *E = dyn_cast<Expr>(S);
    // A copy or view of a channel is the channel, not a call that keeps it.
    if (!E || !isa<CallExpr, CXXConstructExpr>(E) || isChannelCopy(E, Model))
      return WalkAction::Continue;
    RoleSet Roles = Model.rolesOf(RoleModel::calleeOf(E));
    if (Roles.has(Role::Root) && !L.Facts.RootSite) {
      L.Facts.RootSite = E;
      L.Facts.CreatesOwnRoot = L.MayOwnRoot;
    }
    L.Facts.Spawns |= Roles.has(Role::Go);
    if (!InLambda) {
      if (std::optional<unsigned> P = ParamOfObject(E)) {
        ParamFacts &PF = L.Facts.Params[*P];
        PF.Sends |= Roles.has(Role::ChanSend);
        PF.Receives |= Roles.has(Role::ChanRecv);
        PF.Closes |= Roles.has(Role::ChanClose);
        PF.ObservesContext |= Roles.has(Role::Observe);
      }
    }
    auto [Callee, Args] = calleeAndArgs(E);
    const FunctionDecl *Definition = nullptr;
    bool Visible = Callee && Callee->hasBody(Definition) && !Definition->isDependentContext();
    // Defined in another TU, perhaps: its facts are applied when solving.
    bool External = !Visible && !InLibrary && Callee && isExternal(Callee);
    // In the library's own code, a call we cannot see (through a pointer, an
    // undeclared helper) fails only on misuse or exhaustion.
    if (!InLambda && !Tries.caught(S) && !Visible && !External && !InLibrary && mayThrow(E))
      L.Facts.MayThrow = true;
    // A channel handed to the library (a container, std::move) is kept.
    if (!InLambda && !InLibrary && Callee && isSystem(Callee, Ctx.getSourceManager()))
      for (const Expr *Arg : Args)
        if (std::optional<unsigned> P = paramIndex(Arg, F, Model);
            P && Model.isChannel(F->getParamDecl(*P)->getType()))
          L.Facts.Params[*P].PassesOn = true;
    if (Visible || External) {
      const FunctionDecl *Target = Visible ? Definition : Callee->getCanonicalDecl();
      Local::Edge Edge{Target, E, InLambda, Tries.caught(S), {}};
      Edge.InLoop = At.LoopDepth > 0;
      for (unsigned I = 0; I < Args.size() && I < Target->getNumParams(); ++I)
        if (std::optional<unsigned> P = paramIndex(Args[I], F, Model))
          Edge.Args.push_back({I, *P});
      // A channel passed to a parameter pack or a C vararg is not followed.
      for (unsigned I = Target->getNumParams(); I < Args.size(); ++I)
        if (std::optional<unsigned> P = paramIndex(Args[I], F, Model);
            P && Model.isChannel(F->getParamDecl(*P)->getType()))
          L.Facts.Params[*P].PassesOn = true;
      if (External) {
        Edge.External = true;
        Edge.DefaultMayThrow = mayThrow(E, /*UseFacts=*/false);
        for (auto [CalleeParam, Own] : Edge.Args)
          if (Model.isContext(F->getParamDecl(Own)->getType()))
            Edge.ContextArgs.push_back(Own);
        // A context passed to a parameter pack or a C vararg.
        for (unsigned I = Target->getNumParams(); I < Args.size(); ++I)
          if (std::optional<unsigned> P = paramIndex(Args[I], F, Model);
              P && Model.isContext(F->getParamDecl(*P)->getType()))
            Edge.ContextArgs.push_back(*P);
      }
      L.Edges.push_back(std::move(Edge));
    } else if (!InLambda) {
      // A context handed to code we cannot see may well be observed there,
      // a channel kept.
      for (const Expr *Arg : Args)
        if (std::optional<unsigned> P = paramIndex(Arg, F, Model)) {
          QualType T = F->getParamDecl(*P)->getType();
          L.Facts.Params[*P].ObservesContext |= Model.isContext(T);
          L.Facts.Params[*P].PassesOn |= Model.isChannel(T);
        }
    }
    return WalkAction::Continue;
  });
}

void FactsEngine::solve(const FunctionDecl *Root) {
  // The functions reachable from Root whose facts are not final yet.
  llvm::SmallVector<const FunctionDecl *, 16> Open;
  llvm::DenseSet<const FunctionDecl *> Seen{Root};
  llvm::SmallVector<const FunctionDecl *, 16> Work{Root};
  while (!Work.empty()) {
    const FunctionDecl *F = Work.pop_back_val();
    Local &L = local(F);
    if (L.Final)
      continue;
    Open.push_back(F);
    for (const Local::Edge &E : L.Edges)
      if (Seen.insert(E.Callee).second)
        Work.push_back(E.Callee);
  }
  // Monotone: every fact only ever turns true, so this ends.
  for (bool Changed = true; Changed;) {
    Changed = false;
    for (const FunctionDecl *F : Open) {
      Local &L = *Locals[F];
      FunctionFacts &Facts = L.Facts;
      for (const Local::Edge &E : L.Edges) {
        const Local &CalleeLocal = *Locals[E.Callee];
        const FunctionFacts &Callee = CalleeLocal.Facts;
        auto Set = [&](bool &Fact, bool Value) {
          if (Value && !Fact)
            Fact = Changed = true;
        };
        if (E.External && !CalleeLocal.Facts.External && !CalleeLocal.Facts.Open.Opened) {
          // No TU we know of defines it: what its declaration says.
          if (E.InLambda)
            continue;
          Set(Facts.MayThrow, E.DefaultMayThrow && !E.Caught);
          for (unsigned P : E.ContextArgs)
            Set(Facts.Params[P].ObservesContext, true);
          for (auto [CalleeParam, Own] : E.Args)
            Set(Facts.Params[Own].PassesOn, true);
          continue;
        }
        // Open facts flow like the others, into a fact that does not hold yet.
        auto Join = [&](OpenSet &Into, bool Holds, const OpenSet &From) {
          for (unsigned Id : Holds ? OpenSet() : From)
            if (auto At = llvm::lower_bound(Into, Id); At == Into.end() || *At != Id) {
              Into.insert(At, Id);
              Changed = true;
            }
        };
        if (Callee.CreatesOwnRoot && L.MayOwnRoot && !Facts.CreatesOwnRoot) {
          Facts.CreatesOwnRoot = Changed = true;
          Facts.RootSite = E.Call;
          Facts.RootVia = E.Callee;
        }
        if (L.MayOwnRoot) {
          Join(Facts.Open.CreatesOwnRoot, Facts.CreatesOwnRoot, Callee.Open.CreatesOwnRoot);
          for (unsigned Id : Callee.Open.CreatesOwnRoot)
            Facts.Open.RootVia.try_emplace(Id, E.Call, E.Callee);
        }
        Set(Facts.Spawns, Callee.Spawns);
        if (E.InLambda)
          continue;
        Set(Facts.MayThrow, Callee.MayThrow && !E.Caught);
        if (!E.Caught)
          Join(Facts.Open.MayThrow, Facts.MayThrow, Callee.Open.MayThrow);
        for (auto [CalleeParam, Own] : E.Args) {
          Changed |= Facts.Params[Own].flowFrom(Callee.Params[CalleeParam]);
          for (unsigned K = 0; K < OpenFact::ParamKinds; ++K) {
            auto What = static_cast<OpenFact::Kind>(OpenFact::FirstParamKind + K);
            Join(Facts.Open.Params[Own][K], Facts.Params[Own].*OpenFact::flag(What),
                 Callee.Open.Params[CalleeParam][K]);
            // Called in a loop: whatever the callee does on it, repeated.
            if (E.InLoop && (What == OpenFact::Sends || What == OpenFact::Receives ||
                             What == OpenFact::Closes))
              Join(Facts.Open.Params[Own][OpenFact::Repeats - OpenFact::FirstParamKind],
                   Facts.Params[Own].Repeats, Callee.Open.Params[CalleeParam][K]);
          }
          if (E.InLoop)
            Set(Facts.Params[Own].Repeats, Callee.Params[CalleeParam].operates());
        }
        // A context passed to its parameter pack or C vararg is observed when
        // no TU defines it.
        if (Callee.Open.Opened)
          for (unsigned P : E.ContextArgs)
            if (llvm::none_of(E.Args, [&](const auto &A) { return A.second == P; }))
              Join(Facts.Open.Params[P][OpenFact::ObservesContext - OpenFact::FirstParamKind],
                   Facts.Params[P].ObservesContext,
                   {open({openFact(Callee.Open.MayThrow.front()).Key, OpenFact::Undefined, 0, true})});
      }
    }
  }
  for (const FunctionDecl *F : Open)
    Locals[F]->Final = true;
}

const FunctionFacts &FactsEngine::of(const FunctionDecl *F) {
  const FunctionDecl *Definition = nullptr;
  F = F->hasBody(Definition) ? Definition : F->getCanonicalDecl();
  Local &L = local(F);
  if (!L.Final)
    solve(F);
  return L.Facts;
}

} // namespace clang::tidy::ctx
