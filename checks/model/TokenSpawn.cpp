//===--- TokenSpawn.cpp - ctxguard ----------------------------------------===//

#include "TokenSpawn.h"
#include "Walk.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"

namespace clang::tidy::ctx {

namespace {

const FunctionDecl *asFunction(const NamedDecl *D) {
  if (const auto *Template = dyn_cast<FunctionTemplateDecl>(D))
    return Template->getTemplatedDecl();
  return dyn_cast<FunctionDecl>(D);
}

} // namespace

std::optional<SpawnedCallable> resolveCallable(const Expr *F) {
  F = lookThrough(F);
  if (const auto *AddrOf = dyn_cast<UnaryOperator>(F); AddrOf && AddrOf->getOpcode() == UO_AddrOf)
    F = AddrOf->getSubExpr()->IgnoreParenImpCasts();
  SpawnedCallable C;
  if (const auto *Ref = dyn_cast<DeclRefExpr>(F))
    if (const auto *Function = dyn_cast<FunctionDecl>(Ref->getDecl())) {
      const auto *Method = dyn_cast<CXXMethodDecl>(Function);
      C.MemberPointer = Method && !Method->isStatic();
      C.Candidates.push_back(Function);
      C.Name = "'" + (Method ? Method->getParent()->getNameAsString() + "::" : std::string()) +
               Function->getNameAsString() + "'";
      return C;
    }
  const CXXRecordDecl *Record = F->getType()->getAsCXXRecordDecl();
  if (!Record || !Record->hasDefinition())
    return std::nullopt;
  DeclarationName Call = Record->getASTContext().DeclarationNames.getCXXOperatorName(OO_Call);
  for (const NamedDecl *D : Record->lookup(Call))
    if (const FunctionDecl *Function = asFunction(D))
      C.Candidates.push_back(Function);
  if (C.Candidates.empty())
    return std::nullopt;
  C.Name = Record->isLambda() ? "the lambda" : "'" + Record->getNameAsString() + "'";
  return C;
}

bool takesTokenFirst(const FunctionDecl *F, unsigned Count, const RoleModel &Model) {
  unsigned Required = F->getMinRequiredArguments();
  bool Pack = llvm::any_of(F->parameters(),
                           [](const ParmVarDecl *P) { return P->isParameterPack(); });
  if (Count < Required || (!Pack && Count > F->getNumParams()) || F->getNumParams() == 0)
    return false;
  QualType First = F->getParamDecl(0)->getType();
  return First->isDependentType() || Model.isToken(First);
}

std::optional<bool> passesOwnToken(const CXXConstructExpr &Spawn, const SpawnedCallable &F,
                                   const RoleModel &Model, bool GNUMode) {
  if (Spawn.getNumArgs() == 0)
    return std::nullopt;
  // The own token, then what follows the object (or the callable).
  unsigned After = F.MemberPointer ? 2 : 1;
  if (Spawn.getNumArgs() < After)
    return std::nullopt;
  if (F.MemberPointer && !GNUMode)
    return false; // strict mode never passes it to a member function pointer
  unsigned Count = 1 + Spawn.getNumArgs() - After;
  return llvm::any_of(F.Candidates, [&](const FunctionDecl *Candidate) {
    return takesTokenFirst(Candidate, Count, Model);
  });
}

} // namespace clang::tidy::ctx
