//===--- Analyzer.h - ctxguard ----------------------------------*- C++ -*-===//
//
// Runs the ctx checks over translation units through clang-tidy's own engine
// (options providers, diagnostic consumer, NOLINT handling), one ClangTool per
// translation unit on a pool of worker threads, and turns what clang-tidy
// reports into findings and tool errors.
//
//===----------------------------------------------------------------------===//

#ifndef CTXGUARD_DRIVER_ANALYZER_H
#define CTXGUARD_DRIVER_ANALYZER_H

#include "Findings.h"

#include "clang-tidy/ClangTidyOptions.h"
#include "clang/Tooling/CompilationDatabase.h"
#include "llvm/Support/Error.h"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace ctxguard {

class SourceFiles;

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

/// Parses a --config text (YAML or JSON, as clang-tidy accepts it).
llvm::Expected<clang::tidy::ClangTidyOptions> parseTidyConfig(llvm::StringRef Text,
                                                              llvm::StringRef Origin);

/// The ctx checks enabled for `File` by `Settings` (configuration files
/// looked up from the file's directory).
std::vector<std::string> enabledChecksFor(const TidySettings &Settings, llvm::StringRef File);

struct AnalyzerOptions {
  TidySettings Tidy;
  unsigned Jobs = 1;
  /// Called after each translation unit with (done, total, file), from the
  /// thread that collects results.
  std::function<void(unsigned, unsigned, llvm::StringRef)> Progress;
};

/// Analyzes every file of `Files` with the commands `Database` has for it.
/// Never fails as a whole: a TU that does not compile adds tool errors and the
/// findings of the other TUs are kept.
AnalysisResult analyze(const clang::tooling::CompilationDatabase &Database,
                       const std::vector<std::string> &Files, const AnalyzerOptions &Options,
                       SourceFiles &Sources);

} // namespace ctxguard

#endif // CTXGUARD_DRIVER_ANALYZER_H
