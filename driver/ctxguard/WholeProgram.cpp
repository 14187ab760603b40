//===--- WholeProgram.cpp - ctxguard --------------------------------------===//

#include "WholeProgram.h"
#include "Cache.h"

#include "llvm/Config/llvm-config.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Process.h"

namespace ctxguard {

using clang::tidy::ctx::FactNode;
using clang::tidy::ctx::FactsTable;

namespace {

/// The cache's file holding the facts of the last run: the first analysis
/// of a changed TU reads them, so that it rarely needs a second one.
constexpr const char *LastFactsBlob = "program-facts.json";

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

/// Whether every fact of other TUs the unit read is what `Solved` says.
bool readSolvedFacts(const UnitReport &Unit, const FactsTable &Solved) {
  auto Consulted = Unit.Payload.find(PayloadConsulted);
  if (Consulted == Unit.Payload.end() || !Consulted->is_object())
    return !Unit.Errors.empty(); // no record: analyse it, unless it failed (nothing to redo)
  for (const auto &[Key, Value] : Consulted->items())
    if (!Value.is_string() ||
        Value.get<std::string>() != clang::tidy::ctx::consultedValue(Solved.lookup(Key)))
      return false;
  return true;
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

std::shared_ptr<const FactsTable> firstTable(AnalysisCache *Cache, const ProgramOptions &Options) {
  if (Cache)
    if (std::optional<std::string> Text = Cache->readBlob(LastFactsBlob))
      if (llvm::Expected<FactsTable> Last = FactsTable::parse(*Text))
        return std::make_shared<FactsTable>(std::move(*Last));
      else
        llvm::consumeError(Last.takeError()); // only a first guess: never needed
  return Options.Given ? Options.Given : std::make_shared<FactsTable>();
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
  analyzeSubset(Database, Files, Fresh, Options.Analyzer, firstTable(Cache ? &*Cache : nullptr, Options),
                Run.Units);
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
    if (!readSolvedFacts(Run.Units[I], *Solved))
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
        Cache->store(Keys[I], Run.Units[I]);
    std::string Text;
    llvm::raw_string_ostream(Text) << Solved->toJSON();
    Cache->writeBlob(LastFactsBlob, Text);
    Run.Warnings = Cache->takeWarnings();
  }
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
