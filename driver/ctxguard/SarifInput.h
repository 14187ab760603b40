//===--- SarifInput.h - ctxguard --------------------------------*- C++ -*-===//
//
// SARIF logs ctxguard reads (--baseline, merge-sarif inputs) come from
// earlier runs, other tools or a broken artifact download: every member
// ctxguard reads is checked for its type before anything reads it, so that a
// malformed log is an error naming the member, never an exception.
//
//===----------------------------------------------------------------------===//

#ifndef CTXGUARD_DRIVER_SARIFINPUT_H
#define CTXGUARD_DRIVER_SARIFINPUT_H

#include "SarifWriter.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <optional>
#include <string>

namespace ctxguard {

/// The first member of `Log` that ctxguard reads and that has the wrong
/// type, as "runs[0].results[2].ruleId is a number, not a string"; members
/// may be missing, except the top-level "runs".
std::optional<std::string> checkSarifShape(const Json &Log);

/// Parses and checks a SARIF log (not nested deeper than MaxNestingDepth).
llvm::Expected<Json> parseSarifLog(llvm::StringRef Text);

} // namespace ctxguard

#endif // CTXGUARD_DRIVER_SARIFINPUT_H
