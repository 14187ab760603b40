//===--- CtxCheck.cpp - ctxguard ------------------------------------------===//

#include "CtxCheck.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclTemplate.h"

namespace clang::tidy::ctx {

CtxCheck::CtxCheck(StringRef Name, ClangTidyContext *Context, RoleSet Reads)
    : ClangTidyCheck(Name, Context), Core(AnalysisCore::acquire()) {
  Model.readOptions(Options, Reads);
}

void CtxCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  Model.storeOptions(Options, Opts);
  storeCheckOptions(Opts);
}

void CtxCheck::registerMatchers(ast_matchers::MatchFinder *Finder) {
  Core->registerMatchers(Finder);
  registerCheckMatchers(Finder);
}

bool CtxCheck::isUserCode(const Decl *D) const {
  if (!D || Model.isRuntimeInternal(D))
    return false;
  const ASTContext &Ctx = D->getASTContext();
  return !Ctx.getSourceManager().isInSystemHeader(D->getLocation());
}

void CtxCheck::noteInstantiation(const FunctionDecl *Instantiated) {
  SourceLocation Requested = Instantiated->getPointOfInstantiation();
  if (const auto *Method = dyn_cast<CXXMethodDecl>(Instantiated);
      Requested.isInvalid() && Method && Method->getParent()->isLambda())
    Requested = Method->getParent()->getLocation();
  std::string Name;
  llvm::raw_string_ostream OS(Name);
  Instantiated->getNameForDiagnostic(OS, Instantiated->getASTContext().getPrintingPolicy(),
                                     /*Qualified=*/true);
  diag(Requested.isValid() ? Requested : Instantiated->getLocation(),
       "in instantiation of '%0' requested here", DiagnosticIDs::Note)
      << Name;
}

} // namespace clang::tidy::ctx
