//===--- MergeSarif.cpp - ctxguard ----------------------------------------===//

#include "MergeSarif.h"
#include "SarifInput.h"

#include <algorithm>
#include <map>
#include <tuple>

namespace ctxguard {
namespace {

/// A total order on JSON values (dump() would throw on invalid UTF-8).
std::string key(const Json &J) { return J.dump(-1, ' ', false, Json::error_handler_t::replace); }

llvm::Error mergeError(const std::string &Message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), "%s", Message.c_str());
}

/// Results ordered as buildSarif() orders findings: file, line, column, rule.
auto resultOrder(const Json &R) {
  // A result may have no location: compare it as one at the empty URI.
  const Json Loc = R.value("/locations/0/physicalLocation"_json_pointer, Json::object());
  return std::make_tuple(Loc.value("/artifactLocation/uri"_json_pointer, std::string()),
                         Loc.value("/region/startLine"_json_pointer, 0u),
                         Loc.value("/region/startColumn"_json_pointer, 0u),
                         R.value("ruleId", std::string()), key(R));
}

void sortUnique(std::vector<Json> &Items, bool AsResults) {
  std::sort(Items.begin(), Items.end(), [&](const Json &A, const Json &B) {
    return AsResults ? resultOrder(A) < resultOrder(B) : key(A) < key(B);
  });
  Items.erase(std::unique(Items.begin(), Items.end()), Items.end());
}

} // namespace

llvm::Expected<Json> mergeSarifLogs(const std::vector<Json> &Logs) {
  const Json *Template = nullptr;
  std::map<std::string, Json> Rules;
  std::vector<Json> Results, Notifications, ConfigNotifications;
  bool Successful = true;
  for (const Json &Log : Logs) {
    // Every member read below has the type SARIF gives it.
    if (std::optional<std::string> Problem = checkSarifShape(Log))
      return mergeError("not a SARIF log: " + *Problem);
    for (const Json &Run : Log["runs"]) {
      std::string Name = Run.value("/tool/driver/name"_json_pointer, std::string());
      if (Name != "ctxguard")
        return mergeError("can only merge ctxguard runs, found a run of '" + Name + "'");
      if (!Template)
        Template = &Run;
      for (const Json &Rule : Run.value("/tool/driver/rules"_json_pointer, Json::array()))
        Rules.emplace(Rule.value("id", std::string()), Rule);
      for (const Json &Result : Run.value("results", Json::array()))
        Results.push_back(Result);
      for (const Json &Invocation : Run.value("invocations", Json::array())) {
        Successful = Successful && Invocation.value("executionSuccessful", false);
        for (const Json &N : Invocation.value("toolExecutionNotifications", Json::array()))
          Notifications.push_back(N);
        for (const Json &N : Invocation.value("toolConfigurationNotifications", Json::array()))
          ConfigNotifications.push_back(N);
      }
    }
  }
  if (!Template)
    return mergeError("no runs to merge");

  Json Merged = *Template;
  Json RulesJson = Json::array();
  std::map<std::string, unsigned> RuleIndex;
  for (auto &[Id, Rule] : Rules) {
    RuleIndex[Id] = RulesJson.size();
    RulesJson.push_back(Rule);
  }
  Merged["tool"]["driver"]["rules"] = std::move(RulesJson);
  for (Json &Result : Results) {
    auto It = RuleIndex.find(Result.value("ruleId", std::string()));
    if (It != RuleIndex.end())
      Result["ruleIndex"] = It->second;
  }
  sortUnique(Results, /*AsResults=*/true);
  sortUnique(Notifications, /*AsResults=*/false);
  sortUnique(ConfigNotifications, /*AsResults=*/false);

  Json Invocation = {{"executionSuccessful", Successful}};
  if (!Notifications.empty())
    Invocation["toolExecutionNotifications"] = Notifications;
  if (!ConfigNotifications.empty())
    Invocation["toolConfigurationNotifications"] = ConfigNotifications;
  Merged["invocations"] = Json::array({std::move(Invocation)});
  Merged["results"] = Results;

  Json Log = Logs.front();
  Log["runs"] = Json::array({std::move(Merged)});
  return Log;
}

} // namespace ctxguard
