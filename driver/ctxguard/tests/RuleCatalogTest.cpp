//===--- RuleCatalogTest.cpp - ctxguard -----------------------------------===//

#include "RuleCatalog.h"

#include <gtest/gtest.h>

namespace ctxguard {
namespace {

TEST(RuleCatalogTest, NamesArePascalCase) {
  EXPECT_EQ(pascalCaseName("ctx-lost-cancel"), "LostCancel");
  EXPECT_EQ(pascalCaseName("clang-diagnostic-unused-variable"), "ClangDiagnosticUnusedVariable");
}

TEST(RuleCatalogTest, DescriptionsComeFromTheFirstParagraph) {
  std::string Page = "# ctx-x\n\nFlags a thing that\nleaks. Then more.\n\n## Why\n\nBecause.\n";
  EXPECT_EQ(firstParagraph(Page), "Flags a thing that leaks. Then more.");
  EXPECT_EQ(firstSentence(firstParagraph(Page)), "Flags a thing that leaks.");
  EXPECT_EQ(firstSentence("No period"), "No period.");
}

TEST(RuleCatalogTest, EveryRegisteredCheckIsARuleWithDescriptions) {
  std::vector<RuleInfo> Rules = ctxRules();
  ASSERT_FALSE(Rules.empty());
  for (const RuleInfo &Rule : Rules) {
    EXPECT_EQ(Rule.Id.rfind("ctx-", 0), 0u) << Rule.Id;
    EXPECT_FALSE(Rule.Name.empty());
    EXPECT_FALSE(Rule.ShortDescription.empty());
    EXPECT_EQ(Rule.ShortDescription.back(), '.');
    EXPECT_FALSE(Rule.HelpUri.empty());
  }
}

TEST(RuleCatalogTest, DocumentedChecksCarryTheirPage) {
  for (const RuleInfo &Rule : ctxRules())
    if (!Rule.HelpMarkdown.empty())
      EXPECT_NE(Rule.HelpMarkdown.find("# " + Rule.Id), std::string::npos) << Rule.Id;
}

} // namespace
} // namespace ctxguard
