//===--- Analyzer.cpp - ctxguard ------------------------------------------===//

#include "Analyzer.h"
#include "ConfigText.h"
#include "SourceFiles.h"
#include "WorkerPool.h"

#include "model/FactsTable.h"

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
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/VirtualFileSystem.h"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstdlib>
#include <unistd.h>

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
/// The name clang-tidy gives the diagnostics of bad option values.
constexpr llvm::StringLiteral ConfigurationDiagnostic = "clang-tidy-config";

/// One of clang-tidy's options providers whose .clang-tidy files are parsed
/// by parseConfigText(): a file that does not parse becomes a configuration
/// error in `Errors` instead of a line on stderr and a silent fall-back.
template <typename Provider> class CheckedProvider : public Provider {
public:
  template <typename... Args>
  explicit CheckedProvider(std::vector<ToolError> &Errors, Args &&...A)
      : Provider(std::forward<Args>(A)...) {
    this->ConfigHandlers.clear();
    this->ConfigHandlers.emplace_back(
        ".clang-tidy", [&Errors](llvm::MemoryBufferRef Buffer) -> llvm::ErrorOr<ClangTidyOptions> {
          auto Parsed = parseConfigText(Buffer.getBuffer(), Buffer.getBufferIdentifier(), true);
          if (auto *Options = std::get_if<ClangTidyOptions>(&Parsed))
            return std::move(*Options);
          ToolError &Error = std::get<ToolError>(Parsed);
          if (std::find(Errors.begin(), Errors.end(), Error) == Errors.end())
            Errors.push_back(std::move(Error));
          // An empty error code: reported here, the provider prints nothing.
          return std::error_code();
        });
  }
};

std::unique_ptr<ClangTidyOptionsProvider>
makeOptionsProvider(const TidySettings &Settings,
                    llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem> FS,
                    std::vector<ToolError> &ConfigErrors) {
  clang::tidy::ClangTidyGlobalOptions Global;
  if (Settings.Config)
    return std::make_unique<CheckedProvider<clang::tidy::ConfigOptionsProvider>>(
        ConfigErrors, std::move(Global), defaultTidyOptions(), *Settings.Config, Settings.Overrides,
        std::move(FS));
  return std::make_unique<CheckedProvider<clang::tidy::FileOptionsProvider>>(
      ConfigErrors, std::move(Global), defaultTidyOptions(), Settings.Overrides, std::move(FS));
}

/// A file system of its own: ClangTool changes the working directory of
/// the one it is given.
llvm::IntrusiveRefCntPtr<llvm::vfs::OverlayFileSystem> makeFileSystem() {
  std::unique_ptr<llvm::vfs::FileSystem> Physical = llvm::vfs::createPhysicalFileSystem();
  return llvm::makeIntrusiveRefCnt<llvm::vfs::OverlayFileSystem>(
      llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem>(Physical.release()));
}

[[gnu::noinline]] unsigned overflowStack(volatile unsigned char *Caller) {
  volatile unsigned char Frame[4096];
  Frame[0] = Caller ? static_cast<unsigned char>(Caller[0] + 1) : 0;
  return overflowStack(Frame) + Frame[0];
}

/// The driver's tests need a translation unit that crashes its worker in a
/// known way (TestCrashVariable). Only a worker reads the variable, so it can
/// turn a TU into a tool error (exit 2), never hide a finding.
void crashIfTestAsks(llvm::StringRef File) {
  const char *Spec = std::getenv(TestCrashVariable);
  if (!Spec)
    return;
  auto [Needle, How] = llvm::StringRef(Spec).rsplit(':');
  if (Needle.empty() || !File.contains(Needle))
    return;
  if (How == "segv")
    *reinterpret_cast<volatile int *>(static_cast<std::uintptr_t>(8)) = 1;
  else if (How == "abort")
    std::abort();
  else if (How == "stackoverflow")
    overflowStack(nullptr);
  else if (How == "hang")
    for (;;)
      ::pause();
}

/// The frontend action clang-tidy's runClangTidy() uses, kept here so that
/// the tool can be told not to print "Error while processing".
class TidyActionFactory : public clang::tooling::FrontendActionFactory {
public:
  /// \p Inputs: gets every file the TU read (for the cache's key).
  TidyActionFactory(ClangTidyContext &Context,
                    llvm::IntrusiveRefCntPtr<llvm::vfs::OverlayFileSystem> FS,
                    std::vector<std::string> &Inputs)
      : ConsumerFactory(Context, std::move(FS)), Inputs(Inputs) {}

