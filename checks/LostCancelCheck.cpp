//===--- LostCancelCheck.cpp - ctxguard -----------------------------------===//

#include "LostCancelCheck.h"
#include "model/Instantiation.h"
#include "model/Matchers.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMap.h"
#include "clang/AST/StmtCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/StringSet.h"

using namespace clang::ast_matchers;

namespace clang::tidy::ctx {

/// Where the cancel returned by one source call ends up.
struct CancelSink {
  enum class Kind { HandedOff, Dropped, Tracked };
  Kind How = Kind::HandedOff;
  /// Dropped: where to report (the call, or the std::ignore that swallows it).
  SourceLocation DroppedAt;
  /// Tracked: the local that holds the cancel, or the whole pair.
  const ValueDecl *Var = nullptr;
  bool HoldsPair = false;
  /// Tracked: the local that holds the derived context, when it is another
  /// variable than Var (a structured binding or a std::tie slot).
  const ValueDecl *ContextVar = nullptr;
  /// Tracked: the statement that stores into Var (a declaration or assignment).
  const Stmt *Creation = nullptr;
};

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
const Stmt *fullExpressionOf(const Stmt *S, const ParentMap &PM) {
  for (const Stmt *P = PM.getParent(S); isa_and_nonnull<Expr>(P); P = PM.getParent(P))
    S = P;
  return S;
}

// Follows the value a cancel source returns to where it ends up.
class SinkFinder {
public:
  SinkFinder(const RoleModel &Model, const FunctionDecl *F, const ParentMap &PM)
      : Model(Model), F(F), PM(PM) {}

