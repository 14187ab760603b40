// Static and dynamic verdicts agree. For each fixture of the goroutine-leak
// checks with a `#ifdef CTXGUARD_SCENARIO` block: the spawn lines named by
// the warnings clang-tidy reports on it (with the plugin) must be exactly the
// spawn sites of the goroutines its scenario program leaves running
// (ctx::leakcheck::running()); the program built from the fix-its' golden
// file must leave none.
#include "Fixture.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <sys/wait.h>
#include <unistd.h>

namespace fs = std::filesystem;
using namespace ctxguard::testing;

namespace {

struct Output {
  int Status = -1;
  std::string Text; // stdout and stderr
};

// Runs \p Argv without a shell, killed after a minute, and collects its output.
Output runProgram(const std::vector<std::string> &Argv) {
  Output Result;
  int Pipe[2];
  if (pipe(Pipe) != 0)
    return Result;
  pid_t Child = fork();
  if (Child == 0) {
    dup2(Pipe[1], STDOUT_FILENO);
    dup2(Pipe[1], STDERR_FILENO);
    close(Pipe[0]);
    close(Pipe[1]);
    std::vector<char *> Args;
    for (const std::string &A : Argv)
      Args.push_back(const_cast<char *>(A.c_str()));
    Args.push_back(nullptr);
    alarm(60); // survives exec: a scenario that hangs is killed
    execv(Args[0], Args.data());
    _exit(127);
  }
  close(Pipe[1]);
  char Chunk[4096];
  for (ssize_t N; (N = read(Pipe[0], Chunk, sizeof Chunk)) > 0;)
    Result.Text.append(Chunk, static_cast<size_t>(N));
  close(Pipe[0]);
  int Status = 0;
  if (Child > 0 && waitpid(Child, &Status, 0) == Child && WIFEXITED(Status))
    Result.Status = WEXITSTATUS(Status);
  return Result;
}

bool hasScenario(const fs::path &File) {
  std::ifstream In(File);
  for (std::string Line; std::getline(In, Line);)
    if (Line.rfind("#ifdef CTXGUARD_SCENARIO", 0) == 0)
      return true;
  return false;
}

// The warnings clang-tidy with the plugin reports on fixture \p F.
std::vector<Diagnostic> staticWarnings(const Fixture &F, std::string &Log) {
  std::string Config = "{Checks: '-*";
  for (const std::string &Check : F.Checks)
    Config += "," + Check;
  Config += "', CheckOptions: {";
  for (size_t I = 0; I < F.Options.size(); ++I)
    Config += (I ? ", " : "") + F.Options[I].first + ": '" + F.Options[I].second + "'";
  Config += "}}";
  std::vector<std::string> Command = {CTXGUARD_CLANG_TIDY,
                                      std::string("--load=") + CTXGUARD_PLUGIN,
                                      "--quiet",
                                      "--config=" + Config,
                                      F.Path,
                                      "--",
                                      "-std=c++20",
                                      std::string("-I") + CTXGUARD_RUNTIME_INCLUDE};
  Command.insert(Command.end(), F.Flags.begin(), F.Flags.end());
  Output Tidy = runProgram(Command);
  Log = Tidy.Text;
  EXPECT_TRUE(Tidy.Status == 0 || Tidy.Status == 1) << "clang-tidy failed:\n" << Tidy.Text;
  std::vector<std::string> Stray;
  std::vector<Diagnostic> Warnings;
  for (const Diagnostic &D : parseClangTidyOutput(Tidy.Text, F.Path, Stray))
    if (D.Kind == "warning")
      Warnings.push_back(D);
  return Warnings;
}

// The numbers of a list "N, M, ...".
std::set<int> numbers(const std::string &List) {
  std::set<int> Out;
  std::stringstream In(List);
  for (std::string Number; std::getline(In, Number, ',');)
    if (Number.find_first_of("0123456789") != std::string::npos)
      Out.insert(std::stoi(Number));
  return Out;
}

// The spawn lines the warnings point at: each names the line of its
// goroutine's ctx::go ("goroutine started on line N", "lines N, M").
std::set<int> spawnLinesNamed(const std::vector<Diagnostic> &Warnings) {
  static const std::regex SpawnLines(R"(started on lines? ([0-9]+(, [0-9]+)*))");
  std::set<int> Lines;
  for (const Diagnostic &D : Warnings) {
    std::smatch M;
    if (std::regex_search(D.Message, M, SpawnLines))
      Lines.merge(numbers(M[1].str()));
  }
  return Lines;
}

// The spawn lines, in \p Source, of the goroutines the program leaves running.
std::set<int> dynamicSpawnLines(const fs::path &Program, const fs::path &Source, std::string &Log) {
  Output Run = runProgram({Program.string()});
  Log = Run.Text;
  EXPECT_EQ(Run.Status, 0) << Program << " failed:\n" << Run.Text;
  std::set<int> Lines;
  std::stringstream In(Run.Text);
  static const std::regex Leak(R"(^leak (.*):([0-9]+)$)");
  for (std::string Line; std::getline(In, Line);) {
    std::smatch M;
    if (!std::regex_match(Line, M, Leak))
      continue;
    EXPECT_EQ(fs::path(M[1].str()).filename(), Source.filename())
        << "a goroutine started outside the fixture leaked: " << Line;
    Lines.insert(std::stoi(M[2].str()));
  }
  return Lines;
}

std::string show(const std::set<int> &Lines) {
  std::string Out = "{";
  for (int L : Lines)
    Out += (Out.size() > 1 ? ", " : "") + std::to_string(L);
  return Out + "}";
}

class ScenarioTest : public ::testing::Test {
public:
  ScenarioTest(fs::path Fixture, std::string Check)
      : FixturePath(std::move(Fixture)), Check(std::move(Check)) {}

