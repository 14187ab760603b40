//===--- Main.cpp - ctxguard ----------------------------------------------===//
//
// The ctxguard command line: runs the ctx checks over a compile database in
// parallel and reports as a compiler (text), as SARIF 2.1.0 or as JSON.
// Exit code 0: no findings; 1: findings; 2: the tool could not do its job.
//
//===----------------------------------------------------------------------===//

#include "Analyzer.h"
#include "Baseline.h"
#include "Cache.h"
#include "ConfigText.h"
#include "Fixes.h"
#include "Inputs.h"
#include "JsonWriter.h"
#include "MergeSarif.h"
#include "OutputFile.h"
#include "Paths.h"
#include "RuleCatalog.h"
#include "SarifInput.h"
#include "SarifWriter.h"
#include "SourceFiles.h"
#include "TextWriter.h"
#include "WholeProgram.h"

#include "clang/Tooling/CompilationDatabase.h"
#include "llvm/Config/llvm-config.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/PrettyStackTrace.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/Threading.h"
#include "llvm/Support/raw_ostream.h"

#include <chrono>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <exception>

using namespace llvm;
using namespace ctxguard;

namespace {

enum ExitCode { NoFindings = 0, Findings = 1, ToolFailure = 2 };
enum class Format { Text, Sarif, Json };

cl::OptionCategory Category("ctxguard options");

const char Overview[] = R"(ctxguard: finds Go-style context and goroutine mistakes in C++.

Runs the ctx-* clang-tidy checks over the files of a compile_commands.json
(-p BUILD_DIR, or found above the given files), or over the given files with
the compiler flags after "--". .clang-tidy files, CheckOptions, header
filters and NOLINT work as in clang-tidy.

  ctxguard -p build                        analyze every file of build/compile_commands.json
  ctxguard -p build src/a.cpp              only src/a.cpp
  ctxguard a.cpp -- -std=c++20 -Iinclude   without a compile database
  ctxguard merge-sarif a.sarif b.sarif -o all.sarif
  ctxguard merge-facts a.json b.json -o all.json

Exit codes: 0 no findings, 1 findings, 2 tool error (a file that does not
compile or crashes the analysis, a missing compile database, an invalid
configuration or option, a report that cannot be written).
)";

cl::list<std::string> SourcePaths(cl::Positional, cl::desc("[<file> ...]"), cl::cat(Category));
// -p build and -pbuild, -j 4 and -j4, as compilers and make accept them.
cl::opt<std::string> BuildPath("p", cl::desc("Build directory with compile_commands.json"),
                               cl::value_desc("dir"), cl::Prefix, cl::cat(Category));
// A string, so that "-j -1" or "-j x" get a message of ours.
cl::opt<std::string> Jobs("j", cl::desc("Translation units analyzed in parallel (default: cores)"),
                          cl::value_desc("N"), cl::Prefix, cl::cat(Category));
cl::opt<unsigned> Timeout("timeout",
                          cl::desc("Stop the analysis of a translation unit after this many "
                                   "seconds: a tool error (default 0: no limit)"),
                          cl::value_desc("seconds"), cl::init(0), cl::cat(Category));
cl::opt<std::string> Checks("checks",
                            cl::desc("Check globs, as clang-tidy's --checks; they are "
                                     "added to the configuration's (default -*,ctx-*)"),
                            cl::cat(Category));
cl::opt<std::string> Config("config",
                            cl::desc("Configuration in YAML/JSON, as clang-tidy's "
                                     "--config (.clang-tidy files are then ignored)"),
                            cl::cat(Category));
cl::opt<std::string> ConfigFile("config-file",
                                cl::desc("Read the configuration from this file instead of "
                                         ".clang-tidy files"),
                                cl::value_desc("file"), cl::cat(Category));
cl::opt<std::string> HeaderFilter("header-filter",
                                  cl::desc("Regex of the headers to report findings in "
                                           "(as clang-tidy's)"),
                                  cl::cat(Category));
cl::opt<std::string> ExcludeHeaderFilter("exclude-header-filter",
                                         cl::desc("Regex of headers never to report in"),
                                         cl::cat(Category));
cl::opt<bool> SystemHeaders("system-headers", cl::desc("Report findings in system headers"),
                            cl::cat(Category));
cl::opt<std::string> WarningsAsErrors("warnings-as-errors",
                                      cl::desc("Check globs whose findings are errors"),
                                      cl::cat(Category));
