//===--- CtxguardClangdTest.cpp - ctxguard-clangd tests -------------------===//
//
// Drives ctxguard-clangd as an editor does: initialize, open a file with a
// Go-style context mistake, wait for the ctx-* diagnostic, ask for its quick
// fix. Also checks --version and clangd's --check mode. Each test works in its
// own temporary project configured by the shipped driver/clangd/example.clangd.
//
//===----------------------------------------------------------------------===//

#include "LspClient.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string_view>
#include <unistd.h>

namespace ctxguard::test {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

// Generous: the first build parses the runtime's and the standard library's
// headers, and CI runs this next to other tests on two cores.
constexpr std::chrono::seconds DiagnosticsTimeout = 120s;
constexpr std::chrono::seconds RequestTimeout = 60s;

std::string readFile(const fs::path &Path) {
  std::ifstream In(Path);
  std::stringstream Text;
  Text << In.rdbuf();
  return Text.str();
}

void writeFile(const fs::path &Path, const std::string &Text) {
  std::ofstream Out(Path);
  Out << Text;
}

/// The mistake a test opens: a source file, the check that must report it
/// on the line containing Marker with a message naming Named, and the source
/// once its quick fix is applied.
struct Mistake {
  std::string Check;
  std::string Source;
  std::string Marker;
  std::string Named;
  std::string Fixed;

  int line() const {
    std::string_view Before = std::string_view(Source).substr(0, Source.find(Marker));
    return static_cast<int>(std::ranges::count(Before, '\n'));
  }
};

// ctx-lost-cancel: `fetch` may throw before the manual cancel() runs; the
// fix-it defers the cancel on the line after its creation.
Mistake skippedCancel() {
  std::string Before = R"cpp(#include <ctx/context.hpp>
#include <ctx/defer.hpp>

#include <chrono>

void fetch(const ctx::Context &c);

void handle(const ctx::Context &parent) {
  auto [c, cancel] = ctx::with_timeout(parent, std::chrono::seconds(1));
)cpp";
  std::string After = R"cpp(  fetch(c);
  cancel();
}
)cpp";
  return {"ctx-lost-cancel", Before + After, "ctx::with_timeout", "'fetch'",
          Before + "  ctx::Defer cancel_guard{cancel};\n" + After};
}

// ctx-blocking-without-done: a plain sleep where a context is available;
// the fix-it passes the context, so the sleep returns early on cancellation.
Mistake uncancellableSleep() {
  auto Source = [](const std::string &Sleep) {
    return R"cpp(#include <ctx/context.hpp>
#include <ctx/time.hpp>

#include <chrono>

void poll(const ctx::Context &c) {
  )cpp" + Sleep +
           R"cpp(
}
)cpp";
  };
  return {"ctx-blocking-without-done", Source("ctx::sleep(std::chrono::milliseconds(5));"),
          "ctx::sleep", "'c'", Source("ctx::sleep(c, std::chrono::milliseconds(5));")};
}

/// A throwaway project with the flags and .clangd an editor user would have.
class TempProject {
public:
  TempProject() {
    std::string Pattern = (fs::temp_directory_path() / "ctxguard-clangd-XXXXXX").string();
    if (!mkdtemp(Pattern.data()))
      throw std::runtime_error("mkdtemp " + Pattern + ": " + std::strerror(errno));
    Root = Pattern;
    writeFile(Root / "compile_flags.txt",
              "-std=c++20\n-I" + std::string(CTXGUARD_RUNTIME_INCLUDE) + "\n");
    fs::copy_file(CTXGUARD_CLANGD_EXAMPLE_CONFIG, Root / ".clangd");
    fs::create_directory(Root / "xdg");
  }
  ~TempProject() {
    std::error_code Ignored;
    fs::remove_all(Root, Ignored);
  }
  TempProject(const TempProject &) = delete;
  TempProject &operator=(const TempProject &) = delete;

  fs::path Root;

  /// The environment of every server: no user-wide clangd config or flags.
  std::vector<std::string> environment() const {
    return {"XDG_CONFIG_HOME=" + (Root / "xdg").string(), "CLANGD_FLAGS=", "CTXGUARD_DOCS_URL="};
  }
};

std::string uriOf(const fs::path &Path) { return "file://" + Path.string(); }

/// The offset of an LSP position in Text (ASCII: UTF-16 units are bytes).
size_t offsetOf(const std::string &Text, const Json &Position) {
  size_t Offset = 0;
  for (int Line = Position["line"]; Line > 0; --Line)
    Offset = Text.find('\n', Offset) + 1;
  return Offset + Position["character"].get<size_t>();
}