  void TestBody() override {
    std::vector<std::string> Errors;
    Fixture F = parseFixture(FixturePath.string(), Check, Errors);
    for (const std::string &E : Errors)
      ADD_FAILURE() << FixturePath.string() << ": " << E;
    fs::path Program = program("");
    ASSERT_TRUE(fs::exists(Program)) << Program << " is missing: re-run CMake to add it";

    std::string TidyLog, RunLog;
    std::set<int> Static = spawnLinesNamed(staticWarnings(F, TidyLog));
    std::set<int> Dynamic = dynamicSpawnLines(Program, FixturePath, RunLog);
    EXPECT_EQ(Static, Dynamic) << "spawn lines the checks warn about: " << show(Static)
                               << "\nspawn lines of the goroutines that leaked: " << show(Dynamic)
                               << "\nclang-tidy:\n"
                               << TidyLog << "\nscenario:\n"
                               << RunLog;

    fs::path Golden = FixturePath;
    Golden.replace_extension(".fixed.cpp");
    if (fs::exists(Golden) && hasScenario(Golden)) {
      fs::path Fixed = program(".fixed");
      ASSERT_TRUE(fs::exists(Fixed)) << Fixed << " is missing: re-run CMake to add it";
      std::set<int> Leaks = dynamicSpawnLines(Fixed, Golden, RunLog);
      EXPECT_TRUE(Leaks.empty()) << "the fixed program still leaks goroutines started on lines "
                                 << show(Leaks) << ":\n"
                                 << RunLog;
    }
  }

private:
  fs::path program(const std::string &Suffix) const {
    return fs::path(CTXGUARD_SCENARIO_BIN_DIR) /
           ("scenario-" + Check + "-" + FixturePath.stem().string() + Suffix);
  }

  fs::path FixturePath;
  std::string Check;
};

// A wrapper in testdata/scenarios/<check>/ that includes a fixture of
// <check> and runs its functions in goroutines, each spawn marked with the
// fixture code it exercises (// exercises: "out.send(1);", a snippet of the
// one fixture line that must carry a warning) or "none": the goroutines that
// leak must be exactly those exercising a warning. Snippets, not line
// numbers, so that edits elsewhere in the fixture do not break the wrapper.
class WrappedScenarioTest : public ::testing::Test {
public:
  WrappedScenarioTest(fs::path Wrapper, std::string Check)
      : Wrapper(std::move(Wrapper)), Check(std::move(Check)) {}

