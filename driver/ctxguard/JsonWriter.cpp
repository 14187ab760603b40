//===--- JsonWriter.cpp - ctxguard ----------------------------------------===//

#include "JsonWriter.h"
#include "Paths.h"

namespace ctxguard {
namespace {

using Json = nlohmann::ordered_json;

void addPoint(Json &J, const SourcePoint &P, const std::string &Root) {
  J["file"] = relativeTo(Root, P.File).value_or(P.File);
  if (P.Line == 0)
    return;
  J["line"] = P.Line;
  J["column"] = P.Column;
}

void addRange(Json &J, const SourceRange &R, const std::string &Root) {
  addPoint(J, R.Begin, Root);
  if (R.Begin.Line == 0 || R.End.File.empty())
    return;
  J["endLine"] = R.End.Line;
  J["endColumn"] = R.End.Column;
}

Json findingJson(const Finding &F, const std::string &Root) {
  Json J;
  J["check"] = F.Check;
  J["level"] = levelName(F.Severity);
  J["message"] = F.Message;
  addRange(J, F.Range, Root);
  J["fingerprint"] = F.LineHash;
  J["notes"] = Json::array();
  for (const Note &N : F.Notes) {
    Json NoteJson;
    if (!N.Range.Begin.File.empty())
      addRange(NoteJson, N.Range, Root);
    NoteJson["message"] = N.Message;
    J["notes"].push_back(std::move(NoteJson));
  }
  J["fixes"] = Json::array();
  for (const Replacement &R : F.Fix) {
    Json Edit;
    addRange(Edit, R.Removed, Root);
    Edit["offset"] = R.Removed.Begin.Offset;
    Edit["length"] = R.Removed.End.Offset - R.Removed.Begin.Offset;
    Edit["replacement"] = R.Inserted;
    J["fixes"].push_back(std::move(Edit));
  }
  return J;
}

} // namespace

Json buildJsonReport(const AnalysisResult &Result, const std::string &SourceRoot,
                     const std::string &ToolVersion) {
  Json Report;
  Report["version"] = 1;
  Report["tool"] = {{"name", "ctxguard"}, {"version", ToolVersion}};
  Report["translationUnits"] = Result.TranslationUnits;
  Report["findings"] = Json::array();
  for (const Finding &F : Result.Findings)
    Report["findings"].push_back(findingJson(F, SourceRoot));
  Report["errors"] = Json::array();
  for (const ToolError &E : Result.Errors) {
    Json J;
    J["kind"] = E.Kind == ErrorKind::Configuration ? "configuration" : "execution";
    J["message"] = E.Message;
    if (E.Where && !E.Where->File.empty())
      addPoint(J, *E.Where, SourceRoot);
    Report["errors"].push_back(std::move(J));
  }
  return Report;
}

} // namespace ctxguard