cl::list<std::string> ExtraArgs("extra-arg", cl::desc("Argument appended to each compile command"),
                                cl::cat(Category));
cl::list<std::string> ExtraArgsBefore("extra-arg-before",
                                      cl::desc("Argument prepended to each compile command"),
                                      cl::cat(Category));
cl::opt<Format> OutputFormat("format", cl::desc("Report format"), cl::init(Format::Text),
                             cl::values(clEnumValN(Format::Text, "text", "compiler-style text"),
                                        clEnumValN(Format::Sarif, "sarif", "SARIF 2.1.0"),
                                        clEnumValN(Format::Json, "json", "ctxguard JSON")),
                             cl::cat(Category));
cl::opt<std::string> OutputPath("output", cl::desc("Write the report here (default: stdout)"),
                                cl::value_desc("file"), cl::init("-"), cl::cat(Category));
cl::alias OutputAlias("o", cl::desc("Alias for --output"), cl::aliasopt(OutputPath));
cl::opt<std::string> SarifPath("sarif", cl::desc("Also write SARIF 2.1.0 to this file"),
                               cl::value_desc("file"), cl::cat(Category));
cl::opt<std::string> ExportFixes("export-fixes",
                                 cl::desc("Write fix-its as clang-apply-replacements YAML"),
                                 cl::value_desc("file"), cl::cat(Category));
cl::opt<bool> Fix("fix", cl::desc("Apply the fix-its to the files"), cl::cat(Category));
cl::opt<std::string> BaselinePath("baseline",
                                  cl::desc("Report only findings not in this SARIF file"),
                                  cl::value_desc("file.sarif"), cl::cat(Category));
cl::opt<std::string> SourceRoot("source-root",
                                cl::desc("Root that SARIF URIs are relative to (default: the "
                                         "git top-level, else the current directory)"),
                                cl::value_desc("dir"), cl::cat(Category));
cl::opt<std::string> SarifCategory("category",
                                   cl::desc("SARIF runAutomationDetails id (as upload-sarif's "
                                            "category)"),
                                   cl::init("ctxguard"), cl::cat(Category));
cl::opt<std::string> ShardSpec("shard", cl::desc("Analyze only shard K of N of the files"),
                               cl::value_desc("K/N"), cl::cat(Category));
cl::opt<bool> ListChecks("list-checks", cl::desc("List the enabled checks and exit"),
                         cl::cat(Category));
cl::opt<bool> Quiet("quiet", cl::desc("No progress or summary line on stderr"), cl::cat(Category));
cl::opt<std::string> ExportFactsPath("export-facts",
                                     cl::desc("Write the facts of the analysed functions (JSON, "
                                              "for FactsFile and merge-facts)"),
                                     cl::value_desc("file"), cl::cat(Category));
cl::opt<std::string> FactsPath("facts",
                               cl::desc("Facts of functions defined outside the analysed files "
                                        "(an --export-facts or merge-facts file)"),
                               cl::value_desc("file"), cl::cat(Category));
cl::opt<std::string> CachePath("cache",
                               cl::desc("Replay the reports of unchanged files from this cache "
                                        "directory (--cache alone: $CTXGUARD_CACHE_DIR, else "
                                        "$XDG_CACHE_HOME/ctxguard, else ~/.cache/ctxguard)"),
                               cl::value_desc("dir"), cl::ValueOptional, cl::cat(Category));

void printVersion(raw_ostream &OS) {
  OS << "ctxguard version " << CTXGUARD_VERSION << "\n  clang-tidy engine: LLVM "
     << LLVM_VERSION_STRING << "\n";
}

std::string currentDirectory() {
  SmallString<256> Dir;
  sys::fs::current_path(Dir);
  return std::string(Dir);
}

/// The git top-level above the current directory, else the directory itself.
std::string defaultSourceRoot() {
  std::string Cwd = currentDirectory();
  for (StringRef Dir = Cwd; !Dir.empty(); Dir = sys::path::parent_path(Dir)) {
    SmallString<256> Git(Dir);
    sys::path::append(Git, ".git");
    if (sys::fs::exists(Git))
      return Dir.str();
  }
  return Cwd;
}

/// Writes a report; a failure becomes a tool error.
void writeFile(const std::string &Path, StringRef Contents, std::vector<ToolError> &Errors) {
  if (Error E = writeOutputFile(Path, Contents))
    Errors.push_back({toString(std::move(E)), std::nullopt});
}

