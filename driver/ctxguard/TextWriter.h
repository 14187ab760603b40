//===--- TextWriter.h - ctxguard --------------------------------*- C++ -*-===//
//
// Findings as a compiler prints them: "file:line:col: warning: message
// [check]", the source line with a caret under the location (and '~' under
// the rest of the range), then the notes the same way.
//
//===----------------------------------------------------------------------===//

#ifndef CTXGUARD_DRIVER_TEXTWRITER_H
#define CTXGUARD_DRIVER_TEXTWRITER_H

#include "Findings.h"

#include <string>

namespace ctxguard {

class SourceFiles;

/// Paths inside `DisplayRoot` are shown relative to it, others absolute.
std::string renderText(const AnalysisResult &Result, SourceFiles &Sources,
                       const std::string &DisplayRoot);

/// The tool errors, one "ctxguard: error: ..." (or "file:line:col: error:")
/// line each.
std::string renderErrors(const AnalysisResult &Result, const std::string &DisplayRoot);

/// "3 warnings in 2 files (5 translation units analyzed), 1 tool error".
std::string renderSummary(const AnalysisResult &Result);

} // namespace ctxguard

#endif // CTXGUARD_DRIVER_TEXTWRITER_H
