//===--- NilContextCheck.cpp - ctxguard -----------------------------------===//

#include "NilContextCheck.h"
#include "model/Walk.h"
#include "model/ContextScope.h"
#include "model/Instantiation.h"
#include "model/Matchers.h"
#include "clang-tidy/utils/DeclRefExprUtils.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"

using namespace clang::ast_matchers;

namespace clang::tidy::ctx {

namespace {

constexpr llvm::StringLiteral Message =
    "do not pass a nil %0%1, even if a function permits it%select{|; pass %3() if you are "
    "unsure about which context to use}2";

std::string contextTypeName(QualType T) {
  const CXXRecordDecl *Record = RoleModel::recordOf(T);
  return Record ? Record->getQualifiedNameAsString() : T.getAsString();
}

// " to 'callee'" for the message, or nothing when the callee is unknown.
std::string describeCallee(const Decl *Callee) {
  if (const auto *Method = dyn_cast_or_null<CXXMethodDecl>(Callee);
      Method && Method->getParent()->isLambda())
    return " to a lambda";
  if (const auto *Named = dyn_cast_or_null<NamedDecl>(Callee))
    return " to '" + Named->getQualifiedNameAsString() + "'";
  return "";
}

// The arguments of a call, a construction or a construction in a template.
llvm::ArrayRef<const Expr *> argumentsOf(const Expr *Call) {
  if (const auto *C = dyn_cast<CallExpr>(Call))
    return {C->getArgs(), C->getNumArgs()};
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(Call))
    return {Construct->getArgs(), Construct->getNumArgs()};
  if (const auto *Unresolved = dyn_cast<CXXUnresolvedConstructExpr>(Call))
    return {Unresolved->arg_begin(), Unresolved->getNumArgs()};
  return {};
}

// Calls that store or compare a context rather than pass it on: the context's
// own constructors and assignments, and operators other than a call.
bool passesArguments(const Expr *Call, const Decl *Callee, const RoleModel &Model) {
  if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(Call); Op && Op->getOperator() != OO_Call)
    return false;
  const auto *Record = dyn_cast_or_null<CXXRecordDecl>(Callee);
  if (const auto *Method = dyn_cast_or_null<CXXMethodDecl>(Callee))
    Record = Method->getParent();
  return !Record || !Model.plays(Record, Role::Context);
}

// Whether \p Handler catches std::invalid_argument, what the runtime throws
// when it is given a nil context.
bool catchesInvalidArgument(const CXXCatchStmt *Handler) {
  QualType Caught = Handler->getCaughtType();
  const CXXRecordDecl *Record =
      Caught.isNull() ? nullptr : Caught.getNonReferenceType()->getAsCXXRecordDecl();
  return Record && Record->isInStdNamespace() && Record->getName() == "invalid_argument";
}

} // namespace

NilContextCheck::NilContextCheck(StringRef Name, ClangTidyContext *Context)
    : CtxCheck(Name, Context, {Role::Context, Role::Root, Role::PlaceholderRoot, Role::Runtime}) {}

void NilContextCheck::registerCheckMatchers(MatchFinder *Finder) {
  auto ContextArgument = hasAnyArgument(expr(hasType(qualType(isRoleType(&Model, Role::Context)))));
  Finder->addMatcher(callExpr(ContextArgument).bind("call"), this);
  Finder->addMatcher(cxxConstructExpr(ContextArgument).bind("call"), this);
  Finder->addMatcher(cxxUnresolvedConstructExpr(ContextArgument).bind("call"), this);
}

std::pair<const FunctionDecl *, const FunctionDecl *>
NilContextCheck::rootsFor(QualType ContextType) const {
  const CXXRecordDecl *Record = RoleModel::recordOf(ContextType);
  const FunctionDecl *Placeholder = nullptr, *Other = nullptr;
  if (!Record)
    return {nullptr, nullptr};
  // Every block of the namespace that declares the context type.
  const DeclContext *DC = Record->getDeclContext()->getRedeclContext();
  llvm::SmallVector<const DeclContext *, 8> Blocks{DC};
  if (const auto *NS = dyn_cast<NamespaceDecl>(DC))
    for (const NamespaceDecl *Block : NS->redecls())
      Blocks.push_back(Block);
  for (const DeclContext *Block : Blocks)
    for (const Decl *D : Block->decls()) {
      const auto *F = dyn_cast<FunctionDecl>(D);
      if (!F || F->getNumParams() != 0 || !Model.plays(F, Role::Root))
        continue;
      const FunctionDecl *&Slot = Model.plays(F, Role::PlaceholderRoot) ? Placeholder : Other;
      if (!Slot)
        Slot = F;
    }
  return {Placeholder, Other};
}

