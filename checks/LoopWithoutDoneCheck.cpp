//===--- LoopWithoutDoneCheck.cpp - ctxguard ------------------------------===//

#include "LoopWithoutDoneCheck.h"
#include "model/ChannelFlow.h"
#include "model/Matchers.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"

using namespace clang::ast_matchers;

namespace clang::tidy::ctx {

namespace {

constexpr RoleOption UsedRoleOptions[] = {RoleOption::ContextTypes, RoleOption::DoneTypes,
                                          RoleOption::ChannelTypes, RoleOption::SpawnFunctions};

// The type a channel expression has, as a key: canonical, unqualified, no reference.
const Type *channelKey(QualType T) {
  return T.getNonReferenceType().getCanonicalType().getUnqualifiedType().getTypePtr();
}

bool isConstantTrue(const Expr *Cond, const ASTContext &Ctx) {
  bool Value = false;
  return Cond && !Cond->isValueDependent() && Cond->EvaluateAsBooleanCondition(Value, Ctx) && Value;
}

// Walks a loop's own code (condition, increment, body; nested lambdas are
// other functions) for a way out of it or an observation of cancellation.
class LoopScan {
public:
  LoopScan(const RoleModel &Model, const Stmt &Loop, const SourceManager &SM)
      : Model(Model), Loop(Loop), SM(SM) {}

  bool leavesOrObserves() {
    for (const Stmt *Child : Loop.children())
      visit(Child, 0);
    return Found;
  }

private:
  void visit(const Stmt *S, unsigned Nesting) {
    if (!S || Found || isa<LambdaExpr>(S) || isa<BlockExpr>(S))
      return;
    if (isa<ReturnStmt>(S) || isa<CoreturnStmt>(S) || isa<CXXThrowExpr>(S) ||
        (isa<BreakStmt>(S) && Nesting == 0) || leavesByGoto(S) ||
        (isa<Expr>(S) && observesOrEnds(cast<Expr>(S)))) {
      Found = true;
      return;
    }
    // A break in a nested loop or switch leaves only that statement.
    bool Nests = isa<ForStmt>(S) || isa<WhileStmt>(S) || isa<DoStmt>(S) ||
                 isa<CXXForRangeStmt>(S) || isa<SwitchStmt>(S);
    for (const Stmt *Child : S->children())
      visit(Child, Nesting + Nests);
  }

  bool leavesByGoto(const Stmt *S) const {
    const auto *Goto = dyn_cast<GotoStmt>(S);
    if (!Goto || !Goto->getLabel()->getStmt())
      return Goto != nullptr;
    SourceLocation Target = Goto->getLabel()->getStmt()->getBeginLoc();
    return SM.isBeforeInTranslationUnit(Target, Loop.getBeginLoc()) ||
           SM.isBeforeInTranslationUnit(Loop.getEndLoc(), Target);
  }

  // A call that observes cancellation (err(), done(), a done case), that is
  // context-aware (receives a context), or that never returns.
  bool observesOrEnds(const Expr *E) const {
    llvm::ArrayRef<const Expr *> Args;
    if (const auto *Call = dyn_cast<CallExpr>(E)) {
      if (const FunctionDecl *Callee = Call->getDirectCallee(); Callee && Callee->isNoReturn())
        return true;
      Args = {Call->getArgs(), Call->getNumArgs()};
    } else if (const auto *Construct = dyn_cast<CXXConstructExpr>(E)) {
      Args = {Construct->getArgs(), Construct->getNumArgs()};
    } else {
      return false;
    }
    if (Model.calls(E, Role::Observe) || Model.calls(E, Role::CaseDone))
      return true;
    return llvm::any_of(Args, [&](const Expr *Arg) {
      return Model.isContext(Arg->getType()) || Model.isType(Arg->getType(), Role::Done);
    });
  }

  const RoleModel &Model;
  const Stmt &Loop;
  const SourceManager &SM;
  bool Found = false;
};

std::string joinLines(llvm::ArrayRef<unsigned> Lines) {
  std::string Out;
  for (unsigned Line : Lines)
    Out += (Out.empty() ? "" : ", ") + std::to_string(Line);
  return Out;
}

} // namespace

LoopWithoutDoneCheck::LoopWithoutDoneCheck(StringRef Name, ClangTidyContext *Context)
    : ClangTidyCheck(Name, Context) {
  Model.readOptions(Options, UsedRoleOptions);
}

void LoopWithoutDoneCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  Model.storeOptions(Options, Opts);
}

