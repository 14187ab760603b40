#include "Fixture.h"

#include <algorithm>
#include <fstream>
#include <regex>
#include <sstream>

namespace ctxguard::testing {

namespace {

std::vector<std::string> splitList(const std::string &Text) {
  std::vector<std::string> Out;
  std::stringstream In(Text);
  std::string Item;
  while (std::getline(In, Item, ','))
    if (auto B = Item.find_first_not_of(" \t"); B != std::string::npos)
      Out.push_back(Item.substr(B, Item.find_last_not_of(" \t") - B + 1));
  return Out;
}

std::string unescape(const std::string &Quoted) {
  std::string Out;
  for (size_t I = 0; I < Quoted.size(); ++I) {
    if (Quoted[I] == '\\' && I + 1 < Quoted.size() && Quoted[I + 1] == '"')
      ++I;
    Out += Quoted[I];
  }
  return Out;
}

void parseExpectations(const std::string &Comment, int LineNo, Fixture &F,
                       std::vector<std::string> &Errors) {
  static const std::regex Expectation(
      R"re(\b(want|note)(@([+-]\d+))?:(\d+)( (ctx-[a-z0-9-]+))? "((?:[^"\\]|\\.)*)")re");
  static const std::regex Loose(R"(\b(want|note)(@[+-]?\d+)?:)");
  size_t Found = 0;
  for (std::sregex_iterator It(Comment.begin(), Comment.end(), Expectation), End; It != End;
       ++It) {
    const std::smatch &M = *It;
    Diagnostic D;
    D.Kind = M[1] == "want" ? "warning" : "note";
    D.Line = LineNo + (M[3].matched ? std::stoi(M[3]) : 0);
    D.Column = std::stoi(M[4]);
    D.Check = M[6].matched ? M[6].str() : "";
    D.Message = unescape(M[7]);
    D.SourceLine = LineNo;
    try {
      std::regex Check(D.Message, std::regex::ECMAScript);
    } catch (const std::regex_error &E) {
      Errors.push_back("line " + std::to_string(LineNo) + ": bad regex \"" + D.Message +
                       "\": " + E.what());
      continue;
    }
    F.Expected.push_back(D);
    ++Found;
  }
  size_t Mentioned = std::distance(
      std::sregex_iterator(Comment.begin(), Comment.end(), Loose), std::sregex_iterator());
  if (Mentioned != Found)
    Errors.push_back("line " + std::to_string(LineNo) +
                     ": malformed expectation (want|note)(@[+-]N)?:COL( ctx-check)? \"regex\": " +
                     Comment);
}

// The names a fixture may list in `// PROFILE-DEPS:`. grpc: gRPC C++ and
// protobuf headers plus the stubs generated from testdata/profiles/protos/
// (testdata/CMakeLists.txt; FixtureTest.cpp turns the name into flags).
const std::vector<std::string> &knownProfileDeps() {
  static const std::vector<std::string> Known = {"grpc"};
  return Known;
}

} // namespace

Fixture parseFixture(const std::string &Path, const std::string &DefaultCheck,
                     std::vector<std::string> &Errors) {
  Fixture F;
  F.Path = Path;
  std::ifstream In(Path);
  if (!In) {
    Errors.push_back("cannot read " + Path);
    return F;
  }
  std::string Line;
  int LineNo = 0;
  while (std::getline(In, Line)) {
    ++LineNo;
    auto Slash = Line.find("//");
    if (Slash == std::string::npos)
      continue;
    std::string Comment = Line.substr(Slash + 2);
    std::smatch M;
    static const std::regex Header(
        R"(^\s*(CHECKS|OPTION|FLAGS|PROFILE-DEPS|PENDING):\s*(.*?)\s*$)");
    if (std::regex_match(Comment, M, Header)) {
      if (M[1] == "CHECKS") {
        auto More = splitList(M[2]);
        F.Checks.insert(F.Checks.end(), More.begin(), More.end());
      } else if (M[1] == "OPTION") {
        std::string Option = M[2];
        auto Eq = Option.find('=');
        if (Eq == std::string::npos)
          Errors.push_back("line " + std::to_string(LineNo) + ": OPTION needs check.Name=value");
        else
          F.Options.emplace_back(Option.substr(0, Eq), Option.substr(Eq + 1));
      } else if (M[1] == "PROFILE-DEPS") {
        for (const std::string &Dep : splitList(M[2])) {
          const auto &Known = knownProfileDeps();
          if (std::find(Known.begin(), Known.end(), Dep) == Known.end())
            Errors.push_back("line " + std::to_string(LineNo) + ": unknown PROFILE-DEPS '" + Dep +
                             "' (known: grpc)");
          else if (std::find(F.Deps.begin(), F.Deps.end(), Dep) == F.Deps.end())
            F.Deps.push_back(Dep);
        }
      } else if (M[1] == "PENDING") {
        if (M[2].length() == 0)
          Errors.push_back("line " + std::to_string(LineNo) + ": PENDING needs a reason");
        else if (!F.Pending.empty())
          Errors.push_back("line " + std::to_string(LineNo) + ": a second PENDING line");
        else
          F.Pending = M[2];
      } else {
        std::stringstream Words(M[2].str());
        std::string Word;
        while (Words >> Word)
          F.Flags.push_back(Word);
      }
      continue;
    }
    parseExpectations(Comment, LineNo, F, Errors);
  }
  if (F.Checks.empty())
    F.Checks.push_back(DefaultCheck);
  return F;
}

std::vector<Diagnostic> parseClangTidyOutput(const std::string &Output, const std::string &File,
                                             std::vector<std::string> &Unexpected) {
  static const std::regex Diag(
      R"(^(.*):(\d+):(\d+): (warning|note|error|fatal error): (.*?)( \[([A-Za-z0-9_.,-]+)\])?$)");
  std::vector<Diagnostic> Out;
  std::stringstream In(Output);
  std::string Line, LastCheck;
  bool LastInFile = false;
  while (std::getline(In, Line)) {
    std::smatch M;
    if (!std::regex_match(Line, M, Diag))
      continue;
    std::string Kind = M[4];
    bool InFile = M[1] == File;
    if (Kind == "warning") {
      LastCheck = M[7];
      LastInFile = InFile;
    }
    if (Kind != "warning" && Kind != "note") {
      Unexpected.push_back(Line);
      continue;
    }
    // Notes of a warning in another file (e.g. a runtime header) follow it.
    if (!InFile || (Kind == "note" && !LastInFile)) {
      Unexpected.push_back(Line);
      continue;
    }
    Diagnostic D;
    D.Kind = Kind;
    D.Line = std::stoi(M[2]);
    D.Column = std::stoi(M[3]);
    D.Check = Kind == "warning" ? M[7].str() : LastCheck;
    D.Message = M[5];
    Out.push_back(D);
  }
  return Out;
}

std::vector<std::string> compare(const std::vector<Diagnostic> &Expected,
                                 const std::vector<Diagnostic> &Reported,
                                 const std::vector<std::string> &EnabledChecks) {
  std::vector<std::string> Problems;
  std::vector<bool> Used(Expected.size(), false);
  auto Describe = [](const Diagnostic &D) {
    return std::to_string(D.Line) + ":" + std::to_string(D.Column) + ": " + D.Kind + ": " +
           D.Message + (D.Check.empty() ? "" : " [" + D.Check + "]");
  };
  for (const Diagnostic &R : Reported) {
    bool Matched = false;
    for (size_t I = 0; I < Expected.size() && !Matched; ++I) {
      const Diagnostic &E = Expected[I];
      if (Used[I] || E.Kind != R.Kind || E.Line != R.Line || E.Column != R.Column)
        continue;
      std::string Check = E.Check;
      if (Check.empty() && EnabledChecks.size() == 1)
        Check = EnabledChecks.front();
      if (!Check.empty() && Check != R.Check)
        continue;
      if (!std::regex_search(R.Message, std::regex(E.Message, std::regex::ECMAScript)))
        continue;
      Used[I] = Matched = true;
    }
    if (!Matched)
      Problems.push_back("unexpected " + Describe(R));
  }
  for (size_t I = 0; I < Expected.size(); ++I)
    if (!Used[I])
      Problems.push_back("expected but not reported (written on line " +
                         std::to_string(Expected[I].SourceLine) + ") " +
                         Describe(Expected[I]));
  return Problems;
}

} // namespace ctxguard::testing
