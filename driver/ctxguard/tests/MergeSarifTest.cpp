//===--- MergeSarifTest.cpp - ctxguard ------------------------------------===//

#include "MergeSarif.h"
#include "TestFindings.h"

#include <gtest/gtest.h>

namespace ctxguard {
namespace {

SarifOptions options() {
  SarifOptions O;
  O.SourceRoot = testing::Root;
  O.ToolVersion = "1.0.0";
  O.Rules = {describeRule("ctx-lost-cancel"), describeRule("ctx-stored-in-struct")};
  return O;
}

TEST(MergeSarifTest, ShardsMergeIntoTheWholeRun) {
  AnalysisResult Whole = testing::sampleResult();
  Whole.Errors.clear();
  AnalysisResult First = Whole, Second = Whole;
  First.Findings.erase(First.Findings.begin() + 1);
  Second.Findings.erase(Second.Findings.begin());
  auto Merged = mergeSarifLogs({buildSarif(Second, options()), buildSarif(First, options())});
  ASSERT_TRUE(static_cast<bool>(Merged)) << llvm::toString(Merged.takeError());
  testing::writeSarifForValidation("Merged", renderJson(*Merged));
  EXPECT_EQ(renderJson(*Merged), renderJson(buildSarif(Whole, options())));
}

TEST(MergeSarifTest, DuplicatesCollapseAndFailureWins) {
  AnalysisResult Failed = testing::sampleResult();
  AnalysisResult Clean = testing::sampleResult();
  Clean.Errors.clear();
  auto Merged = mergeSarifLogs({buildSarif(Clean, options()), buildSarif(Failed, options())});
  ASSERT_TRUE(static_cast<bool>(Merged));
  const Json &Run = (*Merged)["runs"][0];
  EXPECT_EQ(Run["results"].size(), 2u);
  EXPECT_EQ(Run["invocations"][0]["executionSuccessful"], false);
  EXPECT_EQ(Run["invocations"][0]["toolExecutionNotifications"].size(), 2u);
}

TEST(MergeSarifTest, RefusesOtherTools) {
  Json Other = buildSarif(AnalysisResult(), options());
  Other["runs"][0]["tool"]["driver"]["name"] = "other";
  auto Merged = mergeSarifLogs({Other});
  ASSERT_FALSE(static_cast<bool>(Merged));
  llvm::consumeError(Merged.takeError());
  auto Empty = mergeSarifLogs({});
  ASSERT_FALSE(static_cast<bool>(Empty));
  llvm::consumeError(Empty.takeError());
}

} // namespace
} // namespace ctxguard