/// Text with LSP TextEdits applied, as an editor applies a quick fix.
std::string applyEdits(std::string Text, std::vector<Json> Edits) {
  // From the last edit backwards, so that earlier offsets stay valid.
  std::sort(Edits.begin(), Edits.end(), [&](const Json &A, const Json &B) {
    return offsetOf(Text, A["range"]["start"]) > offsetOf(Text, B["range"]["start"]);
  });
  for (const Json &E : Edits) {
    size_t Begin = offsetOf(Text, E["range"]["start"]);
    size_t End = offsetOf(Text, E["range"]["end"]);
    Text.replace(Begin, End - Begin, E["newText"].get<std::string>());
  }
  return Text;
}

/// The diagnostic with code Check in a publishDiagnostics notification.
std::optional<Json> findDiagnostic(const Json &Publish, const std::string &Check) {
  for (const Json &D : Publish["params"]["diagnostics"])
    if (D.value("code", "") == Check)
      return D;
  return std::nullopt;
}

/// The text edits of a code action for file Uri, whether the server used
/// WorkspaceEdit.changes or documentChanges.
std::vector<Json> editsOf(const Json &Action, const std::string &Uri) {
  std::vector<Json> Edits;
  const Json &Edit = Action.value("edit", Json::object());
  if (Edit.contains("changes") && Edit["changes"].contains(Uri))
    for (const Json &E : Edit["changes"][Uri])
      Edits.push_back(E);
  for (const Json &Change : Edit.value("documentChanges", Json::array()))
    if (Change["textDocument"]["uri"] == Uri)
      for (const Json &E : Change["edits"])
        Edits.push_back(E);
  return Edits;
}

class CtxguardClangdTest : public ::testing::Test {
protected:
  void TearDown() override {
    // The server's own log explains most failures (flags, config, crashes).
    if (HasFailure() && fs::exists(logPath()))
      std::cerr << "--- ctxguard-clangd log ---\n" << readFile(logPath()) << "---\n";
  }

  fs::path logPath() const { return Project.Root / "clangd.log"; }

  /// Runs clangd's --check mode on M's source: one build as the editor would
  /// do it, every diagnostic (clang-tidy's too) printed to stderr.
  CommandResult runCheckMode(const Mistake &M) {
    fs::path File = Project.Root / "main.cpp";
    writeFile(File, M.Source);
    return runCommand({CTXGUARD_CLANGD, "--check=" + File.string(), "--check-warnings",
                       "--check-locations=false"},
                      Project.environment(), DiagnosticsTimeout);
  }

  TempProject Project;
};

TEST_F(CtxguardClangdTest, VersionNamesCtxguardAndClangd) {
  CommandResult R = runCommand({CTXGUARD_CLANGD, "--version"}, Project.environment(), 60s);
  EXPECT_EQ(R.ExitCode, 0) << R.Stderr;
  EXPECT_NE(R.Stdout.find("ctxguard-clangd"), std::string::npos) << R.Stdout;
  EXPECT_NE(R.Stdout.find("clangd version 22."), std::string::npos) << R.Stdout;
}

// FactsFile (docs/driver.md): a helper defined in another file, which the
// facts file says creates its own root, is flagged at its call; without the
// file it is unknown and silent.
TEST_F(CtxguardClangdTest, CheckModeReadsFactsFile) {
  Mistake M{"ctx-background-mid-flow",
            "#include <ctx/context.hpp>\n\nvoid refresh_prices();\n\n"
            "void handle(const ctx::Context &c) {\n  refresh_prices();\n}\n",
            "refresh_prices();\n}", "", ""};
  // As `ctxguard --export-facts` writes it for prices.cpp.
  writeFile(Project.Root / "facts.json", R"json({"schema": "ctxguard-facts", "version": 2,
    "functions": [{"key": "c:@F@refresh_prices#", "name": "refresh_prices",
      "file": "/src/prices.cpp", "line": 6, "mayOwnRoot": true, "callsRoot": true,
      "rootLine": 7, "rootCallee": "ctx::background", "mayThrow": false, "spawns": false,
      "params": [], "calls": []}]})json");
  std::string Expected = "[" + M.Check + "] Line " + std::to_string(M.line() + 1) + ": ";
  CommandResult Without = runCheckMode(M);
  EXPECT_EQ(Without.Stderr.find(Expected), std::string::npos) << Without.Stderr;
  writeFile(Project.Root / ".clangd",
            readFile(Project.Root / ".clangd") + "    CheckOptions:\n      FactsFile: " +
                (Project.Root / "facts.json").string() + "\n");
  CommandResult With = runCheckMode(M);
  EXPECT_EQ(With.ExitCode, 0) << With.Stderr;
  // (--check prints no notes: the driver's tests check the note naming prices.cpp.)
  EXPECT_NE(With.Stderr.find(Expected), std::string::npos) << With.Stderr;
}

