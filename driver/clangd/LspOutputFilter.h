//===--- LspOutputFilter.h - ctxguard-clangd --------------------*- C++ -*-===//
//
// clangd writes its LSP messages to stdout from code this host cannot
// change (Debian's clangd libraries). The filter puts a pipe in place of
// stdout and a thread between that pipe and the real stdout, which passes
// every message on, rewriting the body of those that need it (DocLinks.h).
//
//===----------------------------------------------------------------------===//

#ifndef CTXGUARD_DRIVER_CLANGD_LSPOUTPUTFILTER_H
#define CTXGUARD_DRIVER_CLANGD_LSPOUTPUTFILTER_H

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <thread>

namespace ctxguard::clangd {

/// Rewrites a message body, or returns nullopt to keep it as it is.
using BodyRewriter = std::function<std::optional<std::string>(std::string_view)>;

/// Splits a byte stream into LSP messages (headers, blank line, then
/// Content-Length bytes of body) and rewrites each body. Bytes that are not
/// framed that way (a --version banner) pass through unchanged.
class LspFrameRewriter {
public:
  explicit LspFrameRewriter(BodyRewriter Rewrite) : Rewrite(std::move(Rewrite)) {}

  /// Consumes Bytes; returns what is ready to be written on.
  std::string feed(std::string_view Bytes);
  /// At end of input: whatever is left, unchanged.
  std::string finish();

private:
  /// Moves complete messages from Pending to Out; false when more input is
  /// needed.
  bool takeMessage(std::string &Out);

  BodyRewriter Rewrite;
  std::string Pending;
};

/// Replaces the process' stdout (file descriptor 1) by a pipe read by a
/// thread that runs an LspFrameRewriter and writes to the original stdout.
class StdoutFilter {
public:
  explicit StdoutFilter(BodyRewriter Rewrite);
  ~StdoutFilter();
  StdoutFilter(const StdoutFilter &) = delete;
  StdoutFilter &operator=(const StdoutFilter &) = delete;

  /// False if the pipe could not be set up (stdout is then untouched).
  bool active() const { return Thread.joinable(); }
  /// Closes the pipe and waits until everything written has reached the
  /// real stdout. Idempotent; the destructor calls it.
  void finish();

private:
  void pump(int ReadFd);

  LspFrameRewriter Rewriter;
  int RealStdout = -1;
  std::thread Thread;
};

} // namespace ctxguard::clangd

#endif // CTXGUARD_DRIVER_CLANGD_LSPOUTPUTFILTER_H
