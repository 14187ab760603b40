//===--- RuleCatalog.h - ctxguard -------------------------------*- C++ -*-===//
//
// The rules SARIF describes: every ctx-* check registered in the linked
// module, with descriptions and help taken from its doc page
// (docs/checks/<check>.md, embedded at build time).
//
//===----------------------------------------------------------------------===//

#ifndef CTXGUARD_DRIVER_RULECATALOG_H
#define CTXGUARD_DRIVER_RULECATALOG_H

#include <string>
#include <string_view>
#include <vector>

namespace ctxguard {

struct RuleInfo {
  std::string Id;   // "ctx-lost-cancel"
  std::string Name; // "LostCancel"
  std::string ShortDescription;
  std::string FullDescription;
  std::string HelpMarkdown; // the doc page, empty when there is none
  std::string HelpUri;
  std::vector<std::string> Tags;
};

/// Every ctx-* check the linked module registers, sorted by id.
std::vector<std::string> registeredCtxChecks();

/// The rule for `Check`: from its doc page when there is one; a generic
/// description otherwise (e.g. clang-diagnostic-* warnings a configuration
/// enables).
RuleInfo describeRule(std::string_view Check);

/// The rules of every registered ctx check, sorted by id.
std::vector<RuleInfo> ctxRules();

/// "ctx-lost-cancel" -> "LostCancel" (SARIF's friendly rule name).
std::string pascalCaseName(std::string_view Check);

/// The first paragraph of a Markdown page (headings skipped), on one line.
std::string firstParagraph(std::string_view Markdown);

/// The first sentence of `Text`, ending with a period.
std::string firstSentence(std::string_view Text);

} // namespace ctxguard

#endif // CTXGUARD_DRIVER_RULECATALOG_H