TEST_F(CtxguardClangdTest, CheckModeReportsCtxDiagnostic) {
  Mistake M = skippedCancel();
  CommandResult R = runCheckMode(M);
  EXPECT_EQ(R.ExitCode, 0) << R.Stderr;
  std::string Expected = "[" + M.Check + "] Line " + std::to_string(M.line() + 1) + ": ";
  EXPECT_NE(R.Stderr.find(Expected), std::string::npos) << "no '" << Expected << "' in\n"
                                                        << R.Stderr;
}

// Without FastCheckFilter: Loose, clangd drops every check it has not
// measured, ours included: the reason example.clangd sets it.
TEST_F(CtxguardClangdTest, CheckModeDropsCtxChecksUnderStrictFastCheckFilter) {
  Mistake M = skippedCancel();
  writeFile(Project.Root / ".clangd", "Diagnostics:\n  ClangTidy:\n    Add: [ctx-*]\n");
  CommandResult R = runCheckMode(M);
  EXPECT_EQ(R.ExitCode, 0) << R.Stderr;
  EXPECT_NE(R.Stderr.find("All checks completed"), std::string::npos) << R.Stderr;
  EXPECT_EQ(R.Stderr.find("[" + M.Check + "]"), std::string::npos) << R.Stderr;
}

// clangd's own clang-tidy modules are linked as well: the ctx module adds to
// them, it does not replace them.
TEST_F(CtxguardClangdTest, CheckModeRunsStockChecksToo) {
  writeFile(Project.Root / ".clangd",
            "Diagnostics:\n  ClangTidy:\n    Add: [modernize-use-nullptr]\n");
  Mistake M{"modernize-use-nullptr", "int *Pointer = 0;\n", "Pointer", "", ""};
  CommandResult R = runCheckMode(M);
  EXPECT_EQ(R.ExitCode, 0) << R.Stderr;
  EXPECT_NE(R.Stderr.find("[modernize-use-nullptr] Line 1: "), std::string::npos) << R.Stderr;
}

/// Starts an LSP session with ctxguard-clangd as an editor would: the
/// capabilities that make clangd send quick fixes as code-action literals.
void initialize(LspClient &Client, const fs::path &Root) {
  Json Capabilities = {{"textDocument",
                        {{"publishDiagnostics", {{"relatedInformation", true}}},
                         {"codeAction",
                          {{"codeActionLiteralSupport",
                            {{"codeActionKind", {{"valueSet", {"quickfix", "refactor"}}}}}}}}}}};
  int Init = Client.request("initialize", {{"processId", static_cast<int>(getpid())},
                                           {"rootUri", uriOf(Root)},
                                           {"capabilities", Capabilities}});
  std::optional<Json> InitResult = Client.waitForResponse(Init, Clock::now() + RequestTimeout);
  ASSERT_TRUE(InitResult && InitResult->contains("result")) << "no initialize result";
  EXPECT_TRUE((*InitResult)["result"]["capabilities"].contains("codeActionProvider"));
  Client.notify("initialized", Json::object());
}

