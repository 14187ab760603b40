//===--- CacheTest.cpp - ctxguard -----------------------------------------===//
//
// The incremental cache (--cache) on the multi-TU project testdata/xtu/prices:
// what each change re-analyses (nothing, the edited TU alone even when its
// facts change what other TUs report, every includer of an edited header,
// everything after a change of configuration, compile command or tool),
// corrupt and foreign
// entries, concurrent runs sharing one directory, and the progress line.
// Every run must still meet the project's expectations: the cache never
// changes a result.
//
//===----------------------------------------------------------------------===//

#include "XtuSupport.h"

#include <gtest/gtest.h>

namespace ctxguard::xtu {
namespace {

struct Counts {
  int Replayed = -1, Analysed = -1, Again = -1;
  bool operator==(const Counts &) const = default;
};

std::ostream &operator<<(std::ostream &OS, const Counts &C) {
  return OS << "{replayed " << C.Replayed << ", analysed " << C.Analysed << ", again " << C.Again
            << "}";
}

class CacheTest : public ::testing::Test {
protected:
  void SetUp() override {
    P = Project::copy("prices", ::testing::UnitTest::GetInstance()->current_test_info()->name());
    P.writeDatabase(P.Sources);
    Cache = (P.Dir / "cache").string();
  }
  void TearDown() override {
    if (!HasFailure())
      P.remove();
  }

  /// A run with the cache: its counts, after checking its findings.
  Counts run(const std::vector<std::string> &Extra = {}, const std::string &Binary = "") {
    std::vector<std::string> Args{"--cache=" + Cache, "-j2"};
    Args.insert(Args.end(), Extra.begin(), Extra.end());
    Last = P.ctxguard(Args, Binary);
    EXPECT_EQ(Last.Exit, 1) << Last.Err;
    for (const std::string &Problem : P.unmet(Last.Out))
      ADD_FAILURE() << Problem;
    std::smatch M;
    Counts C;
    if (std::regex_search(Last.Err, M,
                          std::regex(R"((\d+) of \d+ file\(s\) replayed from the cache, (\d+) )"
                                     R"(analysed, (\d+) analysed again)")))
      C = {std::stoi(M[1]), std::stoi(M[2]), std::stoi(M[3])};
    return C;
  }
  void append(const std::string &File, const std::string &Text) {
    writeFile(P.Dir / File, readFile(P.Dir / File) + Text);
  }
  std::vector<fs::path> entries() const {
    std::vector<fs::path> Found;
    for (const auto &E : fs::recursive_directory_iterator(Cache))
      if (E.is_regular_file() && E.path().extension() == ".entry")
        Found.push_back(E.path());
    std::sort(Found.begin(), Found.end());
    return Found;
  }

