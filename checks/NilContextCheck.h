//===--- NilContextCheck.h - ctxguard ---------------------------*- C++ -*-===//

#ifndef CTXGUARD_CHECKS_NILCONTEXTCHECK_H
#define CTXGUARD_CHECKS_NILCONTEXTCHECK_H

#include "model/Roles.h"
#include "clang-tidy/ClangTidyCheck.h"
#include "llvm/ADT/DenseMap.h"

namespace clang::tidy::ctx {

/// Flags a nil (default-constructed) context passed as an argument to a
/// function or constructor: `ctx::Context{}`, `ctx::Context()`, a braced `{}`
/// for a context parameter, or a local context that is declared without one
/// and never modified in its function (staticcheck's SA1012). Fix-it:
/// `ctx::todo()`; a note offers `ctx::background()` as the alternative.
///
/// For the user-facing documentation see: docs/checks/ctx-nil-context.md
class NilContextCheck : public ClangTidyCheck {
public:
  NilContextCheck(StringRef Name, ClangTidyContext *Context);
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void onEndOfTranslationUnit() override { NilLocals.clear(); }
  bool isLanguageVersionSupported(const LangOptions &LangOpts) const override {
    return LangOpts.CPlusPlus;
  }

private:
  /// Whether \p E constructs a context with its default constructor.
  bool isNilConstruction(const Expr *E) const;
  /// The local variable \p E names if it holds a nil context everywhere in
  /// its function, else null.
  const VarDecl *nilLocal(const Expr *E, ASTContext &Ctx);
  void reportConstruction(const Expr *Nil, llvm::StringRef Target, const SourceManager &SM);

  RoleModel Model;
  llvm::DenseMap<const VarDecl *, bool> NilLocals; // cached per variable
};

} // namespace clang::tidy::ctx

#endif // CTXGUARD_CHECKS_NILCONTEXTCHECK_H
