//===--- UnitReport.cpp - ctxguard ----------------------------------------===//

#include "UnitReport.h"

#include <stdexcept>

namespace ctxguard {
namespace {

using Json = nlohmann::json;

const Json &arrayAt(const Json &J, const char *Key) {
  const Json &Value = J.at(Key);
  if (!Value.is_array())
    throw std::invalid_argument(std::string(Key) + " is not an array");
  return Value;
}

Json pointJson(const SourcePoint &P) {
  return Json::array({P.File, P.Offset, P.Line, P.Column, P.Utf16Column});
}

SourcePoint pointFrom(const Json &J) {
  return {J.at(0).get<std::string>(), J.at(1).get<unsigned>(), J.at(2).get<unsigned>(),
          J.at(3).get<unsigned>(), J.at(4).get<unsigned>()};
}

Json rangeJson(const SourceRange &R) { return Json::array({pointJson(R.Begin), pointJson(R.End)}); }

SourceRange rangeFrom(const Json &J) { return {pointFrom(J.at(0)), pointFrom(J.at(1))}; }

Json findingJson(const Finding &F) {
  Json Notes = Json::array(), Fix = Json::array();
  for (const Note &N : F.Notes)
    Notes.push_back({{"range", rangeJson(N.Range)}, {"message", N.Message}});
  for (const Replacement &R : F.Fix)
    Fix.push_back({{"removed", rangeJson(R.Removed)}, {"inserted", R.Inserted}});
  return {{"check", F.Check},      {"level", static_cast<int>(F.Severity)},
          {"message", F.Message},  {"range", rangeJson(F.Range)},
          {"notes", Notes},        {"fix", Fix},
          {"lineHash", F.LineHash}};
}

Finding findingFrom(const Json &J) {
  Finding F;
  F.Check = J.at("check").get<std::string>();
  int Severity = J.at("level").get<int>();
  if (Severity < static_cast<int>(Level::Note) || Severity > static_cast<int>(Level::Error))
    throw std::out_of_range("level");
  F.Severity = static_cast<Level>(Severity);
  F.Message = J.at("message").get<std::string>();
  F.Range = rangeFrom(J.at("range"));
  for (const Json &N : arrayAt(J, "notes"))
    F.Notes.push_back({rangeFrom(N.at("range")), N.at("message").get<std::string>()});
  for (const Json &R : arrayAt(J, "fix"))
    F.Fix.push_back({rangeFrom(R.at("removed")), R.at("inserted").get<std::string>()});
  F.LineHash = J.at("lineHash").get<std::string>();
  return F;
}

Json errorJson(const ToolError &E) {
  Json J = {{"message", E.Message}, {"configuration", E.Kind == ErrorKind::Configuration}};
  if (E.Where)
    J["where"] = pointJson(*E.Where);
  return J;
}

ToolError errorFrom(const Json &J) {
  ToolError E;
  E.Message = J.at("message").get<std::string>();
  if (J.at("configuration").get<bool>())
    E.Kind = ErrorKind::Configuration;
  if (J.contains("where"))
    E.Where = pointFrom(J.at("where"));
  return E;
}

} // namespace

std::vector<std::uint8_t> encodeUnitReport(const UnitReport &Report) {
  Json Findings = Json::array(), Errors = Json::array();
  for (const Finding &F : Report.Findings)
    Findings.push_back(findingJson(F));
  for (const ToolError &E : Report.Errors)
    Errors.push_back(errorJson(E));
  Json Message = {{"file", Report.File},
                  {"findings", std::move(Findings)},
                  {"errors", std::move(Errors)},
                  {"payload", Report.Payload}};
  return Json::to_cbor(Message);
}

llvm::Expected<UnitReport> decodeUnitReport(const std::vector<std::uint8_t> &Bytes) {
  // The bytes come from another process that may have died half-way: any
  // shape problem is reported, never thrown past here.
  try {
    Json Message = Json::from_cbor(Bytes);
    UnitReport Report;
    Report.File = Message.at("file").get<std::string>();
    for (const Json &F : arrayAt(Message, "findings"))
      Report.Findings.push_back(findingFrom(F));
    for (const Json &E : arrayAt(Message, "errors"))
      Report.Errors.push_back(errorFrom(E));
    Report.Payload = Message.at("payload");
    if (!Report.Payload.is_object())
      throw std::invalid_argument("payload is not an object");
    return Report;
  } catch (const std::exception &E) {
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "unreadable result message (%zu bytes): %s", Bytes.size(),
                                   E.what());
  }
}

} // namespace ctxguard
