//===--- TextWriter.cpp - ctxguard ----------------------------------------===//

#include "TextWriter.h"
#include "Paths.h"
#include "SourceFiles.h"

#include <set>

namespace ctxguard {
namespace {

std::string displayPath(const std::string &File, const std::string &Root) {
  return relativeTo(Root, File).value_or(File);
}

std::string position(const SourcePoint &P, const std::string &Root) {
  std::string Text = displayPath(P.File, Root);
  if (P.Line != 0)
    Text += ":" + std::to_string(P.Line) + ":" + std::to_string(P.Column);
  return Text;
}

/// "    12 | <line>" and "       |    ^~~~" as Clang prints a snippet.
std::string snippet(const SourceRange &Range, SourceFiles &Sources) {
  if (Range.Begin.File.empty() || Range.Begin.Line == 0)
    return {};
  std::string_view Line = Sources.lineText(Range.Begin.File, Range.Begin.Line);
  std::string Number = std::to_string(Range.Begin.Line);
  std::string Gutter(Number.size() < 5 ? 5 - Number.size() : 0, ' ');
  std::string Text = Gutter + Number + " | " + std::string(Line) + "\n";
  std::string Marker = std::string(Gutter.size() + Number.size(), ' ') + " | ";
  // Keep tabs so that the caret lines up; one column per character.
  unsigned Begin = Range.Begin.Column - 1;
  unsigned End = Range.End.Line == Range.Begin.Line ? Range.End.Column - 1 : Line.size();
  for (unsigned I = 0; I < Line.size() && I < End; ++I) {
    auto Byte = static_cast<unsigned char>(Line[I]);
    if ((Byte & 0xC0) == 0x80)
      continue;
    if (I < Begin)
      Marker += Line[I] == '\t' ? '\t' : ' ';
    else
      Marker += I == Begin ? '^' : '~';
  }
  if (Begin >= Line.size())
    Marker += std::string(Begin - Line.size(), ' ') + "^";
  return Text + Marker + "\n";
}

} // namespace

std::string renderText(const AnalysisResult &Result, SourceFiles &Sources,
                       const std::string &DisplayRoot) {
  std::string Out;
  for (const Finding &F : Result.Findings) {
    Out += position(F.Range.Begin, DisplayRoot) + ": " + levelName(F.Severity) + ": " + F.Message +
           " [" + F.Check + "]\n";
    Out += snippet(F.Range, Sources);
    for (const Note &N : F.Notes) {
      if (N.Range.Begin.File.empty())
        Out += "note: " + N.Message + "\n";
      else
        Out += position(N.Range.Begin, DisplayRoot) + ": note: " + N.Message + "\n";
      Out += snippet(N.Range, Sources);
    }
  }
  return Out;
}

std::string renderErrors(const AnalysisResult &Result, const std::string &DisplayRoot) {
  std::string Out;
  for (const ToolError &E : Result.Errors) {
    if (E.Where && E.Where->Line != 0)
      Out += position(*E.Where, DisplayRoot) + ": error: " + E.Message + "\n";
    else
      Out += "ctxguard: error: " + E.Message + "\n";
  }
  return Out;
}

std::string renderSummary(const AnalysisResult &Result) {
  std::set<std::string> Files;
  for (const Finding &F : Result.Findings)
    Files.insert(F.Range.Begin.File);
  auto Plural = [](size_t N, const char *Word) {
    return std::to_string(N) + " " + Word + (N == 1 ? "" : "s");
  };
  std::string Text = Plural(Result.Findings.size(), "finding") + " in " +
                     Plural(Files.size(), "file") + " (" +
                     Plural(Result.TranslationUnits, "translation unit") + " analyzed)";
  if (!Result.Errors.empty())
    Text += ", " + Plural(Result.Errors.size(), "tool error");
  return Text + "\n";
}

} // namespace ctxguard
