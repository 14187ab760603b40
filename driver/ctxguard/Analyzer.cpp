//===--- Analyzer.cpp - ctxguard ------------------------------------------===//

#include "Analyzer.h"
#include "SourceFiles.h"

#include "clang-tidy/ClangTidy.h"
#include "clang-tidy/ClangTidyDiagnosticConsumer.h"
#include "clang-tidy/ClangTidyModule.h"
#include "clang/Basic/Diagnostic.h"
#include "clang/Basic/DiagnosticOptions.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/FrontendAction.h"
#include "clang/Lex/PreprocessorOptions.h"
#include "clang/Tooling/ArgumentsAdjusters.h"
#include "clang/Tooling/Tooling.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/Support/CrashRecoveryContext.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/ThreadPool.h"
#include "llvm/Support/Threading.h"
#include "llvm/Support/VirtualFileSystem.h"

#include <algorithm>
#include <cctype>
#include <mutex>

namespace clang::tidy {
// Defined next to the module's registration (checks/CtxTidyModule.cpp):
// referencing it keeps that object, and so the ctx checks, in the link.
extern volatile int CtxModuleAnchorSource;
} // namespace clang::tidy

namespace ctxguard {

using clang::tidy::ClangTidyContext;
using clang::tidy::ClangTidyError;
using clang::tidy::ClangTidyOptions;
using clang::tidy::ClangTidyOptionsProvider;

namespace {

[[maybe_unused]] const int CtxModuleAnchorDestination = clang::tidy::CtxModuleAnchorSource;

constexpr llvm::StringLiteral CompilerDiagnosticPrefix = "clang-diagnostic-";

std::unique_ptr<ClangTidyOptionsProvider>
makeOptionsProvider(const TidySettings &Settings,
                    llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem> FS) {
  clang::tidy::ClangTidyGlobalOptions Global;
  if (Settings.Config)
    return std::make_unique<clang::tidy::ConfigOptionsProvider>(
        std::move(Global), defaultTidyOptions(), *Settings.Config, Settings.Overrides,
        std::move(FS));
  return std::make_unique<clang::tidy::FileOptionsProvider>(std::move(Global), defaultTidyOptions(),
                                                            Settings.Overrides, std::move(FS));
}

/// Each worker gets its own file system: ClangTool changes the working
/// directory of the one it is given, and the real file system's working
/// directory is the process's, shared by all threads.
llvm::IntrusiveRefCntPtr<llvm::vfs::OverlayFileSystem> makeThreadLocalFileSystem() {
  std::unique_ptr<llvm::vfs::FileSystem> Physical = llvm::vfs::createPhysicalFileSystem();
  return llvm::makeIntrusiveRefCnt<llvm::vfs::OverlayFileSystem>(
      llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem>(Physical.release()));
}

/// The frontend action clang-tidy's runClangTidy() uses, kept here so that
/// the tool can be told not to print "Error while processing".
class TidyActionFactory : public clang::tooling::FrontendActionFactory {
public:
  TidyActionFactory(ClangTidyContext &Context,
                    llvm::IntrusiveRefCntPtr<llvm::vfs::OverlayFileSystem> FS)
      : ConsumerFactory(Context, std::move(FS)) {}

  std::unique_ptr<clang::FrontendAction> create() override {
    return std::make_unique<Action>(ConsumerFactory);
  }

  bool runInvocation(std::shared_ptr<clang::CompilerInvocation> Invocation,
                     clang::FileManager *Files,
                     std::shared_ptr<clang::PCHContainerOperations> PCHContainerOps,
                     clang::DiagnosticConsumer *DiagConsumer) override {
    // As clang-tidy: code may test __clang_analyzer__ to hide itself.
    Invocation->getPreprocessorOpts().SetUpStaticAnalyzer = true;
    // No "N warnings generated." on stderr: the findings are reported by us.
    Invocation->getDiagnosticOpts().ShowCarets = false;
    return FrontendActionFactory::runInvocation(std::move(Invocation), Files,
                                                std::move(PCHContainerOps), DiagConsumer);
  }

private:
  class Action : public clang::ASTFrontendAction {
  public:
    explicit Action(clang::tidy::ClangTidyASTConsumerFactory &Factory) : Factory(Factory) {}
    std::unique_ptr<clang::ASTConsumer> CreateASTConsumer(clang::CompilerInstance &Compiler,
                                                          llvm::StringRef File) override {
      return Factory.createASTConsumer(Compiler, File);
    }

