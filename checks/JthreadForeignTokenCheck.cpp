//===--- JthreadForeignTokenCheck.cpp - ctxguard --------------------------===//

#include "JthreadForeignTokenCheck.h"
#include "model/Matchers.h"
#include "model/StopLinks.h"
#include "model/TokenSpawn.h"
#include "model/Walk.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"

using namespace clang::ast_matchers;

namespace clang::tidy::ctx {

namespace {

std::string describeToken(const Expr *Token) {
  if (const ValueDecl *Var = namedVar(Token))
    return "'" + Var->getNameAsString() + "'";
  return "a foreign token";
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
  std::optional<SpawnedCallable> F = resolveCallable(Spawn->getArg(0));
  if (!F)
    return;
  // A member function pointer is called on the object that follows it.
  unsigned TokenAt = F->MemberPointer ? 2 : 1;
  if (Spawn->getNumArgs() <= TokenAt || !Model.isToken(Spawn->getArg(TokenAt)->getType()))
    return;
  std::optional<bool> Own =
      passesOwnToken(*Spawn, *F, Model, Result.Context->getLangOpts().GNUMode);
  if (!Own || *Own)
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
