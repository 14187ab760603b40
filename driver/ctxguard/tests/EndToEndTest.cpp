//===--- EndToEndTest.cpp - ctxguard --------------------------------------===//
//
// Runs the built ctxguard on small projects written against the runtime
// (tests/inputs/) and checks exit codes, text, SARIF, JSON, baselines,
// fixes, crash isolation, and what malformed inputs and failed writes do.
// Each test works on its own copy of the inputs with its own
// compile_commands.json; every SARIF file is kept for the multitool test.
//
//===----------------------------------------------------------------------===//

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using Json = nlohmann::json;

namespace {

struct Outcome {
  int Exit = -1;
  std::string Out;
  std::string Err;
};

std::string readFile(const fs::path &Path) {
  std::ifstream In(Path, std::ios::binary);
  std::stringstream S;
  S << In.rdbuf();
  return S.str();
}

void writeFile(const fs::path &Path, const std::string &Text) {
  std::ofstream(Path, std::ios::binary) << Text;
}

std::string quote(const std::string &Arg) {
  std::string Quoted = "'";
  for (char C : Arg)
    Quoted += C == '\'' ? std::string("'\\''") : std::string(1, C);
  return Quoted + "'";
}

size_t count(const std::string &Text, const std::string &Needle) {
  size_t N = 0;
  for (size_t At = Text.find(Needle); At != std::string::npos; At = Text.find(Needle, At + 1))
    ++N;
  return N;
}

class EndToEndTest : public ::testing::Test {
protected:
  void SetUp() override {
    std::string Name = ::testing::UnitTest::GetInstance()->current_test_info()->name();
    // Outside the repository (no .clang-tidy or compile_commands.json above),
    // and per process: other build trees may run these tests at the same time.
    Work = fs::temp_directory_path() / ("ctxguard-e2e-" + std::to_string(getpid())) / Name;
    fs::remove_all(Work);
    fs::create_directories(Work);
    fs::copy(CTXGUARD_INPUTS, Work, fs::copy_options::recursive);
    SarifName = "e2e-" + Name;
  }

  void TearDown() override {
    if (!HasFailure()) // keep the evidence of a failure
      fs::remove_all(Work.parent_path());
  }

  /// compile_commands.json in the work directory for `Files`.
  void writeDatabase(const std::vector<std::string> &Files) {
    Json Commands = Json::array();
    for (const std::string &File : Files)
      Commands.push_back(
          {{"directory", Work.string()},
           {"file", File},
           {"command", "clang++ -std=c++20 -I" + std::string(CTXGUARD_RUNTIME_INCLUDE) + " -c " +
                           File + " -o " + File + ".o"}});
    writeFile(Work / "compile_commands.json", Commands.dump(2));
  }

  /// Runs ctxguard in the work directory, with it as the source root unless
  /// the first argument is a subcommand. `Shell` comes first on the command
  /// line (variables, ulimit); stdout goes to `Stdout` when given.
  Outcome run(const std::vector<std::string> &Args, const std::string &Shell = "",
              const std::string &Stdout = "") {
    std::string Command = "cd " + quote(Work.string()) + " && " + Shell + " " + quote(CTXGUARD_BIN);
    if (Args.empty() || Args.front() != "merge-sarif")
      Command += " --source-root " + quote(Work.string());
    for (const std::string &Arg : Args)
      Command += " " + quote(Arg);
    Command += " >" + quote(Stdout.empty() ? (Work / "stdout.txt").string() : Stdout) + " 2>" +
               quote((Work / "stderr.txt").string());
    int Status = std::system(Command.c_str());
    Outcome O;
    O.Exit = WIFEXITED(Status) ? WEXITSTATUS(Status) : -1;
    O.Out = readFile(Work / "stdout.txt");
    O.Err = readFile(Work / "stderr.txt");
    return O;
  }

  /// Parses a SARIF file the run wrote and keeps a copy for validation.
  Json sarif(const std::string &File) {
    std::string Text = readFile(Work / File);
    fs::copy_file(Work / File,
                  fs::path(CTXGUARD_SARIF_OUT) /
                      (SarifName + "-" + fs::path(File).stem().string() + ".sarif"),
                  fs::copy_options::overwrite_existing);
    return Json::parse(Text);
  }

  /// The results of a SARIF log as "uri:line:rule", sorted.
  static std::vector<std::string> results(const Json &Log) {
    std::vector<std::string> Keys;
    for (const Json &R : Log["runs"][0]["results"]) {
      const Json &Location = R["locations"][0]["physicalLocation"];
      Keys.push_back(Location["artifactLocation"]["uri"].get<std::string>() + ":" +
                     std::to_string(Location["region"]["startLine"].get<int>()) + ":" +
                     R["ruleId"].get<std::string>());
    }
    std::sort(Keys.begin(), Keys.end());
    return Keys;
  }

