//===--- OutputFile.h - ctxguard --------------------------------*- C++ -*-===//
//
// The reports a run writes (--output, --sarif, --export-fixes, merge-sarif's
// output) are never left half-written or stale: CI reads whatever file is
// there as the current result.
//
//===----------------------------------------------------------------------===//

#ifndef CTXGUARD_DRIVER_OUTPUTFILE_H
#define CTXGUARD_DRIVER_OUTPUTFILE_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <string>

namespace ctxguard {

/// Writes `Contents` to `Path` ("-": stdout, its write errors included).
/// A regular file is replaced only by a complete new one: the text goes to
/// a temporary file in the same directory, is flushed to disk and renamed
/// over `Path`. When that fails, the file previously at `Path` is removed.
/// Devices, pipes and anything under /dev and /proc (/dev/stdout, /dev/full,
/// /dev/fd/3) are written in place.
llvm::Error writeOutputFile(const std::string &Path, llvm::StringRef Contents);

/// Removes the regular file at `Path`, if any (not through /dev or /proc):
/// done before the analysis starts, so that a run that is killed leaves no
/// earlier report behind.
llvm::Error removeStaleOutput(const std::string &Path);

/// An error when something written to stdout was lost (a full disk, a closed
/// pipe); clears the stream's error so that exiting does not abort.
llvm::Error checkStdout();

} // namespace ctxguard

#endif // CTXGUARD_DRIVER_OUTPUTFILE_H
