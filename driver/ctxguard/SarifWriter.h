//===--- SarifWriter.h - ctxguard -------------------------------*- C++ -*-===//
//
// SARIF 2.1.0 as GitHub code scanning ingests it: one run, the ctx rules with
// their docs, results with repository-relative locations under %SRCROOT%,
// GitHub's line-hash fingerprints, notes as related locations, fix-its as
// fixes, and the tool's own errors as execution or configuration
// notifications. The output is deterministic: no timestamps, results sorted.
//
//===----------------------------------------------------------------------===//

#ifndef CTXGUARD_DRIVER_SARIFWRITER_H
#define CTXGUARD_DRIVER_SARIFWRITER_H

#include "Findings.h"
#include "RuleCatalog.h"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace ctxguard {

using Json = nlohmann::ordered_json;

struct SarifOptions {
  /// Absolute directory that %SRCROOT% stands for.
  std::string SourceRoot;
  /// runAutomationDetails.id ("<category>/"), as upload-sarif's category.
  std::string Category = "ctxguard";
  std::string ToolVersion;
  /// The ctx rules to describe (all registered checks); rules for any other
  /// check a finding names are added.
  std::vector<RuleInfo> Rules;
};

/// The artifactLocation of an absolute path: relative to SourceRoot with
/// uriBaseId %SRCROOT% when inside it, an absolute file URI otherwise.
Json artifactLocation(const std::string &File, const std::string &SourceRoot);

Json buildSarif(const AnalysisResult &Result, const SarifOptions &Options);

/// The log as text: two-space indentation, a final newline.
std::string renderJson(const Json &Log);

/// Ends a sentence for SARIF's message convention (rule SARIF2001).
std::string asSentence(std::string Text);

} // namespace ctxguard

#endif // CTXGUARD_DRIVER_SARIFWRITER_H
