//===--- CfgTest.cpp - ctxguard core unit tests ---------------------------===//
//
// FunctionCfg's path queries on small functions.
//
//===----------------------------------------------------------------------===//

#include "TestAST.h"
#include "model/Cfg.h"
#include "gtest/gtest.h"

namespace clang::tidy::ctx::test {
namespace {

constexpr const char *Code = R"cpp(
void mark(int);
[[noreturn]] void die(int);

void branches(bool b) {
  mark(0);
  if (b) {
    mark(1);
    return;
  }
  mark(2);
}

void thrower(bool b) {
  mark(0);
  if (b)
    throw 42;
  mark(2);
}

void forever() {
  mark(0);
  for (;;)
    mark(1);
}

void dies(bool b) {
  mark(0);
  if (b)
    die(1);
  mark(2);
}

void counted() {
  mark(0);
  for (int k = 0; k < 3; ++k)
    mark(1);
  mark(2);
}

void sequence() {
  mark(0);
  mark(1);
  mark(2);
  mark(3);
}
)cpp";

class CfgTest : public ::testing::Test {
protected:
  static void SetUpTestSuite() { AST = new TestAST(Code); }
  static void TearDownTestSuite() { delete AST; }
  static const FunctionCfg &cfg(llvm::StringRef Name) {
    const FunctionCfg *Cfg = AST->core().cfg(AST->function(Name));
    EXPECT_NE(Cfg, nullptr);
    return *Cfg;
  }
  static const CallExpr *mark(llvm::StringRef In, int N) {
    return AST->call(AST->function(In), "mark", N);
  }
  // A predicate true at exactly the given call.
  static auto at(const Stmt *Target) {
    return [Target](const Stmt *S) { return S == Target; };
  }
  static bool never(const Stmt *) { return false; }
  static TestAST *AST;
};
TestAST *CfgTest::AST = nullptr;

TEST_F(CfgTest, ExitsOfABranchingFunction) {
  const FunctionCfg &Cfg = cfg("branches");
  auto Exits = Cfg.exitsAvoiding(nullptr, never);
  ASSERT_EQ(Exits.size(), 2u);
  std::set<CfgExit::Kind> Kinds{Exits[0].How, Exits[1].How};
  EXPECT_EQ(Kinds, (std::set<CfgExit::Kind>{CfgExit::Kind::Return, CfgExit::Kind::EndOfBody}));
  for (const CfgExit &E : Exits)
    EXPECT_EQ(E.How == CfgExit::Kind::Return, isa_and_nonnull<ReturnStmt>(E.S));
}

TEST_F(CfgTest, ExitsAvoidingAStatementOnOneBranch) {
  const FunctionCfg &Cfg = cfg("branches");
  // mark(2) stops the fall-through path: only the early return is left.
  auto Exits = Cfg.exitsAvoiding(nullptr, at(mark("branches", 2)));
  ASSERT_EQ(Exits.size(), 1u);
  EXPECT_EQ(Exits[0].How, CfgExit::Kind::Return);
  // From mark(1), the only path returns; avoiding mark(1) itself leaves the
  // other branch's end of body.
  auto FromOne = Cfg.exitsAvoiding(mark("branches", 1), never);
  ASSERT_EQ(FromOne.size(), 1u);
  EXPECT_EQ(FromOne[0].How, CfgExit::Kind::Return);
  auto AvoidOne = Cfg.exitsAvoiding(mark("branches", 0), at(mark("branches", 1)));
  ASSERT_EQ(AvoidOne.size(), 1u);
  EXPECT_EQ(AvoidOne[0].How, CfgExit::Kind::EndOfBody);
  EXPECT_TRUE(AvoidOne[0].Loc.isValid());
}

TEST_F(CfgTest, ThrowIsAnExit) {
  auto Exits = cfg("thrower").exitsAvoiding(nullptr, at(mark("thrower", 2)));
  ASSERT_EQ(Exits.size(), 1u);
  EXPECT_EQ(Exits[0].How, CfgExit::Kind::Throw);
  EXPECT_TRUE(isa_and_nonnull<CXXThrowExpr>(Exits[0].S));
}

TEST_F(CfgTest, InfiniteLoopAndNoreturnHaveNoExit) {
  EXPECT_TRUE(cfg("forever").exitsAvoiding(nullptr, never).empty());
  // die() does not return: the only exit left passes mark(2).
  EXPECT_TRUE(cfg("dies").exitsAvoiding(nullptr, at(mark("dies", 2))).empty());
  EXPECT_EQ(cfg("dies").exitsAvoiding(nullptr, never).size(), 1u);
}

TEST_F(CfgTest, CountedLoopIsEnteredOnItsFirstTest) {
  // `for (int k = 0; k < 3; ++k)` runs its body at least once: no path from
  // the entry reaches mark(2) without passing mark(1).
  const FunctionCfg &Cfg = cfg("counted");
  EXPECT_FALSE(Cfg.reachesAvoiding(nullptr, mark("counted", 2), at(mark("counted", 1))));
  EXPECT_TRUE(Cfg.reachesAvoiding(nullptr, mark("counted", 2), never));
}

TEST_F(CfgTest, ReachesAvoiding) {
  const FunctionCfg &Cfg = cfg("branches");
  // The else path reaches mark(2) without mark(1).
  EXPECT_TRUE(Cfg.reachesAvoiding(nullptr, mark("branches", 2), at(mark("branches", 1))));
  // Every path to mark(2) passes mark(0).
  EXPECT_FALSE(Cfg.reachesAvoiding(nullptr, mark("branches", 2), at(mark("branches", 0))));
  // mark(1) is followed by a return: it never reaches mark(2).
  EXPECT_FALSE(Cfg.reachesAvoiding(mark("branches", 1), mark("branches", 2), never));
  // Nothing reaches what precedes it in straight-line code.
  EXPECT_FALSE(cfg("sequence").reachesAvoiding(mark("sequence", 2), mark("sequence", 1), never));
  EXPECT_TRUE(cfg("sequence").reachesAvoiding(mark("sequence", 1), mark("sequence", 2), never));
}

TEST_F(CfgTest, FindBefore) {
  const FunctionCfg &Cfg = cfg("sequence");
  // The paths leave the point after From (a statement of the body).
  auto IsMark = [&](int N) { return at(mark("sequence", N)); };
  // The first mark(1) after mark(0) on a path that goes on to mark(3).
  EXPECT_EQ(Cfg.findBefore(mark("sequence", 0), IsMark(3), IsMark(1)), mark("sequence", 1));
  EXPECT_EQ(Cfg.findBefore(mark("sequence", 0), IsMark(3), IsMark(2)), mark("sequence", 2));
  // After mark(2), mark(1) is not met before mark(3).
  EXPECT_EQ(Cfg.findBefore(mark("sequence", 2), IsMark(3), IsMark(1)), nullptr);
  // mark(3) is not met before the stop at mark(2).
  EXPECT_EQ(Cfg.findBefore(mark("sequence", 0), IsMark(2), IsMark(3)), nullptr);
  EXPECT_EQ(Cfg.findBefore(nullptr, IsMark(3), IsMark(1)), nullptr); // no From: no start
  // In `branches`, mark(1) lies only on the path that returns before mark(2).
  const FunctionCfg &Branches = cfg("branches");
  EXPECT_EQ(Branches.findBefore(mark("branches", 0), at(mark("branches", 2)),
                                at(mark("branches", 1))),
            nullptr);
  // ... and it is found on the way to the return.
  EXPECT_EQ(Branches.findBefore(mark("branches", 0),
                                [](const Stmt *S) { return isa<ReturnStmt>(S); },
                                at(mark("branches", 1))),
            mark("branches", 1));
}

TEST_F(CfgTest, PositionsOfStatements) {
  const FunctionCfg &Cfg = cfg("sequence");
  auto One = Cfg.pointOf(mark("sequence", 1));
  auto Two = Cfg.pointOf(mark("sequence", 2));
  ASSERT_TRUE(One && Two);
  EXPECT_EQ(One->Block, Two->Block);
  EXPECT_LT(One->Index, Two->Index);
  // An argument maps to the nearest statement the CFG lists: itself here,
  // since every expression is its own element.
  EXPECT_EQ(Cfg.elementFor(mark("sequence", 1)), mark("sequence", 1));
  // The cache gives the same CFG for the same function.
  EXPECT_EQ(&Cfg, AST->core().cfg(AST->function("sequence")));
}

} // namespace
} // namespace clang::tidy::ctx::test
