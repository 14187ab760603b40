//===--- Paths.h - ctxguard -------------------------------------*- C++ -*-===//
//
// Paths as reports show them: relative to a root when inside it, and as the
// URIs SARIF wants.
//
//===----------------------------------------------------------------------===//

#ifndef CTXGUARD_DRIVER_PATHS_H
#define CTXGUARD_DRIVER_PATHS_H

#include <optional>
#include <string>
#include <string_view>

namespace ctxguard {

/// `File` relative to the directory `Root` ('/'-separated), when inside it.
std::optional<std::string> relativeTo(std::string_view Root, std::string_view File);

/// Percent-encodes what a URI path may not contain literally (RFC 3986:
/// everything but unreserved characters and '/').
std::string percentEncode(std::string_view Path);

/// "file:///abs/path" for an absolute path; a directory gets a trailing '/'.
std::string fileUri(std::string_view AbsolutePath, bool IsDirectory = false);

/// Decodes %XX escapes (a baseline may come from another tool).
std::string percentDecode(std::string_view Uri);

} // namespace ctxguard

#endif // CTXGUARD_DRIVER_PATHS_H
