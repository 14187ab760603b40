//===--- LoopWithoutDoneCheck.cpp - ctxguard ------------------------------===//

#include "LoopWithoutDoneCheck.h"
#include "model/ChannelFlow.h"
#include "model/Matchers.h"
#include "model/TokenSpawn.h"
#include "model/Walk.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"

using namespace clang::ast_matchers;

namespace clang::tidy::ctx {

namespace {

RoleSet readRoles() {
  RoleSet Reads = factRoles();
  for (Role R : {Role::Done, Role::Timer, Role::CaseDone, Role::Token, Role::TokenSpawn})
    Reads.add(R);
  return Reads;
}

bool isConstantTrue(const Expr *Cond, const ASTContext &Ctx) {
  bool Value = false;
  return Cond && !Cond->isValueDependent() && Cond->EvaluateAsBooleanCondition(Value, Ctx) && Value;
}

// Whether \p Loop can only end from inside: no condition, or a constant true one.
bool isUnbounded(const Stmt *Loop, const ASTContext &Ctx) {
  if (const auto *For = dyn_cast<ForStmt>(Loop))
    return !For->getCond() || isConstantTrue(For->getCond(), Ctx);
  if (const auto *While = dyn_cast<WhileStmt>(Loop))
    return isConstantTrue(While->getCond(), Ctx);
  if (const auto *Do = dyn_cast<DoStmt>(Loop))
    return isConstantTrue(Do->getCond(), Ctx);
  return isa<CXXForRangeStmt>(Loop); // over a timer's channel (matcher)
}

bool leavesByGoto(const Stmt *S, const Stmt &Loop, const SourceManager &SM) {
  const auto *Goto = dyn_cast<GotoStmt>(S);
  if (!Goto || !Goto->getLabel()->getStmt())
    return Goto != nullptr || isa<IndirectGotoStmt>(S);
  SourceLocation Target = Goto->getLabel()->getStmt()->getBeginLoc();
  return SM.isBeforeInTranslationUnit(Target, Loop.getBeginLoc()) ||
         SM.isBeforeInTranslationUnit(Loop.getEndLoc(), Target);
}

std::string joinLines(llvm::ArrayRef<unsigned> Lines) {
  std::string Out;
  for (unsigned Line : Lines)
    Out += (Out.empty() ? "" : ", ") + std::to_string(Line);
  return Out;
}

} // namespace

LoopWithoutDoneCheck::LoopWithoutDoneCheck(StringRef Name, ClangTidyContext *Context)
    : CtxCheck(Name, Context, readRoles()) {}

void LoopWithoutDoneCheck::registerCheckMatchers(MatchFinder *Finder) {
  // Only loops whose condition may be the constant true: no condition, or a
  // literal (through parentheses, casts and macros such as `while (1)`).
  auto MaybeForever = anyOf(
      unless(hasCondition(expr())),
      hasCondition(ignoringParenImpCasts(anyOf(cxxBoolLiteral(), integerLiteral(), constantExpr(),
                                               declRefExpr(to(varDecl(isConstexpr())))))));
  auto UserLoop = allOf(MaybeForever, unless(isExpansionInSystemHeader()));
  Finder->addMatcher(forStmt(UserLoop).bind("loop"), this);
  Finder->addMatcher(whileStmt(UserLoop).bind("loop"), this);
  Finder->addMatcher(doStmt(UserLoop).bind("loop"), this);
  // A timer's channel is never closed: ranging over it never ends. The
  // channel may be kept in a local first (`auto tick = ticker.c();`).
  auto TimerChannel = ignoringImplicit(callExpr(callsRole(&Model, Role::Timer)));
  Finder->addMatcher(
      cxxForRangeStmt(hasRangeInit(ignoringImplicit(anyOf(
                          TimerChannel, declRefExpr(to(varDecl(hasLocalStorage(),
                                                               hasInitializer(TimerChannel))))))),
                      unless(isExpansionInSystemHeader()))
          .bind("loop"),
      this);
  addSpawnMatchers(Finder, this, &Model, "spawn");
  // A declared thread first (a declaration is matched before its
  // initializer), then any construction; no hasParent, which would build the
  // parent map of the whole TU.
  auto TokenSpawn = cxxConstructExpr(unless(isExpansionInSystemHeader()),
                                     hasType(qualType(isRoleType(&Model, Role::TokenSpawn))),
                                     argumentCountAtLeast(1))
                        .bind("tokenspawn");
  Finder->addMatcher(varDecl(unless(isExpansionInSystemHeader()),
                             hasInitializer(ignoringImplicit(TokenSpawn)))
                         .bind("thread"),
                     this);
  Finder->addMatcher(TokenSpawn, this);
}

void LoopWithoutDoneCheck::recordTokenSpawn(const CXXConstructExpr &Spawn, const VarDecl *Thread,
                                            ASTContext &Ctx) {
  if (!RecordedSpawns.insert(&Spawn).second)
    return;
  std::optional<SpawnedCallable> F = resolveCallable(Spawn.getArg(0));
  std::optional<bool> Own =
      F ? passesOwnToken(Spawn, *F, Model, Ctx.getLangOpts().GNUMode) : std::nullopt;
  if (!Own || *Own)
    return;
  // A thread detached, joined, moved or swapped by its owner: its destructor
  // may not be the one that stops and joins it.
  const FunctionDecl *Owner = Thread ? dyn_cast<FunctionDecl>(Thread->getDeclContext()) : nullptr;
  if (Owner && Owner->getBody() &&
      !walk(Owner->getBody(), Lambdas::Separate, [&](const Stmt *S, const WalkPosition &) {
        const auto *Call = dyn_cast<CXXMemberCallExpr>(S);
        const auto *Ref = Call ? dyn_cast<DeclRefExpr>(
                                     Call->getImplicitObjectArgument()->IgnoreParenImpCasts())
                               : nullptr;
        return Ref && Ref->getDecl() == Thread && !Call->getMethodDecl()->isConst()
                   ? WalkAction::Stop
                   : WalkAction::Continue;
      }))
    return;
  SourceLocation Where =
      isa<CXXTemporaryObjectExpr>(Spawn) ? Spawn.getBeginLoc() : Spawn.getLocation();
  for (const FunctionDecl *Candidate : F->Candidates)
    if (const FunctionDecl *Body = Candidate->getDefinition())
      TokenBlind.try_emplace(Body->getCanonicalDecl(), TokenBlindStart{Where, F->Name});
}

void LoopWithoutDoneCheck::check(const MatchFinder::MatchResult &Result) {
  const SourceManager &SM = *Result.SourceManager;
  if (const auto *Spawn = Result.Nodes.getNodeAs<CXXConstructExpr>("tokenspawn"))
    return recordTokenSpawn(*Spawn, Result.Nodes.getNodeAs<VarDecl>("thread"), *Result.Context);
  if (const auto *Spawn = Result.Nodes.getNodeAs<Expr>("spawn")) {
    if (const FunctionDecl *Body = describeSpawn(Spawn).Body)
      SpawnLines[Body->getCanonicalDecl()].push_back(
          SM.getExpansionLineNumber(Spawn->getBeginLoc()));
    return;
  }
  const auto *Loop = Result.Nodes.getNodeAs<Stmt>("loop");
  if (isUnbounded(Loop, *Result.Context) && !SM.isInSystemHeader(Loop->getBeginLoc()))
    Candidates.push_back(Loop);
}

// A call that observes cancellation (err(), done(), a done case), that hands
// a context or a done signal to code that may observe it, or that never
// returns.
bool LoopWithoutDoneCheck::observesOrEnds(const Expr *E) {
  llvm::ArrayRef<const Expr *> Args;
  const FunctionDecl *Callee = nullptr;
  if (const auto *Call = dyn_cast<CallExpr>(E)) {
    Callee = Call->getDirectCallee();
    if (Callee && Callee->isNoReturn())
      return true;
    Args = {Call->getArgs(), Call->getNumArgs()};
  } else if (const auto *Construct = dyn_cast<CXXConstructExpr>(E)) {
    Callee = Construct->getConstructor();
    Args = {Construct->getArgs(), Construct->getNumArgs()};
  } else {
    return false;
  }
  if (Model.calls(E, Role::Observe) || Model.calls(E, Role::CaseDone))
    return true;
  // A helper whose body we see, or whose facts another TU gave, observes the
  // context only if its facts say so.
  const FunctionFacts *Known = Callee ? facts().known(Callee) : nullptr;
  for (unsigned I = 0; I < Args.size(); ++I) {
    QualType T = Args[I]->getType();
    if (Model.isType(T, Role::Done))
      return true;
    if (!Model.isContextOrToken(T) || isRootToken(Args[I]))
      continue;
    if (!Known || I >= Known->Params.size() || facts().paramFact(*Known, I, OpenFact::ObservesContext))
      return true;
  }
  return false;
}

bool LoopWithoutDoneCheck::isRootToken(const Expr *Arg) const {
  if (!Model.isToken(Arg->getType()))
    return false;
  const Expr *E = lookThrough(Arg);
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(E))
    return Construct->getNumArgs() == 0;
  return isa<CallExpr>(E) && Model.calls(E, Role::Root);
}

