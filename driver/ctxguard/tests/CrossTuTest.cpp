//===--- CrossTuTest.cpp - ctxguard ---------------------------------------===//
//
// Facts across translation units, end to end: the multi-TU fixture projects
// of testdata/xtu/<project>/ (one per check that reads facts, with chains
// and recursion across files and header-defined helpers) carry inline
// expectations (docs/dev/fixtures.md). Every way of analysing a project must
// meet them exactly: the driver with -j1 and with -j2 over the files in
// reverse order, two shards with --export-facts, merge-facts and --facts,
// and the plugin reading the exported file through FactsFile. Without the
// facts, the plugin misses them (the expectations are about other TUs).
//
//===----------------------------------------------------------------------===//

#include "XtuSupport.h"

#include <gtest/gtest.h>

namespace ctxguard::xtu {
namespace {

class CrossTuTest : public ::testing::TestWithParam<std::string> {
protected:
  void SetUp() override { P = Project::copy(GetParam(), testName()); }
  void TearDown() override {
    if (!HasFailure())
      P.remove();
  }
  static std::string testName() {
    std::string Name = ::testing::UnitTest::GetInstance()->current_test_info()->name();
    for (char &C : Name)
      if (C == '/')
        C = '_';
    return Name;
  }
  void expectMet(const std::string &Output) {
    for (const std::string &Problem : P.unmet(Output))
      ADD_FAILURE() << Problem;
  }
  Project P;
};

// One parse per TU: the findings that depend on other TUs are decided once
// every TU is done, none is analysed a second time.
TEST_P(CrossTuTest, DriverOneJob) {
  P.writeDatabase(P.Sources);
  Outcome O = P.ctxguard({"-j1"});
  EXPECT_NE(O.Exit, 2) << O.Err;
  EXPECT_EQ(O.Err.find("analysed again"), std::string::npos) << O.Err;
  expectMet(O.Out);
}

TEST_P(CrossTuTest, DriverTwoJobsReverseOrder) {
  std::vector<std::string> Reversed(P.Sources.rbegin(), P.Sources.rend());
  P.writeDatabase(Reversed);
  Outcome O = P.ctxguard({"-j2"});
  EXPECT_NE(O.Exit, 2) << O.Err;
  EXPECT_EQ(O.Err.find("analysed again"), std::string::npos) << O.Err;
  expectMet(O.Out);
}

TEST_P(CrossTuTest, SameReportsAndFactsWhateverTheOrder) {
  P.writeDatabase(P.Sources);
  Outcome A = P.ctxguard({"-j1", "--format=json", "--export-facts=a.json"});
  std::vector<std::string> Reversed(P.Sources.rbegin(), P.Sources.rend());
  P.writeDatabase(Reversed);
  Outcome B = P.ctxguard({"-j2", "--format=json", "--export-facts=b.json"});
  EXPECT_EQ(A.Out, B.Out);
  EXPECT_EQ(readFile(P.Dir / "a.json"), readFile(P.Dir / "b.json"));
}

TEST_P(CrossTuTest, TwoShardsTwoPasses) {
  P.writeDatabase(P.Sources);
  // Pass 1: each shard exports its facts; merge-facts joins them.
  for (const char *Shard : {"1/2", "2/2"})
    ASSERT_NE(P.ctxguard({"--shard", Shard, "--export-facts",
                          std::string("facts-") + Shard[0] + ".json"})
                  .Exit,
              2);
  Outcome Merged = P.ctxguard({"merge-facts", "facts-1.json", "facts-2.json", "-o", "all.json"});
  ASSERT_EQ(Merged.Exit, 0) << Merged.Err;
  // Pass 2: each shard reads the program's facts.
  std::string Output;
  for (const char *Shard : {"1/2", "2/2"}) {
    Outcome O = P.ctxguard({"--shard", Shard, "--facts", "all.json"});
    EXPECT_NE(O.Exit, 2) << O.Err;
    Output += O.Out;
  }
  expectMet(Output);
}

TEST_P(CrossTuTest, PluginReadsTheExportedFacts) {
  P.writeDatabase(P.Sources);
  ASSERT_NE(P.ctxguard({"--export-facts", "facts.json"}).Exit, 2);
  std::string Output;
  for (const std::string &Source : P.Sources)
    Output += P.plugin(Source, (P.Dir / "facts.json").string()).Out;
  expectMet(Output);
}

TEST_P(CrossTuTest, PluginWithoutFactsMissesThem) {
  std::string Output;
  for (const std::string &Source : P.Sources)
    Output += P.plugin(Source, "").Out;
  EXPECT_FALSE(P.unmet(Output).empty()) << "the project does not exercise facts of other TUs";
}

INSTANTIATE_TEST_SUITE_P(Projects, CrossTuTest,
                         ::testing::Values("prices", "cancel", "loops", "channels", "senders"));

// A decision with more outcomes than the driver keeps open (a cancel after
// seventy calls into another TU, any of which may throw): its TU is
// analysed again with the solved facts, and the result is still exact.
TEST(CrossTuOneParse, TooManyOpenFactsAreDecidedByASecondAnalysis) {
  Project P = Project::copy("cancel", "TooManyOpenFacts");
  std::string Declarations, Calls, Definitions;
  for (int I = 0; I < 70; ++I) {
    std::string Name = "step" + std::to_string(I);
    Declarations += "void " + Name + "();\n";
    Calls += "  " + Name + "();\n";
    Definitions += "void " + Name + "() {" + (I == 37 ? " throw 1; " : "") + "}\n";
  }
  writeFile(P.Dir / "steps.h", Declarations);
  writeFile(P.Dir / "steps.cpp", "#include \"steps.h\"\n" + Definitions);
  writeFile(P.Dir / "pipeline.cpp", "#include <ctx/ctx.hpp>\n#include \"steps.h\"\n"
                                    "void pipeline(const ctx::Context &p) {\n"
                                    "  auto [c, cancel] = ctx::with_cancel(p);\n" +
                                        Calls + "  cancel();\n}\n");
  P.writeDatabase({"pipeline.cpp", "steps.cpp"});
  Outcome O = P.ctxguard({"-j2", "pipeline.cpp", "steps.cpp"});
  EXPECT_EQ(O.Exit, 1) << O.Err;
  EXPECT_NE(O.Err.find("1 analysed again with the facts of other files"), std::string::npos)
      << O.Err;
  EXPECT_NE(O.Out.find("'cancel' is skipped if 'step37' throws; defer it"), std::string::npos)
      << O.Out;
  P.remove();
}

TEST(CrossTuFactsFile, StaleMissingOrForeignFactsFile) {
  Project P = Project::copy("prices", "StaleMissingOrForeignFactsFile");
  P.writeDatabase(P.Sources);
  ASSERT_NE(P.ctxguard({"--export-facts", "facts.json"}).Exit, 2);
  // A stale file claims that tidy_prices() creates a root: believed where
  // its body is not visible (handler.cpp), never where it is (prices.cpp).
  nlohmann::json Facts = nlohmann::json::parse(readFile(P.Dir / "facts.json"));
  for (nlohmann::json &F : Facts["functions"])
    if (F["name"] == "tidy_prices") {
      F["callsRoot"] = true;
      F["rootLine"] = 10;
      F["rootCallee"] = "ctx::todo";
    }
  writeFile(P.Dir / "stale.json", Facts.dump());
  Outcome Handler = P.plugin("handler.cpp", (P.Dir / "stale.json").string());
  EXPECT_NE(Handler.Out.find("'tidy_prices' creates its own root context"), std::string::npos)
      << Handler.Out;
  Outcome Prices = P.plugin("prices.cpp", (P.Dir / "stale.json").string());
  EXPECT_EQ(Prices.Out.find("tidy_prices"), std::string::npos) << Prices.Out;

  Outcome Missing = P.plugin("handler.cpp", (P.Dir / "nope.json").string());
  EXPECT_NE((Missing.Out + Missing.Err).find("cannot read FactsFile"), std::string::npos)
      << Missing.Out << Missing.Err;
  writeFile(P.Dir / "bad.json", "{\"schema\": \"ctxguard-facts\", \"version\": 99, \"functions\": []}");
  Outcome Foreign = P.plugin("handler.cpp", (P.Dir / "bad.json").string());
  EXPECT_NE((Foreign.Out + Foreign.Err).find("schema version 99"), std::string::npos)
      << Foreign.Out << Foreign.Err;
  P.remove();
}

} // namespace
} // namespace ctxguard::xtu
