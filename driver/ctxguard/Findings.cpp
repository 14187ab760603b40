//===--- Findings.cpp - ctxguard ------------------------------------------===//

#include "Findings.h"

#include <algorithm>

namespace ctxguard {

const char *levelName(Level L) {
  switch (L) {
  case Level::Note:
    return "note";
  case Level::Warning:
    return "warning";
  case Level::Error:
    return "error";
  }
  return "warning";
}

void normalize(AnalysisResult &Result) {
  std::sort(Result.Findings.begin(), Result.Findings.end());
  Result.Findings.erase(std::unique(Result.Findings.begin(), Result.Findings.end()),
                        Result.Findings.end());
  std::sort(Result.Errors.begin(), Result.Errors.end());
  Result.Errors.erase(std::unique(Result.Errors.begin(), Result.Errors.end()), Result.Errors.end());
}

} // namespace ctxguard
