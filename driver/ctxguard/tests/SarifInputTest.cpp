//===--- SarifInputTest.cpp - ctxguard ------------------------------------===//
//
// Malformed SARIF inputs (baselines, merge-sarif's logs): every JSON type in
// every position ctxguard reads is an error naming that position, never an
// exception.
//
//===----------------------------------------------------------------------===//

#include "SarifInput.h"
#include "Baseline.h"
#include "MergeSarif.h"
#include "TestFindings.h"

#include <gtest/gtest.h>

#include <cctype>

namespace ctxguard {
namespace {

Json validLog() {
  SarifOptions O;
  O.SourceRoot = testing::Root;
  O.ToolVersion = "1.0.0";
  O.Rules = {describeRule("ctx-lost-cancel")};
  return buildSarif(testing::sampleResult(), O);
}

/// Every position ctxguard reads, as a JSON pointer into validLog().
const char *const Positions[] = {
    "",
    "/runs",
    "/runs/0",
    "/runs/0/tool",
    "/runs/0/tool/driver",
    "/runs/0/tool/driver/name",
    "/runs/0/tool/driver/rules",
    "/runs/0/tool/driver/rules/0",
    "/runs/0/tool/driver/rules/0/id",
    "/runs/0/results",
    "/runs/0/results/0",
    "/runs/0/results/0/ruleId",
    "/runs/0/results/0/partialFingerprints",
    "/runs/0/results/0/partialFingerprints/primaryLocationLineHash",
    "/runs/0/results/0/locations",
    "/runs/0/results/0/locations/0",
    "/runs/0/results/0/locations/0/physicalLocation",
    "/runs/0/results/0/locations/0/physicalLocation/artifactLocation",
    "/runs/0/results/0/locations/0/physicalLocation/artifactLocation/uri",
    "/runs/0/results/0/locations/0/physicalLocation/region",
    "/runs/0/results/0/locations/0/physicalLocation/region/startLine",
    "/runs/0/results/0/locations/0/physicalLocation/region/startColumn",
    "/runs/0/invocations",
    "/runs/0/invocations/0",
    "/runs/0/invocations/0/executionSuccessful",
    "/runs/0/invocations/0/toolExecutionNotifications",
    "/runs/0/invocations/0/toolExecutionNotifications/0",
};

const Json Values[] = {Json(),       Json(true),    Json(-1),      Json(2.5),
                       Json("text"), Json::array(), Json::object()};

/// "runs[0].results[0].ruleId" for "/runs/0/results/0/ruleId".
std::string dotted(llvm::StringRef Pointer) {
  std::string Path;
  llvm::SmallVector<llvm::StringRef> Tokens;
  Pointer.drop_front().split(Tokens, '/');
  for (llvm::StringRef Token : Tokens) {
    if (!Token.empty() && std::isdigit(static_cast<unsigned char>(Token[0])))
      Path += "[" + Token.str() + "]";
    else
      Path += (Path.empty() ? "" : ".") + Token.str();
  }
  return Path;
}

TEST(SarifInputTest, TheValidLogPasses) {
  Json Log = validLog();
  for (const char *Position : Positions)
    ASSERT_TRUE(Log.contains(Json::json_pointer(Position))) << Position;
  EXPECT_FALSE(checkSarifShape(Log));
}

TEST(SarifInputTest, EveryWrongTypeInEveryPositionIsNamed) {
  size_t Cases = 0;
  for (const char *Position : Positions)
    for (const Json &Value : Values) {
      Json Log = validLog();
      Json &Slot = Log[Json::json_pointer(Position)];
      bool SameType = Slot.type() == Value.type() ||
                      (Slot.is_number_unsigned() && Value.is_number_integer() && Value >= 0);
      if (SameType)
        continue;
      Slot = Value;
      ++Cases;
      std::optional<std::string> Problem = checkSarifShape(Log);
      ASSERT_TRUE(Problem) << Position << " = " << Value.dump();
      std::string Where = *Position ? dotted(Position) : "the top level";
      EXPECT_EQ(Problem->rfind(Where + " is ", 0), 0u)
          << Position << " = " << Value.dump() << ": " << *Problem;

      // Neither reader throws on it: both report it.
      auto B = Baseline::fromSarifText(Log.dump());
      EXPECT_FALSE(static_cast<bool>(B)) << Position;
      llvm::consumeError(B.takeError());
      auto Merged = mergeSarifLogs({Log});
      EXPECT_FALSE(static_cast<bool>(Merged)) << Position;
      llvm::consumeError(Merged.takeError());
    }
  EXPECT_GT(Cases, 150u);
}

TEST(SarifInputTest, TheIssuesExampleIsAnError) {
  auto B = Baseline::fromSarifText(R"({"runs":[{"results":[0]}]})");
  ASSERT_FALSE(static_cast<bool>(B));
  EXPECT_EQ(llvm::toString(B.takeError()),
            "not a SARIF log: runs[0].results[0] is a number, not an object");
}

TEST(SarifInputTest, OptionalMembersMayBeMissing) {
  Json Bare = Json::parse(R"({"runs":[{"results":[{}, {"locations":[]}]}]})");
  EXPECT_FALSE(checkSarifShape(Bare));
  auto B = Baseline::fromSarifText(Bare.dump());
  ASSERT_TRUE(static_cast<bool>(B));
  EXPECT_EQ(B->size(), 0u);
  Bare["runs"][0]["tool"] = {{"driver", {{"name", "ctxguard"}}}};
  auto Merged = mergeSarifLogs({Bare});
  ASSERT_TRUE(static_cast<bool>(Merged)) << llvm::toString(Merged.takeError());
  EXPECT_EQ((*Merged)["runs"][0]["results"].size(), 2u);
}

TEST(SarifInputTest, TextThatIsNotJsonOrTooDeep) {
  for (const char *Text : {"", "{", "not json", "{\"runs\": [}", "\xff\xfe"}) {
    auto Log = parseSarifLog(Text);
    ASSERT_FALSE(static_cast<bool>(Log)) << Text;
    EXPECT_NE(llvm::toString(Log.takeError()).find("not JSON"), std::string::npos) << Text;
  }
  std::string Deep = "{\"runs\": [" + std::string(100000, '[') + std::string(100000, ']') + "]}";
  auto Log = parseSarifLog(Deep);
  ASSERT_FALSE(static_cast<bool>(Log));
  EXPECT_NE(llvm::toString(Log.takeError()).find("nested more than"), std::string::npos);
}

} // namespace
} // namespace ctxguard
