//===--- ConfigText.cpp - ctxguard ----------------------------------------===//

#include "ConfigText.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Regex.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <vector>

namespace ctxguard {
namespace {

class NestingScanner {
public:
  NestingScanner(llvm::StringRef Text, TextSyntax Syntax)
      : Text(Text), Yaml(Syntax == TextSyntax::Yaml) {}

  unsigned run(unsigned Limit) {
    bool LineStart = true;
    while (At < Text.size() && Max <= Limit) {
      if (LineStart && Yaml && Brackets == 0)
        blockLevels();
      LineStart = false;
      char C = Text[At];
      if (C == '\n')
        LineStart = true;
      else if (C == '"' && !Yaml)
        skipString();
      else if (C == '[' || C == '{')
        note(Indents.size() + ++Brackets);
      else if ((C == ']' || C == '}') && Brackets != 0)
        --Brackets;
      ++At;
    }
    return Max;
  }

private:
  void note(size_t Depth) { Max = std::max<size_t>(Max, Depth); }

  /// A JSON string; leaves At on its closing quote (or the end).
  void skipString() {
    for (++At; At < Text.size() && Text[At] != '"'; ++At)
      if (Text[At] == '\\')
        ++At;
  }

  /// YAML block structure at the start of a line: one level per deeper
  /// indentation, one per "- " or "? " entry opening the line.
  void blockLevels() {
    size_t Indent = 0;
    while (At + Indent < Text.size() && Text[At + Indent] == ' ')
      ++Indent;
    size_t I = At + Indent;
    if (I >= Text.size() || Text[I] == '\n' || Text[I] == '\r' || Text[I] == '#')
      return; // blank lines and comments do not nest
    while (!Indents.empty() && Indents.back() >= Indent)
      Indents.pop_back();
    Indents.push_back(Indent);
    size_t Entries = 0;
    while (I + 1 < Text.size() && (Text[I] == '-' || Text[I] == '?') && Text[I + 1] == ' ') {
      ++Entries;
      for (I += 2; I < Text.size() && Text[I] == ' ';)
        ++I;
    }
    note(Indents.size() + Entries);
  }

  llvm::StringRef Text;
  bool Yaml;
  size_t At = 0;
  size_t Brackets = 0;
  std::vector<size_t> Indents;
  unsigned Max = 0;
};

ToolError configurationError(std::string Message, llvm::StringRef File, unsigned Line,
                             unsigned Column) {
  ToolError E{std::move(Message), std::nullopt, ErrorKind::Configuration};
  if (!File.empty())
    E.Where = SourcePoint{File.str(), 0, Line, Column, Column};
  return E;
}

} // namespace

unsigned nestingDepth(llvm::StringRef Text, TextSyntax Syntax, unsigned Limit) {
  return NestingScanner(Text, Syntax).run(Limit);
}

std::optional<std::string> checkNesting(llvm::StringRef Text, TextSyntax Syntax,
                                        llvm::StringRef Origin) {
  if (nestingDepth(Text, Syntax) <= MaxNestingDepth)
    return std::nullopt;
  return (Origin + " is nested more than " + llvm::Twine(MaxNestingDepth) +
          " levels deep; ctxguard does not parse such input")
      .str();
}

void checkHeaderFilters(const clang::tidy::ClangTidyOptions &Options, llvm::StringRef Origin,
                        std::vector<ToolError> &Errors) {
  bool IsFile = llvm::sys::path::is_absolute(Origin) && llvm::sys::fs::exists(Origin);
  for (const auto &[Name, Regex] :
       {std::pair{"HeaderFilterRegex", &Options.HeaderFilterRegex},
        {"ExcludeHeaderFilterRegex", &Options.ExcludeHeaderFilterRegex}}) {
    std::string Problem;
    if (!*Regex || (*Regex)->empty() || llvm::Regex(**Regex).isValid(Problem))
      continue;
    ToolError E =
        configurationError("invalid configuration in " + Origin.str() + ": " + Name + " '" +
                               **Regex + "' is not a regular expression: " + Problem,
                           IsFile ? Origin : "", 0, 0);
    if (std::find(Errors.begin(), Errors.end(), E) == Errors.end())
      Errors.push_back(std::move(E));
  }
}

std::variant<clang::tidy::ClangTidyOptions, ToolError>
parseConfigText(llvm::StringRef Text, llvm::StringRef Origin, bool OriginIsFile) {
  llvm::StringRef File = OriginIsFile ? Origin : llvm::StringRef();
  if (std::optional<std::string> TooDeep = checkNesting(Text, TextSyntax::Yaml, Origin))
    return configurationError("invalid configuration: " + *TooDeep, File, 0, 0);
  std::string Problem;
  unsigned Line = 0, Column = 0;
  auto Parsed = clang::tidy::parseConfigurationWithDiags(
      llvm::MemoryBufferRef(Text, Origin), [&](const llvm::SMDiagnostic &D) {
        if (D.getKind() != llvm::SourceMgr::DK_Error) {
          D.print("ctxguard", llvm::errs(), /*ShowColors=*/false);
          return;
        }
        if (!Problem.empty())
          return;
        Problem = D.getMessage().str();
        Line = D.getLineNo();
        Column = D.getColumnNo() + 1;
      });
  if (Parsed)
    return std::move(*Parsed);
  if (Problem.empty())
    Problem = Parsed.getError().message();
  std::string Place = OriginIsFile || Line == 0
                          ? std::string()
                          : ":" + std::to_string(Line) + ":" + std::to_string(Column);
  return configurationError("invalid configuration in " + Origin.str() + Place + ": " + Problem,
                            File, Line, Column);
}

} // namespace ctxguard
