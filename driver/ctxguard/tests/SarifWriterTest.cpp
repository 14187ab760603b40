//===--- SarifWriterTest.cpp - ctxguard -----------------------------------===//

#include "SarifWriter.h"
#include "TestFindings.h"

#include <gtest/gtest.h>

namespace ctxguard {
namespace {

using testing::Root;
using testing::sampleResult;

SarifOptions options() {
  SarifOptions O;
  O.SourceRoot = Root;
  O.ToolVersion = "1.2.3";
  O.Category = "ctxguard/shard";
  O.Rules = {describeRule("ctx-lost-cancel"), describeRule("ctx-stored-in-struct")};
  return O;
}

class SarifWriterTest : public ::testing::Test {
protected:
  void SetUp() override {
    Log = buildSarif(sampleResult(), options());
    testing::writeSarifForValidation(
        ::testing::UnitTest::GetInstance()->current_test_info()->name(), renderJson(Log));
  }
  const Json &run() const { return Log["runs"][0]; }
  const Json &result(size_t I) const { return run()["results"][I]; }
  Json Log;
};

TEST_F(SarifWriterTest, DescribesTheToolAndItsRules) {
  EXPECT_EQ(Log["version"], "2.1.0");
  EXPECT_TRUE(Log.contains("$schema"));
  const Json &Driver = run()["tool"]["driver"];
  EXPECT_EQ(Driver["name"], "ctxguard");
  EXPECT_EQ(Driver["semanticVersion"], "1.2.3");
  EXPECT_TRUE(Driver.contains("informationUri"));
  ASSERT_EQ(Driver["rules"].size(), 2u);
  const Json &Rule = Driver["rules"][0];
  EXPECT_EQ(Rule["id"], "ctx-lost-cancel");
  EXPECT_EQ(Rule["name"], "LostCancel");
  EXPECT_EQ(Rule["defaultConfiguration"]["level"], "warning");
  EXPECT_TRUE(Rule["properties"]["tags"].is_array());
  EXPECT_TRUE(Rule["help"].contains("text"));
}

TEST_F(SarifWriterTest, ResultsAreSortedAndPointUnderSourceRoot) {
  ASSERT_EQ(run()["results"].size(), 2u);
  EXPECT_EQ(result(0)["ruleId"], "ctx-lost-cancel"); // src/fetch.cpp < src/with space.hpp
  EXPECT_EQ(result(0)["ruleIndex"], 0);
  EXPECT_EQ(result(1)["ruleIndex"], 1);
  const Json &Location = result(0)["locations"][0]["physicalLocation"];
  EXPECT_EQ(Location["artifactLocation"]["uri"], "src/fetch.cpp");
  EXPECT_EQ(Location["artifactLocation"]["uriBaseId"], "%SRCROOT%");
  EXPECT_EQ(Location["region"]["startLine"], 12);
  EXPECT_EQ(Location["region"]["startColumn"], 22);
  EXPECT_EQ(Location["region"]["endLine"], 12);
  EXPECT_EQ(Location["region"]["endColumn"], 25);
  EXPECT_EQ(result(1)["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            "src/with%20space.hpp");
  EXPECT_EQ(run()["originalUriBaseIds"]["%SRCROOT%"]["uri"], "file:///repo/");
}

TEST_F(SarifWriterTest, CarriesFingerprintNotesAndFixes) {
  EXPECT_EQ(result(0)["partialFingerprints"]["primaryLocationLineHash"], "0123456789abcdef:1");
  EXPECT_EQ(result(0)["message"]["text"],
            "'cancel' is not used on all paths (possible context leak).");
  const Json &Related = result(0)["relatedLocations"][0];
  EXPECT_EQ(Related["id"], 1);
  EXPECT_EQ(Related["physicalLocation"]["region"]["startLine"], 14);
  const Json &Change = result(0)["fixes"][0]["artifactChanges"][0];
  EXPECT_EQ(Change["artifactLocation"]["uri"], "src/fetch.cpp");
  const Json &Edit = Change["replacements"][0];
  EXPECT_EQ(Edit["deletedRegion"]["startColumn"], 60);
  EXPECT_EQ(Edit["deletedRegion"]["endColumn"], 60);
  EXPECT_EQ(Edit["insertedContent"]["text"], " ctx::Defer d([&] { cancel(); });");
}

TEST_F(SarifWriterTest, RecordsToolErrorsAsFailedExecution) {
  const Json &Invocation = run()["invocations"][0];
  EXPECT_EQ(Invocation["executionSuccessful"], false);
  const Json &Notes = Invocation["toolExecutionNotifications"];
  ASSERT_EQ(Notes.size(), 2u);
  EXPECT_EQ(Notes[0]["level"], "error");
  EXPECT_EQ(Notes[0]["message"]["text"], "cannot load a compile database.");
  EXPECT_FALSE(Notes[0].contains("locations"));
  EXPECT_EQ(Notes[1]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            "src/broken.cpp");
  EXPECT_EQ(Notes[1]["locations"][0]["physicalLocation"]["region"]["startLine"], 4);
}

TEST_F(SarifWriterTest, NamesTheAutomationCategory) {
  EXPECT_EQ(run()["automationDetails"]["id"], "ctxguard/shard/");
}

TEST(SarifWriter, SameInputGivesIdenticalText) {
  EXPECT_EQ(renderJson(buildSarif(sampleResult(), options())),
            renderJson(buildSarif(sampleResult(), options())));
}

TEST(SarifWriter, CleanRunIsSuccessfulWithEmptyResults) {
  AnalysisResult Clean;
  Json Log = buildSarif(Clean, options());
  testing::writeSarifForValidation("CleanRun", renderJson(Log));
  EXPECT_TRUE(Log["runs"][0]["results"].empty());
  EXPECT_EQ(Log["runs"][0]["invocations"][0]["executionSuccessful"], true);
}

TEST(SarifWriter, FilesOutsideTheRootGetAbsoluteUris) {
  EXPECT_EQ(artifactLocation("/usr/include/x.h", Root), Json({{"uri", "file:///usr/include/x.h"}}));
}

TEST(SarifWriter, MessagesBecomeSentences) {
  EXPECT_EQ(asSentence("leak"), "leak.");
  EXPECT_EQ(asSentence("done."), "done.");
  EXPECT_EQ(asSentence("why?"), "why?");
}

} // namespace
} // namespace ctxguard
