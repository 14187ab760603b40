// Static and dynamic verdicts agree. For each fixture of the goroutine-leak
// checks with a `#ifdef CTXGUARD_SCENARIO` block: the spawn lines named by
// the warnings clang-tidy reports on it (with the plugin) must be exactly the
// spawn sites of the goroutines its scenario program leaves running
// (ctx::leakcheck::running()); the program built from the fix-its' golden
// file must leave none.
#include "Fixture.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
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

// The spawn lines the static checks point at: each warning names the line of
// the goroutine's ctx::go ("goroutine started on line N", "lines N, M").
std::set<int> staticSpawnLines(const Fixture &F, std::string &Log) {
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
  static const std::regex SpawnLines(R"(started on lines? ([0-9]+(, [0-9]+)*))");
  std::set<int> Lines;
  for (const Diagnostic &D : parseClangTidyOutput(Tidy.Text, F.Path, Stray)) {
    std::smatch M;
    if (D.Kind != "warning" || !std::regex_search(D.Message, M, SpawnLines))
      continue;
    std::stringstream List(M[1].str());
    for (std::string Number; std::getline(List, Number, ',');)
      Lines.insert(std::stoi(Number));
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
    std::set<int> Static = staticSpawnLines(F, TidyLog);
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
      ::testing::RegisterTest(Check.c_str(), File.stem().string().c_str(), nullptr, nullptr,
                              File.string().c_str(), 1,
                              [=]() -> ::testing::Test * { return new ScenarioTest(File, Check); });
  }
}

} // namespace

int main(int argc, char **argv) {
  ::testing::InitGoogleTest(&argc, argv);
  registerScenarios();
  return RUN_ALL_TESTS();
}
