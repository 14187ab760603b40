//===--- Cache.h - ctxguard -------------------------------------*- C++ -*-===//
//
// The incremental cache (--cache): the report of a translation unit whose
// inputs are unchanged is replayed instead of parsing it again. An entry is
// found by a key over the TU's compile commands, its configuration and the
// tool's identity, and is used only when every file the TU read still has
// the contents it had. Whether the facts of other TUs the TU read are
// unchanged is decided by the whole-program analysis (WholeProgram.h), for
// a replayed report as for a fresh one. Entries are written to a temporary
// file and renamed: concurrent runs sharing a directory never see half an
// entry. A corrupt or foreign entry is ignored with a warning.
//
//===----------------------------------------------------------------------===//

#ifndef CTXGUARD_DRIVER_CACHE_H
#define CTXGUARD_DRIVER_CACHE_H

#include "UnitReport.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace ctxguard {

/// Everything a TU's report depends on besides the files it reads and the
/// facts of other TUs.
struct CacheKeyInputs {
  std::string Tool;          // version and build of ctxguard
  std::string File;          // the TU, absolute
  std::string Commands;      // its compile commands (directory and arguments)
  std::string Configuration; // its effective clang-tidy configuration
};

class AnalysisCache {
public:
  explicit AnalysisCache(std::string Directory);

  /// $CTXGUARD_CACHE_DIR, else $XDG_CACHE_HOME/ctxguard, else ~/.cache/ctxguard.
  static std::string defaultDirectory();
  static std::string keyOf(const CacheKeyInputs &Inputs);

  /// The report stored for `Key` when every file it read is unchanged.
  std::optional<UnitReport> lookup(const std::string &Key, const std::string &File);
  /// Stores `Report` (with the PayloadInputs it read) under `Key`; false
  /// (and a warning) when it cannot.
  bool store(const std::string &Key, const UnitReport &Report);

  /// Problems met (corrupt or foreign entries, write failures), once each.
  std::vector<std::string> takeWarnings();

private:
  std::string entryPath(const std::string &Key) const;
  /// The hash of a file's contents, once per run; empty when unreadable.
  const std::string &contentHash(const std::string &Path);
  bool writeAtomically(const std::string &Path, const std::vector<std::uint8_t> &Bytes);
  void warn(std::string Message);

  std::string Directory;
  std::map<std::string, std::string> Hashes;
  std::vector<std::string> Warnings;
};

} // namespace ctxguard

#endif // CTXGUARD_DRIVER_CACHE_H
