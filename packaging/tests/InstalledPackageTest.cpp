//===--- InstalledPackageTest.cpp - the .deb, as a user installs it -------===//
//
// Builds the Debian package with CPack, unpacks it with dpkg-deb into a
// temporary prefix and uses it from there as a user would: the CMake package
// builds the installed examples against the installed runtime, then the
// installed driver, the plugin (through clang-tidy-22 --load) and
// ctxguard-clangd (one LSP round trip) analyze them. Nothing comes from the
// build tree but the package itself.
//
//===----------------------------------------------------------------------===//

#include "LspClient.h"

#include <gtest/gtest.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <stdexcept>
#include <unistd.h>

namespace ctxguard::test {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

/// A finding as "file:line: check", the file by its name only: the three
/// hosts print paths differently.
using Findings = std::set<std::string>;

/// The deliberate mistakes of examples/ (examples/README.md).
const Findings &expectedFindings() {
  static const Findings Expected = {
      "fetcher.cpp:29: ctx-lost-cancel",           "fetcher.cpp:52: ctx-abandoned-sender",
      "fetcher.cpp:52: ctx-blocking-without-done", "inventory.hpp:39: ctx-stored-in-struct",
      "server.cpp:19: ctx-background-mid-flow",    "worker_pool.cpp:55: ctx-blocking-without-done",
  };
  return Expected;
}

Findings inFile(const Findings &All, const std::string &File) {
  Findings Result;
  for (const std::string &F : All)
    if (F.starts_with(File + ":"))
      Result.insert(F);
  return Result;
}

std::string describe(const Findings &F) {
  std::string Text;
  for (const std::string &Line : F)
    Text += "  " + Line + "\n";
  return Text;
}

/// The warnings of a compiler-style report ("path:line:col: warning: ...
/// [check]"), ctx-* checks only.
Findings warningsIn(const std::string &Report) {
  static const std::regex Warning(
      R"(^(?:.*/)?([^/:]+):(\d+):\d+: warning: .* \[(ctx-[a-z-]+)(?:,[^\]]*)?\]$)");
  Findings Result;
  std::istringstream Lines(Report);
  std::smatch M;
  for (std::string Line; std::getline(Lines, Line);)
    if (std::regex_match(Line, M, Warning))
      Result.insert(M[1].str() + ":" + M[2].str() + ": " + M[3].str());
  return Result;
}

std::string readFile(const fs::path &Path) {
  std::ifstream In(Path);
  std::stringstream Text;
  Text << In.rdbuf();
  return Text.str();
}

/// Runs a command; its output is part of every failure message.
CommandResult run(const std::vector<std::string> &Argv, std::chrono::seconds Timeout,
                  const std::vector<std::string> &Env = {}) {
  return runCommand(Argv, Env, Timeout);
}

std::string show(const CommandResult &R) {
  return "exit " + std::to_string(R.ExitCode) + "\n--- stdout ---\n" + R.Stdout +
         "\n--- stderr ---\n" + R.Stderr;
}

/// The package, built and unpacked once for every test below.
struct Installed {
  fs::path Root;    // the temporary directory holding everything
  fs::path Deb;     // the .deb CPack built
  fs::path Prefix;  // the unpacked /usr
  fs::path Project; // a copy of the installed examples/, built against Prefix
  fs::path Build;   // its build tree and compile_commands.json
  std::string Error;

