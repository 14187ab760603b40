//===--- JthreadForeignTokenCheck.cpp - ctxguard --------------------------===//

#include "JthreadForeignTokenCheck.h"
#include "model/Matchers.h"
#include "model/StopLinks.h"
#include "model/Walk.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"

using namespace clang::ast_matchers;

namespace clang::tidy::ctx {

namespace {

/// The signatures the callable may be called through: a function, a method
/// (for a member function pointer), or the call operators of a lambda or a
/// function object (templates as their patterns).
struct Callable {
  llvm::SmallVector<const FunctionDecl *, 2> Candidates;
  bool MemberPointer = false;
  std::string Name; // as the message names it
};

const FunctionDecl *asFunction(const NamedDecl *D) {
  if (const auto *Template = dyn_cast<FunctionTemplateDecl>(D))
    return Template->getTemplatedDecl();
  return dyn_cast<FunctionDecl>(D);
}

std::optional<Callable> resolveCallable(const Expr *F) {
  F = lookThrough(F);
  if (const auto *AddrOf = dyn_cast<UnaryOperator>(F); AddrOf && AddrOf->getOpcode() == UO_AddrOf)
    F = AddrOf->getSubExpr()->IgnoreParenImpCasts();
  Callable C;
  if (const auto *Ref = dyn_cast<DeclRefExpr>(F))
    if (const auto *Function = dyn_cast<FunctionDecl>(Ref->getDecl())) {
      const auto *Method = dyn_cast<CXXMethodDecl>(Function);
      C.MemberPointer = Method && !Method->isStatic();
      C.Candidates.push_back(Function);
      C.Name = "'" +
               (Method ? Method->getParent()->getNameAsString() + "::" : std::string()) +
               Function->getNameAsString() + "'";
      return C;
    }
  const CXXRecordDecl *Record = F->getType()->getAsCXXRecordDecl();
  if (!Record || !Record->hasDefinition())
    return std::nullopt;
  DeclarationName Call =
      Record->getASTContext().DeclarationNames.getCXXOperatorName(OO_Call);
  for (const NamedDecl *D : Record->lookup(Call))
    if (const FunctionDecl *Function = asFunction(D))
      C.Candidates.push_back(Function);
  if (C.Candidates.empty())
    return std::nullopt;
  C.Name = Record->isLambda() ? "the lambda" : "'" + Record->getQualifiedNameAsString() + "'";
  return C;
}

/// Whether \p F can be called with \p Count arguments the first of which is
/// a token: enough parameters (or a pack), and a first parameter that takes
/// a token (a token type, or one to be deduced).
bool takesTokenFirst(const FunctionDecl *F, unsigned Count, const RoleModel &Model) {
  unsigned Required = F->getMinRequiredArguments();
  bool Pack = llvm::any_of(F->parameters(),
                           [](const ParmVarDecl *P) { return P->isParameterPack(); });
  if (Count < Required || (!Pack && Count > F->getNumParams()) || F->getNumParams() == 0)
    return false;
  QualType First = F->getParamDecl(0)->getType();
  return First->isDependentType() || Model.isToken(First);
}

std::string describeToken(const Expr *Token) {
  if (const ValueDecl *Var = namedVar(Token))
    return "'" + Var->getNameAsString() + "'";
  return "a token that is not its own";
}

} // namespace

JthreadForeignTokenCheck::JthreadForeignTokenCheck(StringRef Name, ClangTidyContext *Context)
    : CtxCheck(Name, Context, {Role::TokenSpawn, Role::Token}) {}

void JthreadForeignTokenCheck::registerCheckMatchers(MatchFinder *Finder) {
  Finder->addMatcher(cxxConstructExpr(unless(isExpansionInSystemHeader()),
                                      hasType(qualType(isRoleType(&Model, Role::TokenSpawn))),
                                      argumentCountAtLeast(2))
                         .bind("spawn"),
                     this);
}

void JthreadForeignTokenCheck::check(const MatchFinder::MatchResult &Result) {
  const auto *Spawn = Result.Nodes.getNodeAs<CXXConstructExpr>("spawn");
  std::optional<Callable> F = resolveCallable(Spawn->getArg(0));
  if (!F)
    return;
  // A member function pointer is called on the object that follows it.
  unsigned TokenAt = F->MemberPointer ? 2 : 1;
  if (Spawn->getNumArgs() <= TokenAt || !Model.isToken(Spawn->getArg(TokenAt)->getType()))
    return;
  // The own token and what follows the object (or the callable).
  unsigned Count = 1 + Spawn->getNumArgs() - TokenAt;
  // Strict mode never passes the own token to a member function pointer.
  bool OwnPossible = !F->MemberPointer || Result.Context->getLangOpts().GNUMode;
  if (OwnPossible && llvm::any_of(F->Candidates, [&](const FunctionDecl *Candidate) {
        return takesTokenFirst(Candidate, Count, Model);
      }))
    return;
  SourceLocation Loc =
      isa<CXXTemporaryObjectExpr>(Spawn) ? Spawn->getBeginLoc() : Spawn->getLocation();
  if (!firstReportAt(Loc))
    return;
  diag(Loc, "%0 receives %1 instead of the std::jthread's own stop token: the stop request of "
            "the jthread's destructor is never seen; take the own token as the first parameter, "
            "or start a std::thread")
      << F->Name << describeToken(Spawn->getArg(TokenAt));
}

} // namespace clang::tidy::ctx
