// Fixture files and their inline expectations (docs/dev/fixtures.md).
#ifndef CTXGUARD_TESTDATA_HARNESS_FIXTURE_H
#define CTXGUARD_TESTDATA_HARNESS_FIXTURE_H

#include <optional>
#include <string>
#include <vector>

namespace ctxguard::testing {

/// One diagnostic, expected or reported.
struct Diagnostic {
  std::string Kind;  // "warning" or "note"
  int Line = 0;
  int Column = 0;
  std::string Check; // empty for a note (it belongs to the warning above it)
  std::string Message; // the message, or for an expectation the regex
  int SourceLine = 0;  // where an expectation was written
};

struct Fixture {
  std::string Path;
  std::vector<std::string> Checks;
  std::vector<std::pair<std::string, std::string>> Options; // check.Option, value
  std::vector<std::string> Flags;
  std::vector<std::string> Deps; // PROFILE-DEPS: real library headers it needs ("grpc")
  std::string Pending;           // PENDING: why its expectations are not checked yet
  std::vector<Diagnostic> Expected;
};

/// Reads a fixture's header lines and expectations; \p DefaultCheck is the
/// name of its folder. Malformed expectations are reported in \p Errors.
Fixture parseFixture(const std::string &Path, const std::string &DefaultCheck,
                     std::vector<std::string> &Errors);

/// Parses clang-tidy's output into diagnostics located in \p File; anything
/// else that is not a diagnostic there (errors, diagnostics in other files)
/// lands in \p Unexpected. A note inherits the check of its warning.
std::vector<Diagnostic> parseClangTidyOutput(const std::string &Output, const std::string &File,
                                             std::vector<std::string> &Unexpected);

/// Matches reports against expectations: returns a human-readable list of
/// every unexpected report and every unmet expectation (empty = pass).
std::vector<std::string> compare(const std::vector<Diagnostic> &Expected,
                                 const std::vector<Diagnostic> &Reported,
                                 const std::vector<std::string> &EnabledChecks);

} // namespace ctxguard::testing

#endif
