//===--- TestAST.h - ctxguard core unit tests -------------------*- C++ -*-===//
//
// A translation unit built in memory against the bundled runtime, with the
// analysis core filled as the checks fill it (its matchers run over the AST),
// and small finders for the nodes a test asserts about.
//
//===----------------------------------------------------------------------===//

#ifndef CTXGUARD_CHECKS_TESTS_UNIT_TESTAST_H
#define CTXGUARD_CHECKS_TESTS_UNIT_TESTAST_H

#include "model/Core.h"
#include "model/Roles.h"
#include "model/Walk.h"
#include "clang/AST/ASTContext.h"
#include "clang/ASTMatchers/ASTMatchers.h"
#include "clang/Frontend/ASTUnit.h"
#include <memory>
#include <set>
#include <string>
#include <vector>

namespace clang::tidy::ctx::test {

class TestAST {
public:
  /// Parses \p Code (C++20, `#include <ctx/ctx.hpp>` available) and fills a
  /// core with it. Parse errors fail the current test.
  explicit TestAST(llvm::StringRef Code, std::vector<std::string> ExtraArgs = {});

  ASTContext &context() { return Unit->getASTContext(); }
  AnalysisCore &core() { return *Core; }
  /// A model that may ask about every role (as the core's own).
  RoleModel &model() { return Model; }

  /// The written definition of the function named \p Name (qualified or
  /// not; a template's pattern), or null; fails the test when there is none.
  const FunctionDecl *function(llvm::StringRef Name);
  /// The first node in \p Scope (the whole TU when null) matching \p M,
  /// bound to "n"; null when none.
  template <typename T, typename Matcher>
  const T *first(const Matcher &M, const Decl *Scope = nullptr) {
    using namespace ast_matchers;
    const Decl &Root = Scope ? *Scope : *context().getTranslationUnitDecl();
    auto Found = match(decl(forEachDescendant(M.bind("n"))), Root, context());
    return Found.empty() ? nullptr : Found.front().template getNodeAs<T>("n");
  }
  /// The call `Name(Arg)` (a function taking one integer literal) in \p F.
  const CallExpr *call(const FunctionDecl *F, llvm::StringRef Name, int Arg);
  /// The member call `.Method(...)` on a variable named \p Var in \p F, the
  /// \p Nth (from 0) in source order.
  const CXXMemberCallExpr *memberCall(const FunctionDecl *F, llvm::StringRef Var,
                                      llvm::StringRef Method, unsigned Nth = 0);
  /// The local variable named \p Name in \p F.
  const VarDecl *local(const FunctionDecl *F, llvm::StringRef Name);

private:
  std::unique_ptr<ASTUnit> Unit;
  std::shared_ptr<AnalysisCore> Core;
  RoleModel Model;
};

} // namespace clang::tidy::ctx::test

#endif // CTXGUARD_CHECKS_TESTS_UNIT_TESTAST_H