  std::unique_ptr<clang::FrontendAction> create() override {
    return std::make_unique<Action>(ConsumerFactory, Inputs);
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
    Action(clang::tidy::ClangTidyASTConsumerFactory &Factory, std::vector<std::string> &Inputs)
        : Factory(Factory), Inputs(Inputs) {}
    std::unique_ptr<clang::ASTConsumer> CreateASTConsumer(clang::CompilerInstance &Compiler,
                                                          llvm::StringRef File) override {
      crashIfTestAsks(File);
      return Factory.createASTConsumer(Compiler, File);
    }
    void EndSourceFileAction() override {
      clang::SourceManager &SM = getCompilerInstance().getSourceManager();
      for (auto It = SM.fileinfo_begin(); It != SM.fileinfo_end(); ++It) {
        llvm::SmallString<256> Path(It->first.getName());
        // ".." stays: a lexical fold would be wrong across symbolic links.
        SM.getFileManager().makeAbsolutePath(Path);
        llvm::sys::path::remove_dots(Path, /*remove_dot_dot=*/false);
        Inputs.push_back(std::string(Path));
      }
    }

  private:
    clang::tidy::ClangTidyASTConsumerFactory &Factory;
    std::vector<std::string> &Inputs;
  };

  clang::tidy::ClangTidyASTConsumerFactory ConsumerFactory;
  std::vector<std::string> &Inputs;
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

/// One compile command: ClangTool prints "[1/2] Processing file" on stderr
/// whenever it has several, so each runs on its own.
class OneCommand : public clang::tooling::CompilationDatabase {
public:
  explicit OneCommand(clang::tooling::CompileCommand Command) : Command(std::move(Command)) {}
  std::vector<clang::tooling::CompileCommand> getCompileCommands(llvm::StringRef) const override {
    return {Command};
  }

private:
  clang::tooling::CompileCommand Command;
};

/// Runs the checks with one compile command; false when Clang failed.
bool runCommand(clang::tooling::CompileCommand Command, const std::string &File,
                ClangTidyContext &Context, clang::DiagnosticConsumer &Consumer,
                llvm::IntrusiveRefCntPtr<llvm::vfs::OverlayFileSystem> FS,
                std::vector<std::string> &Inputs) {
  OneCommand Database(std::move(Command));
  clang::tooling::ClangTool Tool(Database, {File},
                                 std::make_shared<clang::PCHContainerOperations>(), FS);
  Tool.setPrintErrorMessage(false);
  Tool.appendArgumentsAdjuster(extraArgumentsFrom(Context));
  Tool.appendArgumentsAdjuster(clang::tooling::getStripPluginsAdjuster());
  Tool.appendArgumentsAdjuster(resourceDirectory());
  Tool.setDiagnosticConsumer(&Consumer);
  TidyActionFactory Factory(Context, FS, Inputs);
  return Tool.run(&Factory) == 0;
}

SourcePoint wholeFile(const std::string &File) { return SourcePoint{File, 0, 0, 0, 0}; }

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
  std::vector<ToolError> Ignored;
  return makeOptionsProvider(Settings, makeFileSystem(), Ignored)
      ->getOptions(File)
      .Checks.value_or("");
}

/// Adds what clang-tidy reported for one translation unit to `Report`.
void collect(const std::vector<ClangTidyError> &Diagnostics, bool ClangFailed, UnitReport &Report) {
  SourceFiles Sources;
  unsigned CompilerErrors = 0;
  for (const ClangTidyError &Error : Diagnostics) {
    if (Error.DiagnosticName == ConfigurationDiagnostic) {
      Report.Errors.push_back({Error.Message.Message, std::nullopt, ErrorKind::Configuration});
      continue;
    }
    if (!isCompilerError(Error)) {
      Report.Findings.push_back(toFinding(Error, Sources));
      continue;
    }
    ++CompilerErrors;
    SourceRange Where = rangeOf(Error.Message, Error.BuildDirectory, Sources);
    Report.Errors.push_back({Error.Message.Message,
                             Where.Begin.File.empty() ? std::nullopt : std::optional(Where.Begin)});
  }
  const std::string &File = Report.File;
  if (CompilerErrors != 0)
    Report.Errors.push_back({File + " does not compile (" + std::to_string(CompilerErrors) +
                                 " error(s)); its findings may be incomplete",
                             wholeFile(File)});
  else if (ClangFailed)
    Report.Errors.push_back({"clang could not process " + File, wholeFile(File)});
}

/// The commands to run for `File`; the unusable ones become errors.
std::vector<clang::tooling::CompileCommand>
commandsFor(const clang::tooling::CompilationDatabase &Database, UnitReport &Report) {
  std::vector<clang::tooling::CompileCommand> Usable;
  for (clang::tooling::CompileCommand &Command : Database.getCompileCommands(Report.File)) {
    if (Command.Directory.empty()) {
      llvm::SmallString<256> Current;
      llvm::sys::fs::current_path(Current);
      Command.Directory = std::string(Current);
    }
    if (!llvm::sys::fs::is_directory(Command.Directory)) {
      Report.Errors.push_back({"cannot analyze " + Report.File +
                                   ": the directory of its compile command, '" + Command.Directory +
                                   "', does not exist",
                               wholeFile(Report.File)});
      continue;
    }
    Usable.push_back(std::move(Command));
  }
  if (Usable.empty() && Report.Errors.empty())
    Report.Errors.push_back(
        {"the compile database has no command for " + Report.File, wholeFile(Report.File)});
  return Usable;
}

