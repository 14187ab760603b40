//===--- Baseline.h - ctxguard ----------------------------------*- C++ -*-===//
//
// --baseline FILE.sarif: report only findings that the baseline does not
// already hold. A finding matches a baseline result with the same ruleId,
// artifact URI and primaryLocationLineHash: the hash covers the line's own
// text, so edits above a finding do not make it new.
//
//===----------------------------------------------------------------------===//

#ifndef CTXGUARD_DRIVER_BASELINE_H
#define CTXGUARD_DRIVER_BASELINE_H

#include "Findings.h"

#include "llvm/Support/Error.h"

#include <set>
#include <string>
#include <tuple>

namespace ctxguard {

class Baseline {
public:
  /// Reads the results of every run of a SARIF log.
  static llvm::Expected<Baseline> fromSarifText(const std::string &Text);
  static llvm::Expected<Baseline> load(const std::string &Path);

  bool contains(const Finding &F, const std::string &SourceRoot) const;

  /// Drops the findings the baseline contains; returns how many.
  size_t filter(AnalysisResult &Result, const std::string &SourceRoot) const;

  size_t size() const { return Keys.size(); }

private:
  using Key = std::tuple<std::string, std::string, std::string>; // rule, uri, hash
  std::set<Key> Keys;
};

} // namespace ctxguard

#endif // CTXGUARD_DRIVER_BASELINE_H
