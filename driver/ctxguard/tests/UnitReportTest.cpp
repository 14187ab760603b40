//===--- UnitReportTest.cpp - ctxguard ------------------------------------===//

#include "UnitReport.h"
#include "TestFindings.h"

#include <gtest/gtest.h>

namespace ctxguard {
namespace {

UnitReport sampleReport() {
  AnalysisResult Sample = testing::sampleResult();
  UnitReport R;
  R.File = "/repo/src/fetch.cpp";
  R.Findings = Sample.Findings;
  R.Errors = Sample.Errors;
  R.Errors.push_back({"invalid configuration value", std::nullopt, ErrorKind::Configuration});
  R.Payload["facts"] = {{"functions", 3}};
  return R;
}

TEST(UnitReportTest, RoundTripsEverything) {
  UnitReport Sent = sampleReport();
  auto Got = decodeUnitReport(encodeUnitReport(Sent));
  ASSERT_TRUE(static_cast<bool>(Got)) << llvm::toString(Got.takeError());
  EXPECT_EQ(Got->File, Sent.File);
  EXPECT_EQ(Got->Findings, Sent.Findings);
  for (size_t I = 0; I < Sent.Findings.size(); ++I) {
    EXPECT_EQ(Got->Findings[I].Severity, Sent.Findings[I].Severity);
    EXPECT_EQ(Got->Findings[I].LineHash, Sent.Findings[I].LineHash);
    EXPECT_EQ(Got->Findings[I].Range.End, Sent.Findings[I].Range.End);
  }
  EXPECT_EQ(Got->Errors, Sent.Errors);
  EXPECT_EQ(Got->Errors.back().Kind, ErrorKind::Configuration);
  EXPECT_EQ(Got->Payload, Sent.Payload);
}

TEST(UnitReportTest, BytesThatAreNotUtf8SurviveExactly) {
  UnitReport Sent;
  Sent.File = "/repo/bad\xff\xfe name.cpp";
  Finding F;
  F.Check = "ctx-lost-cancel";
  F.Message = "message with \xc3 a broken sequence and a NUL \0 byte";
  F.Message.append(std::string("\0tail", 5));
  F.Range = testing::span(Sent.File, 1, 2, 3);
  Sent.Findings.push_back(F);
  auto Got = decodeUnitReport(encodeUnitReport(Sent));
  ASSERT_TRUE(static_cast<bool>(Got)) << llvm::toString(Got.takeError());
  EXPECT_EQ(Got->File, Sent.File);
  EXPECT_EQ(Got->Findings[0].Message, F.Message);
  EXPECT_EQ(Got->Findings[0].Range.Begin.File, Sent.File);
}

TEST(UnitReportTest, TruncatedOrForeignBytesAreAnErrorNotAnException) {
  std::vector<std::uint8_t> Bytes = encodeUnitReport(sampleReport());
  for (size_t Cut : {size_t(0), size_t(1), Bytes.size() / 2, Bytes.size() - 1}) {
    auto Got = decodeUnitReport(std::vector<std::uint8_t>(Bytes.begin(), Bytes.begin() + Cut));
    ASSERT_FALSE(static_cast<bool>(Got)) << Cut;
    EXPECT_NE(llvm::toString(Got.takeError()).find("unreadable"), std::string::npos);
  }
  for (const char *Json :
       {R"([1,2])", R"({"file": 3})", R"({"file":"f","findings":{},"errors":[],"payload":{}})",
        R"({"file":"f","findings":[7],"errors":[],"payload":{}})",
        R"({"file":"f","findings":[],"errors":[],"payload":[]})"}) {
    auto Got = decodeUnitReport(nlohmann::json::to_cbor(nlohmann::json::parse(Json)));
    EXPECT_FALSE(static_cast<bool>(Got)) << Json;
    llvm::consumeError(Got.takeError());
  }
}

} // namespace
} // namespace ctxguard