/// What the whole-program analysis needs of a TU (WholeProgram.h): its
/// facts graph, the conditions of the findings it left open (or the facts
/// of other TUs it read, when it was given a table), and the files it read.
void recordFacts(clang::tidy::ctx::FactsExchange &Exchange, std::vector<std::string> Inputs,
                 UnitReport &Report) {
  llvm::json::Array Nodes;
  for (const clang::tidy::ctx::FactNode &N : Exchange.Exported)
    Nodes.push_back(clang::tidy::ctx::toJSON(N));
  std::string Text;
  llvm::raw_string_ostream(Text) << llvm::json::Value(std::move(Nodes));
  Report.Payload[PayloadFacts] = std::move(Text);
  nlohmann::json Consulted = nlohmann::json::object();
  for (const auto &[Key, Value] : Exchange.Consulted)
    Consulted[Key] = Value;
  if (Exchange.defersFacts()) {
    nlohmann::json Conditions = nlohmann::json::array();
    for (const clang::tidy::ctx::FactCondition &C : Exchange.Conditions) {
      llvm::json::Array Facts;
      for (const auto &[Fact, Holds] : C)
        Facts.push_back(llvm::json::Array{clang::tidy::ctx::toJSON(Fact), Holds});
      std::string Condition;
      llvm::raw_string_ostream(Condition) << llvm::json::Value(std::move(Facts));
      Conditions.push_back(std::move(Condition));
    }
    Report.Payload[PayloadConditions] = std::move(Conditions);
    Report.Payload[PayloadNeedsSolvedFacts] = Exchange.NeedsSolvedFacts;
  } else {
    Report.Payload[PayloadConsulted] = std::move(Consulted);
  }
  std::sort(Inputs.begin(), Inputs.end());
  Inputs.erase(std::unique(Inputs.begin(), Inputs.end()), Inputs.end());
  Report.Payload[PayloadInputs] = std::move(Inputs);
  Exchange.Exported.clear();
  Exchange.Consulted.clear();
  Exchange.Conditions.clear();
}

/// Everything one translation unit gives; runs in a worker process.
UnitReport analyzeUnit(const clang::tooling::CompilationDatabase &Database, const std::string &File,
                       const TidySettings &Settings, bool RecordFacts) {
  UnitReport Report;
  Report.File = File;
  if (!llvm::sys::fs::exists(File)) {
    Report.Errors.push_back({"no such file: " + File, wholeFile(File)});
    return Report;
  }
  std::vector<ToolError> ConfigErrors;
  auto FS = makeFileSystem();
  std::unique_ptr<ClangTidyOptionsProvider> Provider =
      makeOptionsProvider(Settings, FS, ConfigErrors);
  for (const auto &[Options, Origin] : Provider->getRawOptions(File))
    checkHeaderFilters(Options, Origin, ConfigErrors);
  ClangTidyContext Context(std::move(Provider), false, false, false);
  std::vector<std::string> Enabled =
      clang::tidy::getCheckNames(Context.getOptionsForFile(File), false, false);
  if (!ConfigErrors.empty()) {
    // What the configuration meant is unknown: analyzing would guess.
    Report.Errors = std::move(ConfigErrors);
    Report.Errors.push_back(
        {File + " was not analyzed: its configuration is invalid", wholeFile(File)});
    return Report;
  }
  if (Enabled.empty()) {
    Report.Errors.push_back({"no ctx check is enabled for " + File + " (Checks: '" +
                                 describeChecks(Settings, File) + "')",
                             std::nullopt});
    return Report;
  }

  clang::tidy::ClangTidyDiagnosticConsumer Consumer(Context);
  auto DiagOpts = std::make_unique<clang::DiagnosticOptions>();
  clang::DiagnosticsEngine Engine(clang::DiagnosticIDs::create(), *DiagOpts, &Consumer,
                                  /*ShouldOwnClient=*/false);
  Context.setDiagnosticsEngine(std::move(DiagOpts), &Engine);
  bool ClangFailed = false;
  std::vector<std::string> Inputs;
  clang::tidy::ctx::FactsExchange &Exchange = clang::tidy::ctx::FactsExchange::get();
  Exchange.Recording = RecordFacts;
  Exchange.Exported.clear();
  Exchange.Consulted.clear();
  Exchange.Conditions.clear();
  Exchange.NeedsSolvedFacts = false;
  for (clang::tooling::CompileCommand &Command : commandsFor(Database, Report))
    ClangFailed |= !runCommand(std::move(Command), File, Context, Consumer, FS, Inputs);
  collect(Consumer.take(), ClangFailed, Report);
  if (RecordFacts)
    recordFacts(Exchange, std::move(Inputs), Report);
  return Report;
}

