//===--- Matchers.h - ctxguard ----------------------------------*- C++ -*-===//
//
// AST matchers over the role model, so that checks match by meaning.
//
//===----------------------------------------------------------------------===//

#ifndef CTXGUARD_CHECKS_MODEL_MATCHERS_H
#define CTXGUARD_CHECKS_MODEL_MATCHERS_H

#include "Roles.h"
#include "clang/ASTMatchers/ASTMatchers.h"

namespace clang::tidy::ctx {

/// Matches a declaration that plays \p R.
AST_MATCHER_P2(Decl, playsRole, const RoleModel *, Model, Role, R) {
  return Model->plays(&Node, R);
}

/// Matches a call (or construct expression) whose callee plays \p R.
AST_MATCHER_P2(Expr, callsRole, const RoleModel *, Model, Role, R) {
  return Model->calls(&Node, R);
}

/// Matches a call whose callee (RoleModel::calleeOf: resolved, or the one
/// declaration every candidate of a dependent call agrees on) plays \p R.
/// Cheaper than callsRole: no lookup by the name of the object's class.
AST_MATCHER_P2(CallExpr, calleePlaysRole, const RoleModel *, Model, Role, R) {
  return Model->plays(RoleModel::calleeOf(&Node), R);
}

/// Matches a type that is (through references, cv and aliases) a type playing \p R.
AST_MATCHER_P2(QualType, isRoleType, const RoleModel *, Model, Role, R) {
  return Model->isType(Node, R);
}

} // namespace clang::tidy::ctx

#endif // CTXGUARD_CHECKS_MODEL_MATCHERS_H
