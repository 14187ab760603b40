//===--- NotFirstParamCheck.cpp - ctxguard --------------------------------===//

#include "NotFirstParamCheck.h"
#include "model/Instantiation.h"
#include "model/Matchers.h"
#include "clang-tidy/utils/OptionsUtils.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"

using namespace clang::ast_matchers;

namespace clang::tidy::ctx {

namespace {

// A type spelling without whitespace or leading "::", so that "::testing::Test *"
// in the option matches the printed canonical type "testing::Test *".
std::string normaliseTypeSpelling(llvm::StringRef Spelling) {
  std::string Out;
  char Previous = ' ';
  for (size_t I = 0; I < Spelling.size(); ++I) {
    char C = Spelling[I];
    if (isWhitespace(C))
      continue;
    bool StartsScope = C == ':' && I + 1 < Spelling.size() && Spelling[I + 1] == ':';
    if (StartsScope && !isAsciiIdentifierContinue(Previous) && Previous != '>') {
      ++I; // a leading "::" names the same type
      continue;
    }
    Out += C;
    Previous = C;
  }
  return Out;
}

std::string describeFunction(const FunctionDecl *FD) {
  if (const auto *Method = dyn_cast<CXXMethodDecl>(FD); Method && Method->getParent()->isLambda())
    return "the lambda";
  if (isa<CXXConstructorDecl>(FD))
    return "the constructor of '" + cast<CXXMethodDecl>(FD)->getParent()->getNameAsString() + "'";
  return "'" + FD->getQualifiedNameAsString() + "'";
}

std::string describeParameter(const ParmVarDecl *P) {
  if (!P->getName().empty())
    return "'" + P->getNameAsString() + "'";
  return "parameter " + std::to_string(P->getFunctionScopeIndex() + 1);
}

// Whether the written (pattern) parameter at \p Loc of \p Pattern has a
// type that depends on a template parameter, so that only instantiations
// make it a context.
bool isDependentInPattern(const FunctionDecl *Pattern, SourceLocation Loc) {
  for (const ParmVarDecl *P : Pattern->parameters())
    if (P->getLocation() == Loc)
      return P->getType()->isDependentType();
  return true; // expanded from a pack
}

} // namespace

NotFirstParamCheck::NotFirstParamCheck(StringRef Name, ClangTidyContext *Context)
    : CtxCheck(Name, Context, {Role::Context, Role::Runtime}),
      AllowTypesBefore(Options.get("AllowTypesBefore", "")) {
  for (StringRef Spelling : utils::options::parseStringList(AllowTypesBefore))
    if (!Spelling.trim().empty())
      AllowedTypeSpellings.insert(normaliseTypeSpelling(Spelling));
}

void NotFirstParamCheck::storeCheckOptions(ClangTidyOptions::OptionMap &Opts) {
  Options.store(Opts, "AllowTypesBefore", AllowTypesBefore);
}

void NotFirstParamCheck::registerCheckMatchers(MatchFinder *Finder) {
  // Anchored on a parameter of a context type: functions without one never
  // reach check(). Instantiations are matched too.
  auto ContextParameter = parmVarDecl(hasType(qualType(isRoleType(&Model, Role::Context))));
  Finder->addMatcher(
      functionDecl(unless(isImplicit()), unless(isExpansionInSystemHeader()),
                   unless(cxxDeductionGuideDecl()), hasAnyParameter(ContextParameter))
          .bind("function"),
      this);
}

bool NotFirstParamCheck::isContextParameter(const ParmVarDecl *P) const {
  QualType T = P->getType();
  if (!Model.isContext(T))
    return false;
  // A non-const lvalue reference is an out-parameter, not the call's context.
  return !(T->isLValueReferenceType() && !T.getNonReferenceType().isConstQualified());
}

bool NotFirstParamCheck::isAllowedBefore(QualType T, const ASTContext &Ctx) const {
  if (AllowedTypeSpellings.empty())
    return false;
  PrintingPolicy Policy(Ctx.getLangOpts());
  Policy.SuppressTagKeyword = true;
  Policy.FullyQualifiedName = true;
  Policy.PrintAsCanonical = true;
  return AllowedTypeSpellings.contains(
      normaliseTypeSpelling(T.getCanonicalType().getAsString(Policy)));
}

// The first context parameter after the first parameter that must not
// precede one, or null.
const ParmVarDecl *NotFirstParamCheck::misplacedContext(const FunctionDecl *FD,
                                                        const ASTContext &Ctx) const {
  for (const ParmVarDecl *P : FD->parameters()) {
    if (isContextParameter(P) || isAllowedBefore(P->getType(), Ctx))
      continue; // contexts may follow contexts
    for (unsigned I = P->getFunctionScopeIndex() + 1; I < FD->getNumParams(); ++I)
      if (isContextParameter(FD->getParamDecl(I)))
        return FD->getParamDecl(I);
    return nullptr;
  }
  return nullptr;
}

void NotFirstParamCheck::check(const MatchFinder::MatchResult &Result) {
  const auto *FD = Result.Nodes.getNodeAs<FunctionDecl>("function");
  // One report per function: at its first declaration, and for overrides
  // only at the base they override.
  // An explicit specialization is code the user wrote; Sema declares it
  // first itself, so it is told apart by its canonical declaration.
  bool Explicit = FD->getTemplateSpecializationKind() == TSK_ExplicitSpecialization;
  if (!(Explicit ? firstReportAt(FD->getCanonicalDecl()->getLocation()) : FD->isFirstDecl()) ||
      !isUserCode(FD))
    return;
  if (const auto *Method = dyn_cast<CXXMethodDecl>(FD); Method && Method->size_overridden_methods())
    return;
  const ParmVarDecl *Late = misplacedContext(FD, *Result.Context);
  if (!Late)
    return;
  if (!isInTemplateInstantiation(FD))
    return report(Late, FD, nullptr);
  // An instantiation: only what its pattern does not show, once.
  const FunctionDecl *Pattern = FD->getTemplateInstantiationPattern();
  if (Pattern && isDependentInPattern(Pattern, Late->getLocation()) &&
      firstReportAt(Late->getLocation()))
    report(Late, Pattern, FD);
}

void NotFirstParamCheck::report(const ParmVarDecl *Late, const FunctionDecl *FD,
                                const FunctionDecl *Instantiation) {
  const CXXRecordDecl *ContextType = RoleModel::recordOf(Late->getType());
  diag(Late->getLocation(), "%0 of type %1 should be the first parameter of %2")
      << describeParameter(Late) << ContextType->getQualifiedNameAsString()
      << describeFunction(FD);
  if (Instantiation)
    noteInstantiation(Instantiation);
}

} // namespace clang::tidy::ctx
