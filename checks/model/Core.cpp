//===--- Core.cpp - ctxguard ----------------------------------------------===//

#include "Core.h"
#include "Instantiation.h"
#include "clang/AST/ExprCXX.h"

namespace clang::tidy::ctx {

using namespace ast_matchers;

static constexpr llvm::StringLiteral FunctionId = "ctxguard.core.function";
static constexpr llvm::StringLiteral LambdaId = "ctxguard.core.lambda";

std::shared_ptr<AnalysisCore> AnalysisCore::acquire() {
  thread_local std::weak_ptr<AnalysisCore> Current;
  if (std::shared_ptr<AnalysisCore> Core = Current.lock())
    return Core;
  auto Core = std::make_shared<AnalysisCore>();
  Current = Core;
  return Core;
}

void AnalysisCore::registerMatchers(MatchFinder *Finder, const RoleModel &CheckModel) {
  if (!ExportModel)
    ExportModel = CheckModel.unrestricted();
  if (!Finders.insert(Finder).second)
    return;
  Finder->addMatcher(
      functionDecl(isDefinition(), unless(isExpansionInSystemHeader())).bind(FunctionId), this);
  Finder->addMatcher(lambdaExpr(unless(isExpansionInSystemHeader())).bind(LambdaId), this);
}

void AnalysisCore::run(const MatchFinder::MatchResult &Result) {
  if (AST != Result.Context)
    startTranslationUnit(Result.Context);
  const SourceManager &SM = *Result.SourceManager;
  const FunctionDecl *F = Result.Nodes.getNodeAs<FunctionDecl>(FunctionId);
  if (const auto *Lambda = Result.Nodes.getNodeAs<LambdaExpr>(LambdaId))
    F = Lambda->getCallOperator();
  if (!F || !F->getBody() || (F->isImplicit() && !ContextScopes::isLambdaBody(F)) ||
      !Seen.insert(F).second)
    return;
  if (isInTemplateInstantiation(F)) {
    // Met before its body: a check matching in the body finds it here.
    Instantiations.push_back(F);
    if (const FunctionDecl *Pattern = F->getTemplateInstantiationPattern())
      ByPattern[Pattern].push_back(F);
    return;
  }
  Functions.push_back(F);
  Bodies.add(F, SM);
}

void AnalysisCore::startTranslationUnit(ASTContext *Context) {
  // A core must never mix two ASTs, even if a host kept one alive.
  AST = Context;
  Bodies.clear();
  Functions.clear();
  Instantiations.clear();
  Seen.clear();
  Cfgs.clear();
  Parents.clear();
  ByPattern.clear();
  Configurations.clear();
  Exported = false;
}

std::optional<std::string> AnalysisCore::useFactsFile(llvm::StringRef Path) {
  // A host analysing the whole program installs its own table.
  if (FactsFileRead || FactsExchange::get().Installed || FactsExchange::get().defersFacts())
    return std::nullopt;
  FactsFileRead = true;
  if (Path.empty())
    return std::nullopt;
  llvm::Expected<std::shared_ptr<const FactsTable>> Loaded = loadFactsFile(Path);
  if (!Loaded)
    return llvm::toString(Loaded.takeError());
  Table = std::move(*Loaded);
  return std::nullopt;
}

void AnalysisCore::onEndOfTranslationUnit() {
  FactsExchange &Exchange = FactsExchange::get();
  if (!Exchange.Recording || !AST || !ExportModel || Exported)
    return;
  Exported = true;
  // Without a table: the graph never depends on the facts of other TUs.
  FactsEngine Engine(*ExportModel, *AST);
  std::vector<const FunctionDecl *> Roots(Functions.begin(), Functions.end());
  Roots.insert(Roots.end(), Instantiations.begin(), Instantiations.end());
  for (FactNode &N : Engine.exportGraph(Roots))
    Exchange.Exported.push_back(std::move(N));
}

const FunctionDecl *AnalysisCore::enclosing(const Stmt &S) const {
  return AST ? Bodies.enclosing(S, AST->getSourceManager()) : nullptr;
}

const FunctionDecl *AnalysisCore::instantiationHolding(const Stmt &S) {
  const FunctionDecl *Written = enclosing(S);
  if (!Written || parents(Written).contains(&S))
    return nullptr;
  for (const FunctionDecl *I : ByPattern.lookup(Written))
    if (parents(I).contains(&S))
      return I;
  return nullptr;
}

const FunctionCfg *AnalysisCore::cfg(const FunctionDecl *F) { return Cfgs.get(F, *AST); }

const ParentIndex &AnalysisCore::parents(const FunctionDecl *F) {
  std::unique_ptr<ParentIndex> &Index = Parents[F];
  if (!Index)
    Index = std::make_unique<ParentIndex>(ParentIndex::of(F));
  return *Index;
}

FactsEngine &AnalysisCore::facts(const RoleModel &Model) {
  return configuration(Model).Facts;
}

const ChannelFacts &AnalysisCore::channelFacts(const RoleModel &Model, const FunctionDecl *F) {
  PerConfiguration &C = configuration(Model);
  std::unique_ptr<ChannelFacts> &Facts = C.Channels[F];
  if (!Facts)
    Facts = std::make_unique<ChannelFacts>(ChannelFacts::collect(F->getBody(), parents(F), C.Model));
  return *Facts;
}

const ContextScopes &AnalysisCore::scopes(const RoleModel &Model) {
  return configuration(Model).Scopes;
}

AnalysisCore::PerConfiguration &AnalysisCore::configuration(const RoleModel &Model) {
  std::unique_ptr<PerConfiguration> &C = Configurations[Model.configurationKey()];
  if (!C) {
    const FactsTable *Facts = Table.get();
    if (const std::shared_ptr<const FactsTable> &Installed = FactsExchange::get().Installed)
      Facts = Installed.get();
    C = std::make_unique<PerConfiguration>(Model, *AST, Facts,
                                           !Facts && FactsExchange::get().defersFacts());
  }
  return *C;
}

} // namespace clang::tidy::ctx
