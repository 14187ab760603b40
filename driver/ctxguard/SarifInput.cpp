//===--- SarifInput.cpp - ctxguard ----------------------------------------===//

#include "SarifInput.h"
#include "ConfigText.h"

#include <cstdint>
#include <functional>

namespace ctxguard {
namespace {

enum class Type { Object, Array, String, Boolean, Count };

const char *nameOf(Type T) {
  switch (T) {
  case Type::Object:
    return "an object";
  case Type::Array:
    return "an array";
  case Type::String:
    return "a string";
  case Type::Boolean:
    return "a boolean";
  case Type::Count:
    return "a non-negative integer";
  }
  return "?";
}

const char *nameOf(const Json &J) {
  switch (J.type()) {
  case Json::value_t::object:
    return "an object";
  case Json::value_t::array:
    return "an array";
  case Json::value_t::string:
    return "a string";
  case Json::value_t::boolean:
    return "a boolean";
  case Json::value_t::null:
    return "null";
  case Json::value_t::number_float:
    return "a fractional number";
  default:
    return J.is_number_integer() && J.get<std::int64_t>() < 0 ? "a negative integer" : "a number";
  }
}

bool hasType(const Json &J, Type T) {
  switch (T) {
  case Type::Object:
    return J.is_object();
  case Type::Array:
    return J.is_array();
  case Type::String:
    return J.is_string();
  case Type::Boolean:
    return J.is_boolean();
  case Type::Count:
    return J.is_number_unsigned() || (J.is_number_integer() && J.get<std::int64_t>() >= 0);
  }
  return false;
}

using Visit = std::function<void(const Json &, const std::string &)>;

/// The members of a SARIF log that ctxguard reads, and their types.
class ShapeCheck {
public:
  std::optional<std::string> Problem;

  void log(const Json &Log) {
    if (!is(Log, "the top level", Type::Object))
      return;
    if (!Log.contains("runs")) {
      Problem = "no 'runs' array";
      return;
    }
    if (const Json *Runs = member(Log, "", "runs", Type::Array))
      each(*Runs, "runs", [&](const Json &Run, const std::string &Path) { run(Run, Path); });
  }

private:
  void run(const Json &Run, const std::string &Path) {
    if (!is(Run, Path, Type::Object))
      return;
    if (const Json *Tool = member(Run, Path, "tool", Type::Object))
      if (const Json *Driver = member(*Tool, Path + ".tool", "driver", Type::Object)) {
        std::string DriverPath = Path + ".tool.driver";
        member(*Driver, DriverPath, "name", Type::String);
        if (const Json *Rules = member(*Driver, DriverPath, "rules", Type::Array))
          each(*Rules, DriverPath + ".rules", [&](const Json &Rule, const std::string &P) {
            if (is(Rule, P, Type::Object))
              member(Rule, P, "id", Type::String);
          });
      }
    if (const Json *Results = member(Run, Path, "results", Type::Array))
      each(*Results, Path + ".results",
           [&](const Json &Result, const std::string &P) { result(Result, P); });
    if (const Json *Invocations = member(Run, Path, "invocations", Type::Array))
      each(*Invocations, Path + ".invocations",
           [&](const Json &Invocation, const std::string &P) { invocation(Invocation, P); });
  }

  void result(const Json &Result, const std::string &Path) {
    if (!is(Result, Path, Type::Object))
      return;
    member(Result, Path, "ruleId", Type::String);
    if (const Json *Prints = member(Result, Path, "partialFingerprints", Type::Object))
      member(*Prints, Path + ".partialFingerprints", "primaryLocationLineHash", Type::String);
    if (const Json *Locations = member(Result, Path, "locations", Type::Array))
      each(*Locations, Path + ".locations",
           [&](const Json &Location, const std::string &P) { location(Location, P); });
  }

  void location(const Json &Location, const std::string &Path) {
    if (!is(Location, Path, Type::Object))
      return;
    const Json *Physical = member(Location, Path, "physicalLocation", Type::Object);
    if (!Physical)
      return;
    std::string P = Path + ".physicalLocation";
    if (const Json *Artifact = member(*Physical, P, "artifactLocation", Type::Object))
      member(*Artifact, P + ".artifactLocation", "uri", Type::String);
    if (const Json *Region = member(*Physical, P, "region", Type::Object)) {
      member(*Region, P + ".region", "startLine", Type::Count);
      member(*Region, P + ".region", "startColumn", Type::Count);
    }
  }

  void invocation(const Json &Invocation, const std::string &Path) {
    if (!is(Invocation, Path, Type::Object))
      return;
    member(Invocation, Path, "executionSuccessful", Type::Boolean);
    for (const char *Key : {"toolExecutionNotifications", "toolConfigurationNotifications"})
      if (const Json *Notifications = member(Invocation, Path, Key, Type::Array))
        each(*Notifications, Path + "." + Key,
             [&](const Json &N, const std::string &P) { is(N, P, Type::Object); });
  }

  bool is(const Json &J, const std::string &Path, Type T) {
    if (Problem)
      return false;
    if (hasType(J, T))
      return true;
    Problem = Path + " is " + nameOf(J) + ", not " + nameOf(T);
    return false;
  }

  /// Object[Key] when present with type `T`; a problem when of another type.
  const Json *member(const Json &Object, const std::string &Path, const char *Key, Type T) {
    auto It = Object.find(Key);
    if (It == Object.end())
      return nullptr;
    return is(*It, Path.empty() ? Key : Path + "." + Key, T) ? &*It : nullptr;
  }

  void each(const Json &Array, const std::string &Path, const Visit &F) {
    for (size_t I = 0; I < Array.size() && !Problem; ++I)
      F(Array[I], Path + "[" + std::to_string(I) + "]");
  }
};

} // namespace

std::optional<std::string> checkSarifShape(const Json &Log) {
  ShapeCheck Check;
  Check.log(Log);
  return Check.Problem;
}

llvm::Expected<Json> parseSarifLog(llvm::StringRef Text) {
  auto Fail = [](const std::string &Message) {
    return llvm::createStringError(llvm::inconvertibleErrorCode(), "%s", Message.c_str());
  };
  if (std::optional<std::string> TooDeep = checkNesting(Text, TextSyntax::Json, "the log"))
    return Fail(*TooDeep);
  Json Log;
  try {
    Log = Json::parse(Text.begin(), Text.end());
  } catch (const Json::exception &E) { // parse errors, and numbers out of range
    return Fail(std::string("not JSON: ") + E.what());
  }
  if (std::optional<std::string> Problem = checkSarifShape(Log))
    return Fail("not a SARIF log: " + *Problem);
  return Log;
}

} // namespace ctxguard