std::optional<unsigned> jobCount(std::vector<ToolError> &Errors) {
  if (!Jobs.getNumOccurrences())
    return llvm::hardware_concurrency().compute_thread_count();
  unsigned N = 0;
  if (!StringRef(Jobs).trim().getAsInteger(10, N) && N >= 1)
    return N;
  Errors.push_back({"-j wants the number of translation units to analyze in parallel (1 or "
                    "more), not '" +
                        Jobs + "'",
                    std::nullopt});
  return std::nullopt;
}

/// Options that can be wrong before anything runs; each problem is a tool error.
std::optional<TidySettings> readTidySettings(std::vector<ToolError> &Errors) {
  TidySettings Settings;
  clang::tidy::ClangTidyOptions &O = Settings.Overrides;
  if (Checks.getNumOccurrences())
    O.Checks = Checks;
  if (HeaderFilter.getNumOccurrences())
    O.HeaderFilterRegex = HeaderFilter;
  if (ExcludeHeaderFilter.getNumOccurrences())
    O.ExcludeHeaderFilterRegex = ExcludeHeaderFilter;
  if (SystemHeaders.getNumOccurrences())
    O.SystemHeaders = SystemHeaders;
  if (WarningsAsErrors.getNumOccurrences())
    O.WarningsAsErrors = WarningsAsErrors;
  if (!ExtraArgs.empty())
    O.ExtraArgs = std::vector<std::string>(ExtraArgs.begin(), ExtraArgs.end());
  if (!ExtraArgsBefore.empty())
    O.ExtraArgsBefore = std::vector<std::string>(ExtraArgsBefore.begin(), ExtraArgsBefore.end());

  checkHeaderFilters(O, "the command line", Errors);
  if (!Config.empty() && !ConfigFile.empty()) {
    Errors.push_back({"--config and --config-file are mutually exclusive", std::nullopt});
    return std::nullopt;
  }
  std::string ConfigText = Config, ConfigOrigin = "--config";
  if (!ConfigFile.empty()) {
    auto Buffer = MemoryBuffer::getFile(ConfigFile, /*IsText=*/true);
    if (!Buffer) {
      Errors.push_back(
          {"cannot read --config-file '" + ConfigFile + "': " + Buffer.getError().message(),
           std::nullopt, ErrorKind::Configuration});
      return std::nullopt;
    }
    ConfigText = (*Buffer)->getBuffer().str();
    ConfigOrigin = absolutePath(ConfigFile);
  }
  if (!ConfigText.empty()) {
    auto Parsed = parseConfigText(ConfigText, ConfigOrigin, !ConfigFile.empty());
    if (ToolError *Problem = std::get_if<ToolError>(&Parsed)) {
      Errors.push_back(std::move(*Problem));
      return std::nullopt;
    }
    Settings.Config = std::get<clang::tidy::ClangTidyOptions>(std::move(Parsed));
  }
  return Settings;
}

/// An explicit --checks / --config that enables no ctx check is a mistake
/// worth stopping for, before any file is parsed.
bool checkSomethingEnabled(const TidySettings &Settings, const std::string &ProbeFile,
                           std::vector<ToolError> &Errors) {
  if (!Checks.getNumOccurrences() && !Settings.Config)
    return true;
  std::vector<ToolError> ConfigErrors;
  bool Enabled = !enabledChecksFor(Settings, ProbeFile, ConfigErrors).empty();
  if (!ConfigErrors.empty()) {
    Errors.insert(Errors.end(), ConfigErrors.begin(), ConfigErrors.end());
    return false;
  }
  if (Enabled)
    return true;
  std::string Available;
  for (const std::string &Name : registeredCtxChecks())
    Available += (Available.empty() ? "" : ", ") + Name;
  Errors.push_back(
      {"the check globs enable no ctx check (available: " + Available + ")", std::nullopt});
  return false;
}

