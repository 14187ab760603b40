//===--- AsWritten.cpp - ctxguard -----------------------------------------===//

#include "AsWritten.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"

namespace clang::tidy::ctx {

namespace {

// The value a copy or move construction copies, or null.
const Expr *copiedValue(const Expr *E) {
  const auto *Copy = dyn_cast<CXXConstructExpr>(E);
  if (Copy && !isa<CXXTemporaryObjectExpr>(Copy) && Copy->getNumArgs() == 1 &&
      Copy->getConstructor()->isCopyOrMoveConstructor())
    return Copy->getArg(0);
  return nullptr;
}

} // namespace

const Expr *asWritten(const Expr *E) {
  while (true) {
    const Expr *Next = E->IgnoreImplicit()->IgnoreParens();
    if (const auto *Cast = dyn_cast<CXXFunctionalCastExpr>(Next))
      if (const Expr *Copied = copiedValue(Cast->getSubExpr()->IgnoreImplicit()))
        Next = Copied;
    if (const Expr *Copied = copiedValue(Next))
      Next = Copied;
    if (Next == E)
      return E;
    E = Next;
  }
}

} // namespace clang::tidy::ctx
