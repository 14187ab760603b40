//===--- Fingerprint.h - ctxguard -------------------------------*- C++ -*-===//
//
// GitHub code scanning's primaryLocationLineHash, ported from
// github/codeql-action src/fingerprints.ts so that the SARIF we write carries
// the fingerprint upload-sarif would compute itself: alerts then survive
// unrelated edits above them, and baselines can match on it.
//
//===----------------------------------------------------------------------===//

#ifndef CTXGUARD_DRIVER_FINGERPRINT_H
#define CTXGUARD_DRIVER_FINGERPRINT_H

#include <string>
#include <string_view>
#include <vector>

namespace ctxguard {

/// The line hash ("<hex>:<occurrence>") of every line of a file's UTF-8
/// contents; element 0 belongs to line 1. As in codeql-action, the hash covers
/// the first 100 characters (UTF-16 code units, spaces and tabs skipped, line
/// endings normalized to '\n') starting at the line, and a file has one more
/// line than it has line breaks.
std::vector<std::string> computeLineHashes(std::string_view Utf8Contents);

} // namespace ctxguard

#endif // CTXGUARD_DRIVER_FINGERPRINT_H
