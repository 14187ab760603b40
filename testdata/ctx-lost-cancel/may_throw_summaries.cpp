// "May throw" as a summary: a callee with a visible body may throw when
// anything it calls may throw (transitively, recursion included), not only
// when its own body holds a throw; a callee without a visible body may throw
// unless it is declared not to. Allocation failure and the runtime's own
// misuse errors do not count.
#include <ctx/ctx.hpp>

#include <memory>
#include <string>

std::string fetch(const std::string &url);         // opaque, may throw
std::string fetchNoexcept(const std::string &url) noexcept;
void log(const std::string &line) noexcept;

// Reaches an opaque call through a helper.
std::string load(const std::string &url) { return fetch(url); }
std::string loadTwice(const std::string &url) { return load(url) + load(url); }

void throughHelpers(const ctx::Context &p, const std::string &url) {
  auto [c, cancel] = ctx::with_cancel(p); // want:22 "'cancel' is skipped if 'loadTwice' throws; defer it"
  std::string body = loadTwice(url);      // note:22 "'loadTwice' may throw here, before 'cancel' is called on line 22"
  cancel();
  (void)body;
}

// Mutual recursion reaching a throw: the cycle is followed, not assumed safe.
void parseList(const std::string &s, int depth);
void parseItem(const std::string &s, int depth) {
  if (depth > 8)
    throw std::string("too deep");
  parseList(s, depth + 1);
}
void parseList(const std::string &s, int depth) {
  if (!s.empty())
    parseItem(s.substr(1), depth);
}

void recursive(const ctx::Context &p, const std::string &s) {
  auto [c, cancel] = ctx::with_cancel(p); // want:22 "'cancel' is skipped if 'parseList' throws"
  parseList(s, 0);                        // note:3 "'parseList' may throw here"
  cancel();
}

// Not flagged: helpers that reach only non-throwing code, a cycle with no
// throw, the runtime, and allocation.
std::string quiet(const std::string &url) {
  log(url);
  return fetchNoexcept(url);
}
int countdown(int n);
int countup(int n) { return n > 0 ? countdown(n - 1) : 0; }
int countdown(int n) { return n > 0 ? countup(n - 1) : 0; }
struct Point {
  int x = 0;
};

void silent(const ctx::Context &p, const std::string &url) {
  auto [c, cancel] = ctx::with_cancel(p);
  std::string body = quiet(url);
  int n = countup(3);
  auto at = std::make_shared<Point>();
  (void)ctx::sleep(c, std::chrono::milliseconds(1));
  cancel();
  (void)body;
  (void)n;
  (void)at;
}
