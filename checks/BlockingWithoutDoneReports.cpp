//===--- BlockingWithoutDoneReports.cpp - ctxguard ------------------------===//
//
// ctx-blocking-without-done: what it says about each kind of wait, and the
// fix-its it offers.
//
//===----------------------------------------------------------------------===//

#include "BlockingWithoutDoneCheck.h"
#include "model/FixIts.h"
#include "model/Walk.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"

namespace clang::tidy::ctx {

namespace {

std::string describeCall(const CallExpr &Call) {
  const auto *Named = dyn_cast_or_null<NamedDecl>(BlockingOperations::calleeOfCall(Call));
  std::string Name = Named ? Named->getNameAsString() : "call";
  if (const Expr *Object = BlockingOperations::objectOf(Call)) {
    const auto *Member = dyn_cast<MemberExpr>(Call.getCallee()->IgnoreParenImpCasts());
    std::string Access = Member && Member->isArrow() ? "->" : ".";
    const Expr *E = lookThrough(Object);
    if (const auto *Ref = dyn_cast<DeclRefExpr>(E))
      return Ref->getDecl()->getNameAsString() + Access + Name;
    if (const auto *Field = dyn_cast<MemberExpr>(E))
      return Field->getMemberDecl()->getNameAsString() + Access + Name;
  }
  return Named ? Named->getQualifiedNameAsString() : Name;
}

// Whether the called function has an overload (a method of its class, or a
// function of its namespace, of the same name) that takes a token.
bool hasTokenOverload(const CallExpr &Call, const RoleModel &Model) {
  const auto *Callee = dyn_cast_or_null<FunctionDecl>(BlockingOperations::calleeOfCall(Call));
  if (!Callee || !Callee->getIdentifier())
    return false;
  const DeclContext *Scope = Callee->getDeclContext();
  if (const auto *Record = dyn_cast<CXXRecordDecl>(Scope))
    if (const CXXRecordDecl *Pattern = Record->getTemplateInstantiationPattern())
      Scope = Pattern;
  for (const NamedDecl *D : Scope->lookup(Callee->getDeclName()))
    if (const auto *FD = dyn_cast_or_null<FunctionDecl>(D->getAsFunction()))
      if (llvm::any_of(FD->parameters(),
                       [&](const ParmVarDecl *P) { return Model.isToken(P->getType()); }))
        return true;
  return false;
}

} // namespace

void BlockingWithoutDoneCheck::reportTokenWait(const CallExpr &Call,
                                               const AvailableContext &Ignored, Site &At) {
  SourceLocation Loc = core().context()->getSourceManager().getFileLoc(Call.getBeginLoc());
  std::string Token = Ignored.Var->getNameAsString();
  if (hasTokenOverload(Call, Model))
    diag(Loc, "'%0' blocks without observing a stop request on '%1'; use its overload that takes "
              "the token '%1'")
        << describeCall(Call) << Token;
  else if (BlockingOperations::objectOf(Call))
    diag(Loc, "'%0' blocks without observing a stop request on '%1'; register a "
              "std::stop_callback on '%1' that wakes it, or wait in timed steps that check '%1'")
        << describeCall(Call) << Token;
  else
    diag(Loc, "'%0' blocks without observing a stop request on '%1'; wait with a call that "
              "takes '%1', or in short steps that check it")
        << describeCall(Call) << Token;
  if (At.Instantiation)
    noteInstantiation(At.Instantiation);
}

void BlockingWithoutDoneCheck::reportOperation(const CallExpr &Call, Operation Op,
                                               const AvailableContext &Ignored, bool CanFix,
                                               Site &At) {
  const SourceManager &SM = core().context()->getSourceManager();
  SourceLocation Loc = SM.getFileLoc(Call.getBeginLoc());
  if (!reportsAt(Call.getBeginLoc(), At))
    return;
  if (Model.isToken(Ignored.Var->getType()))
    return reportTokenWait(Call, Ignored, At);
  std::string Observed = Ignored.Var->getNameAsString();
  std::string What = describeCall(Call);
  switch (Op) {
  case Operation::Send:
  case Operation::Recv:
    diag(Loc, "'%0' blocks without observing cancellation of '%1'; select on '%1.done()' too")
        << What << Observed;
    break;
  case Operation::Sleep: {
    auto Warning = diag(Loc, "'%0' cannot be interrupted by cancellation of '%1'; use "
                             "'%0(%1, ...)', which returns early when '%1' is done")
                   << What << Observed;
    if (CanFix && Call.getNumArgs() == 1 && !Call.getArg(0)->getBeginLoc().isMacroID())
      Warning << FixItHint::CreateInsertion(Call.getArg(0)->getBeginLoc(), Observed + ", ");
    break;
  }
  case Operation::Blocking:
  case Operation::Join:
    diag(Loc, "'%0' blocks without observing cancellation of '%1'; use a wait that observes it "
              "(a select on '%1.done()', or timed waits that check '%1.err()')")
        << What << Observed;
    break;
  case Operation::Select:
  case Operation::None:
    return;
  }
  if (At.Instantiation)
    noteInstantiation(At.Instantiation);
}

void BlockingWithoutDoneCheck::reportHelperCall(const CallExpr &Call, const Expr &Channel,
                                                bool Sends, const AvailableContext &Ignored,
                                                Site &At) {
  if (!reportsAt(Call.getBeginLoc(), At))
    return;
  const VarDecl *Var = channelVar(&Channel, Model);
  const SourceManager &SM = core().context()->getSourceManager();
  diag(SM.getFileLoc(Call.getBeginLoc()),
       "'%0' blocks %select{receiving from|sending on}1 %2 without observing cancellation of "
       "'%3'; pass '%3' to it and select on '%3.done()' there")
      << describeCall(Call) << Sends
      << (Var ? "'" + Var->getNameAsString() + "'" : std::string("its channel argument"))
      << Ignored.Var->getNameAsString();
  if (At.Instantiation)
    noteInstantiation(At.Instantiation);
}

void BlockingWithoutDoneCheck::reportSelect(const CallExpr &Select, SelectEnd End,
                                            const AvailableContext &Ignored, bool CanFix,
                                            Site &At) {
  if (!reportsAt(Select.getBeginLoc(), At))
    return;
  const ASTContext &Ctx = *core().context();
  SourceLocation Loc = Ctx.getSourceManager().getFileLoc(Select.getBeginLoc());
  std::string What = describeCall(Select);
  std::string Observed = Ignored.Var->getNameAsString();
  std::optional<std::string> DoneCase = doneCaseText(Select, Ignored.Var, At.F, Model, Ctx);
  std::string Advice = DoneCase ? "'" + *DoneCase + "'" : "on '" + Observed + ".done()'";
  {
    auto Warning =
        End == SelectEnd::Timer
            ? diag(Loc, "'%0' is bounded by a timer but does not observe cancellation of '%1'; "
                        "add a case %2")
            : diag(Loc, "'%0' has neither a done case nor a default and blocks without observing "
                        "cancellation of '%1'; add a case %2");
    Warning << What << Observed << Advice;
    // The done case goes last, so that the indices of the existing cases
    // (and the switch over them) stay as they are.
    if (CanFix && DoneCase && Select.getNumArgs() > 0 && !Select.getRParenLoc().isMacroID())
      Warning << FixItHint::CreateInsertion(Select.getRParenLoc(), ", " + *DoneCase);
  }
  if (At.Instantiation)
    noteInstantiation(At.Instantiation);
}

void BlockingWithoutDoneCheck::reportRange(const CXXForRangeStmt &Range,
                                           const AvailableContext *Ignored, Site &At) {
  if (!reportsAt(Range.getBeginLoc(), At))
    return;
  const SourceManager &SM = core().context()->getSourceManager();
  const Expr *Init = lookThrough(Range.getRangeInit());
  std::string Channel = "the channel";
  if (const auto *Ref = dyn_cast<DeclRefExpr>(Init))
    Channel = "'" + Ref->getDecl()->getNameAsString() + "'";
  SourceLocation Loc = SM.getFileLoc(Range.getRangeInit()->getBeginLoc());
  if (Ignored) {
    diag(Loc, "range over %0 blocks without observing cancellation of '%1'; receive in a select "
              "on '%1.done()' instead")
        << Channel << Ignored->Var->getName();
  } else {
    const FunctionDecl *Written =
        At.Instantiation ? At.Instantiation->getTemplateInstantiationPattern() : At.F;
    std::string Lines;
    for (unsigned Line : SpawnLines.lookup(Written->getCanonicalDecl()))
      Lines += (Lines.empty() ? "" : ", ") + std::to_string(Line);
    diag(Loc, "range over %0 in the goroutine started on line %1 blocks forever: it ends only when "
              "the channel is closed, and nothing in this file closes such a channel; close it "
              "when the producers are done, or pass the goroutine a context")
        << Channel << Lines;
  }
  if (At.Instantiation)
    noteInstantiation(At.Instantiation);
}

void BlockingWithoutDoneCheck::reportNil(const CallExpr &Call, Operation Op, Site &At) {
  if (!reportsAt(Call.getBeginLoc(), At))
    return;
  SourceLocation Loc = core().context()->getSourceManager().getFileLoc(Call.getBeginLoc());
  if (Op == Operation::Select)
    diag(Loc, "'%0' blocks forever: every case is on a nil channel, which is never ready")
        << describeCall(Call);
  else
    diag(Loc, "'%0' blocks forever: the channel is nil here, and a %select{send on|receive from}1 a "
              "nil channel never proceeds")
        << describeCall(Call) << (Op == Operation::Recv);
  if (At.Instantiation)
    noteInstantiation(At.Instantiation);
}

} // namespace clang::tidy::ctx
