//===--- StoredInStructCheck.h - ctxguard -----------------------*- C++ -*-===//

#ifndef CTXGUARD_CHECKS_STOREDINSTRUCTCHECK_H
#define CTXGUARD_CHECKS_STOREDINSTRUCTCHECK_H

#include "CtxCheck.h"
#include "clang-tidy/utils/Matchers.h"

namespace clang::tidy::ctx {

/// clang-tidy's name-or-regex matcher, as matchesAnyListedRegexName uses it.
using AllowedRecordMatcher = matchers::MatchesAnyListedRegexNameMatcher::NameMatcher;

/// Flags a non-static data member whose type is a context or holds one
/// (through references, pointers, arrays, template arguments at any depth and
/// aliases) in a class, struct or union the user wrote, as containedctx does
/// for Go. Class templates are reported once, in their pattern; closure types
/// of lambdas never. Records listed in AllowedRecords and implementations of
/// the context interface (which wrap the context they extend) are exempt.
///
/// For the user-facing documentation see: docs/checks/ctx-stored-in-struct.md
class StoredInStructCheck : public CtxCheck {
public:
  StoredInStructCheck(StringRef Name, ClangTidyContext *Context);
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;

private:
  void registerCheckMatchers(ast_matchers::MatchFinder *Finder) override;
  void storeCheckOptions(ClangTidyOptions::OptionMap &Opts) override;
  bool implementsContext(const RecordDecl *Record) const;

  const std::string AllowedRecordsOption;
  const std::vector<AllowedRecordMatcher> AllowedRecords;
};

} // namespace clang::tidy::ctx

#endif // CTXGUARD_CHECKS_STOREDINSTRUCTCHECK_H
