//===--- AsWritten.h - ctxguard ---------------------------------*- C++ -*-===//
//
// An argument or initializer as the user wrote it.
//
//===----------------------------------------------------------------------===//

#ifndef CTXGUARD_CHECKS_MODEL_ASWRITTEN_H
#define CTXGUARD_CHECKS_MODEL_ASWRITTEN_H

#include "clang/AST/Expr.h"

namespace clang::tidy::ctx {

/// \p E without implicit casts, temporaries, full-expression wrappers,
/// parentheses and the implicit copies or moves that pass a value on (into a
/// by-value parameter, a capture): `f(c)`, `f((c))` and `f(Ctx(c))` all give
/// the DeclRefExpr of `c`; `f(ctx::Context{})` gives the construction.
const Expr *asWritten(const Expr *E);

} // namespace clang::tidy::ctx

#endif // CTXGUARD_CHECKS_MODEL_ASWRITTEN_H