  /// The notifications of `Kind` ("toolExecutionNotifications", ...) that
  /// name `Uri` as their location.
  static size_t notificationsAbout(const Json &Log, const std::string &Kind,
                                   const std::string &Uri) {
    size_t N = 0;
    for (const Json &Notification : Log["runs"][0]["invocations"][0].value(Kind, Json::array()))
      if (Notification.contains("locations") &&
          Notification["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == Uri)
        ++N;
    return N;
  }

  static std::vector<std::string> ruleIds(const Json &Log) {
    std::vector<std::string> Ids;
    for (const Json &R : Log["runs"][0]["results"])
      Ids.push_back(R["ruleId"]);
    return Ids;
  }

  fs::path Work;
  std::string SarifName;
};

TEST_F(EndToEndTest, ReportsMistakesLikeACompiler) {
  writeDatabase({"fetch.cpp", "pool.cpp", "clean.cpp"});
  Outcome O = run({"-p", ".", "-j", "2", "--sarif", "out.sarif"});
  EXPECT_EQ(O.Exit, 1) << O.Err;
  EXPECT_NE(O.Out.find("fetch.cpp:11:22: warning: 'cancel' is not used on all paths"),
            std::string::npos)
      << O.Out;
  EXPECT_NE(O.Out.find("   11 |   auto [c, cancel] = ctx::with_timeout("), std::string::npos);
  EXPECT_NE(O.Out.find("fetch.cpp:13:5: note: this return may be reached"), std::string::npos);
  EXPECT_NE(O.Out.find("pool.cpp:6:43: warning:"), std::string::npos);
  EXPECT_NE(O.Out.find("[ctx-not-first-param]"), std::string::npos);
  // worker.hpp is included by two TUs: reported once.
  EXPECT_EQ(count(O.Out, "worker.hpp:6:16: warning:"), 1u) << O.Out;
  EXPECT_EQ(O.Out.find("clean.cpp"), std::string::npos);
  EXPECT_NE(O.Err.find("4 findings in 3 files (3 translation units analyzed)"), std::string::npos)
      << O.Err;
}

TEST_F(EndToEndTest, SarifDescribesRulesResultsAndFingerprints) {
  writeDatabase({"fetch.cpp", "pool.cpp", "clean.cpp"});
  Outcome O = run({"-p", ".", "--format", "sarif", "--output", "out.sarif"});
  ASSERT_EQ(O.Exit, 1) << O.Err;
  Json Log = sarif("out.sarif");
  const Json &Run = Log["runs"][0];
  EXPECT_EQ(Run["invocations"][0]["executionSuccessful"], true);
  std::vector<std::string> Rules;
  for (const Json &Rule : Run["tool"]["driver"]["rules"])
    Rules.push_back(Rule["id"]);
  EXPECT_NE(std::find(Rules.begin(), Rules.end(), "ctx-lost-cancel"), Rules.end());
  ASSERT_EQ(Run["results"].size(), 4u);
  for (const Json &Result : Run["results"]) {
    const Json &Location = Result["locations"][0]["physicalLocation"];
    EXPECT_EQ(Location["artifactLocation"]["uriBaseId"], "%SRCROOT%");
    EXPECT_EQ(Rules[Result["ruleIndex"].get<size_t>()], Result["ruleId"].get<std::string>());
    EXPECT_TRUE(Result["partialFingerprints"]["primaryLocationLineHash"].is_string());
    EXPECT_TRUE(Location["region"].contains("endColumn"));
  }
  const Json &Lost = Run["results"][0];
  EXPECT_EQ(Lost["ruleId"], "ctx-lost-cancel");
  EXPECT_EQ(Lost["locations"][0]["physicalLocation"]["artifactLocation"]["uri"], "fetch.cpp");
  EXPECT_EQ(Lost["relatedLocations"][0]["physicalLocation"]["region"]["startLine"], 13);
}

TEST_F(EndToEndTest, CleanCodeExitsZero) {
  writeDatabase({"clean.cpp"});
  Outcome O = run({"-p", ".", "--sarif", "clean.sarif"});
  EXPECT_EQ(O.Exit, 0) << O.Out << O.Err;
  EXPECT_EQ(O.Out, "");
  EXPECT_TRUE(sarif("clean.sarif")["runs"][0]["results"].empty());
}

TEST_F(EndToEndTest, BrokenTranslationUnitFailsTheRunButKeepsOtherResults) {
  writeDatabase({"broken.cpp", "fetch.cpp"});
  Outcome O = run({"-p", ".", "--sarif", "out.sarif"});
  EXPECT_EQ(O.Exit, 2);
  EXPECT_NE(O.Err.find("broken.cpp does not compile"), std::string::npos) << O.Err;
  EXPECT_NE(O.Err.find("broken.cpp:5:"), std::string::npos) << O.Err;
  EXPECT_NE(O.Out.find("fetch.cpp:11:22: warning:"), std::string::npos);
  Json Log = sarif("out.sarif");
  const Json &Invocation = Log["runs"][0]["invocations"][0];
  EXPECT_EQ(Invocation["executionSuccessful"], false);
  bool Located = false;
  for (const Json &N : Invocation["toolExecutionNotifications"]) {
    EXPECT_EQ(N["level"], "error");
    if (N.contains("locations") &&
        N["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "broken.cpp" &&
        N["locations"][0]["physicalLocation"].contains("region"))
      Located = true;
  }
  EXPECT_TRUE(Located);
  EXPECT_EQ(Log["runs"][0]["results"].size(), 2u); // fetch.cpp's and worker.hpp's
}

TEST_F(EndToEndTest, CrashOnOneUnitKeepsTheOthers) {
  writeDatabase({"crash.cpp", "fetch.cpp"});
  Outcome O = run({"-p", ".", "-j", "1", "--sarif", "out.sarif"});
  EXPECT_EQ(O.Exit, 2);
  EXPECT_NE(O.Err.find("crashed while analyzing " + (Work / "crash.cpp").string()),
            std::string::npos)
      << O.Err;
  EXPECT_NE(O.Out.find("fetch.cpp:11:22: warning:"), std::string::npos) << O.Out;
  EXPECT_EQ(sarif("out.sarif")["runs"][0]["invocations"][0]["executionSuccessful"], false);
}

TEST_F(EndToEndTest, MissingCompileDatabase) {
  Outcome O = run({"-p", "no-such-build", "--sarif", "out.sarif"});
  EXPECT_EQ(O.Exit, 2);
  EXPECT_NE(O.Err.find("cannot load a compile database"), std::string::npos) << O.Err;
  Json Log = sarif("out.sarif");
  EXPECT_EQ(Log["runs"][0]["invocations"][0]["executionSuccessful"], false);
  EXPECT_TRUE(Log["runs"][0]["results"].empty());
}

TEST_F(EndToEndTest, NoDatabaseAboveTheFiles) {
  Outcome O = run({"fetch.cpp"});
  EXPECT_EQ(O.Exit, 2);
  EXPECT_NE(O.Err.find("no compile database"), std::string::npos) << O.Err;
}

TEST_F(EndToEndTest, NonexistentFile) {
  Outcome O = run({"--sarif", "out.sarif", "missing.cpp", "fetch.cpp", "--", "-std=c++20",
                   "-I" + std::string(CTXGUARD_RUNTIME_INCLUDE)});
  EXPECT_EQ(O.Exit, 2);
  EXPECT_NE(O.Err.find("no such file: " + (Work / "missing.cpp").string()), std::string::npos)
      << O.Err;
  EXPECT_NE(O.Out.find("fetch.cpp:11:22: warning:"), std::string::npos); // the other file ran
  Json Log = sarif("out.sarif");
  const Json &N = Log["runs"][0]["invocations"][0]["toolExecutionNotifications"][0];
  EXPECT_EQ(N["locations"][0]["physicalLocation"]["artifactLocation"]["uri"], "missing.cpp");
}

TEST_F(EndToEndTest, BadCheckGlob) {
  writeDatabase({"fetch.cpp"});
  Outcome O = run({"-p", ".", "--checks=-*,ctx-no-such-check", "--sarif", "out.sarif"});
  EXPECT_EQ(O.Exit, 2);
  EXPECT_NE(O.Err.find("enable no ctx check"), std::string::npos) << O.Err;
  EXPECT_EQ(sarif("out.sarif")["runs"][0]["invocations"][0]["executionSuccessful"], false);
}

TEST_F(EndToEndTest, BadOptions) {
  Outcome Unknown = run({"--no-such-option", "--sarif", "out.sarif"});
  EXPECT_EQ(Unknown.Exit, 2);
  EXPECT_NE(Unknown.Err.find("no-such-option"), std::string::npos) << Unknown.Err;
  EXPECT_EQ(sarif("out.sarif")["runs"][0]["invocations"][0]["executionSuccessful"], false);
  EXPECT_EQ(run({"-p", ".", "--format", "xml"}).Exit, 2);
  EXPECT_EQ(run({"-p", ".", "--shard", "3/2"}).Exit, 2);
  EXPECT_EQ(run({"-p", ".", "--config", "Checks: [unclosed"}).Exit, 2);
  EXPECT_EQ(run({"-p", ".", "--baseline", "missing.sarif"}).Exit, 2);
}

TEST_F(EndToEndTest, RunsAreByteIdentical) {
  writeDatabase({"fetch.cpp", "pool.cpp", "clean.cpp"});
  ASSERT_EQ(
      run({"-p", ".", "-j", "2", "--sarif", "one.sarif", "--format", "json", "-o", "one.json"})
          .Exit,
      1);
  ASSERT_EQ(
      run({"-p", ".", "-j", "1", "--sarif", "two.sarif", "--format", "json", "-o", "two.json"})
          .Exit,
      1);
  EXPECT_EQ(readFile(Work / "one.sarif"), readFile(Work / "two.sarif"));
  EXPECT_EQ(readFile(Work / "one.json"), readFile(Work / "two.json"));
  sarif("one.sarif");
}

TEST_F(EndToEndTest, JsonReport) {
  writeDatabase({"fetch.cpp"});
  Outcome O = run({"-p", ".", "--format", "json"});
  ASSERT_EQ(O.Exit, 1) << O.Err;
  Json Report = Json::parse(O.Out);
  EXPECT_EQ(Report["version"], 1);
  ASSERT_EQ(Report["findings"].size(), 2u);
  const Json &F = Report["findings"][0];
  EXPECT_EQ(F["file"], "fetch.cpp");
  EXPECT_EQ(F["line"], 11);
  EXPECT_EQ(F["column"], 22);
  EXPECT_EQ(F["check"], "ctx-lost-cancel");
  EXPECT_EQ(F["notes"][0]["line"], 13);
  EXPECT_TRUE(Report["errors"].empty());
}

TEST_F(EndToEndTest, BaselineHidesKnownFindingsEvenAfterEditsAbove) {
  writeDatabase({"fetch.cpp", "pool.cpp"});
  ASSERT_EQ(run({"-p", ".", "--sarif", "baseline.sarif"}).Exit, 1);
  sarif("baseline.sarif");
  // Unrelated edits above every finding, and one new mistake at the end.
  writeFile(Work / "fetch.cpp", "// A new header comment.\n#include <utility>\n" +
                                    readFile(Work / "fetch.cpp") +
                                    "\nvoid later(int n, ctx::Context c);\n");
  writeFile(Work / "worker.hpp", "// Changed.\n" + readFile(Work / "worker.hpp"));
  Outcome O = run({"-p", ".", "--baseline", "baseline.sarif", "--sarif", "new.sarif"});
  EXPECT_EQ(O.Exit, 1) << O.Err;
  Json Log = sarif("new.sarif");
  ASSERT_EQ(Log["runs"][0]["results"].size(), 1u) << O.Out;
  EXPECT_EQ(Log["runs"][0]["results"][0]["ruleId"], "ctx-not-first-param");
  EXPECT_EQ(Log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"],
            28);
  // Only baseline findings left: exit 0.
  std::string Fetch = readFile(Work / "fetch.cpp");
  writeFile(Work / "fetch.cpp", Fetch.substr(0, Fetch.rfind("\nvoid later")));
  EXPECT_EQ(run({"-p", ".", "--baseline", "baseline.sarif"}).Exit, 0);
}

TEST_F(EndToEndTest, ExportFixesAndFix) {
  writeDatabase({"pool.cpp"});
  Outcome Exported = run({"-p", ".", "--export-fixes", "fixes.yaml"});
  EXPECT_EQ(Exported.Exit, 1);
  std::string Yaml = readFile(Work / "fixes.yaml");
  EXPECT_NE(Yaml.find("MainSourceFile:"), std::string::npos) << Yaml;
  EXPECT_NE(Yaml.find("DiagnosticName:  ctx-lost-cancel"), std::string::npos) << Yaml;
  EXPECT_NE(Yaml.find("ReplacementText:"), std::string::npos) << Yaml;
  EXPECT_NE(Yaml.find("ctx::Defer"), std::string::npos) << Yaml;

  Outcome Fixed = run({"-p", ".", "--fix"});
  EXPECT_EQ(Fixed.Exit, 1);
  EXPECT_NE(readFile(Work / "pool.cpp").find("ctx::Defer"), std::string::npos);
  Outcome After = run({"-p", ".", "--sarif", "after.sarif"});
  std::vector<std::string> Ids = ruleIds(sarif("after.sarif"));
  EXPECT_EQ(std::count(Ids.begin(), Ids.end(), "ctx-lost-cancel"), 0) << After.Out;
}

TEST_F(EndToEndTest, ShardsCoverTheRunAndMergeBack) {
  writeDatabase({"fetch.cpp", "pool.cpp", "clean.cpp"});
  ASSERT_EQ(run({"-p", ".", "--sarif", "all.sarif"}).Exit, 1);
  run({"-p", ".", "--shard", "1/2", "--sarif", "s1.sarif"});
  run({"-p", ".", "--shard", "2/2", "--sarif", "s2.sarif"});
  Outcome Merge = run({"merge-sarif", "s2.sarif", "s1.sarif", "-o", "merged.sarif"});
  ASSERT_EQ(Merge.Exit, 0) << Merge.Err;
  EXPECT_EQ(sarif("merged.sarif"), sarif("all.sarif"));
  sarif("s1.sarif");
  sarif("s2.sarif");
}

TEST_F(EndToEndTest, ClangTidyConfigurationAndNolintApply) {
  writeDatabase({"fetch.cpp", "pool.cpp"});
  // CheckOptions reach the checks: pool.cpp's submit(int, Context) is allowed.
  Outcome Options = run({"-p", ".", "--config",
                         "{Checks: '-*,ctx-not-first-param', CheckOptions: "
                         "{ctx-not-first-param.AllowTypesBefore: 'int'}}"});
  EXPECT_EQ(Options.Exit, 0) << Options.Out;
  writeFile(Work / ".clang-tidy", "Checks: '-ctx-stored-in-struct'\n");
  std::string Pool = readFile(Work / "pool.cpp");
  Pool.replace(Pool.find("{ step(c, item); }"), 18,
               "{ step(c, item); } // NOLINT(ctx-not-first-param)");
  writeFile(Work / "pool.cpp", Pool);
  Outcome O = run({"-p", "."});
  EXPECT_EQ(O.Out.find("ctx-stored-in-struct"), std::string::npos) << O.Out;
  EXPECT_EQ(O.Out.find("ctx-not-first-param"), std::string::npos) << O.Out;
  EXPECT_NE(O.Out.find("ctx-lost-cancel"), std::string::npos) << O.Out;
  // The command line wins over .clang-tidy, as in clang-tidy.
  Outcome Only = run({"-p", ".", "--checks=-*,ctx-stored-in-struct"});
  EXPECT_NE(Only.Out.find("ctx-stored-in-struct"), std::string::npos) << Only.Out;
  EXPECT_EQ(Only.Out.find("ctx-lost-cancel"), std::string::npos) << Only.Out << Only.Err;
  // --header-filter decides which headers report, as in clang-tidy.
  Outcome NoHeaders = run({"-p", ".", "--checks=ctx-stored-in-struct", "--header-filter=^$"});
  EXPECT_EQ(NoHeaders.Out.find("worker.hpp"), std::string::npos) << NoHeaders.Out;
  // --config replaces the .clang-tidy files.
  Outcome Config = run({"-p", ".", "--config", "{Checks: '-*,ctx-lost-cancel'}"});
  EXPECT_EQ(Config.Out.find("ctx-stored-in-struct"), std::string::npos);
  EXPECT_NE(Config.Out.find("ctx-lost-cancel"), std::string::npos);
}

TEST_F(EndToEndTest, VersionHelpAndListChecks) {
  Outcome Version = run({"--version"});
  EXPECT_EQ(Version.Exit, 0);
  EXPECT_NE(Version.Out.find("ctxguard version"), std::string::npos);
  Outcome Help = run({"--help"});
  EXPECT_EQ(Help.Exit, 0);
  EXPECT_NE(Help.Out.find("--baseline"), std::string::npos);
  Outcome List = run({"--list-checks"});
  EXPECT_EQ(List.Exit, 0);
  EXPECT_NE(List.Out.find("    ctx-lost-cancel"), std::string::npos) << List.Out;
}

std::string repeat(const std::string &Piece, size_t N) {
  std::string Text;
  for (size_t I = 0; I < N; ++I)
    Text += Piece;
  return Text;
}

TEST_F(EndToEndTest, EveryKindOfCrashIsIsolatedToItsTranslationUnit) {
  writeDatabase({"fetch.cpp", "pool.cpp", "clean.cpp"});
  ASSERT_EQ(run({"-p", ".", "--sarif", "all.sarif"}).Exit, 1);
  std::vector<std::string> Others;
  for (const std::string &Key : results(sarif("all.sarif")))
    if (Key.rfind("pool.cpp:", 0) != 0)
      Others.push_back(Key);
  ASSERT_FALSE(Others.empty());

  for (std::string How : {"segv", "abort", "stackoverflow"}) {
    std::string Previous;
    for (std::string Jobs : {"1", "2"}) {
      SCOPED_TRACE(How + " -j" + Jobs);
      Outcome O =
          run({"-p", ".", "-j", Jobs, "--sarif", "out.sarif", "--format", "json", "-o", "out.json"},
              "CTXGUARD_TEST_CRASH=pool.cpp:" + How);
      EXPECT_EQ(O.Exit, 2);
      EXPECT_NE(O.Err.find("ctxguard crashed while analyzing " + (Work / "pool.cpp").string()),
                std::string::npos)
          << O.Err;
      Json Log = sarif("out.sarif");
      EXPECT_EQ(Log["runs"][0]["invocations"][0]["executionSuccessful"], false);
      EXPECT_EQ(notificationsAbout(Log, "toolExecutionNotifications", "pool.cpp"), 1u);
      EXPECT_EQ(results(Log), Others);
      Json Report = Json::parse(readFile(Work / "out.json"));
      ASSERT_EQ(Report["errors"].size(), 1u);
      EXPECT_EQ(Report["errors"][0]["file"], "pool.cpp");
      EXPECT_EQ(Report["findings"].size(), Others.size());
      // Deterministic whatever -j and the order workers end in.
      std::string Text = readFile(Work / "out.sarif");
      if (!Previous.empty())
        EXPECT_EQ(Text, Previous);
      Previous = Text;
    }
  }
}

TEST_F(EndToEndTest, AHungTranslationUnitIsStoppedByTheTimeout) {
  // Files that do not include the runtime: quick even on a loaded machine.
  const std::string Stub = "namespace ctx { class Context { public: Context(); }; }\n"
                           "void submit(int item, const ctx::Context &c);\n";
  writeFile(Work / "quick.cpp", Stub);
  writeFile(Work / "hangs.cpp", Stub);
  writeDatabase({"quick.cpp", "hangs.cpp"});
  Outcome O = run({"-p", ".", "--timeout", "3", "--sarif", "out.sarif"},
                  "CTXGUARD_TEST_CRASH=hangs.cpp:hang");
  EXPECT_EQ(O.Exit, 2);
  EXPECT_NE(
      O.Err.find("the analysis of " + (Work / "hangs.cpp").string() + " did not finish within 3 s"),
      std::string::npos)
      << O.Err;
  EXPECT_NE(O.Out.find("quick.cpp:2:43: warning:"), std::string::npos) << O.Out;
  EXPECT_EQ(notificationsAbout(sarif("out.sarif"), "toolExecutionNotifications", "hangs.cpp"), 1u);
}

TEST_F(EndToEndTest, HeaderFiltersMustBeRegularExpressions) {
  writeDatabase({"fetch.cpp"});
  Outcome Option = run({"-p", ".", "--header-filter=("});
  EXPECT_EQ(Option.Exit, 2);
  EXPECT_NE(Option.Err.find("HeaderFilterRegex '(' is not a regular expression"), std::string::npos)
      << Option.Err;
  writeFile(Work / ".clang-tidy", "ExcludeHeaderFilterRegex: '[a-'\n");
  Outcome File = run({"-p", ".", "--format", "json"});
  EXPECT_EQ(File.Exit, 2);
  EXPECT_EQ(Json::parse(File.Out)["errors"][0]["kind"], "configuration") << File.Out;
}

TEST_F(EndToEndTest, AnEarlierReportIsNeverLeftAsCurrent) {
  writeDatabase({"fetch.cpp"});
  for (const char *File : {"out.sarif", "out.txt", "fixes.yaml"})
    writeFile(Work / File, "from an earlier run");
  // Fails before analyzing: SARIF records it, text and fix-its cannot.
  Outcome Early = run({"-p", ".", "--baseline", "missing.sarif", "--sarif", "out.sarif", "-o",
                       "out.txt", "--export-fixes", "fixes.yaml"});
  EXPECT_EQ(Early.Exit, 2);
  EXPECT_FALSE(fs::exists(Work / "out.txt"));
  EXPECT_FALSE(fs::exists(Work / "fixes.yaml"));
  EXPECT_EQ(sarif("out.sarif")["runs"][0]["invocations"][0]["executionSuccessful"], false);

  // The disk fills up while the SARIF is written (a file size limit).
  writeFile(Work / "out.sarif", "from an earlier run");
  Outcome Full = run({"-p", ".", "--sarif", "out.sarif"}, "ulimit -f 8;");
  EXPECT_EQ(Full.Exit, 2) << Full.Err;
  EXPECT_NE(Full.Err.find("cannot write 'out.sarif': File too large"), std::string::npos)
      << Full.Err;
  for (const fs::directory_entry &E : fs::directory_iterator(Work))
    EXPECT_EQ(E.path().filename().string().find("out.sarif"), std::string::npos)
        << E.path() << " left behind";
}

TEST_F(EndToEndTest, DevStdoutIsWrittenThrough) {
  // stdout is redirected to a file here: the report must land in it, the
  // file must not be removed or replaced, nor /dev/stdout itself.
  writeDatabase({"fetch.cpp"});
  Outcome O = run({"-p", ".", "--quiet", "--format", "json", "-o", "/dev/stdout"});
  EXPECT_EQ(O.Exit, 1) << O.Err;
  EXPECT_EQ(Json::parse(O.Out)["findings"].size(), 2u) << O.Out;
  EXPECT_TRUE(fs::is_symlink("/dev/stdout"));
}

TEST_F(EndToEndTest, WriteFailuresAreToolErrors) {
  writeDatabase({"fetch.cpp"});
  for (std::vector<std::string> Args : {std::vector<std::string>{"--sarif", "/dev/full"},
                                        {"-o", "/dev/full"},
                                        {"--format", "json", "-o", "/dev/full"},
                                        {"--export-fixes", "/dev/full"}}) {
    Args.insert(Args.begin(), {"-p", "."});
    Outcome O = run(Args);
    EXPECT_EQ(O.Exit, 2) << Args.back();
    EXPECT_NE(O.Err.find("cannot write '/dev/full': No space left on device"), std::string::npos)
        << O.Err;
  }
  Outcome Stdout = run({"-p", ".", "--sarif", "out.sarif"}, "", "/dev/full");
  EXPECT_EQ(Stdout.Exit, 2);
  EXPECT_NE(Stdout.Err.find("cannot write to stdout"), std::string::npos) << Stdout.Err;
  // The SARIF written after it records the failure.
  EXPECT_EQ(sarif("out.sarif")["runs"][0]["invocations"][0]["executionSuccessful"], false);
  EXPECT_EQ(run({"--help"}, "", "/dev/full").Exit, 2);
  EXPECT_EQ(run({"merge-sarif", "out.sarif", "-o", "/dev/full"}).Exit, 2);
  EXPECT_EQ(run({"merge-sarif", "out.sarif"}, "", "/dev/full").Exit, 2);
  EXPECT_TRUE(fs::is_character_file("/dev/full"));
}

TEST_F(EndToEndTest, InvalidOptionValuesAreConfigurationErrors) {
  writeDatabase({"fetch.cpp"});
  writeFile(Work / ".clang-tidy", "CheckOptions:\n  ctx-lost-cancel.RequireDefer: banana\n");
  Outcome O = run({"-p", ".", "--sarif", "out.sarif", "--format", "json", "-o", "out.json"});
  EXPECT_EQ(O.Exit, 2);
  EXPECT_NE(O.Err.find("error: invalid configuration value 'banana' for option "
                       "'ctx-lost-cancel.RequireDefer'"),
            std::string::npos)
      << O.Err;
  Json Log = sarif("out.sarif");
  const Json &Invocation = Log["runs"][0]["invocations"][0];
  EXPECT_EQ(Invocation["executionSuccessful"], false);
  ASSERT_EQ(Invocation["toolConfigurationNotifications"].size(), 1u) << Invocation.dump(2);
  EXPECT_FALSE(Invocation.contains("toolExecutionNotifications"));
  for (const std::string &Id : ruleIds(Log))
    EXPECT_EQ(Id.rfind("ctx-", 0), 0u) << Id << " is not a finding";
  Json Report = Json::parse(readFile(Work / "out.json"));
  ASSERT_EQ(Report["errors"].size(), 1u);
  EXPECT_EQ(Report["errors"][0]["kind"], "configuration");
}

TEST_F(EndToEndTest, UnparsableConfigurationIsAnError) {
  writeDatabase({"fetch.cpp"});
  writeFile(Work / ".clang-tidy", "Checks: '-*,ctx-*'\nCheckOptions: [unclosed\n");
  Outcome O = run({"-p", ".", "--sarif", "out.sarif"});
  EXPECT_EQ(O.Exit, 2);
  EXPECT_NE(O.Err.find(".clang-tidy:2:"), std::string::npos) << O.Err;
  EXPECT_NE(O.Err.find("fetch.cpp was not analyzed"), std::string::npos) << O.Err;
  Json Log = sarif("out.sarif");
  EXPECT_EQ(notificationsAbout(Log, "toolConfigurationNotifications", ".clang-tidy"), 1u)
      << Log["runs"][0]["invocations"].dump(2);
  EXPECT_TRUE(Log["runs"][0]["results"].empty());
}

TEST_F(EndToEndTest, DeeplyNestedConfigurationIsRejectedUnparsed) {
  writeDatabase({"fetch.cpp"});
  writeFile(Work / "deep.yaml", "Checks: " + repeat("[", 30000));
  for (const std::vector<std::string> &Args :
       {std::vector<std::string>{"--config", repeat("{a: ", 30000)},
        {"--config-file", "deep.yaml"}}) {
    Outcome O = run({"-p", ".", Args[0], Args[1]});
    EXPECT_EQ(O.Exit, 2) << Args[0];
    EXPECT_NE(O.Err.find("is nested more than 256 levels deep"), std::string::npos) << O.Err;
  }
  fs::rename(Work / "deep.yaml", Work / ".clang-tidy");
  Outcome O = run({"-p", "."});
  EXPECT_EQ(O.Exit, 2);
  EXPECT_NE(O.Err.find(".clang-tidy is nested more than 256 levels deep"), std::string::npos)
      << O.Err;
}

TEST_F(EndToEndTest, MissingDirectoryInTheCompileDatabase) {
  Json Commands = Json::array();
  for (const char *File : {"fetch.cpp", "pool.cpp"})
    Commands.push_back(
        {{"directory", std::string(File) == "pool.cpp" ? "/nonexistent/build" : Work.string()},
         {"file", (Work / File).string()},
         {"command", "clang++ -std=c++20 -I" + std::string(CTXGUARD_RUNTIME_INCLUDE) + " -c " +
                         (Work / File).string()}});
  writeFile(Work / "compile_commands.json", Commands.dump());
  Outcome O = run({"-p", ".", "--sarif", "out.sarif"});
  EXPECT_EQ(O.Exit, 2);
  EXPECT_NE(O.Err.find("'/nonexistent/build', does not exist"), std::string::npos) << O.Err;
  EXPECT_EQ(O.Err.find("crashed"), std::string::npos) << O.Err;
  EXPECT_NE(O.Out.find("fetch.cpp:11:22: warning:"), std::string::npos) << O.Out;
  EXPECT_EQ(notificationsAbout(sarif("out.sarif"), "toolExecutionNotifications", "pool.cpp"), 1u);
}

TEST_F(EndToEndTest, SeveralCommandsForOneFileStayQuiet) {
  Json Commands = Json::array();
  for (const char *Define : {"-DFIRST", "-DSECOND"})
    Commands.push_back({{"directory", Work.string()},
                        {"file", "fetch.cpp"},
                        {"command", "clang++ -std=c++20 " + std::string(Define) + " -I" +
                                        std::string(CTXGUARD_RUNTIME_INCLUDE) + " -c fetch.cpp"}});
  writeFile(Work / "compile_commands.json", Commands.dump());
  Outcome O = run({"-p", "."});
  EXPECT_EQ(O.Exit, 1) << O.Err;
  EXPECT_EQ(O.Err.find("Processing file"), std::string::npos) << O.Err;
  EXPECT_EQ(O.Out.find("Processing file"), std::string::npos) << O.Out;
  EXPECT_EQ(count(O.Out, "fetch.cpp:11:22: warning:"), 1u) << O.Out;
}

TEST_F(EndToEndTest, JobsMustBeAPositiveNumber) {
  writeDatabase({"fetch.cpp"});
  for (const char *Jobs : {"-1", "0", "abc", ""}) {
    Outcome O = run({"-p", ".", "-j", Jobs});
    EXPECT_EQ(O.Exit, 2) << Jobs;
    EXPECT_NE(O.Err.find("-j wants the number of translation units"), std::string::npos) << O.Err;
  }
  EXPECT_EQ(run({"-p", ".", "-j3"}).Exit, 1);
}

TEST_F(EndToEndTest, MalformedSarifInputsAreErrors) {
  writeDatabase({"fetch.cpp"});
  writeFile(Work / "bad.sarif", R"({"runs":[{"results":[0]}]})");
  const std::string Problem = "runs[0].results[0] is a number, not an object";
  Outcome Base = run({"-p", ".", "--baseline", "bad.sarif"});
  EXPECT_EQ(Base.Exit, 2);
  EXPECT_NE(Base.Err.find(Problem), std::string::npos) << Base.Err;
  writeFile(Work / "merged.sarif", "from an earlier run");
  Outcome Merge = run({"merge-sarif", "bad.sarif", "-o", "merged.sarif"});
  EXPECT_EQ(Merge.Exit, 2);
  EXPECT_NE(Merge.Err.find(Problem), std::string::npos) << Merge.Err;
  EXPECT_FALSE(fs::exists(Work / "merged.sarif"));
  EXPECT_EQ(run({"merge-sarif", "bad.sarif", "-o"}).Exit, 2);
}

} // namespace
