//===--- WalkTest.cpp - ctxguard core unit tests --------------------------===//
//
// The iterative walk: lambda policies, the parent index, the look-through
// helper, and a 60,000-term expression that must not overflow the stack.
//
//===----------------------------------------------------------------------===//

#include "TestAST.h"
#include "model/Cfg.h"
#include "model/Facts.h"
#include "gtest/gtest.h"
#include <string>

namespace clang::tidy::ctx::test {
namespace {

using namespace ast_matchers;

unsigned countLiterals(const Stmt *Root, Lambdas Policy) {
  unsigned N = 0;
  walk(Root, Policy, [&](const Stmt *S, const WalkPosition &) {
    N += isa<IntegerLiteral>(S);
    return WalkAction::Continue;
  });
  return N;
}

TEST(WalkTest, LambdaPolicies) {
  TestAST AST(R"cpp(
    void mark(int);
    void f() {
      mark(1);
      auto l = [x = 2] { mark(3); mark(4); };
      l();
    }
  )cpp");
  const FunctionDecl *F = AST.function("f");
  // Enter: 1, the capture's 2, and the body's 3 and 4.
  EXPECT_EQ(countLiterals(F->getBody(), Lambdas::Enter), 4u);
  // Separate: the capture initializer only.
  EXPECT_EQ(countLiterals(F->getBody(), Lambdas::Separate), 2u);
  // Positions carry the innermost entered lambda.
  const LambdaExpr *SeenIn = nullptr;
  walk(F->getBody(), Lambdas::Enter, [&](const Stmt *S, const WalkPosition &At) {
    if (const auto *Lit = dyn_cast<IntegerLiteral>(S); Lit && Lit->getValue() == 3)
      SeenIn = At.Lambda;
    return WalkAction::Continue;
  });
  EXPECT_EQ(SeenIn, AST.first<LambdaExpr>(lambdaExpr(), F));
}

TEST(WalkTest, SkipAndStop) {
  TestAST AST("void mark(int); void f() { mark(1); { mark(2); } mark(3); }");
  const Stmt *Body = AST.function("f")->getBody();
  unsigned Seen = 0;
  walk(Body, Lambdas::Separate, [&](const Stmt *S, const WalkPosition &At) {
    if (At.Depth == 1 && isa<CompoundStmt>(S))
      return WalkAction::SkipChildren;
    Seen += isa<IntegerLiteral>(S);
    return WalkAction::Continue;
  });
  EXPECT_EQ(Seen, 2u);
  bool Completed = walk(Body, Lambdas::Separate, [&](const Stmt *S, const WalkPosition &) {
    return isa<IntegerLiteral>(S) ? WalkAction::Stop : WalkAction::Continue;
  });
  EXPECT_FALSE(Completed);
}

TEST(WalkTest, LoopDepthAndParents) {
  TestAST AST(R"cpp(
    void mark(int);
    void f(int n) {
      mark(0);
      for (int i = 0; i < n; ++i)
        while (n--)
          mark(2);
    }
  )cpp");
  const FunctionDecl *F = AST.function("f");
  const CallExpr *Outer = AST.call(F, "mark", 0), *Inner = AST.call(F, "mark", 2);
  llvm::DenseMap<const Stmt *, unsigned> Loops;
  walk(F->getBody(), Lambdas::Enter, [&](const Stmt *S, const WalkPosition &At) {
    Loops[S] = At.LoopDepth;
    return WalkAction::Continue;
  });
  EXPECT_EQ(Loops[Outer], 0u);
  EXPECT_EQ(Loops[Inner], 2u);
  ParentIndex Parents = ParentIndex::of(F);
  const Stmt *P = Parents.parent(Inner);
  EXPECT_TRUE(isa_and_nonnull<WhileStmt>(P));
  const auto *For = AST.first<ForStmt>(forStmt(), F);
  EXPECT_TRUE(Parents.isWithin(Inner, For));
  EXPECT_FALSE(Parents.isWithin(Outer, For));
  EXPECT_TRUE(isLoop(For));
  EXPECT_FALSE(isLoop(F->getBody()));
}

TEST(WalkTest, LookThrough) {
  TestAST AST(R"cpp(
    #include <ctx/ctx.hpp>
    void take(ctx::Context c);
    void f(const ctx::Context &c) {
      take(c);
      take((c));
      take(ctx::Context(c));
      take(ctx::Context{});
    }
  )cpp");
  const FunctionDecl *F = AST.function("f");
  auto Calls = match(functionDecl(forEachDescendant(
                         callExpr(callee(functionDecl(hasName("take")))).bind("call"))),
                     *F, AST.context());
  ASSERT_EQ(Calls.size(), 4u);
  const ParmVarDecl *Param = F->getParamDecl(0);
  for (unsigned I = 0; I < 3; ++I) {
    const auto *Call = Calls[I].getNodeAs<CallExpr>("call");
    const auto *Ref = dyn_cast<DeclRefExpr>(lookThrough(Call->getArg(0)));
    ASSERT_NE(Ref, nullptr) << "argument " << I;
    EXPECT_EQ(Ref->getDecl(), Param);
  }
  const auto *Fresh = Calls[3].getNodeAs<CallExpr>("call");
  EXPECT_TRUE(isa<CXXConstructExpr>(lookThrough(Fresh->getArg(0))));
}

TEST(WalkTest, DeepExpressionDoesNotOverflow) {
  constexpr unsigned Terms = 60000;
  std::string Code = "void mark(int) noexcept;\nint deep(int a) {\n  mark(1);\n  return a";
  Code.reserve(Terms * 4 + 64);
  for (unsigned I = 1; I < Terms; ++I)
    Code += "+a";
  Code += ";\n}\n";
  TestAST AST(Code);
  const FunctionDecl *F = AST.function("deep");
  ASSERT_NE(F, nullptr);
  unsigned Refs = 0;
  walk(F->getBody(), Lambdas::Separate, [&](const Stmt *S, const WalkPosition &) {
    Refs += isa<DeclRefExpr>(S) && cast<DeclRefExpr>(S)->getDecl() == F->getParamDecl(0);
    return WalkAction::Continue;
  });
  EXPECT_EQ(Refs, Terms);
  // The left-nested sum: one level per `+`, plus return, body and casts.
  EXPECT_GE(nestingDepth(F->getBody()), Terms);
  // The parent index and the CFG (built on a stack sized for the body) and
  // the facts all cope with it.
  ParentIndex Parents = ParentIndex::of(F);
  const auto *Return = AST.first<ReturnStmt>(returnStmt(), F);
  ASSERT_NE(Return, nullptr);
  EXPECT_EQ(Parents.parent(Return), F->getBody());
  const FunctionCfg *Cfg = AST.core().cfg(F);
  ASSERT_NE(Cfg, nullptr);
  auto Exits = Cfg->exitsAvoiding(AST.call(F, "mark", 1), [](const Stmt *) { return false; });
  ASSERT_EQ(Exits.size(), 1u);
  EXPECT_EQ(Exits[0].S, Return);
  // Nothing in it may throw (mark is noexcept): the facts walked it all.
  EXPECT_FALSE(AST.core().facts(AST.model()).of(F).MayThrow);
}

} // namespace
} // namespace clang::tidy::ctx::test
