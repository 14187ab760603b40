// The main of one profile scenario: runs each case of the wrapper on its own
// detached thread, waits up to two seconds for them, and reports which ones
// hang (a std::jthread whose destructor requests a stop its callable cannot
// see, then joins forever). A case hangs exactly when it exercises a fixture
// line that carries a `want` expectation. The program exits with _exit, so
// the hung threads die with it and the test never hangs.
#include "Fixture.h"
#include "Watchdog.h"

#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <unistd.h>

namespace {

constexpr auto Limit = std::chrono::seconds(2);

struct Progress {
  std::mutex Mu;
  std::condition_variable Cv;
  std::vector<bool> Done;
  std::vector<long> Millis;
};

// Checks that \p Snippet names exactly one line of the fixture and that this
// line carries a warning expectation; returns a problem or "".
std::string checkSnippet(const std::vector<std::string> &Lines,
                         const std::vector<ctxguard::testing::Diagnostic> &Expected,
                         const std::string &Snippet) {
  std::vector<int> Found;
  for (size_t I = 0; I < Lines.size(); ++I)
    if (Lines[I].find(Snippet) != std::string::npos)
      Found.push_back(static_cast<int>(I) + 1);
  if (Found.size() != 1)
    return "\"" + Snippet + "\" names " + std::to_string(Found.size()) +
           " lines of the fixture, not exactly one";
  for (const auto &E : Expected)
    if (E.Kind == "warning" && E.Line == Found.front())
      return "";
  return "\"" + Snippet + "\" names line " + std::to_string(Found.front()) +
         ", which expects no warning";
}

} // namespace

int main() {
  namespace fs = std::filesystem;
  const std::vector<JoinCase> Cases = joinCases();
  fs::path Fixture = (fs::path(ScenarioWrapper).parent_path() / ScenarioFixture).lexically_normal();
  std::vector<std::string> Errors;
  ctxguard::testing::Fixture F = ctxguard::testing::parseFixture(Fixture.string(), "", Errors);
  std::vector<std::string> Lines;
  std::ifstream In(Fixture);
  for (std::string Line; std::getline(In, Line);)
    Lines.push_back(Line);

  // Shared with threads that may never finish: deliberately never freed.
  auto *P = new Progress;
  P->Done.assign(Cases.size(), false);
  P->Millis.assign(Cases.size(), 0);
  const auto Start = std::chrono::steady_clock::now();
  for (size_t I = 0; I < Cases.size(); ++I)
    std::thread([P, I, Run = Cases[I].Run, Start] {
      Run();
      std::lock_guard Lock(P->Mu);
      P->Done[I] = true;
      P->Millis[I] = static_cast<long>(std::chrono::duration_cast<std::chrono::milliseconds>(
                                           std::chrono::steady_clock::now() - Start)
                                           .count());
      P->Cv.notify_all();
    }).detach();

  std::unique_lock Lock(P->Mu);
  P->Cv.wait_until(Lock, Start + Limit, [P] {
    for (bool D : P->Done)
      if (!D)
        return false;
    return true;
  });

  int Status = 0;
  for (const std::string &E : Errors) {
    std::printf("FAIL %s: %s\n", Fixture.c_str(), E.c_str());
    Status = 1;
  }
  if (Lines.empty()) {
    std::printf("FAIL cannot read %s\n", Fixture.c_str());
    Status = 1;
  }
  for (size_t I = 0; I < Cases.size(); ++I) {
    const JoinCase &C = Cases[I];
    bool Hung = !P->Done[I];
    bool ShouldHang = C.Exercises != nullptr;
    if (Hung)
      std::printf("%-24s hangs: still running after %lld ms\n", C.Name,
                  static_cast<long long>(
                      std::chrono::duration_cast<std::chrono::milliseconds>(Limit).count()));
    else
      std::printf("%-24s returned after %ld ms\n", C.Name, P->Millis[I]);
    if (ShouldHang) {
      std::string Problem = checkSnippet(Lines, F.Expected, C.Exercises);
      if (!Problem.empty()) {
        std::printf("FAIL %s: %s\n", C.Name, Problem.c_str());
        Status = 1;
      }
    }
    if (Hung != ShouldHang) {
      std::printf("FAIL %s: expected to %s (%s)\n", C.Name, ShouldHang ? "hang" : "return",
                  ShouldHang ? C.Exercises : "it exercises no warning");
      Status = 1;
    }
  }
  std::printf("%s: %zu cases against %s\n", Status ? "FAILED" : "ok", Cases.size(),
              Fixture.filename().c_str());
  std::fflush(stdout);
  _exit(Status);
}
