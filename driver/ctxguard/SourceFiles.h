//===--- SourceFiles.h - ctxguard -------------------------------*- C++ -*-===//
//
// The files findings point into, read once: turns clang-tidy's byte offsets
// into lines and columns, gives the text of a line for the caret display and
// the line hashes for SARIF fingerprints.
//
//===----------------------------------------------------------------------===//

#ifndef CTXGUARD_DRIVER_SOURCEFILES_H
#define CTXGUARD_DRIVER_SOURCEFILES_H

#include "Findings.h"

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace ctxguard {

class SourceFiles {
public:
  /// The point at byte `Offset` of `Path`; past the end (or an unreadable
  /// file) clamps to the end, line 1 column 1 for an unreadable file.
  SourcePoint point(const std::string &Path, unsigned Offset);

  /// The text of line `Line` (1-based) without its line break; empty when the
  /// line does not exist.
  std::string_view lineText(const std::string &Path, unsigned Line);

  /// GitHub's primaryLocationLineHash for `Line`; empty if unavailable.
  std::string lineHash(const std::string &Path, unsigned Line);

  /// Registers in-memory contents for `Path` (tests, and files that changed).
  void setContents(const std::string &Path, std::string Contents);

private:
  struct File {
    bool Readable = false;
    std::string Text;
    std::vector<unsigned> LineStarts;
    std::vector<std::string> LineHashes; // computed on first use
  };
  File &get(const std::string &Path);
  static std::unique_ptr<File> makeFile(std::string Text, bool Readable);

  std::map<std::string, std::unique_ptr<File>> Files;
};

} // namespace ctxguard

#endif // CTXGUARD_DRIVER_SOURCEFILES_H
