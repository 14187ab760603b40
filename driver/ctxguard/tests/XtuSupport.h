//===--- XtuSupport.h - ctxguard --------------------------------*- C++ -*-===//
//
// The multi-TU fixture projects of testdata/xtu/ for the cross-TU and cache
// tests: a copy of a project in a temporary directory, its compile
// database, runs of ctxguard and of the plugin, and the comparison of their
// output with the inline expectations of every file of the project.
//
//===----------------------------------------------------------------------===//

#ifndef CTXGUARD_DRIVER_TESTS_XTUSUPPORT_H
#define CTXGUARD_DRIVER_TESTS_XTUSUPPORT_H

#include "Fixture.h"

#include <nlohmann/json.hpp>

#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

namespace ctxguard::xtu {

namespace fs = std::filesystem;

struct Outcome {
  int Exit = -1;
  std::string Out, Err;
};

inline std::string readFile(const fs::path &Path) {
  std::ifstream In(Path, std::ios::binary);
  std::stringstream S;
  S << In.rdbuf();
  return S.str();
}

inline void writeFile(const fs::path &Path, const std::string &Text) {
  std::ofstream(Path, std::ios::binary) << Text;
}

inline std::string quote(const std::string &Arg) {
  std::string Quoted = "'";
  for (char C : Arg)
    Quoted += C == '\'' ? std::string("'\\''") : std::string(1, C);
  return Quoted + "'";
}

/// Runs a shell command in `Dir`; stdout and stderr apart.
inline Outcome shell(const fs::path &Dir, const std::string &Command) {
  static unsigned Counter = 0;
  std::string Tag = std::to_string(getpid()) + "-" + std::to_string(Counter++);
  fs::path Out = Dir / (".out-" + Tag), Err = Dir / (".err-" + Tag);
  int Status = std::system(("cd " + quote(Dir.string()) + " && " + Command + " >" +
                            quote(Out.string()) + " 2>" + quote(Err.string()))
                               .c_str());
  Outcome O{WIFEXITED(Status) ? WEXITSTATUS(Status) : -1, readFile(Out), readFile(Err)};
  fs::remove(Out);
  fs::remove(Err);
  return O;
}

struct Project {
  fs::path Dir;
  std::vector<std::string> Sources; // the TUs, file names, sorted
  std::vector<std::string> Files;   // sources and headers
  std::string Checks;               // the CHECKS: line of the project's files
  std::vector<std::string> Flags;   // extra compiler flags

  /// A copy of testdata/xtu/<Name> in a directory of its own.
  static Project copy(const std::string &Name, const std::string &Test) {
    Project P;
    P.Dir = fs::temp_directory_path() / ("ctxguard-xtu-" + std::to_string(getpid())) /
            (Name + "-" + Test);
    fs::remove_all(P.Dir);
    fs::create_directories(P.Dir);
    fs::copy(fs::path(CTXGUARD_XTU_PROJECTS) / Name, P.Dir, fs::copy_options::recursive);
    for (const auto &Entry : fs::directory_iterator(P.Dir)) {
      std::string File = Entry.path().filename().string();
      std::string Ext = Entry.path().extension().string();
      if (Ext == ".cpp")
        P.Sources.push_back(File);
      if (Ext == ".cpp" || Ext == ".h") {
        P.Files.push_back(File);
        std::smatch M;
        std::string Text = readFile(Entry.path());
        if (std::regex_search(Text, M, std::regex("// CHECKS: (\\S+)")))
          P.Checks = M[1];
      }
    }
    std::sort(P.Sources.begin(), P.Sources.end());
    std::sort(P.Files.begin(), P.Files.end());
    return P;
  }

  void remove() const { fs::remove_all(Dir); }

  std::vector<std::string> compileArgs(const std::string &Source) const {
    std::vector<std::string> Args{"clang++", "-std=c++20",
                                  std::string("-I") + CTXGUARD_RUNTIME_INCLUDE, "-I" + Dir.string()};
    Args.insert(Args.end(), Flags.begin(), Flags.end());
    Args.push_back("-c");
    Args.push_back(Source);
    return Args;
  }