/// Opens M's source as File, waits for M's diagnostic, then asks for the
/// code actions on its range: one quick fix must turn the source into
/// M.Fixed.
void expectDiagnosticAndQuickFix(LspClient &Client, const Mistake &M, const fs::path &File) {
  SCOPED_TRACE(M.Check);
  writeFile(File, M.Source);
  std::string Uri = uriOf(File);
  Client.notify("textDocument/didOpen",
                {{"textDocument",
                  {{"uri", Uri}, {"languageId", "cpp"}, {"version", 1}, {"text", M.Source}}}});

  // clangd publishes after each build, clang-tidy's findings included.
  std::optional<Json> Publish = Client.waitFor(
      [&](const Json &Msg) {
        return Msg.value("method", "") == "textDocument/publishDiagnostics" &&
               Msg["params"]["uri"] == Uri && findDiagnostic(Msg, M.Check);
      },
      Clock::now() + DiagnosticsTimeout);
  ASSERT_TRUE(Publish) << "no " << M.Check << " diagnostic; last messages:\n"
                       << (Client.received().empty() ? "" : Client.received().back().dump(2));
  Json Diag = *findDiagnostic(*Publish, M.Check);
  EXPECT_EQ(Diag["source"], "clang-tidy");
  EXPECT_EQ(Diag["severity"], 2); // warning
  EXPECT_EQ(Diag["range"]["start"]["line"], M.line());
  EXPECT_NE(Diag["message"].get<std::string>().find(M.Named), std::string::npos) << Diag.dump(2);
  // The check's page, staged beside build/bin as it is installed; never
  // clang.llvm.org, which has no page for the ctx module.
  fs::path Page = fs::path(CTXGUARD_STAGED_CHECK_DOCS) / (M.Check + ".md");
  EXPECT_EQ(Diag["codeDescription"]["href"], uriOf(Page)) << Diag.dump(2);
  EXPECT_TRUE(fs::is_regular_file(Page)) << Page;

  int Action =
      Client.request("textDocument/codeAction",
                     {{"textDocument", {{"uri", Uri}}},
                      {"range", Diag["range"]},
                      {"context", {{"diagnostics", Json::array({Diag})}, {"only", {"quickfix"}}}}});
  std::optional<Json> Actions = Client.waitForResponse(Action, Clock::now() + RequestTimeout);
  ASSERT_TRUE(Actions && (*Actions)["result"].is_array()) << "no codeAction result";
  // clangd may offer more (e.g. a NOLINT comment); one must be the fix-it.
  bool Found = false;
  for (const Json &A : (*Actions)["result"])
    Found |= A.value("kind", "") == "quickfix" && applyEdits(M.Source, editsOf(A, Uri)) == M.Fixed;
  EXPECT_TRUE(Found) << "no quick fix producing\n" << M.Fixed << "in\n" << Actions->dump(2);
}

TEST_F(CtxguardClangdTest, LspPublishesCtxDiagnosticsAndQuickFixes) {
  LspClient Client({CTXGUARD_CLANGD, "--background-index=false", "--pch-storage=memory", "-j=2"},
                   Project.environment(), logPath().string());
  ASSERT_NO_FATAL_FAILURE(initialize(Client, Project.Root));
  expectDiagnosticAndQuickFix(Client, skippedCancel(), Project.Root / "cancel.cpp");
  expectDiagnosticAndQuickFix(Client, uncancellableSleep(), Project.Root / "sleep.cpp");

  std::optional<int> Exit = Client.shutdown(Clock::now() + RequestTimeout);
  ASSERT_TRUE(Exit) << "ctxguard-clangd did not exit after shutdown/exit";
  EXPECT_EQ(*Exit, 0);
}

// --ctx-docs-url links ctx-* findings to a web copy of the pages (given here
// as a separate argument, which clangd never sees); the stock checks keep
// clangd's own links.
TEST_F(CtxguardClangdTest, LspLinksCtxFindingsToWebPagesAndLeavesStockChecksAlone) {
  writeFile(Project.Root / ".clangd",
            "Diagnostics:\n  ClangTidy:\n    Add: [ctx-*, modernize-use-nullptr]\n"
            "    FastCheckFilter: Loose\n");
  LspClient Client({CTXGUARD_CLANGD, "--background-index=false", "--ctx-docs-url",
                    "https://example.org/checks/"},
                   Project.environment(), logPath().string());
  ASSERT_NO_FATAL_FAILURE(initialize(Client, Project.Root));
  Mistake M = skippedCancel();
  std::string Source = M.Source + "int *Pointer = 0;\n";
  fs::path File = Project.Root / "both.cpp";
  writeFile(File, Source);
  Client.notify(
      "textDocument/didOpen",
      {{"textDocument",
        {{"uri", uriOf(File)}, {"languageId", "cpp"}, {"version", 1}, {"text", Source}}}});
  std::optional<Json> Publish = Client.waitFor(
      [&](const Json &Msg) {
        return Msg.value("method", "") == "textDocument/publishDiagnostics" &&
               findDiagnostic(Msg, M.Check) && findDiagnostic(Msg, "modernize-use-nullptr");
      },
      Clock::now() + DiagnosticsTimeout);
  ASSERT_TRUE(Publish) << "no ctx-lost-cancel and modernize-use-nullptr diagnostics";
  EXPECT_EQ((*findDiagnostic(*Publish, M.Check))["codeDescription"]["href"],
            "https://example.org/checks/ctx-lost-cancel.md");
  EXPECT_EQ((*findDiagnostic(*Publish, "modernize-use-nullptr"))["codeDescription"]["href"],
            "https://clang.llvm.org/extra/clang-tidy/checks/modernize/use-nullptr.html");
  std::optional<int> Exit = Client.shutdown(Clock::now() + RequestTimeout);
  ASSERT_TRUE(Exit) << "ctxguard-clangd did not exit after shutdown/exit";
  EXPECT_EQ(*Exit, 0);
}

} // namespace
} // namespace ctxguard::test
