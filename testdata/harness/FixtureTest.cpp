// Runs every fixture in testdata/<check>/ through the real clang-tidy engine
// with the ctx module loaded, and compares the diagnostics with the
// fixture's inline expectations; fix-its are compared with <name>.fixed.cpp.
// A fixture marked `// PENDING: <reason>` is only compiled (it must be valid
// code) and reported as skipped, unless CTXGUARD_RUN_PENDING=1 is set.
#include "Fixture.h"
#include "ProfileDeps.inc" // generated: the flags of each PROFILE-DEPS name

#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <sys/wait.h>

namespace fs = std::filesystem;
using namespace ctxguard::testing;

namespace {

struct Result {
  int Status = -1;
  std::string Output;
};

std::string quote(const std::string &S) {
  std::string Out = "'";
  for (char C : S)
    Out += C == '\'' ? std::string("'\\''") : std::string(1, C);
  return Out + "'";
}

Result run(const std::string &Command) {
  Result R;
  FILE *Pipe = popen((Command + " 2>&1").c_str(), "r");
  if (!Pipe)
    return R;
  std::array<char, 4096> Buffer;
  size_t N;
  while ((N = fread(Buffer.data(), 1, Buffer.size(), Pipe)) > 0)
    R.Output.append(Buffer.data(), N);
  int Status = pclose(Pipe);
  R.Status = WIFEXITED(Status) ? WEXITSTATUS(Status) : -1;
  return R;
}

std::string readFile(const fs::path &P) {
  std::ifstream In(P, std::ios::binary);
  std::stringstream S;
  S << In.rdbuf();
  return S.str();
}

std::string join(const std::vector<std::string> &Items, const std::string &Sep) {
  std::string Out;
  for (const auto &I : Items)
    Out += (Out.empty() ? "" : Sep) + I;
  return Out;
}

// The flags of the real library headers a fixture asks for (PROFILE-DEPS),
// or an explanation of why they are not available in this build.
std::vector<std::string> depFlags(const std::string &Dep, std::string &Missing) {
  if (Dep == "grpc") {
    if (!CtxguardGrpcAvailable)
      Missing = std::string("PROFILE-DEPS: grpc is not available in this build: ") +
                CtxguardGrpcMissing;
    std::vector<std::string> Flags;
    for (const char *const *Flag = CtxguardGrpcFlags; *Flag; ++Flag)
      Flags.push_back(*Flag);
    return Flags;
  }
  Missing = "unknown PROFILE-DEPS '" + Dep + "'";
  return {};
}

std::string compilerFlags(const Fixture &F) {
  std::string Flags = "-std=c++20 -I" + quote(CTXGUARD_RUNTIME_INCLUDE);
  for (const auto &Dep : F.Deps) {
    std::string Missing;
    for (const auto &Flag : depFlags(Dep, Missing))
      Flags += " " + quote(Flag);
  }
  for (const auto &Flag : F.Flags)
    Flags += " " + quote(Flag);
  return Flags;
}

bool runPending() {
  const char *Env = std::getenv("CTXGUARD_RUN_PENDING");
  return Env && std::string(Env) == "1";
}

std::string tidyCommand(const Fixture &F, const std::string &File, const std::string &Extra) {
  std::string Config = "{Checks: '-*," + join(F.Checks, ",") + "', CheckOptions: {";
  for (size_t I = 0; I < F.Options.size(); ++I)
    Config += (I ? ", " : "") + F.Options[I].first + ": '" + F.Options[I].second + "'";
  Config += "}}";
  return quote(CTXGUARD_CLANG_TIDY) + " --load=" + quote(CTXGUARD_PLUGIN) + " --quiet" +
         " --config=" + quote(Config) + " " + Extra + " " + quote(File) + " -- " +
         compilerFlags(F);
}

// The checks the plugin registers (clang-tidy --list-checks), read once: a
// fixture whose check does not exist would otherwise pass with no diagnostics.
const std::string &registeredChecks() {
  static const std::string Listed =
      run(quote(CTXGUARD_CLANG_TIDY) + " --load=" + quote(CTXGUARD_PLUGIN) +
          " --checks='-*,ctx-*' --list-checks")
          .Output;
  return Listed;
}

class FixtureTest : public ::testing::Test {
public:
  FixtureTest(fs::path Path, std::string Check) : Path(std::move(Path)), Check(std::move(Check)) {}