  void writeDatabase(const std::vector<std::string> &Order) const {
    nlohmann::json Commands = nlohmann::json::array();
    for (const std::string &Source : Order)
      Commands.push_back({{"directory", Dir.string()},
                          {"file", (Dir / Source).string()},
                          {"arguments", compileArgs(Source)}});
    writeFile(Dir / "compile_commands.json", Commands.dump(2));
  }

  /// ctxguard in the project's directory, with its checks (subcommands as given).
  Outcome ctxguard(const std::vector<std::string> &Args, const std::string &Binary = "") const {
    std::string Command = quote(Binary.empty() ? CTXGUARD_BIN : Binary);
    bool Subcommand = !Args.empty() && Args.front().rfind("merge-", 0) == 0;
    if (!Subcommand)
      Command += " -p . --checks=" + quote("-*," + Checks);
    for (const std::string &Arg : Args)
      Command += " " + quote(Arg);
    return shell(Dir, Command);
  }

  /// The plugin through clang-tidy on one TU, with `FactsFile` when not empty.
  Outcome plugin(const std::string &Source, const std::string &FactsFile) const {
    std::string Config = "{Checks: '-*," + Checks + "'";
    if (!FactsFile.empty())
      Config += ", CheckOptions: {FactsFile: '" + FactsFile + "'}";
    Config += "}";
    std::string Command = quote(CTXGUARD_CLANG_TIDY) + " --load=" + quote(CTXGUARD_PLUGIN) +
                          " --quiet --config=" + quote(Config) + " " + quote(Source) + " --";
    std::vector<std::string> Args = compileArgs(Source);
    for (size_t I = 1; I + 2 < Args.size(); ++I)
      Command += " " + quote(Args[I]);
    return shell(Dir, Command);
  }

  /// Every unexpected diagnostic and unmet expectation of `Output` (the
  /// text of ctxguard or clang-tidy), over all the project's files.
  std::vector<std::string> unmet(const std::string &Output) const {
    static const std::regex Diag(
        R"(^(.*):(\d+):(\d+): (warning|note|error|fatal error): (.*?)( \[([A-Za-z0-9_.,-]+)\])?$)");
    std::map<std::string, std::vector<testing::Diagnostic>> Reported;
    std::vector<std::string> Problems;
    std::stringstream In(Output);
    std::string Line, LastCheck;
    while (std::getline(In, Line)) {
      std::smatch M;
      if (!std::regex_match(Line, M, Diag))
        continue;
      std::string Kind = M[4];
      if (Kind != "warning" && Kind != "note") {
        Problems.push_back("unexpected: " + Line);
        continue;
      }
      if (Kind == "warning")
        LastCheck = M[7];
      testing::Diagnostic D;
      D.Kind = Kind;
      D.Line = std::stoi(M[2]);
      D.Column = std::stoi(M[3]);
      D.Check = LastCheck;
      D.Message = M[5];
      Reported[fs::path(M[1].str()).filename().string()].push_back(D);
    }
    for (const std::string &File : Files) {
      std::vector<std::string> Errors;
      testing::Fixture F = testing::parseFixture((Dir / File).string(), Checks, Errors);
      for (const std::string &E : Errors)
        Problems.push_back(File + ": " + E);
      std::vector<testing::Diagnostic> Got = Reported[File];
      // Each TU of the plugin reports a header's findings again.
      std::sort(Got.begin(), Got.end(), [](const auto &A, const auto &B) {
        return std::tie(A.Line, A.Column, A.Kind, A.Message) <
               std::tie(B.Line, B.Column, B.Kind, B.Message);
      });
      Got.erase(std::unique(Got.begin(), Got.end(),
                            [](const auto &A, const auto &B) {
                              return std::tie(A.Line, A.Column, A.Kind, A.Message) ==
                                     std::tie(B.Line, B.Column, B.Kind, B.Message);
                            }),
                Got.end());
      for (const std::string &Problem : testing::compare(F.Expected, Got, {Checks}))
        Problems.push_back(File + ": " + Problem);
    }
    return Problems;
  }
};

} // namespace ctxguard::xtu

#endif // CTXGUARD_DRIVER_TESTS_XTUSUPPORT_H
