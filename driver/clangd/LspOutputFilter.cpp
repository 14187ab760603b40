//===--- LspOutputFilter.cpp - ctxguard-clangd ----------------------------===//

#include "LspOutputFilter.h"

#include <cerrno>
#include <cstdio>
#include <fcntl.h>
#include <strings.h>
#include <unistd.h>
#include <utility>
#include <vector>

namespace ctxguard::clangd {

namespace {

constexpr std::string_view HeaderEnd = "\r\n\r\n";
constexpr std::string_view LengthHeader = "Content-Length:";

/// The header lines of a block (without the blank line that ends it).
std::vector<std::string_view> headerLines(std::string_view Block) {
  std::vector<std::string_view> Lines;
  while (!Block.empty()) {
    size_t End = Block.find("\r\n");
    Lines.push_back(Block.substr(0, End));
    Block = End == std::string_view::npos ? std::string_view() : Block.substr(End + 2);
  }
  return Lines;
}

bool isLengthHeader(std::string_view Line) {
  return Line.size() >= LengthHeader.size() &&
         strncasecmp(Line.data(), LengthHeader.data(), LengthHeader.size()) == 0;
}

/// The Content-Length of a header block, if it has a valid one.
std::optional<size_t> contentLength(const std::vector<std::string_view> &Lines) {
  for (std::string_view Line : Lines) {
    if (!isLengthHeader(Line))
      continue;
    std::string_view Value = Line.substr(LengthHeader.size());
    while (!Value.empty() && Value.front() == ' ')
      Value.remove_prefix(1);
    size_t Length = 0;
    if (Value.empty())
      return std::nullopt;
    for (char C : Value) {
      if (C < '0' || C > '9')
        return std::nullopt;
      Length = Length * 10 + static_cast<size_t>(C - '0');
    }
    return Length;
  }
  return std::nullopt;
}

/// Writes all of Data to Fd; false if the reader is gone.
bool writeAll(int Fd, std::string_view Data) {
  while (!Data.empty()) {
    ssize_t Written = ::write(Fd, Data.data(), Data.size());
    if (Written < 0 && errno == EINTR)
      continue;
    if (Written <= 0)
      return false;
    Data.remove_prefix(static_cast<size_t>(Written));
  }
  return true;
}

} // namespace

bool LspFrameRewriter::takeMessage(std::string &Out) {
  size_t End = Pending.find(HeaderEnd);
  if (End == std::string::npos)
    return false;
  std::vector<std::string_view> Lines = headerLines(std::string_view(Pending).substr(0, End));
  size_t BodyStart = End + HeaderEnd.size();
  std::optional<size_t> Length = contentLength(Lines);
  if (!Length) { // not LSP framing: pass the block on as it is
    Out.append(Pending, 0, BodyStart);
    Pending.erase(0, BodyStart);
    return true;
  }
  if (Pending.size() - BodyStart < *Length)
    return false;
  std::string_view Body = std::string_view(Pending).substr(BodyStart, *Length);
  std::optional<std::string> Rewritten = Rewrite(Body);
  if (!Rewritten) {
    Out.append(Pending, 0, BodyStart + *Length);
  } else {
    // The other headers (Content-Type) are kept; only the length changes.
    for (std::string_view Line : Lines) {
      if (isLengthHeader(Line))
        Out += std::string(LengthHeader) + " " + std::to_string(Rewritten->size());
      else
        Out += Line;
      Out += "\r\n";
    }
    Out += "\r\n";
    Out += *Rewritten;
  }
  Pending.erase(0, BodyStart + *Length);
  return true;
}

std::string LspFrameRewriter::feed(std::string_view Bytes) {
  Pending.append(Bytes);
  std::string Out;
  while (takeMessage(Out)) {
  }
  return Out;
}

std::string LspFrameRewriter::finish() { return std::exchange(Pending, std::string()); }

StdoutFilter::StdoutFilter(BodyRewriter Rewrite) : Rewriter(std::move(Rewrite)) {
  std::fflush(stdout);
  int Pipe[2];
  RealStdout = ::fcntl(STDOUT_FILENO, F_DUPFD_CLOEXEC, 0);
  if (RealStdout < 0)
    return;
  if (::pipe2(Pipe, O_CLOEXEC) != 0 || ::dup2(Pipe[1], STDOUT_FILENO) < 0) {
    ::close(RealStdout);
    RealStdout = -1;
    return;
  }
  ::close(Pipe[1]);
  Thread = std::thread([this, ReadFd = Pipe[0]] { pump(ReadFd); });
}

StdoutFilter::~StdoutFilter() { finish(); }

void StdoutFilter::pump(int ReadFd) {
  char Buffer[1 << 16];
  bool ReaderGone = false;
  for (;;) {
    ssize_t Read = ::read(ReadFd, Buffer, sizeof(Buffer));
    if (Read < 0 && errno == EINTR)
      continue;
    if (Read <= 0)
      break;
    // Once the editor is gone, keep draining so that clangd never blocks.
    std::string Out = Rewriter.feed(std::string_view(Buffer, static_cast<size_t>(Read)));
    if (!ReaderGone)
      ReaderGone = !writeAll(RealStdout, Out);
  }
  if (!ReaderGone)
    writeAll(RealStdout, Rewriter.finish());
  ::close(ReadFd);
}

void StdoutFilter::finish() {
  if (!Thread.joinable())
    return;
  std::fflush(stdout);
  // The pipe's only writer is file descriptor 1: closing it ends the thread's
  // input once everything written has been read.
  ::close(STDOUT_FILENO);
  Thread.join();
  ::dup2(RealStdout, STDOUT_FILENO);
  ::close(RealStdout);
  RealStdout = -1;
}

} // namespace ctxguard::clangd
