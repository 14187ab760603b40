//===--- BlockingWithoutDoneCheck.cpp - ctxguard --------------------------===//

#include "BlockingWithoutDoneCheck.h"
#include "model/AsWritten.h"
#include "model/ChannelBuffer.h"
#include "model/ChannelFlow.h"
#include "model/Instantiation.h"
#include "model/Matchers.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/LambdaCapture.h"
#include "clang/AST/StmtCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"

using namespace clang::ast_matchers;

namespace clang::tidy::ctx {

using Operation = BlockingWithoutDoneCheck::Operation;

namespace {

// The method a dependent member call names, looked up in the template
// pattern of the object's class: `ch.send(v)` with `ch` a `Chan<T>`.
const CXXMethodDecl *dependentMethod(const CallExpr &Call) {
  const auto *Member =
      dyn_cast<CXXDependentScopeMemberExpr>(Call.getCallee()->IgnoreParenImpCasts());
  if (!Member || Member->isArrow())
    return nullptr;
  const CXXRecordDecl *Record =
      Member->isImplicitAccess() ? nullptr : RoleModel::recordOf(Member->getBaseType());
  if (!Record || !Record->hasDefinition())
    return nullptr;
  const CXXMethodDecl *Found = nullptr;
  for (const NamedDecl *D : Record->lookup(Member->getMember())) {
    const auto *Method = dyn_cast<CXXMethodDecl>(D->getUnderlyingDecl());
    if (!Method || (Found && Found != Method))
      return nullptr; // overloaded or not a method: do not guess
    Found = Method;
  }
  return Found;
}

// The declaration a call calls, also in a template pattern.
const Decl *calleeOfCall(const CallExpr &Call) {
  if (const Decl *Callee = Call.getCalleeDecl())
    return Callee;
  if (const CXXMethodDecl *Method = dependentMethod(Call))
    return Method;
  return RoleModel::calleeOf(&Call);
}

// The object a member call is made on, or null.
const Expr *objectOf(const CallExpr &Call) {
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(&Call))
    return Member->getImplicitObjectArgument();
  if (const auto *Dependent =
          dyn_cast<CXXDependentScopeMemberExpr>(Call.getCallee()->IgnoreParenImpCasts()))
    return Dependent->isImplicitAccess() ? nullptr : Dependent->getBase();
  return nullptr;
}

// 'results.send' for a call on a named object, else the callee's qualified
// name: 'ctx::select', 'std::this_thread::sleep_for'.
std::string describeCall(const CallExpr &Call, const Decl *Callee) {
  const auto *Named = dyn_cast_or_null<NamedDecl>(Callee);
  std::string Name = Named ? Named->getNameAsString() : "call";
  if (const Expr *Object = objectOf(Call)) {
    const auto *Member = dyn_cast<MemberExpr>(Call.getCallee()->IgnoreParenImpCasts());
    std::string Access = Member && Member->isArrow() ? "->" : ".";
    const Expr *E = asWritten(Object);
    if (const auto *Ref = dyn_cast<DeclRefExpr>(E))
      return Ref->getDecl()->getNameAsString() + Access + Name;
    if (const auto *Field = dyn_cast<MemberExpr>(E))
      return Field->getMemberDecl()->getNameAsString() + Access + Name;
  }
  return Named ? Named->getQualifiedNameAsString() : Name;
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

// Whether the function cancelled the local context \p Available itself, by a
// statement that has run whenever \p At runs: the context is done, there is
// no cancellation left to observe (cancel the workers, join them, then
// collect their results).
bool cancelledBefore(const AvailableContext &Available, const Stmt &At, const FunctionDecl *F,
                     const RoleModel &Model) {
  if (Available.How != AvailableContext::Origin::Local)
    return false;
  const BindingDecl *Cancel = cancelBoundWith(Available.Var, Model);
  return Cancel &&
         precededBy(F->getBody(), &At, [&](const Stmt *S) { return callsCancel(S, Cancel); });
}

} // namespace

BlockingWithoutDoneCheck::BlockingWithoutDoneCheck(StringRef Name, ClangTidyContext *Context)
    : ClangTidyCheck(Name, Context), FlagJoins(Options.get("FlagJoins", false)) {
  Model.readOptions(Options, {RoleOption::ContextTypes, RoleOption::ChannelTypes,
                              RoleOption::SelectFunctions, RoleOption::BlockingFunctions,
                              RoleOption::JoinFunctions});
}

void BlockingWithoutDoneCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  Model.storeOptions(Options, Opts);
  Options.store(Opts, "FlagJoins", FlagJoins);
}

