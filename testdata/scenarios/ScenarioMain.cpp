// The main of one scenario program: runs the fixture's scenario() (compiled
// from the fixture itself with -DCTXGUARD_SCENARIO), waits until the set of
// goroutines still running is stable, prints one "leak <file:line>" line per
// spawn site that leaked, and exits without unwinding: the leaked goroutines
// die with this process, so the test that runs it stays clean under
// sanitizers.
#include <ctx/leakcheck.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <thread>
#include <unistd.h>
#include <vector>

void scenario();

namespace {

std::vector<std::string> runningSites() {
  std::vector<std::string> Sites;
  for (const ctx::leakcheck::Goroutine &G : ctx::leakcheck::running())
    Sites.push_back(G.spawn_site);
  std::sort(Sites.begin(), Sites.end());
  Sites.erase(std::unique(Sites.begin(), Sites.end()), Sites.end());
  return Sites;
}

} // namespace

int main() {
  using namespace std::chrono_literals;
  scenario();
  // Goroutines that can finish do so within milliseconds of the starter
  // returning; on a loaded machine, wait for two equal samples in a row.
  std::this_thread::sleep_for(300ms);
  std::vector<std::string> Last = runningSites();
  for (int Tries = 0; Tries < 12; ++Tries) {
    std::this_thread::sleep_for(100ms);
    std::vector<std::string> Now = runningSites();
    if (Now == Last)
      break;
    Last = std::move(Now);
  }
  for (const std::string &Site : Last)
    std::printf("leak %s\n", Site.c_str());
  std::fflush(stdout);
  _exit(0);
}
