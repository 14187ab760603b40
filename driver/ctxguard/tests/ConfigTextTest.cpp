//===--- ConfigTextTest.cpp - ctxguard ------------------------------------===//

#include "ConfigText.h"

#include <gtest/gtest.h>

namespace ctxguard {
namespace {

std::string repeat(const std::string &Piece, size_t N) {
  std::string Text;
  for (size_t I = 0; I < N; ++I)
    Text += Piece;
  return Text;
}

TEST(ConfigTextTest, FlowNestingCountsBrackets) {
  // In YAML the top-level line is a level of its own.
  EXPECT_EQ(nestingDepth("{Checks: '-*,ctx-*'}", TextSyntax::Yaml), 2u);
  EXPECT_EQ(nestingDepth("a: [[1], {b: [2]}]", TextSyntax::Yaml), 4u);
  EXPECT_EQ(nestingDepth("a: '(x|[a-z])' # [[y]]\n", TextSyntax::Yaml), 3u);
  // JSON strings are unambiguous: their brackets do not count.
  EXPECT_EQ(nestingDepth(R"({"a": "[[[[\" [[", "b": [1]})", TextSyntax::Json), 2u);
}

TEST(ConfigTextTest, NoQuoteCanHideYamlNesting) {
  // A quote the scan took for a string that YAML reads as part of a plain
  // scalar must not hide the brackets after it.
  for (const char *Opening : {"a: don't\nb: ", "a: x:\"\nb: ", "a: # '\nb: "})
    EXPECT_GT(nestingDepth(Opening + repeat("[", 300), TextSyntax::Yaml, 1000), 256u) << Opening;
}

TEST(ConfigTextTest, BlockNestingCountsIndentationAndEntries) {
  EXPECT_EQ(nestingDepth("Checks: x\nCheckOptions:\n  a: 1\n  b: 2\n", TextSyntax::Yaml), 2u);
  EXPECT_EQ(nestingDepth("a:\n b:\n  c:\n   d: 1\nz: 2\n", TextSyntax::Yaml), 4u);
  EXPECT_EQ(nestingDepth("- - - x\n", TextSyntax::Yaml), 4u);
  // Comments and blank lines do not close or open levels.
  EXPECT_EQ(nestingDepth("a:\n\n # note\n b: 1\n", TextSyntax::Yaml), 2u);
  std::string Deep;
  for (size_t I = 0; I < 400; ++I)
    Deep += std::string(I, ' ') + "k:\n";
  EXPECT_GT(nestingDepth(Deep, TextSyntax::Yaml), 256u);
  // Pretty-printed JSON is not judged by its indentation.
  EXPECT_EQ(nestingDepth("{\n  \"a\": {\n    \"b\": 1\n  }\n}\n", TextSyntax::Json), 2u);
}

TEST(ConfigTextTest, TheLimitIsInclusive) {
  EXPECT_FALSE(checkNesting(repeat("[", 256), TextSyntax::Json, "x"));
  std::optional<std::string> Error = checkNesting(repeat("[", 257), TextSyntax::Json, "x");
  ASSERT_TRUE(Error);
  EXPECT_NE(Error->find("nested more than 256 levels"), std::string::npos) << *Error;
}

TEST(ConfigTextTest, ScanningStopsEarlyOnHugeInput) {
  std::string Text = repeat("[", 5000000);
  EXPECT_EQ(nestingDepth(Text, TextSyntax::Yaml), MaxNestingDepth + 1);
}

TEST(ConfigTextTest, ValidConfigurationParses) {
  auto Parsed = parseConfigText(
      "Checks: '-*,ctx-lost-cancel'\nCheckOptions:\n  ctx-lost-cancel.RequireDefer: true\n",
      "/p/.clang-tidy", true);
  auto *Options = std::get_if<clang::tidy::ClangTidyOptions>(&Parsed);
  ASSERT_TRUE(Options);
  EXPECT_EQ(Options->Checks.value_or(""), "-*,ctx-lost-cancel");
}

TEST(ConfigTextTest, InvalidConfigurationIsAnErrorWithAPlace) {
  auto Parsed = parseConfigText("Checks: x\nCheckOptions: [unclosed\n", "/p/.clang-tidy", true);
  auto *Error = std::get_if<ToolError>(&Parsed);
  ASSERT_TRUE(Error);
  EXPECT_EQ(Error->Kind, ErrorKind::Configuration);
  ASSERT_TRUE(Error->Where);
  EXPECT_EQ(Error->Where->File, "/p/.clang-tidy");
  EXPECT_EQ(Error->Where->Line, 2u);
  EXPECT_NE(Error->Message.find("invalid configuration in /p/.clang-tidy"), std::string::npos);

  auto FromOption = parseConfigText("{Checks: 3, [", "--config", false);
  auto *OptionError = std::get_if<ToolError>(&FromOption);
  ASSERT_TRUE(OptionError);
  EXPECT_FALSE(OptionError->Where);
  EXPECT_NE(OptionError->Message.find("--config:1:"), std::string::npos) << OptionError->Message;
}

TEST(ConfigTextTest, DeepConfigurationNeverReachesTheParser) {
  for (const std::string &Text :
       {"Checks: " + repeat("[", 30000), repeat("{a: ", 30000), repeat("- ", 30000) + "x"}) {
    auto Parsed = parseConfigText(Text, "/p/.clang-tidy", true);
    auto *Error = std::get_if<ToolError>(&Parsed);
    ASSERT_TRUE(Error);
    EXPECT_NE(Error->Message.find("nested more than"), std::string::npos) << Error->Message;
  }
}

} // namespace
} // namespace ctxguard