  void TestBody() override {
    static const std::regex Include(R"re(^#include "(\.\./\.\./ctx-[^"]+)")re");
    static const std::regex Exercises(R"re(ctx::go.*// exercises: (none|"(.*)")$)re");
    std::ifstream In(Wrapper);
    fs::path FixturePath;
    std::map<int, std::string> Spawns; // wrapper line -> fixture snippet ("" for none)
    int LineNo = 0;
    for (std::string Line; std::getline(In, Line);) {
      ++LineNo;
      std::smatch M;
      if (std::regex_search(Line, M, Include))
        FixturePath = fs::weakly_canonical(Wrapper.parent_path() / M[1].str());
      else if (std::regex_search(Line, M, Exercises))
        Spawns[LineNo] = M[2].matched ? M[2].str() : "";
    }
    ASSERT_FALSE(FixturePath.empty()) << Wrapper << " includes no fixture";
    std::vector<std::string> Errors;
    Fixture F = parseFixture(FixturePath.string(), Check, Errors);
    std::string TidyLog, RunLog;
    std::set<int> Warned;
    for (const Diagnostic &D : staticWarnings(F, TidyLog))
      Warned.insert(D.Line);
    std::vector<std::string> FixtureLines;
    std::ifstream FixtureIn(FixturePath);
    for (std::string Line; std::getline(FixtureIn, Line);)
      FixtureLines.push_back(Line);
    std::set<int> Expected;
    for (const auto &[SpawnLine, Snippet] : Spawns) {
      if (Snippet.empty())
        continue;
      std::vector<int> Found;
      for (size_t I = 0; I < FixtureLines.size(); ++I)
        if (FixtureLines[I].find(Snippet) != std::string::npos)
          Found.push_back(static_cast<int>(I) + 1);
      ASSERT_EQ(Found.size(), 1u) << Wrapper.filename() << ":" << SpawnLine << ": \"" << Snippet
                                  << "\" must name exactly one line of " << FixturePath.filename();
      EXPECT_TRUE(Warned.count(Found.front()))
          << Wrapper.filename() << ":" << SpawnLine << " exercises line " << Found.front() << " of "
          << FixturePath.filename() << ", which has no warning:\n"
          << TidyLog;
      Expected.insert(SpawnLine);
    }
    fs::path Program =
        fs::path(CTXGUARD_SCENARIO_BIN_DIR) / ("scenario-" + Check + "-" + Wrapper.stem().string());
    ASSERT_TRUE(fs::exists(Program)) << Program << " is missing: re-run CMake to add it";
    std::set<int> Dynamic = dynamicSpawnLines(Program, Wrapper, RunLog);
    EXPECT_EQ(Expected, Dynamic) << "spawns exercising a warning: " << show(Expected)
                                 << "\nspawns that leaked: " << show(Dynamic) << "\nscenario:\n"
                                 << RunLog;
  }

private:
  fs::path Wrapper;
  std::string Check;
};

// GoogleTest filters treat '-' as the start of negative patterns (and CTest
// runs each test through a filter): suite and test names are identifiers.
std::string identifier(std::string Name) {
  for (char &C : Name)
    if (!std::isalnum(static_cast<unsigned char>(C)))
      C = '_';
  return Name;
}

void registerScenarios() {
  std::stringstream Checks(CTXGUARD_SCENARIO_CHECKS);
  for (std::string Check; std::getline(Checks, Check, ',');) {
    std::vector<fs::path> Files;
    for (const auto &Entry : fs::directory_iterator(fs::path(CTXGUARD_TESTDATA_DIR) / Check)) {
      const std::string Name = Entry.path().filename().string();
      if (Entry.path().extension() == ".cpp" && Name.find(".fixed.") == std::string::npos &&
          hasScenario(Entry.path()))
        Files.push_back(Entry.path());
    }
    std::sort(Files.begin(), Files.end());
    for (const fs::path &File : Files)
      ::testing::RegisterTest(identifier(Check).c_str(), identifier(File.stem().string()).c_str(),
                              nullptr, nullptr, File.string().c_str(), 1,
                              [=]() -> ::testing::Test * { return new ScenarioTest(File, Check); });
  }
  for (const auto &Dir : fs::directory_iterator(CTXGUARD_WRAPPERS_DIR)) {
    if (!Dir.is_directory() || Dir.path().filename().string().rfind("ctx-", 0) != 0)
      continue;
    std::string Check = Dir.path().filename().string();
    std::vector<fs::path> Files;
    for (const auto &Entry : fs::directory_iterator(Dir.path()))
      if (Entry.path().extension() == ".cpp")
        Files.push_back(Entry.path());
    std::sort(Files.begin(), Files.end());
    for (const fs::path &File : Files)
      ::testing::RegisterTest(
          identifier(Check).c_str(), identifier(File.stem().string()).c_str(), nullptr, nullptr,
          File.string().c_str(), 1,
          [=]() -> ::testing::Test * { return new WrappedScenarioTest(File, Check); });
  }
}

} // namespace

int main(int argc, char **argv) {
  ::testing::InitGoogleTest(&argc, argv);
  registerScenarios();
  int Status = RUN_ALL_TESTS();
  // A filter that selects nothing must not pass silently.
  if (::testing::UnitTest::GetInstance()->test_to_run_count() == 0) {
    std::fprintf(stderr, "no scenario matched the filter\n");
    return 1;
  }
  return Status;
}