void BlockingWithoutDoneCheck::registerMatchers(MatchFinder *Finder) {
  // Anchored on what makes a context available (a parameter, a local, an
  // init-capture, a structured binding), never on every call: code without a
  // context costs one type test per variable and no parent map.
  auto ContextType = hasType(qualType(isRoleType(&Model, Role::Context)));
  Finder->addMatcher(varDecl(ContextType).bind("context"), this);
  Finder->addMatcher(bindingDecl(ContextType).bind("context"), this);
}

Operation BlockingWithoutDoneCheck::operationOfCallee(const Decl *Callee) const {
  if (!Callee)
    return Operation::None;
  if (auto It = OperationCache.find(Callee); It != OperationCache.end())
    return It->second;
  RoleSet Roles = Model.rolesOf(Callee);
  Operation Op = Operation::None;
  if (Roles.has(Role::ChanSend))
    Op = Operation::Send;
  else if (Roles.has(Role::ChanRecv))
    Op = Operation::Recv;
  else if (Roles.has(Role::Select))
    Op = Operation::Select;
  else if (Roles.has(Role::Sleep))
    Op = Operation::Sleep;
  else if (Roles.has(Role::Blocking))
    Op = Operation::Blocking;
  else if (Roles.has(Role::Join))
    Op = FlagJoins ? Operation::Join : Operation::None;
  return OperationCache[Callee] = Op;
}

bool BlockingWithoutDoneCheck::isBlockingMember(const CXXMemberCallExpr &Call) const {
  // A wait named by the class it is called on (std::future<T>::wait is
  // declared in a base class in libstdc++): cached per method and class.
  const CXXMethodDecl *Method = Call.getMethodDecl();
  const CXXRecordDecl *Object = Call.getRecordDecl();
  if (!Method || !Object || Method->getParent() == Object)
    return false;
  auto [It, Inserted] = MemberCache.try_emplace({Method, Object}, false);
  if (Inserted)
    It->second = Model.calls(&Call, Role::Blocking);
  return It->second;
}

Operation BlockingWithoutDoneCheck::operationOf(const CallExpr &Call) const {
  Operation Op = operationOfCallee(calleeOfCall(Call));
  if (Op == Operation::None)
    if (const auto *Member = dyn_cast<CXXMemberCallExpr>(&Call);
        Member && isBlockingMember(*Member))
      Op = Operation::Blocking;
  return Op;
}

bool BlockingWithoutDoneCheck::selectCanEnd(const CallExpr &Select) const {
  bool WaitsForTimer = false, WaitsForOther = false;
  for (const Expr *Arg : Select.arguments()) {
    const Expr *Case = asWritten(Arg);
    // A case kept in a local first: `auto done = ctx::recv(c.done());`.
    if (const auto *Ref = dyn_cast<DeclRefExpr>(Case))
      if (const auto *Var = dyn_cast<VarDecl>(Ref->getDecl()); Var && Var->getInit())
        Case = asWritten(Var->getInit());
    const auto *Call = dyn_cast<CallExpr>(Case);
    if (!Call)
      return true; // a case we cannot see: do not guess
    RoleSet Roles = Model.rolesOf(RoleModel::calleeOf(Call));
    if (!Roles.has(Role::CaseRecv) && !Roles.has(Role::CaseSend) && !Roles.has(Role::CaseDone))
      return true; // a default case, or not a case of the runtime's: do not guess
    // In a template, `ctx::recv(x)` may not be resolved yet: a done case is
    // one that receives from a Done.
    const Expr *From = Call->getNumArgs() ? asWritten(Call->getArg(0)) : nullptr;
    bool ReceivesDone = From && Model.isType(From->getType(), Role::Done);
    if (Roles.has(Role::CaseDone) && (Call->getDirectCallee() || ReceivesDone))
      return true;
    bool Timer = Roles.has(Role::CaseRecv) && From && Model.calls(From, Role::Timer);
    (Timer ? WaitsForTimer : WaitsForOther) = true;
  }
  // A timer case bounds a wait for something else, as a timed wait does:
  // `ctx::recv(ctx::after(d))` next to `ctx::recv(ch)`. Alone, it is a sleep.
  return WaitsForTimer && WaitsForOther;
}

