//===--- TestAST.cpp - ctxguard core unit tests ---------------------------===//

#include "TestAST.h"
#include "model/Walk.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Tooling/Tooling.h"
#include "gtest/gtest.h"

namespace clang::tidy::ctx::test {

using namespace ast_matchers;

TestAST::TestAST(llvm::StringRef Code, std::vector<std::string> ExtraArgs) {
  std::vector<std::string> Args = {"-std=c++20", "-fexceptions", "-fcxx-exceptions",
                                   "-I" CTXGUARD_RUNTIME_INCLUDE,
                                   "-resource-dir=" CTXGUARD_TEST_RESOURCE_DIR};
  Args.insert(Args.end(), ExtraArgs.begin(), ExtraArgs.end());
  Unit = tooling::buildASTFromCodeWithArgs(Code, Args, "input.cpp");
  if (!Unit) {
    ADD_FAILURE() << "the test code did not parse";
    return;
  }
  EXPECT_FALSE(Unit->getDiagnostics().hasErrorOccurred()) << "the test code has errors";
  // The core learns the TU's functions as the checks' finder meets them.
  Core = std::make_shared<AnalysisCore>();
  MatchFinder Finder;
  Core->registerMatchers(&Finder, Model);
  Finder.matchAST(context());
}

const FunctionDecl *TestAST::function(llvm::StringRef Name) {
  // The test's own written function (a template's pattern), not an
  // instantiation, nor a namesake in the runtime's headers.
  const auto *F = first<FunctionDecl>(functionDecl(hasName(Name), isDefinition(),
                                                   isExpansionInMainFile(),
                                                   unless(isTemplateInstantiation())));
  EXPECT_NE(F, nullptr) << "no definition of " << Name.str();
  return F;
}

const CallExpr *TestAST::call(const FunctionDecl *F, llvm::StringRef Name, int Arg) {
  const CallExpr *Found = nullptr;
  walk(F->getBody(), Lambdas::Enter, [&](const Stmt *S, const WalkPosition &) {
    const auto *Call = dyn_cast<CallExpr>(S);
    const FunctionDecl *Callee = Call ? Call->getDirectCallee() : nullptr;
    if (!Callee || Callee->getName() != Name || Call->getNumArgs() != 1)
      return WalkAction::Continue;
    const auto *Lit = dyn_cast<IntegerLiteral>(Call->getArg(0)->IgnoreParenImpCasts());
    if (!Lit || Lit->getValue() != static_cast<uint64_t>(Arg))
      return WalkAction::Continue;
    Found = Call;
    return WalkAction::Stop;
  });
  EXPECT_NE(Found, nullptr) << "no call " << Name.str() << "(" << Arg << ")";
  return Found;
}

const CXXMemberCallExpr *TestAST::memberCall(const FunctionDecl *F, llvm::StringRef Var,
                                             llvm::StringRef Method, unsigned Nth) {
  const CXXMemberCallExpr *Found = nullptr;
  walk(F->getBody(), Lambdas::Enter, [&](const Stmt *S, const WalkPosition &) {
    const auto *Call = dyn_cast<CXXMemberCallExpr>(S);
    const CXXMethodDecl *Method_ = Call ? Call->getMethodDecl() : nullptr;
    if (!Method_ || !Method_->getIdentifier() || Method_->getName() != Method)
      return WalkAction::Continue;
    const auto *Ref =
        dyn_cast<DeclRefExpr>(Call->getImplicitObjectArgument()->IgnoreParenImpCasts());
    if (!Ref || Ref->getDecl()->getName() != Var)
      return WalkAction::Continue;
    if (Nth-- > 0)
      return WalkAction::Continue;
    Found = Call;
    return WalkAction::Stop;
  });
  EXPECT_NE(Found, nullptr) << "no call " << Var.str() << "." << Method.str();
  return Found;
}

const VarDecl *TestAST::local(const FunctionDecl *F, llvm::StringRef Name) {
  const auto *V = first<VarDecl>(varDecl(hasName(Name)), F);
  EXPECT_NE(V, nullptr) << "no local " << Name.str();
  return V;
}

} // namespace clang::tidy::ctx::test