  fs::path bin(const std::string &Name) const { return Prefix / CTXGUARD_INSTALL_BINDIR / Name; }
  fs::path checkDocs() const { return Prefix / CTXGUARD_INSTALL_DOCDIR / "docs" / "checks"; }
  std::vector<fs::path> sources() const {
    return {Project / "fetcher.cpp", Project / "worker_pool.cpp", Project / "server.cpp",
            Project / "main.cpp"};
  }
};

/// Each step returns an error message, or an empty string.
std::string buildPackage(Installed &I) {
  CommandResult R = run(
      {CTXGUARD_CPACK, "--config", CTXGUARD_CPACK_CONFIG, "-B", (I.Root / "out").string()}, 900s);
  if (R.ExitCode != 0)
    return "cpack failed: " + show(R);
  for (const fs::directory_entry &E : fs::directory_iterator(I.Root / "out"))
    if (E.path().extension() == ".deb")
      I.Deb = E.path();
  return I.Deb.empty() ? "cpack wrote no .deb: " + show(R) : "";
}

std::string unpack(Installed &I) {
  CommandResult R =
      run({CTXGUARD_DPKG_DEB, "-x", I.Deb.string(), (I.Root / "root").string()}, 300s);
  if (R.ExitCode != 0)
    return "dpkg-deb -x failed: " + show(R);
  I.Prefix = I.Root / "root" / fs::path(CTXGUARD_PACKAGE_PREFIX).relative_path();
  return fs::is_directory(I.Prefix) ? "" : "no " + I.Prefix.string() + " in the package";
}

/// Copies the installed examples where a user would put them and builds them
/// with the installed CMake package (find_package(ctx)) and runtime.
std::string buildExamples(Installed &I) {
  fs::path Work = I.Root / "work";
  I.Project = Work / "examples";
  I.Build = Work / "build" / "examples"; // where examples/.clangd looks
  fs::create_directories(Work / "build");
  std::error_code Error;
  fs::copy(I.Prefix / CTXGUARD_INSTALL_DOCDIR / "examples", I.Project, fs::copy_options::recursive,
           Error);
  if (Error)
    return "copying the installed examples: " + Error.message();
  CommandResult R = run({CTXGUARD_CMAKE, "-S", I.Project.string(), "-B", I.Build.string(), "-G",
                         CTXGUARD_GENERATOR, "-DCMAKE_MAKE_PROGRAM=" CTXGUARD_MAKE_PROGRAM,
                         "-DCMAKE_CXX_COMPILER=" CTXGUARD_CXX, "-DCMAKE_EXPORT_COMPILE_COMMANDS=ON",
                         "-DCMAKE_PREFIX_PATH=" + I.Prefix.string()},
                        300s);
  if (R.ExitCode != 0)
    return "configuring the examples with the installed package failed: " + show(R);
  R = run({CTXGUARD_CMAKE, "--build", I.Build.string()}, 600s);
  return R.ExitCode == 0 ? ""
                         : "building the examples against the installed runtime failed: " + show(R);
}

class InstalledPackageTest : public ::testing::Test {
protected:
  static void SetUpTestSuite() {
    std::string Pattern = (fs::temp_directory_path() / "ctxguard-package-XXXXXX").string();
    if (!mkdtemp(Pattern.data())) {
      Package.Error = std::string("mkdtemp: ") + std::strerror(errno);
      return;
    }
    Package.Root = Pattern;
    for (auto Step : {buildPackage, unpack, buildExamples})
      if (Package.Error = Step(Package); !Package.Error.empty())
        return;
  }
  static void TearDownTestSuite() {
    std::error_code Ignored;
    if (!Package.Root.empty())
      fs::remove_all(Package.Root, Ignored);
  }
  void SetUp() override { ASSERT_EQ(Package.Error, "") << "the package could not be set up"; }

