//===--- FixIts.h - ctxguard ------------------------------------*- C++ -*-===//
//
// What the fix-its share: finding the runtime's declarations beside one the
// code already uses (by role, never by name), spelling them the way the code
// spells their namespace, and inserting a statement after another in the
// file's own indentation and line endings.
//
//===----------------------------------------------------------------------===//

#ifndef CTXGUARD_CHECKS_MODEL_FIXITS_H
#define CTXGUARD_CHECKS_MODEL_FIXITS_H

#include "Roles.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/Basic/Diagnostic.h"
#include <optional>
#include <string>

namespace clang::tidy::ctx {

/// The namespace that declares \p D, or null.
const NamespaceDecl *namespaceOf(const Decl *D);

/// The first declaration in any block of \p NS that plays \p R: a function,
/// a function template's pattern, or a class template's pattern.
const NamedDecl *declarationPlaying(const NamespaceDecl *NS, Role R, const RoleModel &Model);

/// How code in \p F spells \p NS, followed by "::": the qualifier written on
/// \p Written (a call whose callee is named with one) when it names NS (an
/// alias included), else NS's qualified name, from the global namespace when
/// something in scope shadows it.
std::string namespaceSpelling(const NamespaceDecl *NS, const Expr *Written, const FunctionDecl *F,
                              const ASTContext &Ctx);

/// Inserts \p Text after the statement \p S: on a line of its own after the
/// statement's line with the same indentation and the file's line ending,
/// or right after the statement when more code follows it on its line.
std::optional<FixItHint> insertAfterStatement(const Stmt *S, llvm::StringRef Text,
                                              const ASTContext &Ctx);

/// A name for a new variable that no parameter or local of \p F has:
/// \p Base, or \p Base with a number.
std::string freshName(const FunctionDecl *F, llvm::StringRef Base);

/// The text of a select case on the done signal of the context variable
/// \p Context, spelled beside the select \p Select: `ctx::recv(c.done())`.
std::optional<std::string> doneCaseText(const CallExpr &Select, const ValueDecl *Context,
                                        const FunctionDecl *F, const RoleModel &Model,
                                        const ASTContext &Ctx);

} // namespace clang::tidy::ctx

#endif // CTXGUARD_CHECKS_MODEL_FIXITS_H