// Walks a loop's own code (condition, increment, body; nested lambdas are
// other functions) for a way out of it or an observation of cancellation.
bool LoopWithoutDoneCheck::leavesOrObserves(const Stmt &Loop) {
  const SourceManager &SM = core().context()->getSourceManager();
  // Loops and switches nested in the loop: a break leaves only them.
  llvm::DenseMap<const Stmt *, unsigned> Nesting;
  return !walk(&Loop, Lambdas::Separate, [&](const Stmt *S, const WalkPosition &At) {
    unsigned Depth = 0;
    if (At.Parent)
      Depth = Nesting.lookup(At.Parent) +
              (At.Parent != &Loop && (isLoop(At.Parent) || isa<SwitchStmt>(At.Parent)));
    Nesting[S] = Depth;
    if (isa<ReturnStmt, CoreturnStmt, CXXThrowExpr>(S) || (isa<BreakStmt>(S) && Depth == 0) ||
        leavesByGoto(S, Loop, SM) || (isa<Expr>(S) && observesOrEnds(cast<Expr>(S))))
      return WalkAction::Stop;
    return WalkAction::Continue;
  });
}

void LoopWithoutDoneCheck::onEndOfTranslationUnit() {
  // A template's pattern is matched before its instantiations, which share
  // its locations: report each written loop once, as its pattern.
  for (const Stmt *Loop : Candidates) {
    const FunctionDecl *Function = core().enclosing(*Loop);
    if (!Function || !isUserCode(Function) || !firstReportAt(Loop->getBeginLoc()))
      continue;
    decide([&] {
      if (!leavesOrObserves(*Loop))
        report(Loop, Function);
    });
  }
  Candidates.clear();
  SpawnLines.clear();
  TokenBlind.clear();
  RecordedSpawns.clear();
}

