//===--- WholeProgram.h - ctxguard ------------------------------*- C++ -*-===//
//
// Facts across translation units (docs/driver.md, "Whole-program facts").
// Every TU is parsed once. Its checks leave the facts of functions other TUs
// may define open: a finding that depends on them is kept with the
// condition it stands under (FactsEngine::explore), and the report carries
// the TU's own facts graph. Once every TU is done, the graphs are merged and
// solved and each open finding is decided, so every report is the one the
// solved facts give, whatever -j, the shard or the order of the TUs. Only a
// TU whose checks read an open fact outside a decision is analysed again,
// with the solved facts. The cache (Cache.h) replays the reports of
// unchanged TUs, open findings included.
//
//===----------------------------------------------------------------------===//

#ifndef CTXGUARD_DRIVER_WHOLEPROGRAM_H
#define CTXGUARD_DRIVER_WHOLEPROGRAM_H

#include "Analyzer.h"

#include "model/FactsTable.h"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace ctxguard {

struct ProgramOptions {
  AnalyzerOptions Analyzer; // its Progress is called for cache hits too
  /// Facts of TUs outside this run (--facts): used for the functions no TU
  /// of the run defines.
  std::shared_ptr<const clang::tidy::ctx::FactsTable> Given;
  std::optional<std::string> CacheDirectory;
  /// Called with the number of TUs analysed again, before they are.
  std::function<void(unsigned)> Reanalysing;
};

struct ProgramRun {
  std::vector<UnitReport> Units; // in the order of the files
  /// The facts graph of this run's TUs (what --export-facts writes).
  clang::tidy::ctx::FactsTable Facts;
  unsigned Analysed = 0, CacheHits = 0, Reanalysed = 0;
  std::vector<std::string> Warnings;
};

ProgramRun analyzeProgram(const clang::tooling::CompilationDatabase &Database,
                          const std::vector<std::string> &Files, const ProgramOptions &Options);

/// The facts graph a TU's report carries; empty when it carries none.
std::vector<clang::tidy::ctx::FactNode> factsOf(const UnitReport &Unit);

/// `ctxguard merge-facts`: the join of several facts files.
llvm::Expected<clang::tidy::ctx::FactsTable> mergeFactsFiles(const std::vector<std::string> &Paths);

} // namespace ctxguard

#endif // CTXGUARD_DRIVER_WHOLEPROGRAM_H