  Project P;
  std::string Cache;
  Outcome Last;
};

TEST_F(CacheTest, NoChangeReplaysEveryFile) {
  Counts Cold = run();
  EXPECT_EQ(Cold.Replayed, 0);
  EXPECT_EQ(Cold.Analysed, 5);
  std::string First = Last.Out;
  EXPECT_EQ(run(), (Counts{5, 0, 0}));
  EXPECT_EQ(Last.Out, First);
}

TEST_F(CacheTest, EditedSourceAloneIsAnalysedAgain) {
  run();
  append("prices.cpp", "// an edit that changes no fact\n");
  EXPECT_EQ(run(), (Counts{4, 1, 0}));
}

TEST_F(CacheTest, ChangedFactsAreDecidedWithoutAnalysingTheirReaders) {
  EXPECT_EQ(run(), (Counts{0, 5, 0}));
  // load_quotes() now creates its root with ctx::todo(): quotes.cpp is
  // edited; the findings of handler.cpp that depend on it were kept open
  // in the cache and are decided again with the new facts.
  std::string Quotes = readFile(P.Dir / "quotes.cpp");
  Quotes.replace(Quotes.find("ctx::background()"), 17, "ctx::todo()      ");
  writeFile(P.Dir / "quotes.cpp", Quotes);
  EXPECT_EQ(run(), (Counts{4, 1, 0}));
  EXPECT_NE(Last.Out.find("with 'ctx::todo' (line 5)"), std::string::npos) << Last.Out;
  EXPECT_EQ(run(), (Counts{5, 0, 0}));
}

TEST_F(CacheTest, HeaderEditInvalidatesEveryIncluder) {
  run();
  append("prices.h", "// an edit of a header every TU includes\n");
  EXPECT_EQ(run(), (Counts{0, 5, 0}));
}

TEST_F(CacheTest, ConfigurationCommandAndToolAreInTheKey) {
  run();
  EXPECT_EQ(run({"--warnings-as-errors=-*"}).Replayed, 0); // another configuration
  P.Flags = {"-DPRICES_EXTRA=1"};
  P.writeDatabase(P.Sources);
  EXPECT_EQ(run().Replayed, 0); // another compile command
  EXPECT_EQ(run().Replayed, 5);
  fs::path Copy = P.Dir / "ctxguard-rebuilt";
  fs::copy_file(CTXGUARD_BIN, Copy);
  EXPECT_EQ(run({}, Copy.string()).Replayed, 0); // another build of ctxguard
}

TEST_F(CacheTest, CorruptEntriesAreIgnoredWithAWarning) {
  run();
  std::vector<fs::path> Entries = entries();
  ASSERT_EQ(Entries.size(), 5u);
  writeFile(Entries[0], "not an entry");
  std::string Whole = readFile(Entries[1]);
  writeFile(Entries[1], Whole.substr(0, Whole.size() / 2)); // truncated
  EXPECT_EQ(run(), (Counts{3, 2, 0}));
  EXPECT_NE(Last.Err.find("warning: ignoring the corrupt cache entry"), std::string::npos)
      << Last.Err;
  EXPECT_EQ(run(), (Counts{5, 0, 0})); // rewritten
}

TEST_F(CacheTest, ForeignEntriesAreIgnoredWithAWarning) {
  run();
  std::vector<fs::path> Entries = entries();
  ASSERT_EQ(Entries.size(), 5u);
  fs::copy_file(Entries[0], Entries[1], fs::copy_options::overwrite_existing);
  EXPECT_EQ(run(), (Counts{4, 1, 0}));
  EXPECT_NE(Last.Err.find("written for another file"), std::string::npos) << Last.Err;
}

// Three runs write the same entries at once (the smallest project: two TUs).
TEST(CacheConcurrency, ConcurrentRunsShareOneDirectory) {
  Project Q = Project::copy("loops", "ConcurrentRunsShareOneDirectory");
  Q.writeDatabase(Q.Sources);
  std::string Cache = (Q.Dir / "cache").string(), Command;
  for (int I = 0; I < 3; ++I)
    Command += quote(CTXGUARD_BIN) + " -p . -j1 --checks=" + quote("-*," + Q.Checks) +
               " --cache=" + quote(Cache) + " >out" + std::to_string(I) + ".txt 2>&1 & ";
  shell(Q.Dir, "(" + Command + "wait)");
  for (int I = 0; I < 3; ++I)
    for (const std::string &Problem : Q.unmet(readFile(Q.Dir / ("out" + std::to_string(I) + ".txt"))))
      ADD_FAILURE() << "run " << I << ": " << Problem;
  Outcome Again = Q.ctxguard({"--cache=" + Cache});
  EXPECT_NE(Again.Err.find("2 of 2 file(s) replayed from the cache, 0 analysed, 0 analysed again"),
            std::string::npos)
      << Again.Err;
  for (const std::string &Problem : Q.unmet(Again.Out))
    ADD_FAILURE() << Problem;
  for (const auto &E : fs::recursive_directory_iterator(Cache))
    EXPECT_NE(E.path().extension(), ".tmp") << E.path();
  if (!::testing::Test::HasFailure())
    Q.remove();
}

// The progress line: on a terminal only (script(1) gives ctxguard one and
// copies it to stdout), never with --quiet, never in a report.
TEST(Progress, OnATerminalOnlyAndNeverInAReport) {
  Project Q = Project::copy("loops", "Progress");
  Q.writeDatabase(Q.Sources);
  std::string Command =
      quote(CTXGUARD_BIN) + " -p . -j1 --checks=" + quote("-*," + Q.Checks) + " -o report.txt";
  Outcome Tty = shell(Q.Dir, "script -qec " + quote(Command) + " /dev/null");
  EXPECT_NE(Tty.Out.find("[1/"), std::string::npos) << Tty.Out;
  EXPECT_NE(Tty.Out.find("finding(s)"), std::string::npos) << Tty.Out;
  EXPECT_EQ(readFile(Q.Dir / "report.txt").find("[1/"), std::string::npos);
  Outcome Quiet = shell(Q.Dir, "script -qec " + quote(Command + " --quiet") + " /dev/null");
  EXPECT_EQ(Quiet.Out.find("[1/"), std::string::npos) << Quiet.Out;
  Outcome NoTty = shell(Q.Dir, Command);
  EXPECT_EQ(NoTty.Err.find("[1/"), std::string::npos) << NoTty.Err;
  if (!::testing::Test::HasFailure())
    Q.remove();
}

} // namespace
} // namespace ctxguard::xtu
