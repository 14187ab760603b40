//===--- WholeProgram.cpp - ctxguard --------------------------------------===//

#include "WholeProgram.h"
#include "Cache.h"

#include "llvm/Config/llvm-config.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Process.h"

namespace ctxguard {

using clang::tidy::ctx::FactNode;
using clang::tidy::ctx::FactCondition;
using clang::tidy::ctx::FactsTable;
using clang::tidy::ctx::OpenFact;

namespace {

/// Version and build: a rebuilt ctxguard never replays an older one's reports.
std::string toolIdentity() {
  std::string Identity = std::string(CTXGUARD_VERSION) + " LLVM " + LLVM_VERSION_STRING;
  llvm::sys::fs::file_status Status;
  if (!llvm::sys::fs::status("/proc/self/exe", Status))
    Identity += " " + std::to_string(Status.getSize()) + " " +
                std::to_string(Status.getLastModificationTime().time_since_epoch().count());
  return Identity;
}

std::string commandsText(const clang::tooling::CompilationDatabase &Database,
                         const std::string &File) {
  std::string Text;
  for (const clang::tooling::CompileCommand &C : Database.getCompileCommands(File)) {
    Text += C.Directory + "\n" + C.Filename + "\n";
    for (const std::string &Arg : C.CommandLine)
      Text += std::to_string(Arg.size()) + ":" + Arg;
    Text += "\n";
  }
  return Text;
}

/// Whether the unit must be analysed again with the solved facts: it read
/// open facts outside a decision (or a decision had too many outcomes), or
/// it was analysed with a table (replayed from the cache) whose facts it
/// read differ from the solved ones.
bool needsSolvedFacts(const UnitReport &Unit, const FactsTable &Solved) {
  const nlohmann::json &Payload = Unit.Payload;
  if (auto Needs = Payload.find(PayloadNeedsSolvedFacts);
      Needs != Payload.end() && Needs->is_boolean())
    return Needs->get<bool>();
  auto Consulted = Payload.find(PayloadConsulted);
  if (Consulted == Payload.end() || !Consulted->is_object())
    return Unit.Errors.empty(); // no record: analyse it, unless it failed (nothing to redo)
  for (const auto &[Key, Value] : Consulted->items())
    if (!Value.is_string() ||
        Value.get<std::string>() != clang::tidy::ctx::consultedValue(Solved.lookup(Key)))
      return true;
  return false;
}

std::optional<FactCondition> conditionFrom(const nlohmann::json &Text) {
  if (!Text.is_string())
    return std::nullopt;
  llvm::Expected<llvm::json::Value> Parsed = llvm::json::parse(Text.get<std::string>());
  if (!Parsed) {
    llvm::consumeError(Parsed.takeError());
    return std::nullopt;
  }
  const llvm::json::Array *Facts = Parsed->getAsArray();
  if (!Facts)
    return std::nullopt;
  FactCondition Condition;
  for (const llvm::json::Value &Entry : *Facts) {
    const llvm::json::Array *Pair = Entry.getAsArray();
    std::optional<bool> Holds = Pair && Pair->size() == 2 ? (*Pair)[1].getAsBoolean() : std::nullopt;
    llvm::Expected<OpenFact> Fact =
        Holds ? clang::tidy::ctx::openFactFromJSON((*Pair)[0])
              : llvm::Expected<OpenFact>(llvm::createStringError("malformed condition"));
    if (!Fact) {
      llvm::consumeError(Fact.takeError());
      return std::nullopt;
    }
    Condition.push_back({std::move(*Fact), *Holds});
  }
  return Condition;
}

/// A root chain the TU left to the program's facts: completes the message
/// and the notes, or false when an allowed function is on it.
bool completeRootChain(Finding &F, const FactsTable &Solved) {
  size_t Mark = F.Message.find(clang::tidy::ctx::RootChainMark);
  if (Mark == std::string::npos)
    return true;
  for (auto At = F.Notes.begin(); At != F.Notes.end(); ++At) {
    std::optional<clang::tidy::ctx::RootChainRequest> Request =
        clang::tidy::ctx::parseRootChainPlaceholder(At->Message);
    if (!Request)
      continue;
    std::vector<const clang::tidy::ctx::SolvedFacts *> Chain = clang::tidy::ctx::rootChain(
        [&](llvm::StringRef Key) { return Solved.lookup(Key); }, Request->Key,
        [&](llvm::StringRef Name) { return llvm::is_contained(Request->Allowed, Name); });
    if (Chain.empty())
      return false;
    std::string Through = clang::tidy::ctx::rootChainThrough(Request->LocalChain, Chain);
    F.Message.replace(Mark, 1, Through.empty() ? "" : " through " + Through);
    SourceRange Where = At->Range;
    std::vector<Note> Notes;
    for (std::string &Text : clang::tidy::ctx::rootChainNotes(Chain))
      Notes.push_back({Where, std::move(Text)});
    At = F.Notes.erase(At);
    F.Notes.insert(At, Notes.begin(), Notes.end());
    return true;
  }
  return false;
}

/// Decides the findings the unit left open (FactsEngine::explore) with the
/// solved facts: keeps those whose condition holds, completing their root
/// chains.
void resolveOpenFindings(UnitReport &Unit, const FactsTable &Solved) {
  std::vector<std::optional<FactCondition>> Conditions;
  if (auto Texts = Unit.Payload.find(PayloadConditions);
      Texts != Unit.Payload.end() && Texts->is_array())
    for (const nlohmann::json &Text : *Texts)
      Conditions.push_back(conditionFrom(Text));
  std::vector<Finding> Kept;
  for (Finding &F : Unit.Findings) {
    if (std::optional<unsigned> Tag = clang::tidy::ctx::takeDiagnosticTag(F.Message))
      if (*Tag >= Conditions.size() || !Conditions[*Tag] || !holds(*Conditions[*Tag], Solved))
        continue;
    if (completeRootChain(F, Solved))
      Kept.push_back(std::move(F));
  }
  Unit.Findings = std::move(Kept);
}

void analyzeSubset(const clang::tooling::CompilationDatabase &Database,
                   const std::vector<std::string> &Files, const std::vector<size_t> &Which,
                   AnalyzerOptions Options, std::shared_ptr<const FactsTable> Facts,
                   std::vector<UnitReport> &Units) {
  if (Which.empty())
    return;
  std::vector<std::string> Subset;
  for (size_t I : Which)
    Subset.push_back(Files[I]);
  Options.Facts = std::move(Facts);
  std::vector<UnitReport> Reports = analyzeUnits(Database, Subset, Options);
  for (size_t J = 0; J < Which.size(); ++J)
    Units[Which[J]] = std::move(Reports[J]);
}

} // namespace

std::vector<FactNode> factsOf(const UnitReport &Unit) {
  std::vector<FactNode> Nodes;
  auto Text = Unit.Payload.find(PayloadFacts);
  if (Text == Unit.Payload.end() || !Text->is_string())
    return Nodes;
  llvm::Expected<llvm::json::Value> Parsed = llvm::json::parse(Text->get<std::string>());
  const llvm::json::Array *Array = Parsed ? Parsed->getAsArray() : nullptr;
  if (!Parsed)
    llvm::consumeError(Parsed.takeError());
  for (const llvm::json::Value &V : Array ? *Array : llvm::json::Array())
    if (llvm::Expected<FactNode> N = clang::tidy::ctx::nodeFromJSON(V))
      Nodes.push_back(std::move(*N));
    else
      llvm::consumeError(N.takeError());
  return Nodes;
}

ProgramRun analyzeProgram(const clang::tooling::CompilationDatabase &Database,
                          const std::vector<std::string> &Files, const ProgramOptions &Options) {
  ProgramRun Run;
  Run.Units.resize(Files.size());
  // CTXGUARD_FACTS=off: each TU on its own, as before facts crossed TUs
  // (bench/driver measures what recording them costs).
  if (std::optional<std::string> Switch = llvm::sys::Process::GetEnv("CTXGUARD_FACTS");
      Switch && *Switch == "off") {
    AnalyzerOptions Alone = Options.Analyzer;
    Alone.RecordFacts = false;
    Run.Units = analyzeUnits(Database, Files, Alone);
    Run.Analysed = Files.size();
    return Run;
  }
  std::optional<AnalysisCache> Cache;
  if (Options.CacheDirectory)
    Cache.emplace(*Options.CacheDirectory);
  std::vector<std::string> Keys(Files.size());
  std::vector<size_t> Fresh;
  std::string Tool = toolIdentity();
  for (size_t I = 0; I < Files.size(); ++I) {
    if (Cache) {
      Keys[I] = AnalysisCache::keyOf({Tool, Files[I], commandsText(Database, Files[I]),
                                      configurationFor(Options.Analyzer.Tidy, Files[I])});
      if (std::optional<UnitReport> Hit = Cache->lookup(Keys[I], Files[I])) {
        Run.Units[I] = std::move(*Hit);
        ++Run.CacheHits;
        if (Options.Analyzer.Progress)
          Options.Analyzer.Progress(Run.Units[I]);
        continue;
      }
    }
    Fresh.push_back(I);
  }
  // One parse per TU: the findings that depend on other TUs stay open.
  analyzeSubset(Database, Files, Fresh, Options.Analyzer, nullptr, Run.Units);
  Run.Analysed = Fresh.size();

  // The program's facts: this run's TUs, then what --facts knows of others.
  for (const UnitReport &Unit : Run.Units)
    for (FactNode &N : factsOf(Unit))
      Run.Facts.add(std::move(N));
  auto Solved = std::make_shared<FactsTable>(Run.Facts);
  if (Options.Given)
    Solved->addMissing(*Options.Given);
  Solved->solve();
  Run.Facts.solve();

  std::vector<size_t> Again;
  for (size_t I = 0; I < Files.size(); ++I)
    if (needsSolvedFacts(Run.Units[I], *Solved))
      Again.push_back(I);
  if (!Again.empty() && Options.Reanalysing)
    Options.Reanalysing(Again.size());
  analyzeSubset(Database, Files, Again, Options.Analyzer, Solved, Run.Units);
  Run.Reanalysed = Again.size();

  if (Cache) {
    std::vector<bool> Store(Files.size(), false);
    for (size_t I : Fresh)
      Store[I] = true;
    for (size_t I : Again)
      Store[I] = true;
    for (size_t I = 0; I < Files.size(); ++I)
      if (Store[I] && Run.Units[I].Errors.empty())
        Cache->store(Keys[I], Run.Units[I]); // open findings stay open: other TUs may change
    Run.Warnings = Cache->takeWarnings();
  }
  for (UnitReport &Unit : Run.Units)
    resolveOpenFindings(Unit, *Solved);
  return Run;
}

llvm::Expected<FactsTable> mergeFactsFiles(const std::vector<std::string> &Paths) {
  FactsTable Merged;
  for (const std::string &Path : Paths) {
    auto Buffer = llvm::MemoryBuffer::getFile(Path, /*IsText=*/true);
    if (!Buffer)
      return llvm::createStringError("cannot read '" + Path + "': " + Buffer.getError().message());
    llvm::Expected<FactsTable> Table = FactsTable::parse((*Buffer)->getBuffer());
    if (!Table)
      return llvm::createStringError("'" + Path + "': " + llvm::toString(Table.takeError()));
    for (const auto &[Key, Node] : Table->nodes())
      Merged.add(Node);
  }
  Merged.solve();
  return Merged;
}

} // namespace ctxguard