bool LoopWithoutDoneCheck::reportTokenBlind(const Stmt *Loop, const FunctionDecl *Function) {
  auto It = TokenBlind.find(Function->getCanonicalDecl());
  if (It == TokenBlind.end())
    return false;
  const SourceManager &SM = core().context()->getSourceManager();
  diag(Loop->getBeginLoc(), "loop never exits and cannot see the stop request of the std::jthread "
                            "started on line %0; take the jthread's token as the first parameter "
                            "and check it")
      << SM.getExpansionLineNumber(It->second.Where);
  diag(It->second.Where, "its destructor requests a stop that %0 cannot see, then joins forever",
       DiagnosticIDs::Note)
      << It->second.Callable;
  return true;
}

void LoopWithoutDoneCheck::report(const Stmt *Loop, const FunctionDecl *Function) {
  llvm::SmallVector<AvailableContext, 4> Available =
      scopes().contextsAt(Function, *Loop, *core().context());
  std::string Lines = joinLines(SpawnLines.lookup(Function->getCanonicalDecl()));
  if (Available.empty() && Lines.empty() && reportTokenBlind(Loop, Function))
    return;
  if (Available.empty() && Lines.empty())
    return; // neither a goroutine nor a function with a context
  std::string Where = Lines.empty() ? "loop" : "loop in the goroutine started on line " + Lines;
  if (Available.empty()) {
    diag(Loop->getBeginLoc(), "%0 never exits and cannot be cancelled; pass it a context and "
                              "check 'c.err()' or select on 'c.done()'")
        << Where;
    return;
  }
  const ValueDecl *Observed = Available.front().Var;
  if (Model.isToken(Observed->getType()))
    diag(Loop->getBeginLoc(), "%0 never observes a stop request on '%1'; check it in the loop, wait "
                              "with it, or pass it on")
        << Where << Observed->getName();
  else
    diag(Loop->getBeginLoc(),
         "%0 never observes cancellation of '%1'; check '%1.err()' or select on '%1.done()'")
        << Where << Observed->getName();
}

} // namespace clang::tidy::ctx
