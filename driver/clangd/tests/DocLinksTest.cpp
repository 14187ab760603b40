//===--- DocLinksTest.cpp - ctxguard-clangd's output filter ---------------===//
//
// The rewriting of clangd's LSP output, byte for byte: which diagnostics get
// which link, and how the stream is framed. The LSP tests
// (CtxguardClangdTest.cpp) check the same through a running server.
//
//===----------------------------------------------------------------------===//

#include "DocLinks.h"
#include "LspOutputFilter.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <unistd.h>

namespace ctxguard::clangd {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::json;

Json diagnostic(const std::string &Source, const std::string &Code, const std::string &Href) {
  return {
      {"source", Source}, {"code", Code}, {"message", "m"}, {"codeDescription", {{"href", Href}}}};
}

std::string publish(const std::vector<Json> &Diagnostics) {
  return Json{{"jsonrpc", "2.0"},
              {"method", "textDocument/publishDiagnostics"},
              {"params", {{"uri", "file:///p/a.cpp"}, {"diagnostics", Diagnostics}}}}
      .dump();
}

const std::string LlvmPage = "https://clang.llvm.org/extra/clang-tidy/checks/ctx/lost-cancel.html";
const std::string NullptrPage =
    "https://clang.llvm.org/extra/clang-tidy/checks/modernize/use-nullptr.html";

class DocLinksTest : public ::testing::Test {
protected:
  void SetUp() override {
    std::string Pattern = (fs::temp_directory_path() / "ctxguard-doclinks-XXXXXX").string();
    ASSERT_NE(mkdtemp(Pattern.data()), nullptr);
    Dir = fs::path(Pattern) / "docs dir";
    fs::create_directories(Dir);
    std::ofstream(Dir / "ctx-lost-cancel.md") << "# ctx-lost-cancel\n";
    Links.LocalDir = Dir;
  }
  void TearDown() override { fs::remove_all(Dir.parent_path()); }

