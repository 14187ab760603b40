//===--- UnitReport.h - ctxguard --------------------------------*- C++ -*-===//
//
// What the analysis of one translation unit sends from its worker process to
// the driver: one message per TU holding its findings, its tool errors and a
// free-form payload object for per-TU data other parts add (cross-TU facts,
// cache keys). The message is a JSON value encoded as CBOR, which keeps every
// string byte-exact (paths and messages need not be valid UTF-8).
//
//===----------------------------------------------------------------------===//

#ifndef CTXGUARD_DRIVER_UNITREPORT_H
#define CTXGUARD_DRIVER_UNITREPORT_H

#include "Findings.h"

#include "llvm/Support/Error.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace ctxguard {

/// The payload's fields for the whole-program analysis (WholeProgram.h): the
/// TU's facts graph (the JSON text of its nodes); the conditions its open
/// findings carry (JSON texts) and whether it needs the solved facts after
/// all, or, when it was analysed with a table, the keys of other TUs' facts
/// it read with what it read; and every file it read.
inline constexpr const char *PayloadFacts = "facts";
inline constexpr const char *PayloadConditions = "conditions";
inline constexpr const char *PayloadNeedsSolvedFacts = "needsSolvedFacts";
inline constexpr const char *PayloadConsulted = "consulted";
inline constexpr const char *PayloadInputs = "inputs";

struct UnitReport {
  std::string File; // the translation unit, absolute
  std::vector<Finding> Findings;
  std::vector<ToolError> Errors;
  /// Per-TU data beyond findings, keyed by its owner ("facts", ...); the
  /// driver passes it through untouched. Always an object.
  nlohmann::json Payload = nlohmann::json::object();
  /// What the worker wrote on stderr (a crash's stack dump); not sent in the
  /// message, filled in by the worker pool.
  std::string WorkerLog;
};

/// The message for `Report`, as the worker writes it.
std::vector<std::uint8_t> encodeUnitReport(const UnitReport &Report);

/// Reads a message written by encodeUnitReport(); an error when the bytes
/// are not such a message (a worker that died while writing it).
llvm::Expected<UnitReport> decodeUnitReport(const std::vector<std::uint8_t> &Bytes);

} // namespace ctxguard

#endif // CTXGUARD_DRIVER_UNITREPORT_H
