//===--- BaselineTest.cpp - ctxguard --------------------------------------===//

#include "Baseline.h"
#include "SarifWriter.h"
#include "TestFindings.h"

#include <gtest/gtest.h>

namespace ctxguard {
namespace {

using testing::Root;

std::string sarifOf(const AnalysisResult &R) {
  SarifOptions O;
  O.SourceRoot = Root;
  return renderJson(buildSarif(R, O));
}

Baseline baselineOf(const AnalysisResult &R) {
  auto B = Baseline::fromSarifText(sarifOf(R));
  EXPECT_TRUE(static_cast<bool>(B));
  return B ? std::move(*B) : Baseline();
}

TEST(BaselineTest, KnownFindingsAreDropped) {
  AnalysisResult Now = testing::sampleResult();
  Baseline B = baselineOf(Now);
  EXPECT_EQ(B.size(), 2u);
  EXPECT_EQ(B.filter(Now, Root), 2u);
  EXPECT_TRUE(Now.Findings.empty());
}

TEST(BaselineTest, MovedFindingWithSameLineHashStillMatches) {
  AnalysisResult Then = testing::sampleResult();
  Baseline B = baselineOf(Then);
  AnalysisResult Now = testing::sampleResult();
  for (Finding &F : Now.Findings) // lines inserted above: same text, other line
    F.Range.Begin.Line += 7;
  EXPECT_EQ(B.filter(Now, Root), 2u);
}

TEST(BaselineTest, NewFindingsAreKept) {
  Baseline B = baselineOf(testing::sampleResult());
  AnalysisResult Now = testing::sampleResult();
  Now.Findings[0].LineHash = "1111111111111111:1"; // the line's text changed
  Finding OtherRule = Now.Findings[1];
  OtherRule.Check = "ctx-nil-context";
  Now.Findings.push_back(OtherRule);
  EXPECT_EQ(B.filter(Now, Root), 1u);
  ASSERT_EQ(Now.Findings.size(), 2u);
}

TEST(BaselineTest, SameLineInAnotherFileIsNew) {
  Baseline B = baselineOf(testing::sampleResult());
  AnalysisResult Now = testing::sampleResult();
  for (Finding &F : Now.Findings)
    F.Range.Begin.File = "/repo/other/" + F.Range.Begin.File.substr(10);
  EXPECT_EQ(B.filter(Now, Root), 0u);
}

TEST(BaselineTest, RejectsWhatIsNotSarif) {
  auto B = Baseline::fromSarifText("{\"version\": 3}");
  ASSERT_FALSE(static_cast<bool>(B));
  EXPECT_NE(llvm::toString(B.takeError()).find("runs"), std::string::npos);
  EXPECT_FALSE(static_cast<bool>(Baseline::load("/nonexistent/baseline.sarif")));
}

} // namespace
} // namespace ctxguard
