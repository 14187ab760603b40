//===--- JsonWriterTest.cpp - ctxguard ------------------------------------===//

#include "JsonWriter.h"
#include "TestFindings.h"

#include <gtest/gtest.h>

namespace ctxguard {
namespace {

TEST(JsonWriterTest, FindingsWithNotesFixesAndErrors) {
  nlohmann::ordered_json Report = buildJsonReport(testing::sampleResult(), testing::Root, "9.9");
  EXPECT_EQ(Report["version"], 1);
  EXPECT_EQ(Report["tool"]["version"], "9.9");
  EXPECT_EQ(Report["translationUnits"], 2);
  const auto &Lost = Report["findings"][0];
  EXPECT_EQ(Lost["check"], "ctx-lost-cancel");
  EXPECT_EQ(Lost["file"], "src/fetch.cpp");
  EXPECT_EQ(Lost["line"], 12);
  EXPECT_EQ(Lost["column"], 22);
  EXPECT_EQ(Lost["endColumn"], 25);
  EXPECT_EQ(Lost["fingerprint"], "0123456789abcdef:1");
  EXPECT_EQ(Lost["notes"][0]["line"], 14);
  EXPECT_EQ(Lost["fixes"][0]["length"], 0);
  EXPECT_EQ(Lost["fixes"][0]["replacement"], " ctx::Defer d([&] { cancel(); });");
  EXPECT_TRUE(Report["findings"][1]["fixes"].empty());
  const auto &Errors = Report["errors"];
  ASSERT_EQ(Errors.size(), 2u);
  EXPECT_FALSE(Errors[0].contains("file")); // no place
  EXPECT_EQ(Errors[1]["file"], "src/broken.cpp");
  EXPECT_EQ(Errors[1]["line"], 4);
}

} // namespace
} // namespace ctxguard