  static Installed Package;
};

Installed InstalledPackageTest::Package;

// The package's dependencies are Debian's LLVM 22 packages: the shared
// libraries the binaries link, the plugin's host, the builtin headers.
TEST_F(InstalledPackageTest, DependsOnDebiansLlvm22) {
  CommandResult R = run({CTXGUARD_DPKG_DEB, "--field", Package.Deb.string(), "Depends"}, 60s);
  ASSERT_EQ(R.ExitCode, 0) << show(R);
  for (const char *Dependency :
       {"libclang-cpp22", "libllvm22", "clang-tidy-22", "libclang-common-22-dev", "libc6"})
    EXPECT_TRUE(
        std::regex_search(R.Stdout, std::regex(std::string("(^|, )") + Dependency + "( |,|$)")))
        << "no " << Dependency << " in Depends: " << R.Stdout;
}

TEST_F(InstalledPackageTest, InstallsEveryPart) {
  for (const fs::path &Part :
       {Package.bin("ctxguard"), Package.bin("ctxguard-clangd"),
        Package.Prefix / CTXGUARD_INSTALL_LIBDIR / "libctxguard-tidy.so",
        Package.Prefix / CTXGUARD_INSTALL_LIBDIR / "libctx_runtime.a",
        Package.Prefix / CTXGUARD_INSTALL_LIBDIR / "cmake" / "ctx" / "ctxConfig.cmake",
        Package.Prefix / CTXGUARD_INSTALL_INCLUDEDIR / "ctx" / "ctx.hpp",
        Package.Prefix / CTXGUARD_INSTALL_DOCDIR / "README.md", Package.checkDocs() / "README.md"})
    EXPECT_TRUE(fs::is_regular_file(Part)) << Part << " is not installed";
  for (const std::string &Check :
       {"ctx-lost-cancel", "ctx-abandoned-sender", "ctx-stored-in-struct"})
    EXPECT_TRUE(fs::is_regular_file(Package.checkDocs() / (Check + ".md"))) << Check;
}

TEST_F(InstalledPackageTest, DriverFindsTheExamplesMistakes) {
  CommandResult R = run({Package.bin("ctxguard").string(), "-p", Package.Build.string()}, 600s);
  EXPECT_EQ(R.ExitCode, 1) << show(R);
  Findings Found = warningsIn(R.Stdout);
  EXPECT_EQ(Found, expectedFindings()) << "found:\n" << describe(Found) << show(R);
  // The summary (on stderr) counts each finding once.
  EXPECT_NE(R.Stderr.find(std::to_string(expectedFindings().size()) + " findings in 4 files"),
            std::string::npos)
      << show(R);
}

TEST_F(InstalledPackageTest, PluginLoadsIntoClangTidy22) {
  std::vector<std::string> Argv = {
      CTXGUARD_CLANG_TIDY,
      "--load=" + (Package.Prefix / CTXGUARD_INSTALL_LIBDIR / "libctxguard-tidy.so").string(), "-p",
      Package.Build.string(), "--quiet"};
  for (const fs::path &Source : Package.sources())
    Argv.push_back(Source.string());
  CommandResult R = run(Argv, 600s);
  Findings Found = warningsIn(R.Stdout);
  EXPECT_EQ(Found, expectedFindings()) << "found:\n" << describe(Found) << show(R);
}

/// The ctx-* diagnostics of one publishDiagnostics notification.
Findings ctxDiagnostics(const Json &Publish, const std::string &File) {
  Findings Result;
  for (const Json &D : Publish["params"]["diagnostics"])
    if (D.value("code", "").starts_with("ctx-"))
      Result.insert(File + ":" + std::to_string(D["range"]["start"]["line"].get<int>() + 1) + ": " +
                    D["code"].get<std::string>());
  return Result;
}

// One LSP round trip with the installed ctxguard-clangd: the findings of
// fetcher.cpp, each linked to its page in the installed docs.
TEST_F(InstalledPackageTest, ClangdPublishesFindingsLinkedToInstalledDocs) {
  fs::path Xdg = Package.Root / "xdg";
  fs::create_directories(Xdg);
  fs::path Log = Package.Root / "clangd.log";
  LspClient Client({Package.bin("ctxguard-clangd").string(), "--background-index=false", "-j=2"},
                   {"XDG_CONFIG_HOME=" + Xdg.string(), "CLANGD_FLAGS=", "CTXGUARD_DOCS_URL="},
                   Log.string());
  int Init = Client.request("initialize", {{"processId", static_cast<int>(getpid())},
                                           {"rootUri", "file://" + Package.Project.string()},
                                           {"capabilities", Json::object()}});
  ASSERT_TRUE(Client.waitForResponse(Init, Clock::now() + 120s)) << readFile(Log);
  Client.notify("initialized", Json::object());

  fs::path File = Package.Project / "fetcher.cpp";
  std::string Uri = "file://" + File.string();
  Client.notify(
      "textDocument/didOpen",
      {{"textDocument",
        {{"uri", Uri}, {"languageId", "cpp"}, {"version", 1}, {"text", readFile(File)}}}});
  std::optional<Json> Publish = Client.waitFor(
      [&](const Json &Msg) {
        return Msg.value("method", "") == "textDocument/publishDiagnostics" &&
               Msg["params"]["uri"] == Uri && !ctxDiagnostics(Msg, "").empty();
      },
      Clock::now() + 300s);
  ASSERT_TRUE(Publish) << "no ctx-* diagnostic for fetcher.cpp\n" << readFile(Log);
  Findings Found = ctxDiagnostics(*Publish, "fetcher.cpp");
  EXPECT_EQ(Found, inFile(expectedFindings(), "fetcher.cpp")) << describe(Found);
  for (const Json &D : (*Publish)["params"]["diagnostics"]) {
    if (!D.value("code", "").starts_with("ctx-"))
      continue;
    fs::path Page = Package.checkDocs() / (D["code"].get<std::string>() + ".md");
    EXPECT_EQ(D["codeDescription"]["href"], "file://" + Page.string()) << D.dump(2);
    EXPECT_TRUE(fs::is_regular_file(Page)) << Page;
  }
  std::optional<int> Exit = Client.shutdown(Clock::now() + 60s);
  EXPECT_EQ(Exit, 0) << readFile(Log);
}

} // namespace
} // namespace ctxguard::test