  CancelSink find(const CallExpr *Source) {
    CancelSink Sink;
    Sink.HoldsPair = !Model.isType(Source->getType(), Role::CancelFunc);
    const Stmt *Child = Source;
    for (const Stmt *Parent = PM.getParent(Child); Parent;
         Child = Parent, Parent = PM.getParent(Child)) {
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
  const ParentMap &PM;
};

void collectReferences(const Stmt *S, const ValueDecl *Var, const Stmt *Skip,
                       llvm::SmallVectorImpl<const DeclRefExpr *> &Out) {
  if (!S || S == Skip)
    return;
  if (const auto *Ref = dyn_cast<DeclRefExpr>(S); Ref && Ref->getDecl() == Var)
    Out.push_back(Ref);
  for (const Stmt *Child : S->children())
    collectReferences(Child, Var, Skip, Out);
}

const Stmt *parentIgnoringCasts(const ParentMap &PM, const Stmt *S) {
  return PM.getParentIgnoreParenImpCasts(const_cast<Stmt *>(S));
}

// The call \p E is the callee of, if any: cancel() or cancel(cause).
const Expr *callOn(const Expr *E, const ParentMap &PM) {
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
                         const ParentMap &PM) {
  if (!HoldsPair)
    return Ref;
  const auto *Member = dyn_cast_or_null<MemberExpr>(parentIgnoringCasts(PM, Ref));
  if (!Member)
    return Ref;
  if (Model.isType(Member->getType(), Role::CancelFunc))
    return Member;
  return Model.isContext(Member->getType()) ? nullptr : Ref;
}

struct CancelUses {
  /// CFG elements that use the cancel in any way.
  llvm::SmallPtrSet<const Stmt *, 8> Elements;
  /// The manual calls, as CFG elements.
  llvm::SmallPtrSet<const Stmt *, 4> ManualCalls;
  const Expr *FirstManualCall = nullptr;
  const Expr *LastManualCall = nullptr;
  /// Reads of the derived context through the pair (p.first).
  llvm::SmallVector<const DeclRefExpr *, 4> ContextReads;
  bool HandedOff = false;
};

CancelUses classifyUses(llvm::ArrayRef<const DeclRefExpr *> Refs, bool HoldsPair,
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

// The locals of a function body that hold a context, each with the
// expression it is made from.
void collectContextLocals(const Stmt *S, const RoleModel &Model,
                          llvm::SmallVectorImpl<std::pair<const ValueDecl *, const Expr *>> &Out) {
  if (!S)
    return;
  if (const auto *DS = dyn_cast<DeclStmt>(S))
    for (const Decl *D : DS->decls()) {
      const auto *VD = dyn_cast<VarDecl>(D);
      if (!VD || !VD->getInit())
        continue;
      if (const auto *DD = dyn_cast<DecompositionDecl>(VD)) {
        for (const BindingDecl *B : DD->bindings())
          if (Model.isContext(B->getType()))
            Out.push_back({B, VD->getInit()});
      } else if (Model.holdsType(VD->getType(), Role::Context)) {
        Out.push_back({VD, VD->getInit()});
      }
    }
  for (const Stmt *Child : S->children())
    collectContextLocals(Child, Model, Out);
}

bool mentionsAny(const Stmt *S, const llvm::SmallPtrSetImpl<const ValueDecl *> &Vars) {
  if (!S)
    return false;
  if (const auto *Ref = dyn_cast<DeclRefExpr>(S); Ref && Vars.contains(Ref->getDecl()))
    return true;
  return llvm::any_of(S->children(), [&](const Stmt *Child) { return mentionsAny(Child, Vars); });
}

// Whether \p S reads one of \p Vars after \p Loc.
bool readsAfter(const Stmt *S, const llvm::SmallPtrSetImpl<const ValueDecl *> &Vars,
                SourceLocation Loc, const SourceManager &SM) {
  if (!S)
    return false;
  if (const auto *Ref = dyn_cast<DeclRefExpr>(S);
      Ref && Vars.contains(Ref->getDecl()) &&
      SM.isBeforeInTranslationUnit(Loc, SM.getFileLoc(Ref->getBeginLoc())))
    return true;
  return llvm::any_of(S->children(),
                      [&](const Stmt *Child) { return readsAfter(Child, Vars, Loc, SM); });
}

// Whether the code still observes the cancelled context, or a context
// derived from it, after its last manual cancel: such a cancel is a step of
// the logic (stop the workers, then observe), not the clean-up at the end
// that an exception could skip.
bool contextOutlivesCancel(const CancelSink &Sink, const CancelUses &Uses, const FunctionDecl *F,
                           const RoleModel &Model, const SourceManager &SM) {
  SourceLocation LastCancel = SM.getFileLoc(Uses.LastManualCall->getEndLoc());
  if (llvm::any_of(Uses.ContextReads, [&](const DeclRefExpr *Read) {
        return SM.isBeforeInTranslationUnit(LastCancel, SM.getFileLoc(Read->getBeginLoc()));
      }))
    return true;
  llvm::SmallPtrSet<const ValueDecl *, 8> Derived;
  if (Sink.ContextVar)
    Derived.insert(Sink.ContextVar);
  if (Sink.HoldsPair)
    Derived.insert(Sink.Var);
  llvm::SmallVector<std::pair<const ValueDecl *, const Expr *>, 8> Locals;
  collectContextLocals(F->getBody(), Model, Locals);
  for (bool Changed = true; Changed;) {
    Changed = false;
    for (const auto &[Var, Init] : Locals)
      if (!Derived.contains(Var) && mentionsAny(Init, Derived))
        Changed = Derived.insert(Var).second;
  }
  if (Sink.HoldsPair)
    Derived.erase(Sink.Var); // its reads were classified above
  return readsAfter(F->getBody(), Derived, LastCancel, SM);
}

bool isWithin(const Stmt *S, const Stmt *Ancestor, const ParentMap &PM) {
  for (; S; S = PM.getParent(S))
    if (S == Ancestor)
      return true;
  return false;
}

// Whether \p S is part of one of \p Calls (the cause argument of a manual
// cancel is evaluated as part of calling it).
bool insideAny(const Stmt *S, const llvm::SmallPtrSetImpl<const Stmt *> &Calls,
               const FunctionCfg &Cfg) {
  for (S = Cfg.parents().getParent(S); S; S = Cfg.parents().getParent(S))
    if (Calls.contains(S))
      return true;
  return false;
}

// Whether a throw from \p Call lands in a handler that uses the cancel
// (try { fetch(); } catch (...) { cancel(); throw; }).
bool handledWithCancel(const Stmt *Call, llvm::ArrayRef<const DeclRefExpr *> Refs,
                       const ParentMap &PM) {
  for (const Stmt *Child = Call, *S = PM.getParent(Call); S; Child = S, S = PM.getParent(S)) {
    const auto *Try = dyn_cast<CXXTryStmt>(S);
    if (!Try || Try->getTryBlock() != Child)
      continue;
    for (unsigned I = 0; I < Try->getNumHandlers(); ++I)
      for (const DeclRefExpr *Ref : Refs)
        if (isWithin(Ref, Try->getHandler(I), PM))
          return true;
  }
  return false;
}

// The type of the object a manual call calls: the cancel function's type.
QualType calledObjectType(const Expr *Call) {
  if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(Call))
    return Op->getArg(0)->getType();
  return cast<CallExpr>(Call)->getCallee()->getType();
}

std::string calleeName(const Expr *Call) {
  if (const auto *CE = dyn_cast<CallExpr>(Call)) {
    if (const auto *ND = dyn_cast_or_null<NamedDecl>(CE->getCalleeDecl()))
      return ND->getNameAsString();
    const Expr *Callee = ignoreImplicit(CE->getCallee());
    if (const auto *Overloads = dyn_cast_or_null<OverloadExpr>(Callee))
      return Overloads->getName().getAsString();
    if (const auto *Member = dyn_cast_or_null<CXXDependentScopeMemberExpr>(Callee))
      return Member->getMember().getAsString();
  }
  return "";
}

// The names declared in \p F (parameters and locals, nested lambdas included).
void collectNames(const Stmt *S, llvm::StringSet<> &Names) {
  if (!S)
    return;
  if (const auto *DS = dyn_cast<DeclStmt>(S))
    for (const Decl *D : DS->decls()) {
      if (const auto *ND = dyn_cast<NamedDecl>(D); ND && ND->getIdentifier())
        Names.insert(ND->getName());
      if (const auto *DD = dyn_cast<DecompositionDecl>(D))
        for (const BindingDecl *B : DD->bindings())
          Names.insert(B->getName());
    }
  for (const Stmt *Child : S->children())
    collectNames(Child, Names);
}

std::string guardName(const FunctionDecl *F, llvm::StringRef Base) {
  llvm::StringSet<> Names;
  for (const ParmVarDecl *P : F->parameters())
    if (P->getIdentifier())
      Names.insert(P->getName());
  collectNames(F->getBody(), Names);
  std::string Name = (Base + "_guard").str();
  for (unsigned I = 2; Names.contains(Name); ++I)
    Name = (Base + "_guard" + llvm::Twine(I)).str();
  return Name;
}

// How the code at \p F spells the namespace \p NS: the qualifier written on
// the cancel source's call when it names NS (a namespace alias included),
// else NS's name, from the global namespace when something in scope shadows it.
std::string namespaceSpelling(const NamespaceDecl *NS, const CallExpr *Source,
                              const FunctionDecl *F, const ASTContext &Ctx) {
  if (const auto *Ref = dyn_cast<DeclRefExpr>(ignoreImplicit(Source->getCallee()))) {
    NestedNameSpecifierLoc Qualifier = Ref->getQualifierLoc();
    NestedNameSpecifier Written = Qualifier.getNestedNameSpecifier();
    if (Written.getKind() == NestedNameSpecifier::Kind::Namespace &&
        !Qualifier.getBeginLoc().isMacroID() &&
        Written.getAsNamespaceAndPrefix().Namespace->getNamespace()->getCanonicalDecl() ==
            NS->getCanonicalDecl())
      return Lexer::getSourceText(CharSourceRange::getTokenRange(Qualifier.getSourceRange()),
                                  Ctx.getSourceManager(), Ctx.getLangOpts())
          .str();
  }
  std::string Name = NS->getQualifiedNameAsString() + "::";
  for (const DeclContext *DC = F->getDeclContext(); DC && !DC->isTranslationUnit();
       DC = DC->getParent())
    if (!DC->lookup(NS->getDeclName()).empty())
      return "::" + Name;
  return Name;
}

// The runtime's Defer, found beside the cancel source, when it plays the
// scope-guard role.
const NamespaceDecl *deferNamespace(const CallExpr *Source, const RoleModel &Model,
                                    ASTContext &Ctx) {
  const auto *Callee = dyn_cast_or_null<Decl>(RoleModel::calleeOf(Source));
  if (!Callee)
    return nullptr;
  const auto *NS = dyn_cast<NamespaceDecl>(Callee->getDeclContext()->getRedeclContext());
  if (!NS)
    return nullptr;
  for (const NamedDecl *Found : NS->lookup(&Ctx.Idents.get("Defer")))
    if (const auto *Template = dyn_cast<ClassTemplateDecl>(Found))
      if (Model.plays(Template->getTemplatedDecl(), Role::ScopeGuard))
        return NS;
  return nullptr;
}

// The fix-it: a `ctx::Defer <name>_guard{cancel};` on the line after the
// creation statement, with the same indentation.
std::optional<FixItHint> deferFix(const CancelSink &Sink, QualType CancelType,
                                  const CallExpr *Source, const FunctionDecl *F,
                                  const RoleModel &Model, const ParentMap &PM, ASTContext &Ctx) {
  const SourceManager &SM = Ctx.getSourceManager();
  const LangOptions &LO = Ctx.getLangOpts();
  if (!isa_and_nonnull<CompoundStmt>(PM.getParent(Sink.Creation)))
    return std::nullopt;
  const NamespaceDecl *NS = deferNamespace(Source, Model, Ctx);
  SourceLocation Begin = Sink.Creation->getBeginLoc();
  SourceLocation AfterSemi =
      isa<DeclStmt>(Sink.Creation)
          ? Lexer::getLocForEndOfToken(Sink.Creation->getEndLoc(), 0, SM, LO)
          : Lexer::findLocationAfterToken(Sink.Creation->getEndLoc(), tok::semi, SM, LO, false);
  if (!NS || Begin.isMacroID() || AfterSemi.isInvalid() || AfterSemi.isMacroID())
    return std::nullopt;

  // What to defer: the cancel itself, or a call with a nil cause.
  std::string Name = Sink.Var->getNameAsString();
  std::string Cancel = Sink.HoldsPair ? Name + ".second" : Name;
  const CXXRecordDecl *Type = RoleModel::recordOf(CancelType);
  if (!Type || !Type->hasDefinition())
    return std::nullopt;
  unsigned Arity = 0;
  for (const CXXMethodDecl *M : Type->methods())
    if (M->getOverloadedOperator() == OO_Call)
      Arity = M->getNumParams();
  std::string Callable = Arity == 0 ? Cancel : "[" + Cancel + "] { " + Cancel + "({}); }";
  if (Arity > 1)
    return std::nullopt;
  std::string Guard = namespaceSpelling(NS, Source, F, Ctx) + "Defer " +
                      guardName(F, Sink.HoldsPair ? Name + "_cancel" : Name) + "{" + Callable +
                      "};";

  // After the statement's line (its trailing comment stays with it), or
  // right after it when more code follows on the line.
  auto [File, Offset] = SM.getDecomposedLoc(AfterSemi);
  llvm::StringRef Buffer = SM.getBufferData(File);
  llvm::StringRef Rest =
      Buffer.substr(Offset).take_until([](char C) { return C == '\n' || C == '\r'; });
  llvm::StringRef Code = Rest.ltrim(" \t");
  if (!Code.empty() && !Code.starts_with("//"))
    return FixItHint::CreateInsertion(AfterSemi, " " + Guard);
  llvm::StringRef BeforeBegin = Buffer.take_front(SM.getFileOffset(Begin));
  llvm::StringRef Indent = BeforeBegin.substr(BeforeBegin.rfind('\n') + 1).take_while([](char C) {
    return C == ' ' || C == '\t';
  });
  return FixItHint::CreateInsertion(AfterSemi.getLocWithOffset(static_cast<int>(Rest.size())),
                                    ("\n" + Indent + Guard).str());
}

// A call into the runtime itself: it throws only on misuse (a nil context)
// or when memory runs out, not as the work a deferred cancel guards.
bool isRuntimeCall(const CallExpr *Call) {
  const Decl *Callee = RoleModel::calleeOf(Call);
  return Callee && RoleModel::isRuntimeInternal(Callee);
}

// A standard-library operator (chrono arithmetic, string concatenation,
// streaming), which fails only when memory runs out, or a call spelled in a
// system header's macro (a test framework's assertion).
bool isLibraryOperatorOrMacro(const CallExpr *Call, const SourceManager &SM) {
  if (SM.isInSystemMacro(Call->getBeginLoc()))
    return true;
  const auto *Callee = dyn_cast_or_null<FunctionDecl>(Call->getCalleeDecl());
  return Callee && Callee->isOverloadedOperator() && SM.isInSystemHeader(Callee->getLocation());
}

// The first call that may throw on a path from the creation to a manual
// cancel, other than calls into the runtime, the cancel's own arguments and
// calls whose exceptions a handler that uses the cancel catches.
const Stmt *throwingBeforeCancel(const CancelSink &Sink, const CancelUses &Uses,
                                 llvm::ArrayRef<const DeclRefExpr *> Refs, const FunctionCfg &Cfg,
                                 const ASTContext &Ctx, utils::ExceptionAnalyzer &Analyzer) {
  return Cfg.findBefore(
      Sink.Creation, [&](const Stmt *S) { return Uses.ManualCalls.contains(S); },
      [&](const Stmt *S) {
        const auto *Call = dyn_cast<CallExpr>(S);
        return Call && !calleeName(Call).empty() && !isRuntimeCall(Call) &&
               !isLibraryOperatorOrMacro(Call, Ctx.getSourceManager()) &&
               !insideAny(S, Uses.ManualCalls, Cfg) && !handledWithCancel(S, Refs, Cfg.parents()) &&
               mayThrow(Call, Ctx, &Analyzer);
      });
}

} // namespace

LostCancelCheck::LostCancelCheck(StringRef Name, ClangTidyContext *Context)
    : ClangTidyCheck(Name, Context), RequireDefer(Options.get("RequireDefer", false)) {
  Model.readOptions(Options, {RoleOption::CancelSources, RoleOption::ScopeGuards,
                              RoleOption::ContextTypes, RoleOption::CancelTypes});
}

void LostCancelCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  Model.storeOptions(Options, Opts);
  Options.store(Opts, "RequireDefer", RequireDefer);
}

void LostCancelCheck::registerMatchers(MatchFinder *Finder) {
  // The cancel sources, and the function bodies to find them in at the end of
  // the translation unit: a TU without a cancel source costs nothing more,
  // and no parent map of the whole TU is ever built.
  Finder->addMatcher(
      callExpr(calleePlaysRole(&Model, Role::CancelSource), unless(isExpansionInSystemHeader()))
          .bind("source"),
      this);
  Finder->addMatcher(
      functionDecl(isDefinition(), unless(isExpansionInSystemHeader())).bind("function"), this);
  Finder->addMatcher(lambdaExpr(unless(isExpansionInSystemHeader())).bind("lambda"), this);
}

void LostCancelCheck::check(const MatchFinder::MatchResult &Result) {
  if (const auto *Source = Result.Nodes.getNodeAs<CallExpr>("source")) {
    Sources.insert(Source);
    AST = Result.Context;
  } else if (const auto *F = Result.Nodes.getNodeAs<FunctionDecl>("function")) {
    Functions.push_back(F);
  } else if (const auto *Lambda = Result.Nodes.getNodeAs<LambdaExpr>("lambda")) {
    Functions.push_back(Lambda->getCallOperator());
  }
}

void LostCancelCheck::onEndOfTranslationUnit() {
  if (AST)
    for (const FunctionDecl *F : Functions)
      if (F->hasBody() && !RoleModel::isRuntimeInternal(F) && !isInTemplateInstantiation(F))
        checkFunction(F, *AST);
  Sources.clear();
  Functions.clear();
  Analyzer.reset();
  AST = nullptr;
}

// The cancel sources evaluated by the body \p S itself: a lambda's body
// belongs to the lambda (its captures' initializers do not).
void LostCancelCheck::findSources(const Stmt *S,
                                  llvm::SmallVectorImpl<const CallExpr *> &Out) const {
  if (!S)
    return;
  if (const auto *Lambda = dyn_cast<LambdaExpr>(S)) {
    for (const Expr *Init : Lambda->capture_inits())
      findSources(Init, Out);
    return;
  }
  if (const auto *Call = dyn_cast<CallExpr>(S); Call && Sources.contains(Call))
    Out.push_back(Call);
  for (const Stmt *Child : S->children())
    findSources(Child, Out);
}

void LostCancelCheck::checkFunction(const FunctionDecl *F, ASTContext &Ctx) {
  llvm::SmallVector<const CallExpr *, 4> Found;
  findSources(F->getBody(), Found);
  if (Found.empty())
    return;
  std::unique_ptr<FunctionCfg> Cfg = FunctionCfg::build(F, Ctx);
  if (!Cfg)
    return;
  for (const CallExpr *Source : Found) {
    CancelSink Sink = SinkFinder(Model, F, Cfg->parents()).find(Source);
    if (Sink.How == CancelSink::Kind::Dropped)
      reportDropped(Source, Sink.DroppedAt, Ctx.getSourceManager());
    else if (Sink.How == CancelSink::Kind::Tracked)
      checkPaths(Source, Sink, *Cfg, Ctx);
  }
}

void LostCancelCheck::reportDropped(const CallExpr *Source, SourceLocation Loc,
                                    const SourceManager &SM) {
  const auto *Callee = dyn_cast_or_null<NamedDecl>(RoleModel::calleeOf(Source));
  diag(SM.getFileLoc(Loc),
       "the cancel function returned by %0 should be called, not discarded, to avoid a "
       "context leak")
      << (Callee ? Callee->getQualifiedNameAsString() : std::string("this call"));
}

utils::ExceptionAnalyzer &LostCancelCheck::throwAnalyzer() {
  if (!Analyzer) {
    Analyzer = std::make_unique<utils::ExceptionAnalyzer>();
    // Running out of memory is not the failure a deferred cancel is for:
    // every allocation could throw std::bad_alloc.
    Analyzer->ignoreBadAlloc(true);
  }
  return *Analyzer;
}

void LostCancelCheck::checkPaths(const CallExpr *Source, const CancelSink &Sink,
                                 const FunctionCfg &Cfg, ASTContext &Ctx) {
  const FunctionDecl *F = Cfg.function();
  llvm::SmallVector<const DeclRefExpr *, 8> Refs;
  collectReferences(F->getBody(), Sink.Var, Sink.Creation, Refs);
  if (Refs.empty())
    return reportDropped(Source, Source->getBeginLoc(), Ctx.getSourceManager());
  // Returning from main ends the process: nothing leaks (go vet's rule).
  if (F->isMain())
    return;
  const SourceManager &SM = Ctx.getSourceManager();
  SourceLocation At = SM.getFileLoc(Source->getBeginLoc());
  CancelUses Uses = classifyUses(Refs, Sink.HoldsPair, Model, Cfg);
  if (Uses.Elements.empty())
    return reportDropped(Source, Source->getBeginLoc(), Ctx.getSourceManager());

  std::string Name = Sink.Var->getNameAsString() + (Sink.HoldsPair ? ".second" : "");
  unsigned Line = SM.getSpellingLineNumber(At);
  llvm::SmallVector<CfgExit, 2> Leaks =
      Cfg.exitsAvoiding(Sink.Creation, [&](const Stmt *S) { return Uses.Elements.contains(S); });
  if (!Leaks.empty()) {
    diag(At, "'%0' is not used on all paths (possible context leak)") << Name;
    for (const CfgExit &Exit : Leaks)
      diag(SM.getFileLoc(Exit.Loc),
           "this %select{return|throw}0 may be reached without using '%1' defined on "
           "line %2",
           DiagnosticIDs::Note)
          << (Exit.How == CfgExit::Kind::Throw) << Name << Line;
    return;
  }
  if (Uses.HandedOff || Uses.ManualCalls.empty())
    return;
  std::optional<FixItHint> Fix =
      deferFix(Sink, calledObjectType(Uses.FirstManualCall), Source, F, Model, Cfg.parents(), Ctx);
  if (const Stmt *Throwing =
          contextOutlivesCancel(Sink, Uses, F, Model, SM)
              ? nullptr
              : throwingBeforeCancel(Sink, Uses, Refs, Cfg, Ctx, throwAnalyzer())) {
    std::string Callee = calleeName(cast<Expr>(Throwing));
    {
      auto D = diag(At, "'%0' is skipped if '%1' throws; defer it") << Name << Callee;
      if (Fix)
        D << *Fix;
    }
    diag(SM.getFileLoc(Throwing->getBeginLoc()),
         "'%0' may throw here, before '%1' is called on line %2", DiagnosticIDs::Note)
        << Callee << Name << SM.getExpansionLineNumber(Uses.FirstManualCall->getBeginLoc());
    return;
  }
  if (RequireDefer) {
    auto D = diag(At, "'%0' is called manually; defer it on the line after its creation") << Name;
    if (Fix)
      D << *Fix;
  }
}

} // namespace clang::tidy::ctx