/// "[N/M] file, elapsed, estimate, findings so far" on one updating line of
/// stderr, when stderr is a terminal and not --quiet; never in a report.
class ProgressLine {
public:
  ProgressLine()
      : Enabled(!Quiet && sys::Process::StandardErrIsDisplayed()),
        Start(std::chrono::steady_clock::now()) {}
  void setTotal(unsigned N) { Total = N; }
  void addWork(unsigned N) { Total += N; }
  void unitDone(const UnitReport &Unit) {
    ++Done;
    FindingsSoFar += Unit.Findings.size();
    if (!Enabled)
      return;
    double Elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - Start).count();
    errs() << "\r\033[K[" << Done << "/" << Total << "] " << sys::path::filename(Unit.File) << ", "
           << format("%.0f", Elapsed) << " s";
    if (Done < Total)
      errs() << ", ~" << format("%.0f", Elapsed / Done * (Total - Done)) << " s left";
    errs() << ", " << FindingsSoFar << " finding(s)";
    errs().flush();
  }
  void clear() {
    if (Enabled && Done)
      errs() << "\r\033[K";
  }

private:
  bool Enabled;
  std::chrono::steady_clock::time_point Start;
  unsigned Done = 0, Total = 0;
  size_t FindingsSoFar = 0;
};

struct RunConfig {
  std::string SourceRoot;
  std::string DisplayRoot;
};

std::string renderReport(Format F, const AnalysisResult &Result, SourceFiles &Sources,
                         const RunConfig &Run) {
  switch (F) {
  case Format::Text:
    return renderText(Result, Sources, Run.DisplayRoot);
  case Format::Json:
    return renderJson(buildJsonReport(Result, Run.SourceRoot, CTXGUARD_VERSION));
  case Format::Sarif:
    break;
  }
  SarifOptions Options;
  Options.SourceRoot = Run.SourceRoot;
  Options.Category = SarifCategory;
  Options.ToolVersion = CTXGUARD_VERSION;
  Options.Rules = ctxRules();
  return renderJson(buildSarif(Result, Options));
}

/// Adds the write failures of the other reports to `Result`, then writes the
/// SARIF file, which records them.
void writeSarifLast(AnalysisResult &Result, std::vector<ToolError> WriteErrors,
                    SourceFiles &Sources, const RunConfig &Run) {
  Result.Errors.insert(Result.Errors.end(), WriteErrors.begin(), WriteErrors.end());
  normalize(Result);
  if (SarifPath.empty())
    return;
  writeFile(SarifPath, renderReport(Format::Sarif, Result, Sources, Run), Result.Errors);
  normalize(Result);
}

/// Writes every requested report; write failures become tool errors.
void writeReports(AnalysisResult &Result, SourceFiles &Sources, const RunConfig &Run,
                  const std::string &MainFile) {
  std::vector<ToolError> WriteErrors;
  if (!ExportFixes.empty())
    writeFile(ExportFixes, exportFixesYaml(Result.Findings, MainFile), WriteErrors);
  if (Fix) {
    FixOutcome Outcome = applyFixes(Result.Findings);
    for (const std::string &Problem : Outcome.Problems)
      errs() << "ctxguard: warning: " << Problem << "\n";
    for (const std::string &Problem : Outcome.WriteErrors)
      WriteErrors.push_back({Problem, std::nullopt});
    if (!Quiet)
      errs() << "ctxguard: applied the fixes of " << Outcome.Applied << " finding(s)\n";
  }
  writeFile(OutputPath, renderReport(OutputFormat, Result, Sources, Run), WriteErrors);
  writeSarifLast(Result, std::move(WriteErrors), Sources, Run);
}

int exitCodeOf(const AnalysisResult &Result) {
  if (!Result.Errors.empty())
    return ToolFailure;
  return Result.Findings.empty() ? NoFindings : Findings;
}

/// The report files this run writes (not stdout).
std::vector<std::string> outputFiles() {
  std::vector<std::string> Paths;
  for (const std::string &Path :
       {OutputPath.getValue(), SarifPath.getValue(), ExportFixes.getValue(),
        ExportFactsPath.getValue()})
    if (!Path.empty() && Path != "-")
      Paths.push_back(Path);
  return Paths;
}

/// Reports written by an earlier run go before this one analyzes anything:
/// a run that is killed, or fails before writing, leaves none behind.
void removeStaleOutputs(std::vector<ToolError> &Errors) {
  for (const std::string &Path : outputFiles())
    if (Error E = removeStaleOutput(Path))
      Errors.push_back({toString(std::move(E)), std::nullopt});
}