/// The clang-tidy check a crash dump names (its matcher's stack trace
/// entry), if any.
std::string crashedCheck(llvm::StringRef Log) {
  constexpr llvm::StringLiteral Marker = "ASTMatcher: Processing '";
  size_t At = Log.rfind(Marker);
  if (At == llvm::StringRef::npos)
    return {};
  llvm::StringRef Name = Log.substr(At + Marker.size());
  return Name.take_until([](char C) { return C == '\'' || C == '\n'; }).str();
}

/// The error for a TU whose worker did not deliver its report.
std::string failureMessage(const std::string &File, const WorkerResult &Result,
                           std::chrono::seconds Timeout) {
  if (Result.TimedOut)
    return "the analysis of " + File + " did not finish within " + std::to_string(Timeout.count()) +
           " s (--timeout): its worker was stopped";
  if (!Result.StartError.empty())
    return "cannot analyze " + File + ": could not start a worker process (" + Result.StartError +
           ")";
  std::string Check = crashedCheck(Result.Log);
  return "ctxguard crashed while analyzing " + File + " (its worker process was " +
         Result.describeEnd() + (Check.empty() ? "" : ", in check " + Check) +
         "): a bug in a check or in Clang, please report it with the stack dump above; the "
         "other files were analyzed";
}

/// The report of a TU from how its worker ended.
UnitReport reportFrom(const std::string &File, WorkerResult Result, std::chrono::seconds Timeout) {
  UnitReport Report;
  Report.File = File;
  if (!Result.completed()) {
    Report.Errors.push_back({failureMessage(File, Result, Timeout), wholeFile(File)});
  } else if (auto Decoded = decodeUnitReport(Result.Message)) {
    Report = std::move(*Decoded);
  } else {
    Report.Errors.push_back({"the worker analyzing " + File + " sent an " +
                                 llvm::toString(Decoded.takeError()) + ": please report it",
                             wholeFile(File)});
  }
  Report.WorkerLog = std::move(Result.Log);
  return Report;
}

} // namespace

ClangTidyOptions defaultTidyOptions() {
  ClangTidyOptions Options = ClangTidyOptions::getDefaults();
  Options.Checks = "-*,ctx-*";
  return Options;
}

std::string configurationFor(const TidySettings &Settings, llvm::StringRef File) {
  std::vector<ToolError> Ignored; // reported by the analysis itself
  return clang::tidy::configurationAsText(
      makeOptionsProvider(Settings, makeFileSystem(), Ignored)->getOptions(File));
}

std::vector<std::string> enabledChecksFor(const TidySettings &Settings, llvm::StringRef File,
                                          std::vector<ToolError> &ConfigErrors) {
  auto Provider = makeOptionsProvider(Settings, makeFileSystem(), ConfigErrors);
  return clang::tidy::getCheckNames(Provider->getOptions(File), false, false);
}

std::vector<UnitReport> analyzeUnits(const clang::tooling::CompilationDatabase &Database,
                                     const std::vector<std::string> &Files,
                                     const AnalyzerOptions &Options) {
  std::vector<UnitReport> Reports(Files.size());
  // Installed before the workers fork: each of them reads it.
  auto &Installed = clang::tidy::ctx::FactsExchange::get().Installed;
  auto Previous = Installed;
  // Recording without a table: the facts of other TUs stay open.
  Installed = Options.RecordFacts ? Options.Facts : nullptr;
  runInWorkers(
      Files.size(), Options.Jobs, Options.Timeout,
      [&](size_t I) {
        return encodeUnitReport(analyzeUnit(Database, Files[I], Options.Tidy, Options.RecordFacts));
      },
      [&](size_t I, WorkerResult Result) {
        Reports[I] = reportFrom(Files[I], std::move(Result), Options.Timeout);
        if (Options.Progress)
          Options.Progress(Reports[I]);
      });
  Installed = std::move(Previous);
  return Reports;
}

AnalysisResult combine(const std::vector<UnitReport> &Units) {
  AnalysisResult Result;
  Result.TranslationUnits = Units.size();
  for (const UnitReport &Unit : Units) {
    Result.Findings.insert(Result.Findings.end(), Unit.Findings.begin(), Unit.Findings.end());
    Result.Errors.insert(Result.Errors.end(), Unit.Errors.begin(), Unit.Errors.end());
  }
  normalize(Result);
  return Result;
}

} // namespace ctxguard
