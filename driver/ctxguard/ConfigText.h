//===--- ConfigText.h - ctxguard --------------------------------*- C++ -*-===//
//
// Configuration and JSON texts from users are parsed by recursive parsers
// (LLVM's YAML parser, nlohmann::json's copy and dump): text nested tens of
// thousands of levels deep overflows their stack. A cheap scan rejects such
// text before a parser sees it; configuration files are parsed with their
// diagnostics kept, so that an invalid .clang-tidy is an error with a place
// instead of a line on stderr.
//
//===----------------------------------------------------------------------===//

#ifndef CTXGUARD_DRIVER_CONFIGTEXT_H
#define CTXGUARD_DRIVER_CONFIGTEXT_H

#include "Findings.h"

#include "clang-tidy/ClangTidyOptions.h"
#include "llvm/ADT/StringRef.h"

#include <variant>

namespace ctxguard {

/// No configuration or SARIF file legitimately comes close to this depth.
constexpr unsigned MaxNestingDepth = 256;

enum class TextSyntax { Json, Yaml };

/// The deepest nesting in `Text`: brackets and braces (outside strings, for
/// JSON), plus, for YAML, block indentation levels and "- " sequence
/// entries. YAML counts brackets inside quotes and comments too: whether a
/// quote opens a string depends on context a scan would get wrong, and an
/// over-count only matters past hundreds of unbalanced brackets.
/// Stops counting once past `Limit`.
unsigned nestingDepth(llvm::StringRef Text, TextSyntax Syntax, unsigned Limit = MaxNestingDepth);

/// An error naming `Origin` when `Text` is nested deeper than MaxNestingDepth.
std::optional<std::string> checkNesting(llvm::StringRef Text, TextSyntax Syntax,
                                        llvm::StringRef Origin);

/// Adds a configuration error for each header filter of `Options` (read
/// from `Origin`: a file, or an option) that is not a valid regular
/// expression (clang-tidy would silently match nothing).
void checkHeaderFilters(const clang::tidy::ClangTidyOptions &Options, llvm::StringRef Origin,
                        std::vector<ToolError> &Errors);

/// Parses clang-tidy configuration text (YAML or JSON) from `Origin` (a
/// file or "--config"); on failure a configuration error with the parser's
/// message and, for a file, its place.
std::variant<clang::tidy::ClangTidyOptions, ToolError>
parseConfigText(llvm::StringRef Text, llvm::StringRef Origin, bool OriginIsFile);

} // namespace ctxguard

#endif // CTXGUARD_DRIVER_CONFIGTEXT_H