bool BlockingWithoutDoneCheck::passesCancellation(const CallExpr &Call) const {
  // A wait given a context, a done signal or a std::stop_token can observe
  // cancellation: condition_variable_any::wait(lock, token, pred).
  return llvm::any_of(Call.arguments(), [&](const Expr *Arg) {
    QualType T = Arg->getType();
    if (Model.isType(T, Role::Context) || Model.isType(T, Role::Done))
      return true;
    const CXXRecordDecl *Record = RoleModel::recordOf(T);
    return Record && Record->getQualifiedNameAsString() == "std::stop_token";
  });
}

bool BlockingWithoutDoneCheck::cannotBlock(const CallExpr &Call, Operation Op,
                                           const FunctionDecl *F) const {
  switch (Op) {
  case Operation::Send:
  case Operation::Recv: {
    const VarDecl *Channel = channelVar(objectOf(Call), Model);
    if (!Channel)
      return false;
    auto [It, Inserted] = NonBlockingCache.try_emplace(Channel);
    if (Inserted)
      It->second = nonBlockingOperations(Channel, Model, F->getASTContext());
    return It->second.contains(&Call) ||
           (Op == Operation::Recv && closedBefore(F->getBody(), &Call, Channel, Model));
  }
  case Operation::Select:
    return selectCanEnd(Call);
  case Operation::Sleep:
  case Operation::Blocking:
  case Operation::Join:
    return passesCancellation(Call);
  case Operation::None:
    return true;
  }
  return true;
}

void BlockingWithoutDoneCheck::report(const Stmt &At, Operation Op, const CallExpr *Call,
                                      const AvailableContext &Ignored, bool CanFix) {
  const SourceManager &SM = AST->getSourceManager();
  std::string Observed = Ignored.Var->getNameAsString();
  SourceLocation Loc = SM.getFileLoc(At.getBeginLoc());
  if (!Call) {
    const auto *Range = cast<CXXForRangeStmt>(&At);
    const Expr *Init = asWritten(Range->getRangeInit());
    std::string Channel = "the channel";
    if (const auto *Ref = dyn_cast<DeclRefExpr>(Init))
      Channel = "'" + Ref->getDecl()->getNameAsString() + "'";
    diag(SM.getFileLoc(Range->getRangeInit()->getBeginLoc()),
         "range over %0 blocks without observing cancellation of '%1'; receive in a select on "
         "'%1.done()' instead")
        << Channel << Observed;
    return;
  }
  std::string What = describeCall(*Call, calleeOfCall(*Call));
  switch (Op) {
  case Operation::Send:
  case Operation::Recv:
    diag(Loc, "'%0' blocks without observing cancellation of '%1'; select on '%1.done()' too")
        << What << Observed;
    return;
  case Operation::Select:
    diag(Loc, "'%0' has neither a done case nor a default and blocks without observing "
              "cancellation of '%1'; add a case 'ctx::recv(%1.done())'")
        << What << Observed;
    return;
  case Operation::Sleep: {
    auto Warning = diag(Loc, "'%0' cannot be interrupted by cancellation of '%1'; use "
                             "'ctx::sleep(%1, ...)', which returns early when '%1' is done")
                   << What << Observed;
    if (CanFix && Call->getNumArgs() == 1 && !Call->getArg(0)->getBeginLoc().isMacroID())
      Warning << FixItHint::CreateInsertion(Call->getArg(0)->getBeginLoc(), Observed + ", ");
    return;
  }
  case Operation::Blocking:
  case Operation::Join:
    diag(Loc, "'%0' blocks without observing cancellation of '%1'; use a wait that observes it "
              "(a select on '%1.done()', or timed waits that check '%1.err()')")
        << What << Observed;
    return;
  case Operation::None:
    return;
  }
}

