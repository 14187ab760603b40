//===--- Instantiation.h - ctxguard -----------------------------*- C++ -*-===//
//
// Whether a declaration was written by the user or produced by instantiating
// a template. Checks analyse template patterns once, never their implicit
// instantiations.
//
//===----------------------------------------------------------------------===//

#ifndef CTXGUARD_CHECKS_MODEL_INSTANTIATION_H
#define CTXGUARD_CHECKS_MODEL_INSTANTIATION_H

#include "clang/AST/Decl.h"

namespace clang::tidy::ctx {

/// Whether \p D is, or lies inside, an implicit (or explicit-instantiation)
/// template instantiation: a function or class instantiated from a template,
/// a member of one, or anything declared in their bodies. Walks the
/// declaration contexts only (no parent map).
bool isInTemplateInstantiation(const Decl *D);

} // namespace clang::tidy::ctx

#endif // CTXGUARD_CHECKS_MODEL_INSTANTIATION_H
