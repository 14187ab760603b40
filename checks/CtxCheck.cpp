//===--- CtxCheck.cpp - ctxguard ------------------------------------------===//

#include "CtxCheck.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclTemplate.h"

namespace clang::tidy::ctx {

CtxCheck::CtxCheck(StringRef Name, ClangTidyContext *Context, RoleSet Reads)
    : ClangTidyCheck(Name, Context), Core(AnalysisCore::acquire()) {
  Model.readOptions(Options, Reads, Name,
                    [this](const std::string &Message) { configurationDiag(Message); });
  // The facts of functions defined in other TUs (docs/driver.md).
  if (std::optional<std::string> Problem =
          Core->useFactsFile(Options.getLocalOrGlobal("FactsFile", "")))
    configurationDiag("%0") << *Problem;
}

void CtxCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  Model.storeOptions(Options, Opts);
  storeCheckOptions(Opts);
}

void CtxCheck::registerMatchers(ast_matchers::MatchFinder *Finder) {
  Core->registerMatchers(Finder, Model);
  registerCheckMatchers(Finder);
}

bool CtxCheck::isUserCode(const Decl *D) const {
  if (!D || Model.isRuntimeInternal(D))
    return false;
  const ASTContext &Ctx = D->getASTContext();
  return !Ctx.getSourceManager().isInSystemHeader(D->getLocation());
}

void CtxCheck::decide(llvm::function_ref<void()> Decide) {
  FactsEngine &Engine = Core->facts(Model);
  if (!Engine.defers())
    return Decide();
  // Each outcome reports as if it were the only one: what one marks as
  // reported is unmarked for the next, and marked again at the end.
  std::vector<SourceLocation> Marked, ByAll;
  MarkedByOutcome = &Marked;
  Engine.explore([&] {
    for (SourceLocation Loc : Marked)
      Reported.erase(Loc);
    ByAll.insert(ByAll.end(), Marked.begin(), Marked.end());
    Marked.clear();
    Decide();
  });
  MarkedByOutcome = nullptr;
  Reported.insert(ByAll.begin(), ByAll.end());
}

DiagnosticBuilder CtxCheck::diag(SourceLocation Loc, StringRef Description,
                                 DiagnosticIDs::Level Level) {
  const std::optional<unsigned> &Outcome = FactsExchange::get().CurrentOutcome;
  if (Level == DiagnosticIDs::Note || !Outcome)
    return ClangTidyCheck::diag(Loc, Description, Level);
  return ClangTidyCheck::diag(Loc, (Description + diagnosticTag(*Outcome)).str(), Level);
}

void CtxCheck::noteInstantiation(const FunctionDecl *Instantiated) {
  const PrintingPolicy &Policy = Instantiated->getASTContext().getPrintingPolicy();
  std::string Name;
  llvm::raw_string_ostream OS(Name);
  SourceLocation Requested = Instantiated->getPointOfInstantiation();
  const auto *Method = dyn_cast<CXXMethodDecl>(Instantiated);
  if (Method && Method->getParent()->isLambda()) {
    // A generic lambda: named by what its `auto` parameters became.
    OS << "the lambda with ";
    if (const TemplateArgumentList *Args = Instantiated->getTemplateSpecializationArgs())
      for (unsigned I = 0; I < Args->size(); ++I) {
        OS << (I ? ", " : "") << "'";
        Args->get(I).print(Policy, OS, /*IncludeType=*/false);
        OS << "'";
      }
    if (Requested.isInvalid())
      Requested = Method->getParent()->getLocation();
  } else {
    OS << "'";
    Instantiated->getNameForDiagnostic(OS, Policy, /*Qualified=*/true);
    OS << "'";
  }
  diag(Requested.isValid() ? Requested : Instantiated->getLocation(),
       "in instantiation of %0 requested here", DiagnosticIDs::Note)
      << Name;
}

} // namespace clang::tidy::ctx
