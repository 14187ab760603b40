//===--- OutputFile.cpp - ctxguard ----------------------------------------===//

#include "OutputFile.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Signals.h"
#include "llvm/Support/raw_ostream.h"

#include <unistd.h>

namespace ctxguard {
namespace {

llvm::Error writeError(const std::string &Path, std::error_code EC) {
  return llvm::createStringError(EC, "cannot write '%s': %s", Path.c_str(), EC.message().c_str());
}

/// /dev/stdout, /dev/fd/3, /proc/self/fd/1: links to open files that must
/// be written through, never replaced or removed (nor whatever they point
/// to: a shell's redirection target).
bool isSpecialPath(const std::string &Path) {
  llvm::SmallString<256> Absolute(Path);
  llvm::sys::fs::make_absolute(Absolute);
  llvm::StringRef P = Absolute;
  return P.starts_with("/dev/") || P.starts_with("/proc/");
}

/// The file a write to `Path` replaces: a symbolic link's target.
std::string destinationOf(const std::string &Path) {
  llvm::SmallString<256> Resolved;
  if (llvm::sys::fs::is_symlink_file(Path) && !llvm::sys::fs::real_path(Path, Resolved))
    return std::string(Resolved);
  return Path;
}

/// Writes all of `Contents` to `Out` and closes it; the first error, if any.
/// `SyncFd`, when not -1, is Out's descriptor, flushed to disk before closing.
std::error_code writeAndClose(llvm::raw_fd_ostream &Out, llvm::StringRef Contents,
                              int SyncFd = -1) {
  Out << Contents;
  Out.flush();
  std::error_code EC = Out.error();
  if (!EC && SyncFd != -1 && ::fsync(SyncFd) != 0)
    EC = std::error_code(errno, std::generic_category());
  Out.close();
  if (!EC)
    EC = Out.error();
  Out.clear_error(); // reported by us: the destructor must not abort
  return EC;
}

std::error_code writeInPlace(const std::string &Path, llvm::StringRef Contents) {
  std::error_code EC;
  llvm::raw_fd_ostream Out(Path, EC);
  return EC ? EC : writeAndClose(Out, Contents);
}

std::error_code writeAndRename(const std::string &Destination, llvm::StringRef Contents) {
  llvm::SmallString<256> Model(llvm::sys::path::parent_path(Destination));
  llvm::sys::path::append(Model, "." + llvm::sys::path::filename(Destination) + ".tmp-%%%%%%");
  int Fd = -1;
  llvm::SmallString<256> Temporary;
  if (std::error_code EC = llvm::sys::fs::createUniqueFile(Model, Fd, Temporary))
    return EC;
  llvm::sys::RemoveFileOnSignal(Temporary);
  llvm::raw_fd_ostream Out(Fd, /*shouldClose=*/true);
  std::error_code EC = writeAndClose(Out, Contents, Fd);
  if (!EC)
    EC = llvm::sys::fs::rename(Temporary, Destination);
  if (EC)
    llvm::sys::fs::remove(Temporary);
  llvm::sys::DontRemoveFileOnSignal(Temporary);
  return EC;
}

} // namespace

llvm::Error checkStdout() {
  llvm::outs().flush();
  if (!llvm::outs().has_error())
    return llvm::Error::success();
  std::error_code EC = llvm::outs().error();
  llvm::outs().clear_error();
  return llvm::createStringError(EC, "cannot write to stdout: %s", EC.message().c_str());
}

llvm::Error writeOutputFile(const std::string &Path, llvm::StringRef Contents) {
  if (Path == "-") {
    llvm::outs() << Contents;
    return checkStdout();
  }
  if (isSpecialPath(Path)) {
    if (std::error_code EC = writeInPlace(Path, Contents))
      return writeError(Path, EC);
    return llvm::Error::success();
  }
  std::string Destination = destinationOf(Path);
  llvm::sys::fs::file_status Status;
  bool Exists = !llvm::sys::fs::status(Destination, Status);
  if (Exists && Status.type() == llvm::sys::fs::file_type::directory_file)
    return writeError(Path, std::make_error_code(std::errc::is_a_directory));
  if (Exists && Status.type() != llvm::sys::fs::file_type::regular_file) {
    if (std::error_code EC = writeInPlace(Destination, Contents))
      return writeError(Path, EC);
    return llvm::Error::success();
  }
  if (std::error_code EC = writeAndRename(Destination, Contents)) {
    if (Exists)
      llvm::sys::fs::remove(Destination);
    return writeError(Path, EC);
  }
  return llvm::Error::success();
}

llvm::Error removeStaleOutput(const std::string &Path) {
  if (Path.empty() || Path == "-" || isSpecialPath(Path))
    return llvm::Error::success();
  std::string Destination = destinationOf(Path);
  if (!llvm::sys::fs::is_regular_file(Destination))
    return llvm::Error::success();
  if (std::error_code EC = llvm::sys::fs::remove(Destination))
    return llvm::createStringError(EC, "cannot remove the earlier report '%s': %s", Path.c_str(),
                                   EC.message().c_str());
  return llvm::Error::success();
}

} // namespace ctxguard