  private:
    clang::tidy::ClangTidyASTConsumerFactory &Factory;
  };

  clang::tidy::ClangTidyASTConsumerFactory ConsumerFactory;
};

/// clang-tidy's per-file ExtraArgs / ExtraArgsBefore, as runClangTidy() adds them.
clang::tooling::ArgumentsAdjuster extraArgumentsFrom(ClangTidyContext &Context) {
  return [&Context](const clang::tooling::CommandLineArguments &Args, llvm::StringRef File) {
    ClangTidyOptions Opts = Context.getOptionsForFile(File);
    clang::tooling::CommandLineArguments Adjusted = Args;
    if (Opts.ExtraArgsBefore) {
      auto It = Adjusted.begin();
      if (It != Adjusted.end() && !llvm::StringRef(*It).starts_with("-"))
        ++It; // after the compiler's name
      Adjusted.insert(It, Opts.ExtraArgsBefore->begin(), Opts.ExtraArgsBefore->end());
    }
    if (Opts.ExtraArgs)
      Adjusted.insert(Adjusted.end(), Opts.ExtraArgs->begin(), Opts.ExtraArgs->end());
    return Adjusted;
  };
}

/// A tool outside LLVM's bin/ does not find Clang's builtin headers
/// (stddef.h, ...) next to itself: point every command at the resource
/// directory of the Clang we were built with, unless it names one.
clang::tooling::ArgumentsAdjuster resourceDirectory() {
  return [](const clang::tooling::CommandLineArguments &Args, llvm::StringRef) {
    bool Named = std::any_of(Args.begin(), Args.end(), [](const std::string &Arg) {
      return llvm::StringRef(Arg).starts_with("-resource-dir");
    });
    if (Named || Args.empty() || !llvm::sys::fs::is_directory(CTXGUARD_CLANG_RESOURCE_DIR))
      return Args;
    clang::tooling::CommandLineArguments Adjusted = Args;
    Adjusted.insert(Adjusted.begin() + 1,
                    std::string("-resource-dir=") + CTXGUARD_CLANG_RESOURCE_DIR);
    return Adjusted;
  };
}

struct UnitOutcome {
  std::vector<ClangTidyError> Diagnostics;
  bool ToolFailed = false;
  bool Crashed = false;
  std::vector<std::string> EnabledChecks;
};

UnitOutcome runUnit(const clang::tooling::CompilationDatabase &Database, const std::string &File,
                    const TidySettings &Settings) {
  UnitOutcome Outcome;
  auto FS = makeThreadLocalFileSystem();
  ClangTidyContext Context(makeOptionsProvider(Settings, FS), false, false, false);
  Outcome.EnabledChecks = clang::tidy::getCheckNames(Context.getOptionsForFile(File), false, false);
  if (Outcome.EnabledChecks.empty())
    return Outcome;

  clang::tooling::ClangTool Tool(Database, {File},
                                 std::make_shared<clang::PCHContainerOperations>(), FS);
  Tool.setPrintErrorMessage(false);
  Tool.appendArgumentsAdjuster(extraArgumentsFrom(Context));
  Tool.appendArgumentsAdjuster(clang::tooling::getStripPluginsAdjuster());
  Tool.appendArgumentsAdjuster(resourceDirectory());

  clang::tidy::ClangTidyDiagnosticConsumer Consumer(Context);
  auto DiagOpts = std::make_unique<clang::DiagnosticOptions>();
  clang::DiagnosticsEngine Engine(clang::DiagnosticIDs::create(), *DiagOpts, &Consumer,
                                  /*ShouldOwnClient=*/false);
  Context.setDiagnosticsEngine(std::move(DiagOpts), &Engine);
  Tool.setDiagnosticConsumer(&Consumer);

  TidyActionFactory Factory(Context, FS);
  Outcome.ToolFailed = Tool.run(&Factory) != 0;
  Outcome.Diagnostics = Consumer.take();
  return Outcome;
}

/// A crash in a check (or in Clang) on one translation unit must not lose the
/// results of the others: it becomes a tool error for that unit.
UnitOutcome runUnitSafely(const clang::tooling::CompilationDatabase &Database,
                          const std::string &File, const TidySettings &Settings) {
  UnitOutcome Outcome;
  llvm::CrashRecoveryContext Recovery;
  if (!Recovery.RunSafely([&] { Outcome = runUnit(Database, File, Settings); })) {
    Outcome = UnitOutcome();
    Outcome.Crashed = true;
  }
  return Outcome;
}

std::string absolutePath(llvm::StringRef Path, llvm::StringRef BuildDirectory) {
  llvm::SmallString<256> Result;
  if (!llvm::sys::path::is_absolute(Path))
    Result = BuildDirectory;
  llvm::sys::path::append(Result, Path);
  llvm::sys::path::remove_dots(Result, /*remove_dot_dot=*/true);
  return std::string(Result);
}

bool isIdentifierChar(char C) { return std::isalnum(static_cast<unsigned char>(C)) || C == '_'; }

/// The range a diagnostic highlights: the source range clang-tidy attached to
/// it when one starts at the location, otherwise the token at the location.
SourceRange rangeOf(const clang::tooling::DiagnosticMessage &Message,
                    llvm::StringRef BuildDirectory, SourceFiles &Sources) {
  if (Message.FilePath.empty())
    return {};
  std::string File = absolutePath(Message.FilePath, BuildDirectory);
  SourcePoint Begin = Sources.point(File, Message.FileOffset);
  for (const clang::tooling::FileByteRange &Range : Message.Ranges)
    if (Range.FileOffset == Message.FileOffset && Range.Length > 0 &&
        absolutePath(Range.FilePath, BuildDirectory) == File)
      return {Begin, Sources.point(File, Range.FileOffset + Range.Length)};
  std::string_view Line = Sources.lineText(File, Begin.Line);
  unsigned Length = 0;
  for (size_t I = Begin.Column - 1; I < Line.size() && isIdentifierChar(Line[I]); ++I)
    ++Length;
  if (Length == 0 && Begin.Column - 1 < Line.size())
    Length = 1;
  return {Begin, Sources.point(File, Begin.Offset + Length)};
}

std::vector<Replacement> replacementsOf(const clang::tooling::DiagnosticMessage &Message,
                                        llvm::StringRef BuildDirectory, SourceFiles &Sources) {
  std::vector<Replacement> Result;
  for (const auto &[Path, Replacements] : Message.Fix)
    for (const clang::tooling::Replacement &R : Replacements) {
      std::string File = absolutePath(R.getFilePath(), BuildDirectory);
      Result.push_back(
          {{Sources.point(File, R.getOffset()), Sources.point(File, R.getOffset() + R.getLength())},
           R.getReplacementText().str()});
    }
  std::sort(Result.begin(), Result.end());
  return Result;
}

Finding toFinding(const ClangTidyError &Error, SourceFiles &Sources) {
  Finding F;
  F.Check = Error.DiagnosticName;
  F.Severity = Error.IsWarningAsError || Error.DiagLevel == ClangTidyError::Error ? Level::Error
                                                                                  : Level::Warning;
  F.Message = Error.Message.Message;
  F.Range = rangeOf(Error.Message, Error.BuildDirectory, Sources);
  for (const clang::tooling::DiagnosticMessage &Note : Error.Notes)
    F.Notes.push_back({rangeOf(Note, Error.BuildDirectory, Sources), Note.Message});
  F.Fix = replacementsOf(Error.Message, Error.BuildDirectory, Sources);
  if (!F.Range.Begin.File.empty())
    F.LineHash = Sources.lineHash(F.Range.Begin.File, F.Range.Begin.Line);
  return F;
}

bool isCompilerError(const ClangTidyError &Error) {
  return Error.DiagLevel == ClangTidyError::Error &&
         llvm::StringRef(Error.DiagnosticName).starts_with(CompilerDiagnosticPrefix);
}

std::string describeChecks(const TidySettings &Settings, llvm::StringRef File) {
  auto FS = makeThreadLocalFileSystem();
  auto Provider = makeOptionsProvider(Settings, FS);
  return Provider->getOptions(File).Checks.value_or("");
}

/// Adds what one translation unit produced to `Result`.
void collect(const std::string &File, const UnitOutcome &Outcome, const TidySettings &Settings,
             SourceFiles &Sources, AnalysisResult &Result) {
  if (Outcome.Crashed) {
    Result.UnitCrashed = true;
    Result.Errors.push_back({"ctxguard crashed while analyzing " + File +
                                 " (a bug in a check or in Clang: please report it); the other "
                                 "files were analyzed",
                             SourcePoint{File, 0, 0, 0, 0}});
    return;
  }
  if (Outcome.EnabledChecks.empty()) {
    Result.Errors.push_back({"no ctx check is enabled for " + File + " (Checks: '" +
                                 describeChecks(Settings, File) + "')",
                             std::nullopt});
    return;
  }
  unsigned CompilerErrors = 0;
  for (const ClangTidyError &Error : Outcome.Diagnostics) {
    if (!isCompilerError(Error)) {
      Result.Findings.push_back(toFinding(Error, Sources));
      continue;
    }
    ++CompilerErrors;
    SourceRange Where = rangeOf(Error.Message, Error.BuildDirectory, Sources);
    Result.Errors.push_back({Error.Message.Message,
                             Where.Begin.File.empty() ? std::nullopt : std::optional(Where.Begin)});
  }
  if (CompilerErrors != 0)
    Result.Errors.push_back({File + " does not compile (" + std::to_string(CompilerErrors) +
                                 " error(s)); its findings may be incomplete",
                             SourcePoint{File, 0, 0, 0, 0}});
  else if (Outcome.ToolFailed)
    Result.Errors.push_back({"clang could not process " + File, SourcePoint{File, 0, 0, 0, 0}});
}

} // namespace

ClangTidyOptions defaultTidyOptions() {
  ClangTidyOptions Options = ClangTidyOptions::getDefaults();
  Options.Checks = "-*,ctx-*";
  return Options;
}

llvm::Expected<ClangTidyOptions> parseTidyConfig(llvm::StringRef Text, llvm::StringRef Origin) {
  llvm::ErrorOr<ClangTidyOptions> Parsed =
      clang::tidy::parseConfiguration(llvm::MemoryBufferRef(Text, Origin));
  if (!Parsed)
    return llvm::createStringError(Parsed.getError(), "invalid configuration in %s: %s",
                                   Origin.str().c_str(), Parsed.getError().message().c_str());
  return *Parsed;
}

std::vector<std::string> enabledChecksFor(const TidySettings &Settings, llvm::StringRef File) {
  auto FS = makeThreadLocalFileSystem();
  auto Provider = makeOptionsProvider(Settings, FS);
  return clang::tidy::getCheckNames(Provider->getOptions(File), false, false);
}

AnalysisResult analyze(const clang::tooling::CompilationDatabase &Database,
                       const std::vector<std::string> &Files, const AnalyzerOptions &Options,
                       SourceFiles &Sources) {
  std::vector<UnitOutcome> Outcomes(Files.size());
  std::vector<bool> Missing(Files.size());
  {
    llvm::DefaultThreadPool Pool(llvm::hardware_concurrency(std::max(1u, Options.Jobs)));
    std::mutex ProgressMutex;
    unsigned Done = 0;
    for (size_t I = 0; I < Files.size(); ++I) {
      Missing[I] = !llvm::sys::fs::exists(Files[I]);
      Pool.async([&, I] {
        if (!Missing[I])
          Outcomes[I] = runUnitSafely(Database, Files[I], Options.Tidy);
        std::lock_guard<std::mutex> Lock(ProgressMutex);
        ++Done;
        if (Options.Progress)
          Options.Progress(Done, Files.size(), Files[I]);
      });
    }
    Pool.wait();
  }

  AnalysisResult Result;
  Result.TranslationUnits = Files.size();
  for (size_t I = 0; I < Files.size(); ++I) {
    if (Missing[I])
      Result.Errors.push_back({"no such file: " + Files[I], SourcePoint{Files[I], 0, 0, 0, 0}});
    else
      collect(Files[I], Outcomes[I], Options.Tidy, Sources, Result);
  }
  normalize(Result);
  return Result;
}

} // namespace ctxguard
