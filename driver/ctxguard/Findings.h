//===--- Findings.h - ctxguard ----------------------------------*- C++ -*-===//
//
// What one run of the driver produced, independent of Clang's types so that
// every writer (text, SARIF, JSON) and the baseline can be tested on its own:
// findings of the ctx checks, and the tool errors that made the run fail.
//
//===----------------------------------------------------------------------===//

#ifndef CTXGUARD_DRIVER_FINDINGS_H
#define CTXGUARD_DRIVER_FINDINGS_H

#include <compare>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

namespace ctxguard {

/// A point in a file. Lines are 1-based; `Column` counts bytes from 1 (as a
/// compiler prints it), `Utf16Column` counts UTF-16 code units from 1 (as SARIF
/// with columnKind utf16CodeUnits wants it).
struct SourcePoint {
  std::string File; // absolute, normalized
  unsigned Offset = 0;
  unsigned Line = 0;
  unsigned Column = 0;
  unsigned Utf16Column = 0;

  auto operator<=>(const SourcePoint &) const = default;
};

/// A half-open range [Begin, End) in one file.
struct SourceRange {
  SourcePoint Begin;
  SourcePoint End;

  auto operator<=>(const SourceRange &) const = default;
};

/// One edit of a fix-it: replace `Removed` by `Inserted`.
struct Replacement {
  SourceRange Removed;
  std::string Inserted;

  auto operator<=>(const Replacement &) const = default;
};

struct Note {
  SourceRange Range;
  std::string Message;

  auto operator<=>(const Note &) const = default;
};

enum class Level { Note, Warning, Error };

/// "note", "warning" or "error", as compilers and SARIF spell them.
const char *levelName(Level L);

struct Finding {
  std::string Check; // e.g. "ctx-lost-cancel"
  Level Severity = Level::Warning;
  std::string Message;
  SourceRange Range; // Range.Begin is the diagnostic's location
  std::vector<Note> Notes;
  std::vector<Replacement> Fix; // the diagnostic's own fix-it (may be empty)
  /// GitHub's primaryLocationLineHash of Range.Begin's line ("hash:n").
  std::string LineHash;

  /// The order of every report: by file, position, check, then message.
  auto sortKey() const {
    return std::tie(Range.Begin.File, Range.Begin.Line, Range.Begin.Column, Check, Message, Notes,
                    Fix);
  }
  bool operator==(const Finding &Other) const { return sortKey() == Other.sortKey(); }
  bool operator<(const Finding &Other) const { return sortKey() < Other.sortKey(); }
};

/// Whether a tool error is about the configuration (a .clang-tidy that does
/// not parse, a bad option value: SARIF's toolConfigurationNotifications) or
/// about running the analysis (toolExecutionNotifications).
enum class ErrorKind { Execution, Configuration };

/// A problem of the run itself (a TU that does not compile, a missing compile
/// database, a bad option): the run is not trustworthy, exit code 2.
struct ToolError {
  std::string Message;
  std::optional<SourcePoint> Where; // when the problem has a place in a file
  ErrorKind Kind = ErrorKind::Execution;

  /// Errors without a place first, then by place: the order a reader expects.
  auto sortKey() const { return std::tie(Where, Kind, Message); }
  bool operator==(const ToolError &Other) const { return sortKey() == Other.sortKey(); }
  bool operator<(const ToolError &Other) const { return sortKey() < Other.sortKey(); }
};

struct AnalysisResult {
  std::vector<Finding> Findings; // sorted, no duplicates
  std::vector<ToolError> Errors; // sorted, no duplicates
  unsigned TranslationUnits = 0;
};

/// Sorts findings and errors and drops exact duplicates (a header included by
/// many translation units reports the same finding from each of them).
void normalize(AnalysisResult &Result);

} // namespace ctxguard

#endif // CTXGUARD_DRIVER_FINDINGS_H
