//===--- Instantiation.cpp - ctxguard -------------------------------------===//

#include "Instantiation.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"

namespace clang::tidy::ctx {

namespace {

bool isInstantiated(TemplateSpecializationKind Kind) {
  return Kind == TSK_ImplicitInstantiation || Kind == TSK_ExplicitInstantiationDeclaration ||
         Kind == TSK_ExplicitInstantiationDefinition;
}

bool isInstantiation(const Decl *D) {
  if (const auto *FD = dyn_cast<FunctionDecl>(D))
    // An explicit specialization is code the user wrote.
    return FD->getTemplateSpecializationKind() != TSK_ExplicitSpecialization &&
           (isInstantiated(FD->getTemplateSpecializationKind()) ||
            FD->getTemplateInstantiationPattern() != nullptr);
  if (const auto *RD = dyn_cast<CXXRecordDecl>(D))
    return isInstantiated(RD->getTemplateSpecializationKind()) ||
           RD->getTemplateInstantiationPattern() != nullptr;
  if (const auto *VD = dyn_cast<VarDecl>(D))
    return isInstantiated(VD->getTemplateSpecializationKind());
  return false;
}

} // namespace

bool isInTemplateInstantiation(const Decl *D) {
  if (!D)
    return false;
  if (isInstantiation(D))
    return true;
  for (const DeclContext *DC = D->getDeclContext(); DC && !DC->isFileContext();
       DC = DC->getParent())
    if (isInstantiation(cast<Decl>(DC)))
      return true;
  return false;
}

} // namespace clang::tidy::ctx