void LoopWithoutDoneCheck::registerMatchers(MatchFinder *Finder) {
  FunctionBodies::registerMatchers(Finder, this);
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
  Finder->addMatcher(
      cxxForRangeStmt(hasRangeInit(expr(hasType(qualType(isRoleType(&Model, Role::Chan))))),
                      unless(isExpansionInSystemHeader()))
          .bind("range"),
      this);
  Finder->addMatcher(
      cxxMemberCallExpr(callee(cxxMethodDecl(playsRole(&Model, Role::ChanClose)))).bind("close"),
      this);
  addSpawnMatchers(Finder, this, &Model, "spawn");
}

void LoopWithoutDoneCheck::check(const MatchFinder::MatchResult &Result) {
  Context = Result.Context;
  if (Bodies.record(Result))
    return;
  const SourceManager &SM = *Result.SourceManager;
  if (const auto *Close = Result.Nodes.getNodeAs<CXXMemberCallExpr>("close")) {
    ClosedChannelTypes.insert(channelKey(Close->getImplicitObjectArgument()->getType()));
    return;
  }
  if (const auto *Spawn = Result.Nodes.getNodeAs<Expr>("spawn")) {
    if (const FunctionDecl *Body = describeSpawn(Spawn).Body)
      SpawnLines[Body->getCanonicalDecl()].push_back(
          SM.getExpansionLineNumber(Spawn->getBeginLoc()));
    return;
  }
  const auto *Range = Result.Nodes.getNodeAs<CXXForRangeStmt>("range");
  const Stmt *Loop = Range ? Range : Result.Nodes.getNodeAs<Stmt>("loop");
  bool Unbounded = Range != nullptr;
  if (const auto *For = dyn_cast<ForStmt>(Loop))
    Unbounded = !For->getCond() || isConstantTrue(For->getCond(), *Context);
  else if (const auto *While = dyn_cast<WhileStmt>(Loop))
    Unbounded = isConstantTrue(While->getCond(), *Context);
  else if (const auto *Do = dyn_cast<DoStmt>(Loop))
    Unbounded = isConstantTrue(Do->getCond(), *Context);
  if (!Unbounded || SM.isInSystemHeader(Loop->getBeginLoc()))
    return;
  if (LoopScan(Model, *Loop, SM).leavesOrObserves())
    return;
  Candidates.push_back({Loop, Range ? Range->getRangeInit()->getType() : QualType()});
}

void LoopWithoutDoneCheck::onEndOfTranslationUnit() {
  // A template's pattern is matched before its instantiations, which share
  // its locations: report each written loop once, as its pattern.
  llvm::DenseSet<SourceLocation> Seen;
  for (const Candidate &C : Candidates) {
    if (!Seen.insert(C.Loop->getBeginLoc()).second)
      continue;
    if (!C.RangeChannel.isNull() && ClosedChannelTypes.contains(channelKey(C.RangeChannel)))
      continue;
    const FunctionDecl *Function = Bodies.enclosing(*C.Loop, Context->getSourceManager());
    if (Function && !RoleModel::isRuntimeInternal(Function))
      report(C, Function, *Context);
  }
  Candidates.clear();
  Bodies.clear();
  ClosedChannelTypes.clear();
  SpawnLines.clear();
}

void LoopWithoutDoneCheck::report(const Candidate &C, const FunctionDecl *Function,
                                  ASTContext &Ctx) {
  llvm::SmallVector<AvailableContext, 4> Available = Scopes.contextsAt(Function, *C.Loop, Ctx);
  std::string Lines = joinLines(SpawnLines.lookup(Function->getCanonicalDecl()));
  if (Available.empty() && Lines.empty())
    return; // neither a goroutine nor a function with a context
  std::string Where = Lines.empty() ? "loop" : "loop in the goroutine started on line " + Lines;
  if (Available.empty()) {
    diag(C.Loop->getBeginLoc(), "%0 never exits and cannot be cancelled; pass it a context and "
                                "check 'c.err()' or select on 'c.done()'")
        << Where;
    return;
  }
  diag(C.Loop->getBeginLoc(),
       "%0 never observes cancellation of '%1'; check '%1.err()' or select on '%1.done()'")
      << Where << Available.front().Var->getName();
}

} // namespace clang::tidy::ctx
