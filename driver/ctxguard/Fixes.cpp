//===--- Fixes.cpp - ctxguard ---------------------------------------------===//

#include "Fixes.h"

#include "clang/Tooling/Core/Diagnostic.h"
#include "clang/Tooling/Core/Replacement.h"
#include "clang/Tooling/DiagnosticsYaml.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/YAMLTraits.h"
#include "llvm/Support/raw_ostream.h"

#include <map>

namespace ctxguard {
namespace {

clang::tooling::Replacement toToolingReplacement(const Replacement &R) {
  return clang::tooling::Replacement(R.Removed.Begin.File, R.Removed.Begin.Offset,
                                     R.Removed.End.Offset - R.Removed.Begin.Offset, R.Inserted);
}

clang::tooling::DiagnosticMessage toMessage(const std::string &Text, const SourcePoint &P) {
  clang::tooling::DiagnosticMessage Message;
  Message.Message = Text;
  Message.FilePath = P.File;
  Message.FileOffset = P.Offset;
  return Message;
}

clang::tooling::Diagnostic toDiagnostic(const Finding &F, llvm::StringRef BuildDirectory) {
  clang::tooling::DiagnosticMessage Message = toMessage(F.Message, F.Range.Begin);
  for (const Replacement &R : F.Fix)
    llvm::consumeError(Message.Fix[R.Removed.Begin.File].add(toToolingReplacement(R)));
  llvm::SmallVector<clang::tooling::DiagnosticMessage, 1> Notes;
  for (const Note &N : F.Notes)
    Notes.push_back(toMessage(N.Message, N.Range.Begin));
  auto Level = F.Severity == Level::Error ? clang::tooling::Diagnostic::Error
                                          : clang::tooling::Diagnostic::Warning;
  // Paths are absolute: the build directory is only informative.
  return clang::tooling::Diagnostic(F.Check, Message, Notes, Level, BuildDirectory);
}

} // namespace

std::string exportFixesYaml(const std::vector<Finding> &Findings,
                            const std::string &MainSourceFile) {
  clang::tooling::TranslationUnitDiagnostics Document;
  Document.MainSourceFile = MainSourceFile;
  llvm::SmallString<256> CurrentDirectory;
  llvm::sys::fs::current_path(CurrentDirectory);
  for (const Finding &F : Findings)
    Document.Diagnostics.push_back(toDiagnostic(F, CurrentDirectory));
  std::string Yaml;
  llvm::raw_string_ostream OS(Yaml);
  llvm::yaml::Output Out(OS);
  Out << Document;
  OS.flush();
  return Yaml;
}

FixOutcome applyFixes(const std::vector<Finding> &Findings) {
  FixOutcome Outcome;
  std::map<std::string, clang::tooling::Replacements> ByFile;
  for (const Finding &F : Findings) {
    if (F.Fix.empty())
      continue;
    // All edits of one fix or none: work on copies, commit when all fit.
    std::map<std::string, clang::tooling::Replacements> Candidate = ByFile;
    bool Fits = true;
    for (const Replacement &R : F.Fix)
      if (llvm::Error E = Candidate[R.Removed.Begin.File].add(toToolingReplacement(R))) {
        llvm::consumeError(std::move(E));
        Fits = false;
        break;
      }
    if (!Fits) {
      Outcome.Problems.push_back("the fix of " + F.Check + " at " + F.Range.Begin.File + ":" +
                                 std::to_string(F.Range.Begin.Line) +
                                 " overlaps another fix; not applied");
      continue;
    }
    ByFile = std::move(Candidate);
    ++Outcome.Applied;
  }
  for (const auto &[File, Replacements] : ByFile) {
    auto Buffer = llvm::MemoryBuffer::getFile(File);
    llvm::Expected<std::string> Fixed =
        Buffer ? clang::tooling::applyAllReplacements((*Buffer)->getBuffer(), Replacements)
               : llvm::Expected<std::string>(llvm::errorCodeToError(Buffer.getError()));
    std::error_code EC;
    if (Fixed) {
      llvm::raw_fd_ostream Out(File, EC);
      if (!EC) {
        Out << *Fixed;
        Out.close();
        EC = Out.error();
        Out.clear_error(); // reported here: the destructor must not abort
      }
    } else {
      EC = llvm::errorToErrorCode(Fixed.takeError());
    }
    if (EC)
      Outcome.WriteErrors.push_back("cannot apply fixes to " + File + ": " + EC.message());
  }
  return Outcome;
}

} // namespace ctxguard
