//===--- Paths.cpp - ctxguard ---------------------------------------------===//

#include "Paths.h"

#include <cctype>
#include <cstdio>

namespace ctxguard {

std::optional<std::string> relativeTo(std::string_view Root, std::string_view File) {
  while (Root.size() > 1 && Root.back() == '/')
    Root.remove_suffix(1);
  if (Root.empty() || File.size() <= Root.size() || File.substr(0, Root.size()) != Root)
    return std::nullopt;
  if (Root != "/" && File[Root.size()] != '/')
    return std::nullopt;
  return std::string(File.substr(Root == "/" ? 1 : Root.size() + 1));
}

std::string percentEncode(std::string_view Path) {
  std::string Encoded;
  for (char C : Path) {
    auto Byte = static_cast<unsigned char>(C);
    if (std::isalnum(Byte) || C == '-' || C == '.' || C == '_' || C == '~' || C == '/') {
      Encoded += C;
      continue;
    }
    char Escape[4];
    std::snprintf(Escape, sizeof Escape, "%%%02X", Byte);
    Encoded += Escape;
  }
  return Encoded;
}

std::string fileUri(std::string_view AbsolutePath, bool IsDirectory) {
  std::string Uri = "file://" + percentEncode(AbsolutePath);
  if (IsDirectory && Uri.back() != '/')
    Uri += '/';
  return Uri;
}

std::string percentDecode(std::string_view Uri) {
  std::string Decoded;
  for (size_t I = 0; I < Uri.size(); ++I) {
    if (Uri[I] == '%' && I + 2 < Uri.size() &&
        std::isxdigit(static_cast<unsigned char>(Uri[I + 1])) &&
        std::isxdigit(static_cast<unsigned char>(Uri[I + 2]))) {
      Decoded += static_cast<char>(std::stoi(std::string(Uri.substr(I + 1, 2)), nullptr, 16));
      I += 2;
      continue;
    }
    Decoded += Uri[I];
  }
  return Decoded;
}

} // namespace ctxguard
