//===--- JsonWriter.h - ctxguard --------------------------------*- C++ -*-===//
//
// The driver's own JSON report (--format json), documented in docs/driver.md:
// a flat list of findings (file, line, column, check, message, notes, fixes)
// and of tool errors; paths relative to the source root when inside it.
//
//===----------------------------------------------------------------------===//

#ifndef CTXGUARD_DRIVER_JSONWRITER_H
#define CTXGUARD_DRIVER_JSONWRITER_H

#include "Findings.h"

#include <nlohmann/json.hpp>
#include <string>

namespace ctxguard {

nlohmann::ordered_json buildJsonReport(const AnalysisResult &Result, const std::string &SourceRoot,
                                       const std::string &ToolVersion);

} // namespace ctxguard

#endif // CTXGUARD_DRIVER_JSONWRITER_H
