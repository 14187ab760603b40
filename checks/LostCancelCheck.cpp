//===--- LostCancelCheck.cpp - ctxguard -----------------------------------===//

#include "LostCancelCheck.h"
#include "model/FixIts.h"
#include "model/Matchers.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"

using namespace clang::ast_matchers;

namespace clang::tidy::ctx {

namespace {

RoleSet readRoles() {
  RoleSet Reads = factRoles();
  for (Role R : {Role::CancelSource, Role::ScopeGuard, Role::Context, Role::CancelFunc})
    Reads.add(R);
  return Reads;
}

const Expr *ignoreImplicit(const Expr *E) {
  return E ? E->IgnoreImplicit()->IgnoreParenImpCasts() : nullptr;
}

// Whether \p S is part of one of \p Calls (the cause argument of a manual
// cancel is evaluated as part of calling it).
bool insideAny(const Stmt *S, const llvm::SmallPtrSetImpl<const Stmt *> &Calls,
               const FunctionCfg &Cfg) {
  for (S = Cfg.parents().parent(S); S; S = Cfg.parents().parent(S))
    if (Calls.contains(S))
      return true;
  return false;
}

// Whether a throw from \p Call lands in a handler that uses the cancel
// (try { fetch(); } catch (...) { cancel(); throw; }).
bool handledWithCancel(const Stmt *Call, llvm::ArrayRef<const DeclRefExpr *> Refs,
                       const ParentIndex &PM) {
  for (const Stmt *Child = Call, *S = PM.parent(Call); S; Child = S, S = PM.parent(S)) {
    const auto *Try = dyn_cast<CXXTryStmt>(S);
    if (!Try || Try->getTryBlock() != Child)
      continue;
    for (unsigned I = 0; I < Try->getNumHandlers(); ++I)
      for (const DeclRefExpr *Ref : Refs)
        if (PM.isWithin(Ref, Try->getHandler(I)))
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

// A standard-library operator (chrono arithmetic, string concatenation,
// streaming), which fails only when memory runs out, or a call spelled in a
// system header's macro (a test framework's assertion).
bool isLibraryOperatorOrMacro(const CallExpr *Call, const SourceManager &SM) {
  if (SM.isInSystemMacro(Call->getBeginLoc()))
    return true;
  const auto *Callee = dyn_cast_or_null<FunctionDecl>(Call->getCalleeDecl());
  return Callee && Callee->isOverloadedOperator() && SM.isInSystemHeader(Callee->getLocation());
}

} // namespace

LostCancelCheck::LostCancelCheck(StringRef Name, ClangTidyContext *Context)
    : CtxCheck(Name, Context, readRoles()), RequireDefer(Options.get("RequireDefer", false)) {}

void LostCancelCheck::storeCheckOptions(ClangTidyOptions::OptionMap &Opts) {
  Options.store(Opts, "RequireDefer", RequireDefer);
}

void LostCancelCheck::registerCheckMatchers(MatchFinder *Finder) {
  // Only the cancel sources: a TU without one costs nothing more, and the
  // functions holding them are analysed at the end of the translation unit.
  Finder->addMatcher(
      callExpr(calleePlaysRole(&Model, Role::CancelSource), unless(isExpansionInSystemHeader()))
          .bind("source"),
      this);
}

void LostCancelCheck::check(const MatchFinder::MatchResult &Result) {
  const auto *Source = Result.Nodes.getNodeAs<CallExpr>("source");
  // The written function it is in (a lambda's body is the lambda's own; its
  // captures' initializers are the enclosing function's); a source in an
  // instantiation is analysed in its pattern.
  if (const FunctionDecl *F = core().enclosing(*Source);
      F && isUserCode(F) && core().parents(F).contains(Source))
    Sources[F].push_back(Source);
}

void LostCancelCheck::onEndOfTranslationUnit() {
  for (const auto &[F, FunctionSources] : Sources)
    checkFunction(F, FunctionSources);
  Sources.clear();
}

void LostCancelCheck::checkFunction(const FunctionDecl *F,
                                    llvm::ArrayRef<const CallExpr *> FunctionSources) {
  const FunctionCfg *Cfg = core().cfg(F);
  if (!Cfg)
    return;
  std::optional<ReferenceIndex> Index;
  std::vector<TrackedCancel> Tracked;
  for (const CallExpr *Source : FunctionSources) {
    CancelSink Sink = findSink(Source, F, Cfg->parents(), Model);
    if (Sink.How == CancelSink::Kind::Dropped) {
      reportDropped(Source, Sink.DroppedAt);
    } else if (Sink.How == CancelSink::Kind::Tracked) {
      if (!Index)
        Index.emplace(F->getBody(), Model);
      if (std::optional<TrackedCancel> T = track(Source, Sink, *Cfg, *Index))
        Tracked.push_back(std::move(*T));
    }
  }
  // Which cancels an exit can be reached without: all at once, so that a
  // function with thousands of cancels is not walked once per cancel.
  std::vector<FunctionCfg::AvoidingQuery> Queries;
  for (const TrackedCancel &T : Tracked)
    Queries.push_back({T.Sink.Creation, &T.Uses.Elements});
  llvm::BitVector Leaks = Cfg->exitReachable(Queries);
  for (unsigned I = 0; I < Tracked.size(); ++I) {
    const TrackedCancel &T = Tracked[I];
    if (Leaks.test(I))
      reportLeak(T, *Cfg);
    else
      decide([&] { checkManualCalls(T.Source, T.Sink, T.Uses, T.Refs, *Cfg, *Index); });
  }
}

void LostCancelCheck::reportDropped(const CallExpr *Source, SourceLocation Loc) {
  const auto *Callee = dyn_cast_or_null<NamedDecl>(RoleModel::calleeOf(Source));
  diag(core().context()->getSourceManager().getFileLoc(Loc),
       "the cancel function returned by %0 should be called, not discarded, to avoid a "
       "context leak")
      << (Callee ? Callee->getQualifiedNameAsString() : std::string("this call"));
}

std::optional<LostCancelCheck::TrackedCancel>
LostCancelCheck::track(const CallExpr *Source, const CancelSink &Sink, const FunctionCfg &Cfg,
                       const ReferenceIndex &Index) {
  TrackedCancel T{Source, Sink, {}, {}};
  for (const DeclRefExpr *Ref : Index.refs(Sink.Var))
    if (!Cfg.parents().isWithin(Ref, Sink.Creation))
      T.Refs.push_back(Ref);
  if (T.Refs.empty()) {
    reportDropped(Source, Source->getBeginLoc());
    return std::nullopt;
  }
  // Returning from main ends the process: nothing leaks (go vet's rule).
  if (Cfg.function()->isMain())
    return std::nullopt;
  T.Uses = classifyUses(T.Refs, Sink.HoldsPair, Model, Cfg);
  if (T.Uses.Elements.empty()) {
    reportDropped(Source, Source->getBeginLoc());
    return std::nullopt;
  }
  return T;
}

void LostCancelCheck::reportLeak(const TrackedCancel &T, const FunctionCfg &Cfg) {
  // Enough exits to show the problem; a generated function can have
  // thousands, and a note per exit per cancel would grow quadratically.
  constexpr unsigned MaxExitNotes = 8;
  const SourceManager &SM = core().context()->getSourceManager();
  SourceLocation At = SM.getFileLoc(T.Source->getBeginLoc());
  std::string Name = T.Sink.Var->getNameAsString() + (T.Sink.HoldsPair ? ".second" : "");
  llvm::SmallVector<CfgExit, 2> Exits = Cfg.exitsAvoiding(
      T.Sink.Creation, [&](const Stmt *S) { return T.Uses.Elements.contains(S); }, MaxExitNotes);
  diag(At, "'%0' is not used on all paths (possible context leak)") << Name;
  for (const CfgExit &Exit : Exits)
    diag(SM.getFileLoc(Exit.Loc),
         "this %select{return|throw}0 may be reached without using '%1' defined on line %2",
         DiagnosticIDs::Note)
        << (Exit.How == CfgExit::Kind::Throw) << Name << SM.getSpellingLineNumber(At);
}

void LostCancelCheck::checkManualCalls(const CallExpr *Source, const CancelSink &Sink,
                                       const CancelUses &Uses,
                                       llvm::ArrayRef<const DeclRefExpr *> Refs,
                                       const FunctionCfg &Cfg, const ReferenceIndex &Index) {
  if (Uses.HandedOff || Uses.ManualCalls.empty())
    return;
  const SourceManager &SM = core().context()->getSourceManager();
  SourceLocation At = SM.getFileLoc(Source->getBeginLoc());
  std::string Name = Sink.Var->getNameAsString() + (Sink.HoldsPair ? ".second" : "");
  const Stmt *Throwing = contextOutlivesCancel(Sink, Uses, Index, SM)
                             ? nullptr
                             : throwingBeforeCancel(Sink, Uses, Refs, Cfg);
  if (!Throwing && !RequireDefer)
    return;
  std::optional<FixItHint> Fix =
      deferFix(Sink, calledObjectType(Uses.FirstManualCall), Source, Cfg);
  if (!Throwing) {
    auto D = diag(At, "'%0' is called manually; defer it on the line after its creation") << Name;
    if (Fix)
      D << *Fix;
    return;
  }
  std::string Callee = calleeName(cast<Expr>(Throwing));
  {
    auto D = diag(At, "'%0' is skipped if '%1' throws; defer it") << Name << Callee;
    if (Fix)
      D << *Fix;
  }
  diag(SM.getFileLoc(Throwing->getBeginLoc()),
       "'%0' may throw here, before '%1' is called on line %2", DiagnosticIDs::Note)
      << Callee << Name << SM.getExpansionLineNumber(Uses.FirstManualCall->getBeginLoc());
}

// The first call that may throw on a path from the creation to a manual
// cancel, other than calls into the runtime, the cancel's own arguments and
// calls whose exceptions a handler that uses the cancel catches.
const Stmt *LostCancelCheck::throwingBeforeCancel(const CancelSink &Sink, const CancelUses &Uses,
                                                  llvm::ArrayRef<const DeclRefExpr *> Refs,
                                                  const FunctionCfg &Cfg) {
  const SourceManager &SM = core().context()->getSourceManager();
  FactsEngine &Facts = facts();
  return Cfg.findBefore(
      Sink.Creation, [&](const Stmt *S) { return Uses.ManualCalls.contains(S); },
      [&](const Stmt *S) {
        const auto *Call = dyn_cast<CallExpr>(S);
        if (!Call || calleeName(Call).empty() || isLibraryOperatorOrMacro(Call, SM))
          return false;
        if (const Decl *Callee = RoleModel::calleeOf(Call); Callee && Model.isRuntimeInternal(Callee))
          return false; // the runtime throws only on misuse, not as the work a cancel guards
        return !insideAny(S, Uses.ManualCalls, Cfg) &&
               !handledWithCancel(S, Refs, Cfg.parents()) && Facts.mayThrow(Call);
      });
}

// The fix-it: a scope guard (`ctx::Defer <name>_guard{cancel};`, the scope
// guard class template declared beside the cancel source) on the line after
// the creation statement.
std::optional<FixItHint> LostCancelCheck::deferFix(const CancelSink &Sink, QualType CancelType,
                                                   const CallExpr *Source, const FunctionCfg &Cfg) {
  const ASTContext &Ctx = *core().context();
  const NamespaceDecl *NS = namespaceOf(RoleModel::calleeOf(Source));
  const auto *Guard =
      dyn_cast_or_null<ClassTemplateDecl>(declarationPlaying(NS, Role::ScopeGuard, Model));
  const CXXRecordDecl *Type = RoleModel::recordOf(CancelType);
  if (!Guard || !Type || !Type->hasDefinition() ||
      !isa_and_nonnull<CompoundStmt>(Cfg.parents().parent(Sink.Creation)))
    return std::nullopt;
  // What to defer: the cancel itself, or a call with a nil cause.
  std::string Name = Sink.Var->getNameAsString();
  std::string Cancel = Sink.HoldsPair ? Name + ".second" : Name;
  unsigned Arity = 0;
  for (const CXXMethodDecl *M : Type->methods())
    if (M->getOverloadedOperator() == OO_Call)
      Arity = M->getNumParams();
  if (Arity > 1)
    return std::nullopt;
  std::string Callable = Arity == 0 ? Cancel : "[" + Cancel + "] { " + Cancel + "({}); }";
  const FunctionDecl *F = Cfg.function();
  std::string Text = namespaceSpelling(NS, Source, F, Ctx) + Guard->getName().str() + " " +
                     freshName(F, (Sink.HoldsPair ? Name + "_cancel" : Name) + "_guard") + "{" +
                     Callable + "};";
  return insertAfterStatement(Sink.Creation, Text, Ctx);
}

} // namespace clang::tidy::ctx