// Whether \p Call lies in the try block of a try statement of its function
// that handles std::invalid_argument: code that expects the rejection (a
// test's EXPECT_THROW) passes a nil context on purpose.
bool NilContextCheck::expectsRejection(const Expr &Call) {
  const FunctionDecl *F = core().enclosing(Call);
  if (!F)
    return false;
  const ParentIndex &Parents = core().parents(F);
  for (const Stmt *Child = &Call, *P = Parents.parent(Child); P; Child = P, P = Parents.parent(P)) {
    if (isa<LambdaExpr>(P))
      return false;
    if (const auto *Try = dyn_cast<CXXTryStmt>(P); Try && Child == Try->getTryBlock())
      for (unsigned I = 0; I < Try->getNumHandlers(); ++I)
        if (catchesInvalidArgument(Try->getHandler(I)))
          return true;
  }
  return false;
}

bool NilContextCheck::isNilConstruction(const Expr *E) const {
  const auto *Construct = dyn_cast<CXXConstructExpr>(lookThrough(E));
  return Construct && Construct->getConstructor()->isDefaultConstructor() &&
         Model.isContext(Construct->getType());
}

const VarDecl *NilContextCheck::nilLocal(const Expr *E, ASTContext &Ctx) {
  const auto *Ref = dyn_cast<DeclRefExpr>(lookThrough(E));
  const auto *Var = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
  if (!Var || !Var->isLocalVarDecl() || !Var->hasLocalStorage() ||
      Var->getType()->isReferenceType() || !Var->getInit() || !isNilConstruction(Var->getInit()))
    return nullptr;
  auto [It, Inserted] = NilLocals.try_emplace(Var, false);
  if (Inserted) {
    // Sound and simple: nil everywhere when nothing in the function (lambdas
    // included) may modify it.
    const auto *Function = dyn_cast<FunctionDecl>(Var->getDeclContext());
    const Stmt *Body = Function ? Function->getBody() : nullptr;
    It->second = Body && utils::decl_ref_expr::isOnlyUsedAsConst(*Var, *Body, Ctx, 0);
  }
  return It->second ? Var : nullptr;
}

void NilContextCheck::reportConstruction(const Expr *Nil, llvm::StringRef Target,
                                         const SourceManager &SM) {
  SourceLocation Loc = SM.getFileLoc(Nil->getBeginLoc());
  CharSourceRange Range = CharSourceRange::getTokenRange(Nil->getSourceRange());
  auto [Placeholder, Other] = rootsFor(Nil->getType());
  bool Writable = !Range.getBegin().isMacroID() && !Range.getEnd().isMacroID();
  std::string Todo = Placeholder ? Placeholder->getQualifiedNameAsString() : "";
  {
    auto Warning = diag(Loc, Message) << contextTypeName(Nil->getType()) << Target
                                      << (Placeholder != nullptr) << Todo;
    if (Placeholder && Writable)
      Warning << FixItHint::CreateReplacement(Range, Todo + "()");
  }
  if (!Other)
    return;
  std::string Root = Other->getQualifiedNameAsString();
  auto Note = diag(Loc, "or pass %0() at the root of a call tree (main, initialisation, tests)",
                   DiagnosticIDs::Note)
              << Root;
  if (Writable)
    Note << FixItHint::CreateReplacement(Range, Root + "()");
}

void NilContextCheck::check(const MatchFinder::MatchResult &Result) {
  const auto *Call = Result.Nodes.getNodeAs<Expr>("call");
  ASTContext &Ctx = *Result.Context;
  const SourceManager &SM = Ctx.getSourceManager();
  if (SM.isInSystemHeader(Call->getBeginLoc()))
    return;
  const Decl *Callee = RoleModel::calleeOf(Call);
  if (!passesArguments(Call, Callee, Model))
    return;
  llvm::SmallVector<std::pair<const Expr *, const VarDecl *>, 2> Nils;
  for (const Expr *Arg : argumentsOf(Call)) {
    if (isa<CXXDefaultArgExpr>(Arg) || !Model.isContext(Arg->getType()))
      continue;
    if (isNilConstruction(Arg))
      Nils.push_back({lookThrough(Arg), nullptr});
    else if (const VarDecl *Var = nilLocal(Arg, Ctx))
      Nils.push_back({Arg, Var});
  }
  if (Nils.empty())
    return;
  // Only now, with a finding in hand, look for the function the call is in:
  // a template is reported in its pattern.
  const FunctionDecl *Function = core().enclosing(*Call);
  if ((Function && Model.isRuntimeInternal(Function)) || core().instantiationHolding(*Call) ||
      expectsRejection(*Call))
    return;
  std::string Target = describeCallee(Callee);
  for (auto [Arg, Var] : Nils) {
    if (!Var) {
      reportConstruction(Arg, Target, SM);
      continue;
    }
    const FunctionDecl *Placeholder = rootsFor(Var->getType()).first;
    diag(SM.getFileLoc(Arg->getBeginLoc()), Message)
        << contextTypeName(Var->getType()) << Target << (Placeholder != nullptr)
        << (Placeholder ? Placeholder->getQualifiedNameAsString() : "");
    diag(Var->getLocation(), "%0 is declared here without a context and never assigned",
         DiagnosticIDs::Note)
        << Var;
  }
}

} // namespace clang::tidy::ctx
