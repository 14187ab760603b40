//===--- Core.h - ctxguard --------------------------------------*- C++ -*-===//
//
// The analysis core every check of a translation unit shares: the functions
// written in it (and the user templates' instantiations), the function
// enclosing a statement, one CFG per function, and the per-function facts
// and context scopes of each role configuration. Built once per TU and
// shared by the checks of that TU: clang-tidy and clangd create the checks
// of a TU together, on one thread, and destroy them together.
//
//===----------------------------------------------------------------------===//

#ifndef CTXGUARD_CHECKS_MODEL_CORE_H
#define CTXGUARD_CHECKS_MODEL_CORE_H

#include "Cfg.h"
#include "ChannelFlow.h"
#include "ContextScope.h"
#include "Facts.h"
#include "FunctionBodies.h"
#include "Roles.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/StringMap.h"
#include <memory>
#include <optional>
#include <vector>

namespace clang::tidy::ctx {

class AnalysisCore : public ast_matchers::MatchFinder::MatchCallback {
public:
  /// The core of the translation unit whose checks are being created on this
  /// thread: the first check creates it, the others share it, and it goes
  /// with the last of them.
  static std::shared_ptr<AnalysisCore> acquire();

  /// Adds the core's own matchers to \p Finder, once per finder: every
  /// function definition and lambda written outside system headers.
  void registerMatchers(ast_matchers::MatchFinder *Finder, const RoleModel &CheckModel);
  void run(const ast_matchers::MatchFinder::MatchResult &Result) override;
  /// Adds the TU's facts graph to FactsExchange when a host records it.
  void onEndOfTranslationUnit() override;

  /// The facts file the checks' FactsFile option names (empty: none); an
  /// error message the first time it cannot be used, for one check to report.
  std::optional<std::string> useFactsFile(llvm::StringRef Path);
  llvm::StringRef getID() const override { return "ctxguard-core"; }

  /// The AST of the translation unit (set by the first match).
  ASTContext *context() const { return AST; }

  /// The functions and lambda call operators written in the TU (outside
  /// system headers), in the order the matchers met them; template
  /// patterns, not their implicit instantiations.
  llvm::ArrayRef<const FunctionDecl *> functions() const { return Functions; }
  /// The implicit instantiations of function templates (and of member
  /// functions of class templates, generic lambdas included) written in the
  /// TU, each with a body.
  llvm::ArrayRef<const FunctionDecl *> instantiations() const { return Instantiations; }
  /// The innermost written function or lambda whose body contains \p S
  /// (instantiated code maps to its pattern).
  const FunctionDecl *enclosing(const Stmt &S) const;
  /// The instantiation whose body holds \p S, or null when \p S is code as
  /// written (in a template pattern or in no template at all).
  const FunctionDecl *instantiationHolding(const Stmt &S);

  /// The CFG of \p F, built on first use.
  const FunctionCfg *cfg(const FunctionDecl *F);
  /// The parents of the statements of \p F's body, built on first use.
  const ParentIndex &parents(const FunctionDecl *F);
  /// The facts and context scopes of the configuration \p Model describes.
  FactsEngine &facts(const RoleModel &Model);
  /// The channel operations, references and spawns of \p F's body.
  const ChannelFacts &channelFacts(const RoleModel &Model, const FunctionDecl *F);
  const ContextScopes &scopes(const RoleModel &Model);

private:
  llvm::SmallPtrSet<ast_matchers::MatchFinder *, 2> Finders;
  std::optional<RoleModel> ExportModel; // the first check's configuration
  std::shared_ptr<const FactsTable> Table;
  bool FactsFileRead = false;
  bool Exported = false;
  ASTContext *AST = nullptr;
  FunctionBodies Bodies;
  std::vector<const FunctionDecl *> Functions;
  std::vector<const FunctionDecl *> Instantiations;
  llvm::SmallPtrSet<const FunctionDecl *, 32> Seen;
  FunctionCfgCache Cfgs;
  llvm::DenseMap<const FunctionDecl *, std::unique_ptr<ParentIndex>> Parents;
  llvm::DenseMap<const FunctionDecl *, llvm::SmallVector<const FunctionDecl *, 2>> ByPattern;
  // The core's own copy of a check's model, which may ask about any role.
  struct PerConfiguration {
    PerConfiguration(const RoleModel &CheckModel, ASTContext &Ctx, const FactsTable *Table,
                     bool DeferFacts)
        : Model(CheckModel.unrestricted()), Facts(Model, Ctx, Table, DeferFacts), Scopes(Model) {}
    RoleModel Model;
    FactsEngine Facts;
    ContextScopes Scopes;
    llvm::DenseMap<const FunctionDecl *, std::unique_ptr<ChannelFacts>> Channels;
  };
  void startTranslationUnit(ASTContext *Context);
  PerConfiguration &configuration(const RoleModel &Model);

  llvm::StringMap<std::unique_ptr<PerConfiguration>> Configurations;
};

} // namespace clang::tidy::ctx

#endif // CTXGUARD_CHECKS_MODEL_CORE_H