void BlockingWithoutDoneCheck::check(const MatchFinder::MatchResult &Result) {
  const auto *Var = Result.Nodes.getNodeAs<ValueDecl>("context");
  const auto *F = dyn_cast<FunctionDecl>(Var->getDeclContext());
  if (F && F->doesThisDeclarationHaveABody()) {
    Functions.insert(F);
    AST = Result.Context;
  }
}

void BlockingWithoutDoneCheck::onEndOfTranslationUnit() {
  for (const FunctionDecl *F : Functions)
    analyseFunction(F);
  Functions.clear();
  Analysed.clear();
  OperationCache.clear();
  MemberCache.clear();
  NonBlockingCache.clear();
}

void BlockingWithoutDoneCheck::analyseFunction(const FunctionDecl *F) {
  if (!Analysed.insert(F).second || !F->getBody() ||
      AST->getSourceManager().isInSystemHeader(F->getLocation()) || isInTemplateInstantiation(F) ||
      RoleModel::isRuntimeInternal(F))
    return;
  if (const auto *Constructor = dyn_cast<CXXConstructorDecl>(F))
    for (const CXXCtorInitializer *Init : Constructor->inits())
      if (Init->isWritten())
        visit(Init->getInit(), F);
  visit(F->getBody(), F);
}

void BlockingWithoutDoneCheck::visit(const Stmt *S, const FunctionDecl *F) {
  if (!S)
    return;
  if (const auto *Lambda = dyn_cast<LambdaExpr>(S)) {
    // Its captures are initialised here; its body is a function of its own.
    for (const Expr *Init : Lambda->capture_inits())
      visit(Init, F);
    return analyseFunction(Lambda->getCallOperator());
  }
  if (const auto *Call = dyn_cast<CallExpr>(S))
    if (Operation Op = operationOf(*Call); Op != Operation::None)
      checkOperation(*Call, Op, F);
  if (const auto *Range = dyn_cast<CXXForRangeStmt>(S);
      Range && Model.isType(Range->getRangeInit()->getType(), Role::Chan))
    checkRange(*Range, F);
  for (const Stmt *Child : S->children())
    visit(Child, F);
}

void BlockingWithoutDoneCheck::checkOperation(const CallExpr &Call, Operation Op,
                                              const FunctionDecl *F) {
  llvm::SmallVector<AvailableContext, 4> Available = Scopes.contextsAt(F, Call, *AST);
  llvm::erase_if(Available,
                 [&](const AvailableContext &A) { return cancelledBefore(A, Call, F, Model); });
  if (Available.empty() || cannotBlock(Call, Op, F))
    return;
  bool CanFix = Available.size() == 1 && isNameableIn(Available.front(), F);
  report(Call, Op, &Call, contextToName(Available), CanFix);
}

void BlockingWithoutDoneCheck::checkRange(const CXXForRangeStmt &Range, const FunctionDecl *F) {
  // In a template the begin() call may not be resolved; otherwise it must be
  // the channel's own range.
  if (const auto *Begin = dyn_cast_or_null<DeclStmt>(Range.getBeginStmt()))
    if (const auto *BeginVar = dyn_cast_or_null<VarDecl>(Begin->getSingleDecl());
        BeginVar && BeginVar->getInit() && !Model.calls(BeginVar->getInit(), Role::ChanRange))
      return;
  llvm::SmallVector<AvailableContext, 4> Available = Scopes.contextsAt(F, Range, *AST);
  if (Available.empty())
    return;
  // A range-for over a channel closed before it, or over a local channel its
  // function closes (Go's fan-in: a goroutine closes it after the producers'
  // join), ends with the close; the producers are checked themselves.
  const VarDecl *Channel = channelVar(Range.getRangeInit(), Model);
  if (Channel &&
      (closedBefore(F->getBody(), &Range, Channel, Model) || closedByItsFunction(Channel, Model)))
    return;
  report(Range, Operation::Recv, nullptr, contextToName(Available), false);
}

} // namespace clang::tidy::ctx