/// Reports errors found before analysis (bad options, missing inputs): SARIF
/// and JSON reports record them (CI's SARIF upload sees the failure); text
/// and fix-it files, which cannot, are removed.
int failEarly(std::vector<ToolError> Errors, const RunConfig &Run) {
  AnalysisResult Result;
  Result.Errors = std::move(Errors);
  removeStaleOutputs(Result.Errors);
  normalize(Result);
  std::vector<ToolError> WriteErrors;
  SourceFiles Sources;
  if (OutputFormat != Format::Text)
    writeFile(OutputPath, renderReport(OutputFormat, Result, Sources, Run), WriteErrors);
  writeSarifLast(Result, std::move(WriteErrors), Sources, Run);
  errs() << renderErrors(Result, Run.DisplayRoot);
  return ToolFailure;
}

int listChecks(const TidySettings &Settings, const std::string &ProbeFile, const RunConfig &Run) {
  std::vector<ToolError> ConfigErrors;
  std::vector<std::string> Enabled = enabledChecksFor(Settings, ProbeFile, ConfigErrors);
  if (!ConfigErrors.empty())
    return failEarly(std::move(ConfigErrors), Run);
  outs() << "Enabled checks:";
  for (const std::string &Name : Enabled)
    outs() << "\n    " << Name;
  outs() << "\n\n";
  if (Enabled.empty()) {
    errs() << "ctxguard: error: no checks enabled\n";
    return ToolFailure;
  }
  return NoFindings;
}

int mergeSarifFail(const std::string &Message, const std::string &Output) {
  errs() << "ctxguard merge-sarif: error: " << Message << "\n";
  if (Error E = removeStaleOutput(Output))
    errs() << "ctxguard merge-sarif: error: " << toString(std::move(E)) << "\n";
  return ToolFailure;
}

int mergeSarifMain(int Argc, const char **Argv) {
  std::vector<std::string> InputsPaths;
  std::string Output = "-";
  for (int I = 2; I < Argc; ++I) {
    StringRef Arg = Argv[I];
    if (Arg == "-o" || Arg == "--output") {
      if (I + 1 == Argc)
        return mergeSarifFail(Arg.str() + " needs a file name", "");
      Output = Argv[++I];
    } else if (Arg == "-h" || Arg == "--help") {
      outs() << "USAGE: ctxguard merge-sarif <in.sarif>... [-o <out.sarif>]\n";
      return NoFindings;
    } else {
      InputsPaths.push_back(Arg.str());
    }
  }
  if (InputsPaths.empty())
    return mergeSarifFail("no input SARIF files", Output);
  std::vector<Json> Logs;
  for (const std::string &Path : InputsPaths) {
    auto Buffer = MemoryBuffer::getFile(Path, /*IsText=*/true);
    if (!Buffer)
      return mergeSarifFail("cannot read '" + Path + "': " + Buffer.getError().message(), Output);
    llvm::Expected<Json> Log = parseSarifLog((*Buffer)->getBuffer());
    if (!Log)
      return mergeSarifFail("'" + Path + "': " + toString(Log.takeError()), Output);
    Logs.push_back(std::move(*Log));
  }
  auto Merged = mergeSarifLogs(Logs);
  if (!Merged)
    return mergeSarifFail(toString(Merged.takeError()), Output);
  if (Error E = writeOutputFile(Output, renderJson(*Merged))) {
    errs() << "ctxguard merge-sarif: error: " << toString(std::move(E)) << "\n";
    return ToolFailure;
  }
  return NoFindings;
}

int mergeFactsMain(int Argc, const char **Argv) {
  std::vector<std::string> Paths;
  std::string Output = "-";
  for (int I = 2; I < Argc; ++I) {
    StringRef Arg = Argv[I];
    if (Arg == "-o" || Arg == "--output") {
      if (I + 1 == Argc) {
        errs() << "ctxguard merge-facts: error: " << Arg << " needs a file name\n";
        return ToolFailure;
      }
      Output = Argv[++I];
    } else if (Arg == "-h" || Arg == "--help") {
      outs() << "USAGE: ctxguard merge-facts <facts.json>... [-o <out.json>]\n";
      return NoFindings;
    } else {
      Paths.push_back(Arg.str());
    }
  }
  auto Fail = [&](const std::string &Message) {
    errs() << "ctxguard merge-facts: error: " << Message << "\n";
    if (Error E = removeStaleOutput(Output))
      errs() << "ctxguard merge-facts: error: " << toString(std::move(E)) << "\n";
    return ToolFailure;
  };
  if (Paths.empty())
    return Fail("no input facts files");
  Expected<clang::tidy::ctx::FactsTable> Merged = mergeFactsFiles(Paths);
  if (!Merged)
    return Fail(toString(Merged.takeError()));
  std::string Text;
  raw_string_ostream(Text) << formatv("{0:2}", Merged->toJSON()) << "\n";
  if (Error E = writeOutputFile(Output, Text))
    return Fail(toString(std::move(E)));
  return NoFindings;
}

