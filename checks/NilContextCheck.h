//===--- NilContextCheck.h - ctxguard ---------------------------*- C++ -*-===//

#ifndef CTXGUARD_CHECKS_NILCONTEXTCHECK_H
#define CTXGUARD_CHECKS_NILCONTEXTCHECK_H

#include "CtxCheck.h"
#include "llvm/ADT/DenseMap.h"

namespace clang::tidy::ctx {

/// Flags a nil (default-constructed) context passed as an argument to a
/// function or constructor: `ctx::Context{}`, `ctx::Context()`, a braced `{}`
/// for a context parameter, or a local context that is declared without one
/// and never modified in its function (staticcheck's SA1012). Fix-it:
/// `ctx::todo()`; a note offers `ctx::background()` as the alternative.
///
/// For the user-facing documentation see: docs/checks/ctx-nil-context.md
class NilContextCheck : public CtxCheck {
public:
  NilContextCheck(StringRef Name, ClangTidyContext *Context);
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;

private:
  void registerCheckMatchers(ast_matchers::MatchFinder *Finder) override;
  /// The roots to suggest for a context of \p ContextType: the placeholder
  /// root (ctx::todo) and another root (ctx::background), found beside it.
  std::pair<const FunctionDecl *, const FunctionDecl *> rootsFor(QualType ContextType) const;
  bool expectsRejection(const Expr &Call);
  /// Whether \p E constructs a context with its default constructor.
  bool isNilConstruction(const Expr *E) const;
  /// The local variable \p E names if it holds a nil context everywhere in
  /// its function, else null.
  const VarDecl *nilLocal(const Expr *E, ASTContext &Ctx);
  void reportConstruction(const Expr *Nil, llvm::StringRef Target, const SourceManager &SM);

  llvm::DenseMap<const VarDecl *, bool> NilLocals; // cached per variable
};

} // namespace clang::tidy::ctx

#endif // CTXGUARD_CHECKS_NILCONTEXTCHECK_H
