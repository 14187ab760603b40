//===--- Analyzer.h - ctxguard ----------------------------------*- C++ -*-===//
//
// Runs the ctx checks over translation units through clang-tidy's own engine
// (options providers, diagnostic consumer, NOLINT handling), one ClangTool per
// translation unit, in worker processes (WorkerPool.h), and turns what
// clang-tidy reports into findings and tool errors.
//
//===----------------------------------------------------------------------===//

#ifndef CTXGUARD_DRIVER_ANALYZER_H
#define CTXGUARD_DRIVER_ANALYZER_H

#include "Findings.h"
#include "UnitReport.h"

#include "clang-tidy/ClangTidyOptions.h"
#include "clang/Tooling/CompilationDatabase.h"

#include <chrono>
#include <memory>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace clang::tidy::ctx {
class FactsTable;
}

namespace ctxguard {

/// How clang-tidy's options are found, as clang-tidy's own command line says.
struct TidySettings {
  /// Options given on the command line (--checks, --header-filter, ...): they
  /// win over every configuration file.
  clang::tidy::ClangTidyOptions Overrides;
  /// The contents of --config / --config-file: when set, .clang-tidy files
  /// are not read.
  std::optional<clang::tidy::ClangTidyOptions> Config;
};

/// What ctxguard uses when no configuration says otherwise: clang-tidy's
/// defaults with only the ctx checks enabled.
clang::tidy::ClangTidyOptions defaultTidyOptions();

/// The ctx checks enabled for `File` by `Settings` (configuration files
/// looked up from the file's directory); configuration files that cannot be
/// read add to `ConfigErrors`.
std::vector<std::string> enabledChecksFor(const TidySettings &Settings, llvm::StringRef File,
                                          std::vector<ToolError> &ConfigErrors);

/// The effective clang-tidy configuration of `File`, as text (a cache key).
std::string configurationFor(const TidySettings &Settings, llvm::StringRef File);

struct AnalyzerOptions {
  TidySettings Tidy;
  unsigned Jobs = 1;
  /// A translation unit still analyzed after this long is a tool error
  /// (zero: no limit).
  std::chrono::seconds Timeout{0};
  /// Called in the driver's process as each translation unit ends.
  std::function<void(const UnitReport &)> Progress;
  /// The facts of the functions of other TUs the checks read; null: they
  /// stay open, each finding that depends on them is kept with its
  /// condition (FactsEngine::explore).
  std::shared_ptr<const clang::tidy::ctx::FactsTable> Facts;
  /// Whether workers record the TU's facts graph and what its findings
  /// depend on in other TUs (off: the per-TU analysis alone, the FactsFile
  /// option applies; for measuring what recording costs).
  bool RecordFacts = true;
};

/// Analyzes every file of `Files` with the commands `Database` has for it,
/// in worker processes; the reports are in the order of `Files`. Never
/// fails as a whole: a TU that does not compile, or whose worker crashes,
/// gets tool errors and the findings of the other TUs are kept.
std::vector<UnitReport> analyzeUnits(const clang::tooling::CompilationDatabase &Database,
                                     const std::vector<std::string> &Files,
                                     const AnalyzerOptions &Options);

/// The findings and errors of all `Units`, normalized.
AnalysisResult combine(const std::vector<UnitReport> &Units);

/// Names the environment variable that makes a worker crash on purpose, for
/// the driver's tests: "<file substring>:segv|abort|stackoverflow|hang".
inline constexpr const char *TestCrashVariable = "CTXGUARD_TEST_CRASH";

} // namespace ctxguard

#endif // CTXGUARD_DRIVER_ANALYZER_H