  fs::path Dir;
  DocLinks Links;
};

TEST_F(DocLinksTest, CtxDiagnosticLinksToItsInstalledPage) {
  std::optional<std::string> Out =
      relinkCtxDiagnostics(publish({diagnostic("clang-tidy", "ctx-lost-cancel", LlvmPage)}), Links);
  ASSERT_TRUE(Out);
  Json D = Json::parse(*Out)["params"]["diagnostics"][0];
  EXPECT_EQ(D["codeDescription"]["href"], fileUrl(Dir / "ctx-lost-cancel.md"));
  EXPECT_NE(D["codeDescription"]["href"].get<std::string>().find("/docs%20dir/"),
            std::string::npos);
  EXPECT_EQ(D["message"], "m");
}

// A ctx check without a page (a newer check, docs not installed) links
// nowhere rather than to clang.llvm.org.
TEST_F(DocLinksTest, CtxDiagnosticWithoutPageLosesTheLlvmLink) {
  std::optional<std::string> Out = relinkCtxDiagnostics(
      publish({diagnostic("clang-tidy", "ctx-no-such-check", LlvmPage)}), Links);
  ASSERT_TRUE(Out);
  EXPECT_FALSE(Json::parse(*Out)["params"]["diagnostics"][0].contains("codeDescription"));
}

TEST_F(DocLinksTest, WebBaseWinsOverLocalPages) {
  Links.WebBase = "https://example.org/ctxguard/docs/checks/";
  std::optional<std::string> Out =
      relinkCtxDiagnostics(publish({diagnostic("clang-tidy", "ctx-lost-cancel", LlvmPage)}), Links);
  ASSERT_TRUE(Out);
  EXPECT_EQ(Json::parse(*Out)["params"]["diagnostics"][0]["codeDescription"]["href"],
            "https://example.org/ctxguard/docs/checks/ctx-lost-cancel.md");
}

// Other checks, clang's own diagnostics and messages without diagnostics
// are left exactly as clangd wrote them.
TEST_F(DocLinksTest, OtherMessagesAreUntouched) {
  EXPECT_FALSE(relinkCtxDiagnostics(
      publish({diagnostic("clang-tidy", "modernize-use-nullptr", NullptrPage)}), Links));
  EXPECT_FALSE(
      relinkCtxDiagnostics(publish({diagnostic("clang", "ctx-lost-cancel", LlvmPage)}), Links));
  EXPECT_FALSE(relinkCtxDiagnostics(R"({"id":1,"result":{"contents":"ctx-lost-cancel"}})", Links));
  EXPECT_FALSE(relinkCtxDiagnostics("not json, ctx-", Links));
}

// Code actions repeat the diagnostic they fix: it is relinked there too,
// beside diagnostics of other checks that keep theirs.
TEST_F(DocLinksTest, NestedDiagnosticsAreRelinked) {
  Json Actions = {{"id", 7},
                  {"result",
                   {{{"title", "fix"},
                     {"diagnostics",
                      {diagnostic("clang-tidy", "ctx-lost-cancel", LlvmPage),
                       diagnostic("clang-tidy", "modernize-use-nullptr", NullptrPage)}}}}}};
  std::optional<std::string> Out = relinkCtxDiagnostics(Actions.dump(), Links);
  ASSERT_TRUE(Out);
  Json Diags = Json::parse(*Out)["result"][0]["diagnostics"];
  EXPECT_EQ(Diags[0]["codeDescription"]["href"], fileUrl(Dir / "ctx-lost-cancel.md"));
  EXPECT_EQ(Diags[1]["codeDescription"]["href"], NullptrPage);
}

TEST(FileUrlTest, EncodesWhatPathsMayNotHold) {
  EXPECT_EQ(fileUrl("/usr/share/doc/ctxguard/docs/checks/ctx-lost-cancel.md"),
            "file:///usr/share/doc/ctxguard/docs/checks/ctx-lost-cancel.md");
  EXPECT_EQ(fileUrl("/a b/%/#?/é"), "file:///a%20b/%25/%23%3F/%C3%A9");
}

std::string frame(const std::string &Body) {
  return "Content-Length: " + std::to_string(Body.size()) + "\r\n\r\n" + Body;
}

/// Appends "XX" to the bodies that contain an x.
BodyRewriter appendXX() {
  return [](std::string_view Body) -> std::optional<std::string> {
    if (Body.find("x") == std::string_view::npos)
      return std::nullopt;
    return std::string(Body) + "XX";
  };
}

LspFrameRewriter xAppender() { return LspFrameRewriter(appendXX()); }

TEST(LspFrameRewriterTest, RewritesBodiesAndTheirLength) {
  LspFrameRewriter R = xAppender();
  EXPECT_EQ(R.feed(frame("{x}") + frame("{y}")), frame("{x}XX") + frame("{y}"));
  EXPECT_EQ(R.finish(), "");
}

// A pipe delivers messages in arbitrary pieces: a message is passed on once
// it is complete, whatever the split.
TEST(LspFrameRewriterTest, ReassemblesSplitMessages) {
  std::string Stream = frame("{\"a\":\"x\"}") + frame("{}") + frame("{\"b\":\"x\"}");
  std::string Expected = frame("{\"a\":\"x\"}XX") + frame("{}") + frame("{\"b\":\"x\"}XX");
  for (size_t Piece = 1; Piece <= Stream.size(); ++Piece) {
    LspFrameRewriter R = xAppender();
    std::string Out;
    for (size_t At = 0; At < Stream.size(); At += Piece)
      Out += R.feed(std::string_view(Stream).substr(At, Piece));
    Out += R.finish();
    EXPECT_EQ(Out, Expected) << "pieces of " << Piece;
  }
}

TEST(LspFrameRewriterTest, KeepsOtherHeadersAndUnframedText) {
  LspFrameRewriter R = xAppender();
  std::string Typed = "Content-Type: application/vscode-jsonrpc\r\ncontent-length: 3\r\n\r\n{x}";
  EXPECT_EQ(R.feed(Typed),
            "Content-Type: application/vscode-jsonrpc\r\nContent-Length: 5\r\n\r\n{x}XX");
  // clangd --version prints a plain line: it reaches stdout unchanged.
  EXPECT_EQ(R.feed("clangd version 22.1.8\n"), "");
  EXPECT_EQ(R.finish(), "clangd version 22.1.8\n");
}

/// Reads what is left in Fd until end of file.
std::string readAll(int Fd) {
  std::string Text;
  char Buffer[4096];
  for (ssize_t N; (N = ::read(Fd, Buffer, sizeof(Buffer))) > 0;)
    Text.append(Buffer, static_cast<size_t>(N));
  return Text;
}

// The filter in place: what is written to file descriptor 1 reaches the
// original stdout rewritten, all of it by finish(), which restores stdout.
TEST(StdoutFilterTest, RewritesWhatReachesStdoutAndRestoresIt) {
  std::fflush(stdout);
  int Saved = ::dup(STDOUT_FILENO);
  int Capture[2];
  ASSERT_EQ(::pipe(Capture), 0);
  ::dup2(Capture[1], STDOUT_FILENO);
  ::close(Capture[1]);
  {
    StdoutFilter Filter(appendXX());
    ASSERT_TRUE(Filter.active());
    std::string Stream = frame("{x}") + frame("{y}");
    ASSERT_EQ(::write(STDOUT_FILENO, Stream.data(), Stream.size()),
              static_cast<ssize_t>(Stream.size()));
    Filter.finish();
    ::write(STDOUT_FILENO, "after", 5); // stdout is the original again
  }
  ::dup2(Saved, STDOUT_FILENO);
  ::close(Saved);
  EXPECT_EQ(readAll(Capture[0]), frame("{x}XX") + frame("{y}") + "after");
  ::close(Capture[0]);
}

} // namespace
} // namespace ctxguard::clangd