void warnAboutTestCrashes() {
  if (const char *Spec = std::getenv(TestCrashVariable))
    errs() << "ctxguard: warning: " << TestCrashVariable << "='" << Spec
           << "' is set: workers analyzing matching files crash on purpose (for ctxguard's "
              "own tests)\n";
}

/// What workers wrote on stderr (a crash's stack dump), in file order; the
/// head of each, where a dump names what was being done.
void printWorkerLogs(const std::vector<UnitReport> &Units) {
  constexpr size_t MaxLines = 50;
  for (const UnitReport &Unit : Units) {
    if (Unit.WorkerLog.empty())
      continue;
    SmallVector<StringRef> Lines;
    StringRef(Unit.WorkerLog).rtrim('\n').split(Lines, '\n');
    errs() << "ctxguard: the worker analyzing " << Unit.File << " wrote:\n";
    for (size_t I = 0; I < Lines.size() && I < MaxLines; ++I)
      errs() << Lines[I] << "\n";
    if (Lines.size() > MaxLines)
      errs() << "[... " << Lines.size() - MaxLines << " more lines]\n";
  }
}

int analyzeMain(int Argc, const char **Argv) {
  // "-- <flags>": a compile command for every given file, as clang-tidy.
  std::string FixedError;
  std::unique_ptr<clang::tooling::CompilationDatabase> FixedDatabase =
      clang::tooling::FixedCompilationDatabase::loadFromCommandLine(Argc, Argv, FixedError);

  cl::HideUnrelatedOptions(Category);
  cl::SetVersionPrinter(printVersion);
  std::string ParseErrors;
  raw_string_ostream ParseErrorStream(ParseErrors);
  bool Parsed = cl::ParseCommandLineOptions(Argc, Argv, Overview, &ParseErrorStream);
  ParseErrorStream.flush();

  RunConfig Run;
  Run.SourceRoot = SourceRoot.empty() ? defaultSourceRoot() : absolutePath(SourceRoot);
  Run.DisplayRoot = currentDirectory();

  std::vector<ToolError> Errors;
  if (!Parsed) {
    // Some option errors are printed on stderr directly, not into the stream.
    StringRef Message = StringRef(ParseErrors).trim();
    Errors.push_back(
        {Message.empty() ? "invalid command line (see above)" : Message.str(), std::nullopt});
  }
  if (!FixedError.empty())
    Errors.push_back({FixedError, std::nullopt});
  std::optional<unsigned> JobsToRun = jobCount(Errors);
  std::optional<Shard> ShardToRun;
  if (ShardSpec.getNumOccurrences() && !(ShardToRun = parseShard(ShardSpec)))
    Errors.push_back({"--shard wants K/N with 1 <= K <= N, not '" + ShardSpec + "'", std::nullopt});
  std::optional<TidySettings> Settings = readTidySettings(Errors);
  std::string ProbeFile = SourcePaths.empty() ? Run.DisplayRoot + "/ctxguard-probe.cpp"
                                              : absolutePath(SourcePaths.front());
  if (Settings && !checkSomethingEnabled(*Settings, ProbeFile, Errors))
    Settings.reset();
  std::shared_ptr<const clang::tidy::ctx::FactsTable> Given;
  if (!FactsPath.empty()) {
    auto Loaded = clang::tidy::ctx::loadFactsFile(FactsPath);
    if (Loaded)
      Given = std::move(*Loaded);
    else
      Errors.push_back({toString(Loaded.takeError()), std::nullopt, ErrorKind::Configuration});
  }
  std::optional<Baseline> Base;
  if (!BaselinePath.empty()) {
    auto Loaded = Baseline::load(BaselinePath);
    if (Loaded)
      Base = std::move(*Loaded);
    else
      Errors.push_back({toString(Loaded.takeError()), std::nullopt});
  }
  if (!Errors.empty())
    return failEarly(std::move(Errors), Run);
  if (ListChecks)
    return listChecks(*Settings, ProbeFile, Run);

  // Read before: the baseline may be the very file this run rewrites.
  removeStaleOutputs(Errors);
  if (!Errors.empty())
    return failEarly(std::move(Errors), Run);

  InputRequest Request;
  Request.BuildPath = BuildPath;
  Request.Files.assign(SourcePaths.begin(), SourcePaths.end());
  Request.FixedDatabase = std::move(FixedDatabase);
  Inputs In = resolveInputs(std::move(Request));
  if (!In.Database)
    return failEarly(std::move(In.Errors), Run);
  if (ShardToRun)
    In.Files = selectShard(In.Files, *ShardToRun);

  warnAboutTestCrashes();
  ProgressLine Progress;
  Progress.setTotal(In.Files.size());
  ProgramOptions Options;
  Options.Analyzer.Tidy = std::move(*Settings);
  Options.Analyzer.Jobs = *JobsToRun;
  Options.Analyzer.Timeout = std::chrono::seconds(Timeout);
  Options.Analyzer.Progress = [&](const UnitReport &Unit) { Progress.unitDone(Unit); };
  Options.Reanalysing = [&](unsigned N) { Progress.addWork(N); };
  Options.Given = std::move(Given);
  if (CachePath.getNumOccurrences())
    Options.CacheDirectory = CachePath.empty() ? AnalysisCache::defaultDirectory() : CachePath;
  ProgramRun Program = analyzeProgram(*In.Database, In.Files, Options);
  Progress.clear();
  for (const std::string &Warning : Program.Warnings)
    errs() << "ctxguard: warning: " << Warning << "\n";
  printWorkerLogs(Program.Units);
  AnalysisResult Result = combine(Program.Units);
  Result.Errors.insert(Result.Errors.end(), In.Errors.begin(), In.Errors.end());
  if (!ExportFactsPath.empty()) {
    std::string Text;
    raw_string_ostream(Text) << formatv("{0:2}", Program.Facts.toJSON()) << "\n";
    writeFile(ExportFactsPath, Text, Result.Errors);
  }
  if (!Quiet && (Options.CacheDirectory || Program.Reanalysed))
    errs() << "ctxguard: " << Program.CacheHits << " of " << In.Files.size()
           << " file(s) replayed from the cache, " << Program.Analysed << " analysed, "
           << Program.Reanalysed << " analysed again with the facts of other files\n";
  if (Base) {
    size_t Known = Base->filter(Result, Run.SourceRoot);
    if (!Quiet && Known)
      errs() << "ctxguard: " << Known << " finding(s) already in the baseline\n";
  }
  normalize(Result);

  SourceFiles Sources;
  writeReports(Result, Sources, Run, In.Files.empty() ? "" : In.Files.front());
  errs() << renderErrors(Result, Run.DisplayRoot);
  if (!Quiet)
    errs() << renderSummary(Result);
  return exitCodeOf(Result);
}

