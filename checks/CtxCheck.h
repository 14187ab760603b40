//===--- CtxCheck.h - ctxguard ----------------------------------*- C++ -*-===//
//
// What every ctx-* check shares: the roles it declares (which also decide
// the role options it reads and stores), its role model, and the analysis
// core of the translation unit (docs/dev/adding-a-check.md).
//
//===----------------------------------------------------------------------===//

#ifndef CTXGUARD_CHECKS_CTXCHECK_H
#define CTXGUARD_CHECKS_CTXCHECK_H

#include "model/Core.h"
#include "model/Roles.h"
#include "clang-tidy/ClangTidyCheck.h"
#include "llvm/ADT/DenseSet.h"
#include <memory>
#include <vector>

namespace clang::tidy::ctx {

class CtxCheck : public ClangTidyCheck {
public:
  bool isLanguageVersionSupported(const LangOptions &LangOpts) const override {
    return LangOpts.CPlusPlus;
  }
  void storeOptions(ClangTidyOptions::OptionMap &Opts) final;
  void registerMatchers(ast_matchers::MatchFinder *Finder) final;

  /// Every diagnostic of a ctx check (report through a CtxCheck, never a
  /// ClangTidyCheck): inside decide(), a finding carries the condition it
  /// stands under (FactsExchange), for the driver to resolve.
  using ClangTidyCheck::diag;
  DiagnosticBuilder diag(SourceLocation Loc, StringRef Description,
                         DiagnosticIDs::Level Level = DiagnosticIDs::Warning);

protected:
  /// \p Reads: every role the check asks the model about (the roles of the
  /// facts it reads included); one option per role follows from it.
  CtxCheck(StringRef Name, ClangTidyContext *Context, RoleSet Reads);

  /// The check's own matchers and options (the role options are handled here).
  virtual void registerCheckMatchers(ast_matchers::MatchFinder *Finder) = 0;
  virtual void storeCheckOptions(ClangTidyOptions::OptionMap &) {}

  AnalysisCore &core() { return *Core; }
  /// The per-function facts (the check must declare factRoles()).
  FactsEngine &facts() {
    Model.requireRead(factRoles());
    return Core->facts(Model);
  }
  const ContextScopes &scopes() { return Core->scopes(Model); }

  /// Makes a decision that may read facts of other TUs: once, or while the
  /// driver leaves those facts open, once per outcome of the ones it reads
  /// (FactsEngine::explore); the decision must not depend on earlier runs.
  void decide(llvm::function_ref<void()> Decide);

  /// Whether code of \p F is the user's to report on: not the runtime's own,
  /// not in a system header.
  bool isUserCode(const Decl *D) const;

  /// For a finding in an instantiation of a template: whether the written
  /// location \p Loc was not reported yet (one finding per written line, not
  /// per instantiation).
  bool firstReportAt(SourceLocation Loc) {
    bool First = Reported.insert(Loc).second;
    if (First && MarkedByOutcome)
      MarkedByOutcome->push_back(Loc);
    return First;
  }
  /// Notes the instantiation a finding comes from, where it was requested.
  void noteInstantiation(const FunctionDecl *Instantiated);

  RoleModel Model;

private:
  std::shared_ptr<AnalysisCore> Core;
  llvm::DenseSet<SourceLocation> Reported;
  // Inside decide(): what the outcome being run marked as reported.
  std::vector<SourceLocation> *MarkedByOutcome = nullptr;
};

} // namespace clang::tidy::ctx

#endif // CTXGUARD_CHECKS_CTXCHECK_H
