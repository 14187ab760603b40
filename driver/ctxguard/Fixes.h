//===--- Fixes.h - ctxguard -------------------------------------*- C++ -*-===//
//
// Fix-its: --export-fixes writes them in the YAML format clang-tidy writes
// (clang-apply-replacements reads it); --fix applies them to the files.
//
//===----------------------------------------------------------------------===//

#ifndef CTXGUARD_DRIVER_FIXES_H
#define CTXGUARD_DRIVER_FIXES_H

#include "Findings.h"

#include <string>
#include <vector>

namespace ctxguard {

/// clang-tidy's --export-fixes YAML (a TranslationUnitDiagnostics document)
/// for `Findings`; `MainSourceFile` names the first analyzed file.
std::string exportFixesYaml(const std::vector<Finding> &Findings,
                            const std::string &MainSourceFile);

struct FixOutcome {
  unsigned Applied = 0;                 // findings whose fix was applied
  std::vector<std::string> Problems;    // fixes skipped because they overlap others
  std::vector<std::string> WriteErrors; // files that could not be rewritten
};

/// Applies the fix of every finding that has one, file by file; a fix that
/// overlaps one already taken is skipped whole and reported.
FixOutcome applyFixes(const std::vector<Finding> &Findings);

} // namespace ctxguard

#endif // CTXGUARD_DRIVER_FIXES_H