  void TestBody() override {
    std::vector<std::string> Errors;
    Fixture F = parseFixture(Path.string(), Check, Errors);
    for (const auto &E : Errors)
      ADD_FAILURE() << Path.string() << ": " << E;
    bool DepsMissing = false;
    for (const auto &Dep : F.Deps) {
      std::string Missing;
      depFlags(Dep, Missing);
      if (!Missing.empty()) {
        ADD_FAILURE() << Path.string() << ": " << Missing;
        DepsMissing = true;
      }
    }
    if (DepsMissing)
      return;

    if (!F.Pending.empty() && !runPending()) {
      // Not implemented yet: the fixture must still be valid, warning-free code.
      Result Compile = run(quote(CTXGUARD_CLANGXX) + " -fsyntax-only " + compilerFlags(F) + " " +
                           quote(Path.string()));
      if (Compile.Status != 0 || !Compile.Output.empty())
        ADD_FAILURE() << "pending fixture " << Path.string()
                      << " does not compile cleanly:\n" << Compile.Output;
      else if (!HasFailure())
        GTEST_SKIP() << "PENDING: " << F.Pending
                     << " (compiles; CTXGUARD_RUN_PENDING=1 checks its expectations)";
      return;
    }

    for (const auto &C : F.Checks)
      if (registeredChecks().find("    " + C + "\n") == std::string::npos)
        ADD_FAILURE() << Path.string() << ": check " << C << " is not registered by the plugin";

    Result R = run(tidyCommand(F, Path.string(), ""));
    std::vector<std::string> Stray;
    std::vector<Diagnostic> Reported = parseClangTidyOutput(R.Output, Path.string(), Stray);
    for (const auto &S : Stray)
      ADD_FAILURE() << "diagnostic outside the fixture's expectations: " << S;
    if (R.Status != 0 && R.Status != 1)
      ADD_FAILURE() << "clang-tidy exited " << R.Status;
    for (const auto &P : compare(F.Expected, Reported, F.Checks))
      ADD_FAILURE() << Path.string() << ":" << P;
    if (HasFailure())
      std::cerr << "clang-tidy output:\n" << R.Output;

    fs::path Golden = Path;
    Golden.replace_extension(".fixed.cpp");
    if (fs::exists(Golden))
      checkFixes(F, Golden);
  }

private:
  void checkFixes(const Fixture &F, const fs::path &Golden) {
    fs::path Dir = fs::temp_directory_path() /
                   ("ctxguard-fix-" + std::to_string(::getpid()) + "-" + Path.stem().string());
    fs::create_directories(Dir);
    fs::path Copy = Dir / Path.filename();
    fs::copy_file(Path, Copy, fs::copy_options::overwrite_existing);
    Result R = run(tidyCommand(F, Copy.string(), "--fix"));
    EXPECT_TRUE(R.Status == 0 || R.Status == 1) << R.Output;
    EXPECT_EQ(readFile(Copy), readFile(Golden))
        << "fix-its applied to " << Path.string() << " differ from " << Golden.string();
    Result Compile = run(quote(CTXGUARD_CLANGXX) + " -fsyntax-only " + compilerFlags(F) + " " +
                         quote(Golden.string()));
    EXPECT_EQ(Compile.Status, 0) << "golden file does not compile:\n" << Compile.Output;
    fs::remove_all(Dir);
  }

  fs::path Path;
  std::string Check;
};

// GoogleTest filters treat '-' as the start of negative patterns, so a suite
// named "ctx-lost-cancel" could never be selected: use identifiers.
std::string testName(std::string Name) {
  for (char &C : Name)
    if (!std::isalnum(static_cast<unsigned char>(C)))
      C = '_';
  return Name;
}

void registerFixtures() {
  std::vector<fs::path> Files;
  for (const auto &Dir : fs::directory_iterator(CTXGUARD_TESTDATA_DIR)) {
    if (!Dir.is_directory() || Dir.path().filename().string().rfind("ctx-", 0) != 0)
      continue;
    for (const auto &File : fs::directory_iterator(Dir.path())) {
      const std::string Name = File.path().filename().string();
      if (File.path().extension() == ".cpp" && Name.find(".fixed.") == std::string::npos)
        Files.push_back(File.path());
    }
  }
  std::sort(Files.begin(), Files.end());
  for (const fs::path &File : Files) {
    std::string Check = File.parent_path().filename().string();
    ::testing::RegisterTest(testName(Check).c_str(), testName(File.stem().string()).c_str(),
                            nullptr, nullptr,
                            File.string().c_str(), 1,
                            [=]() -> ::testing::Test * { return new FixtureTest(File, Check); });
  }
}

} // namespace

int main(int argc, char **argv) {
  ::testing::InitGoogleTest(&argc, argv);
  registerFixtures();
  int Status = RUN_ALL_TESTS();
  // A filter that selects nothing must not pass silently.
  if (::testing::UnitTest::GetInstance()->test_to_run_count() == 0) {
    std::cerr << "no fixture test matched\n";
    return 1;
  }
  return Status;
}
