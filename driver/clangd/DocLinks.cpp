//===--- DocLinks.cpp - ctxguard-clangd -----------------------------------===//

#include "DocLinks.h"

#include <nlohmann/json.hpp>

#include <vector>

namespace ctxguard::clangd {

namespace fs = std::filesystem;
using Json = nlohmann::json;

namespace {

constexpr std::string_view CtxPrefix = "ctx-";

bool isPathChar(unsigned char C) {
  return (C >= 'a' && C <= 'z') || (C >= 'A' && C <= 'Z') || (C >= '0' && C <= '9') ||
         std::string_view("-._~/").find(static_cast<char>(C)) != std::string_view::npos;
}

/// A check name from a diagnostic is used in a path and a URL: only the
/// characters check names are made of.
bool isCheckName(std::string_view Name) {
  if (!Name.starts_with(CtxPrefix) || Name.size() == CtxPrefix.size())
    return false;
  for (char C : Name)
    if (!((C >= 'a' && C <= 'z') || (C >= '0' && C <= '9') || C == '-'))
      return false;
  return true;
}

/// A diagnostic of a ctx-* check as clangd sends it: in publishDiagnostics,
/// and again inside the code actions that fix it.
bool isCtxDiagnostic(const Json &Object) {
  auto Source = Object.find("source");
  auto Code = Object.find("code");
  return Source != Object.end() && Code != Object.end() && *Source == "clang-tidy" &&
         Code->is_string() && Code->get_ref<const std::string &>().starts_with(CtxPrefix);
}

/// Relinks every ctx-* diagnostic inside Root; true if one changed. The
/// walk keeps its own stack: message depth is clangd's to choose.
bool relink(Json &Root, const DocLinks &Links) {
  bool Changed = false;
  std::vector<Json *> Stack{&Root};
  while (!Stack.empty()) {
    Json &Node = *Stack.back();
    Stack.pop_back();
    if (Node.is_object() && isCtxDiagnostic(Node)) {
      std::optional<std::string> Page = Links.pageOf(Node["code"].get_ref<const std::string &>());
      if (Page)
        Node["codeDescription"] = {{"href", *Page}};
      else
        Node.erase("codeDescription");
      Changed = true;
    }
    if (Node.is_structured())
      for (Json &Child : Node)
        if (Child.is_structured())
          Stack.push_back(&Child);
  }
  return Changed;
}

} // namespace

std::string fileUrl(const fs::path &Absolute) {
  static constexpr char Hex[] = "0123456789ABCDEF";
  std::string Url = "file://";
  for (unsigned char C : Absolute.generic_string()) {
    if (isPathChar(C)) {
      Url += static_cast<char>(C);
    } else {
      Url += '%';
      Url += Hex[C >> 4];
      Url += Hex[C & 15];
    }
  }
  return Url;
}

std::optional<std::string> DocLinks::pageOf(std::string_view Check) const {
  if (!isCheckName(Check))
    return std::nullopt;
  std::string Page = std::string(Check) + ".md";
  if (!WebBase.empty()) {
    std::string_view Base = WebBase;
    while (Base.ends_with('/'))
      Base.remove_suffix(1);
    return std::string(Base) + "/" + Page;
  }
  std::error_code Error;
  fs::path File = LocalDir / Page;
  if (LocalDir.empty() || !fs::is_regular_file(File, Error))
    return std::nullopt;
  return fileUrl(File);
}

std::optional<std::string> relinkCtxDiagnostics(std::string_view Body, const DocLinks &Links) {
  // Most messages (completions, semantic tokens, hovers) name no ctx check:
  // they pass without being parsed.
  if (Body.find(CtxPrefix) == std::string_view::npos)
    return std::nullopt;
  Json Message = Json::parse(Body, nullptr, /*allow_exceptions=*/false);
  if (Message.is_discarded() || !relink(Message, Links))
    return std::nullopt;
  return Message.dump(-1, ' ', false, Json::error_handler_t::replace);
}

} // namespace ctxguard::clangd
