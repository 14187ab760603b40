//===--- DocLinks.h - ctxguard-clangd ---------------------------*- C++ -*-===//
//
// clangd links every clang-tidy diagnostic to
// https://clang.llvm.org/extra/clang-tidy/checks/<module>/<check>.html, a
// page that does not exist for the ctx module. ctxguard-clangd rewrites the
// codeDescription of each ctx-* diagnostic in clangd's LSP output to the
// check's own page: the installed docs/checks/<check>.md, or a web copy.
//
//===----------------------------------------------------------------------===//

#ifndef CTXGUARD_DRIVER_CLANGD_DOCLINKS_H
#define CTXGUARD_DRIVER_CLANGD_DOCLINKS_H

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace ctxguard::clangd {

/// Where the ctx-* check pages are: a web base URL (if set, it wins) or a
/// local directory holding <check>.md.
struct DocLinks {
  std::string WebBase;
  std::filesystem::path LocalDir;

  /// The page of Check: WebBase/<check>.md, or the file:// URL of an
  /// existing LocalDir/<check>.md; nullopt when there is none.
  std::optional<std::string> pageOf(std::string_view Check) const;
};

/// file:// URL of an absolute path, percent-encoding what RFC 3986 does not
/// allow in a path.
std::string fileUrl(const std::filesystem::path &Absolute);

/// Rewrites the JSON-RPC message Body (one LSP message, no header): every
/// clang-tidy diagnostic whose code is a ctx-* check links to Links' page,
/// or to nothing when there is none. Returns nullopt when nothing changed
/// (including bodies that are not JSON).
std::optional<std::string> relinkCtxDiagnostics(std::string_view Body, const DocLinks &Links);

} // namespace ctxguard::clangd

#endif // CTXGUARD_DRIVER_CLANGD_DOCLINKS_H
