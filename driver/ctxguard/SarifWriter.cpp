//===--- SarifWriter.cpp - ctxguard ---------------------------------------===//

#include "SarifWriter.h"
#include "Paths.h"

#include <algorithm>
#include <map>

namespace ctxguard {
namespace {

constexpr const char *SchemaUri = "https://json.schemastore.org/sarif-2.1.0.json";
constexpr const char *SourceRootId = "%SRCROOT%";
constexpr const char *InformationUri = "https://github.com/ctxguard/ctxguard";

Json region(const SourceRange &Range) {
  Json Region;
  Region["startLine"] = Range.Begin.Line;
  Region["startColumn"] = Range.Begin.Utf16Column;
  if (!Range.End.File.empty()) {
    Region["endLine"] = Range.End.Line;
    Region["endColumn"] = Range.End.Utf16Column;
  }
  return Region;
}

Json physicalLocation(const SourceRange &Range, const std::string &SourceRoot) {
  Json Location;
  Location["artifactLocation"] = artifactLocation(Range.Begin.File, SourceRoot);
  if (Range.Begin.Line != 0)
    Location["region"] = region(Range);
  return Location;
}

Json ruleJson(const RuleInfo &Rule) {
  Json J;
  J["id"] = Rule.Id;
  J["name"] = Rule.Name;
  J["shortDescription"] = {{"text", Rule.ShortDescription}};
  J["fullDescription"] = {{"text", Rule.FullDescription}};
  if (!Rule.HelpMarkdown.empty())
    J["help"] = {{"text", Rule.HelpMarkdown}, {"markdown", Rule.HelpMarkdown}};
  else
    J["help"] = {{"text", Rule.FullDescription}};
  if (!Rule.HelpUri.empty())
    J["helpUri"] = Rule.HelpUri;
  J["defaultConfiguration"] = {{"level", "warning"}};
  J["properties"] = {{"tags", Rule.Tags}, {"precision", "high"}};
  return J;
}

Json fixJson(const Finding &F, const std::string &SourceRoot) {
  // One artifactChange per file, in file order (Fix is sorted).
  Json Changes = Json::array();
  std::string CurrentFile;
  for (const Replacement &R : F.Fix) {
    if (Changes.empty() || R.Removed.Begin.File != CurrentFile) {
      CurrentFile = R.Removed.Begin.File;
      Changes.push_back({{"artifactLocation", artifactLocation(CurrentFile, SourceRoot)},
                         {"replacements", Json::array()}});
    }
    Changes.back()["replacements"].push_back(
        {{"deletedRegion", region(R.Removed)}, {"insertedContent", {{"text", R.Inserted}}}});
  }
  return {{"description", {{"text", "Apply the fix-it of " + F.Check + "."}}},
          {"artifactChanges", std::move(Changes)}};
}

Json resultJson(const Finding &F, unsigned RuleIndex, const std::string &SourceRoot) {
  Json J;
  J["ruleId"] = F.Check;
  J["ruleIndex"] = RuleIndex;
  J["level"] = levelName(F.Severity);
  J["message"] = {{"text", asSentence(F.Message)}};
  J["locations"] = Json::array({{{"physicalLocation", physicalLocation(F.Range, SourceRoot)}}});
  if (!F.LineHash.empty())
    J["partialFingerprints"] = {{"primaryLocationLineHash", F.LineHash}};
  if (!F.Notes.empty()) {
    Json Related = Json::array();
    unsigned Id = 1;
    for (const Note &N : F.Notes) {
      Json Location = {{"id", Id++}};
      if (!N.Range.Begin.File.empty())
        Location["physicalLocation"] = physicalLocation(N.Range, SourceRoot);
      Location["message"] = {{"text", asSentence(N.Message)}};
      Related.push_back(std::move(Location));
    }
    J["relatedLocations"] = std::move(Related);
  }
  if (!F.Fix.empty())
    J["fixes"] = Json::array({fixJson(F, SourceRoot)});
  return J;
}

Json notificationJson(const ToolError &E, const std::string &SourceRoot) {
  Json J;
  J["level"] = "error";
  J["message"] = {{"text", asSentence(E.Message)}};
  if (E.Where && !E.Where->File.empty()) {
    SourceRange Range{*E.Where, {}};
    J["locations"] = Json::array({{{"physicalLocation", physicalLocation(Range, SourceRoot)}}});
  }
  return J;
}

/// The ctx rules plus a rule for every other check a finding names.
std::vector<RuleInfo> rulesFor(const AnalysisResult &Result, const SarifOptions &Options) {
  std::vector<RuleInfo> Rules = Options.Rules;
  for (const Finding &F : Result.Findings) {
    bool Known =
        std::any_of(Rules.begin(), Rules.end(), [&](const RuleInfo &R) { return R.Id == F.Check; });
    if (!Known)
      Rules.push_back(describeRule(F.Check));
  }
  std::sort(Rules.begin(), Rules.end(),
            [](const RuleInfo &A, const RuleInfo &B) { return A.Id < B.Id; });
  return Rules;
}

std::string automationId(std::string Category) {
  if (Category.empty())
    Category = "ctxguard";
  if (Category.back() != '/')
    Category += '/';
  return Category;
}

} // namespace

std::string asSentence(std::string Text) {
  while (!Text.empty() && (Text.back() == ' ' || Text.back() == '\n'))
    Text.pop_back();
  if (Text.empty())
    return "(no message).";
  char Last = Text.back();
  if (Last != '.' && Last != '!' && Last != '?')
    Text += '.';
  return Text;
}

Json artifactLocation(const std::string &File, const std::string &SourceRoot) {
  if (std::optional<std::string> Relative = relativeTo(SourceRoot, File))
    return {{"uri", percentEncode(*Relative)}, {"uriBaseId", SourceRootId}};
  return {{"uri", fileUri(File)}};
}

Json buildSarif(const AnalysisResult &Result, const SarifOptions &Options) {
  std::vector<RuleInfo> Rules = rulesFor(Result, Options);
  std::map<std::string, unsigned> RuleIndex;
  Json RulesJson = Json::array();
  for (const RuleInfo &Rule : Rules) {
    RuleIndex[Rule.Id] = RulesJson.size();
    RulesJson.push_back(ruleJson(Rule));
  }

  Json Driver;
  Driver["name"] = "ctxguard";
  Driver["version"] = Options.ToolVersion;
  Driver["semanticVersion"] = Options.ToolVersion;
  Driver["informationUri"] = InformationUri;
  Driver["rules"] = std::move(RulesJson);

  Json Execution = Json::array(), Configuration = Json::array();
  for (const ToolError &E : Result.Errors)
    (E.Kind == ErrorKind::Configuration ? Configuration : Execution)
        .push_back(notificationJson(E, Options.SourceRoot));
  Json Invocation;
  Invocation["executionSuccessful"] = Result.Errors.empty();
  if (!Execution.empty())
    Invocation["toolExecutionNotifications"] = std::move(Execution);
  if (!Configuration.empty())
    Invocation["toolConfigurationNotifications"] = std::move(Configuration);

  Json Results = Json::array();
  for (const Finding &F : Result.Findings)
    Results.push_back(resultJson(F, RuleIndex.at(F.Check), Options.SourceRoot));

  Json Run;
  Run["tool"] = {{"driver", std::move(Driver)}};
  Run["invocations"] = Json::array({std::move(Invocation)});
  Run["originalUriBaseIds"] = {
      {SourceRootId, {{"uri", fileUri(Options.SourceRoot, /*IsDirectory=*/true)}}}};
  Run["automationDetails"] = {{"id", automationId(Options.Category)}};
  Run["columnKind"] = "utf16CodeUnits";
  Run["results"] = std::move(Results);

  Json Log;
  Log["$schema"] = SchemaUri;
  Log["version"] = "2.1.0";
  Log["runs"] = Json::array({std::move(Run)});
  return Log;
}

std::string renderJson(const Json &Log) {
  return Log.dump(2, ' ', /*ensure_ascii=*/false, Json::error_handler_t::replace) + "\n";
}

} // namespace ctxguard