/// Runs at exit, also after --help and --version (which exit on their own):
/// output lost on stdout is a tool error, not a success.
void checkStdoutAtExit() {
  if (Error E = checkStdout()) {
    errs() << "ctxguard: error: " << toString(std::move(E)) << "\n";
    std::_Exit(ToolFailure);
  }
}

const char BugReportMessage[] =
    "PLEASE submit a bug report to https://github.com/ctxguard/ctxguard/issues and include the "
    "crash backtrace and the file being analyzed.\n";

} // namespace

int main(int Argc, const char **Argv) {
  InitLLVM X(Argc, Argv);
  setBugReportMsg(BugReportMessage);
  // Write failures are errors we report: a file size limit or a closed
  // stdout must not kill the process with a signal instead.
  std::signal(SIGXFSZ, SIG_IGN);
  std::signal(SIGPIPE, SIG_IGN);
  outs(); // constructed first, destroyed after the check below has run
  std::atexit(checkStdoutAtExit);
  try {
    if (Argc > 1 && std::strcmp(Argv[1], "merge-sarif") == 0)
      return mergeSarifMain(Argc, Argv);
    if (Argc > 1 && std::strcmp(Argv[1], "merge-facts") == 0)
      return mergeFactsMain(Argc, Argv);
    return analyzeMain(Argc, Argv);
  } catch (const std::exception &E) {
    errs() << "ctxguard: error: internal error: " << E.what() << "\n";
  } catch (...) {
    errs() << "ctxguard: error: internal error\n";
  }
  return ToolFailure;
}
