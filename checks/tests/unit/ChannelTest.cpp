//===--- ChannelTest.cpp - ctxguard core unit tests -----------------------===//
//
// The channel simulation (operations that cannot block), counted loops,
// "closed on every path", and how a select can end.
//
//===----------------------------------------------------------------------===//

#include "TestAST.h"
#include "model/Blocking.h"
#include "model/ChannelBuffer.h"
#include "model/Closing.h"
#include "gtest/gtest.h"

namespace clang::tidy::ctx::test {
namespace {

constexpr const char *Code = R"cpp(
#include <ctx/ctx.hpp>
#include <chrono>
#include <optional>

void use(ctx::Chan<int> ch);

void before_escape() {
  ctx::Chan<int> ch(2);
  ch.send(1);
  ch.send(2);
  ch.send(3); // the buffer is full: blocks
  use(ch);
}

void after_escape() {
  ctx::Chan<int> ch(2);
  ch.send(1);
  use(ch);
  ch.send(2); // others may have filled it
}

void send_then_receive() {
  ctx::Chan<int> ch(1);
  ch.send(1);
  (void)ch.recv(); // finds the value
  (void)ch.recv(); // nothing left: blocks
}

void unbuffered() {
  ctx::Chan<int> ch;
  ch.send(1);
}

void fan_out(int n) {
  ctx::Chan<int> ch(n);
  for (int i = 0; i < n; ++i)
    ctx::go([ch] { ch.send(1); });
}

void fan_out_too_small(int n) {
  ctx::Chan<int> ch(1);
  for (int i = 0; i < n; ++i)
    ctx::go([ch] { ch.send(1); });
}

void one_worker() {
  ctx::Chan<int> ch(1);
  ctx::go([ch] { ch.send(1); });
}

void loops(int n) {
  for (int i = 0; i < 5; ++i) {}
  for (int j = 0; j < n; ++j) {}
  for (int k = 0; k < 5; ++k) { ++k; }
  for (int m = 1; m < 5; ++m) {}
  while (n--) {}
}

void closed_on_every_path(bool b) {
  ctx::Chan<int> ch(4);
  if (b)
    ch.close();
  else
    ch.close();
  for (int v : ch) (void)v;
}

void closed_on_some_paths(bool b) {
  ctx::Chan<int> ch(4);
  if (b)
    ch.close();
  for (int v : ch) (void)v;
}

void closed_by_goroutine() {
  ctx::Chan<int> ch;
  ctx::go([ch] {
    ch.send(1);
    ch.close();
  });
  for (int v : ch) (void)v;
}

void closed_by_goroutine_sometimes(bool b) {
  ctx::Chan<int> ch;
  ctx::go([ch, b] {
    ch.send(1);
    if (b)
      ch.close();
  });
  for (int v : ch) (void)v;
}

void closed_by_guard() {
  ctx::Chan<int> ch;
  ctx::go([ch] {
    ctx::Defer closer{[ch] { ch.close(); }};
    ch.send(1);
  });
  for (int v : ch) (void)v;
}

void selects(const ctx::Context &c, ctx::Chan<int> in) {
  std::optional<int> v;
  ctx::select(ctx::recv(in, v), ctx::recv(ctx::after(std::chrono::seconds(1))));
  ctx::select(ctx::recv(in, v), ctx::recv(c.done()));
  ctx::select(ctx::recv(in, v), ctx::default_case());
  ctx::select(ctx::recv(in, v));
}
)cpp";

class ChannelTest : public ::testing::Test {
protected:
  static void SetUpTestSuite() { AST = new TestAST(Code); }
  static void TearDownTestSuite() { delete AST; }

  // The operations on `ch` in \p Function that never block.
  static llvm::SmallPtrSet<const Stmt *, 4> nonBlocking(llvm::StringRef Function) {
    const FunctionDecl *F = AST->function(Function);
    AnalysisCore &Core = AST->core();
    ChannelScope Scope{F->getBody(), Core.channelFacts(AST->model(), F), Core.parents(F),
                       AST->model(), AST->context()};
    return nonBlockingOperations(AST->local(F, "ch"), Scope);
  }
  static const Stmt *op(llvm::StringRef Function, llvm::StringRef Method, unsigned Nth) {
    return AST->memberCall(AST->function(Function), "ch", Method, Nth);
  }
  static bool closedAtRange(llvm::StringRef Function) {
    const FunctionDecl *F = AST->function(Function);
    const auto *Range = AST->first<CXXForRangeStmt>(ast_matchers::cxxForRangeStmt(), F);
    EXPECT_NE(Range, nullptr);
    return certainlyClosed(AST->local(F, "ch"), Range, F, AST->core(), AST->model());
  }
  static TestAST *AST;
};
TestAST *ChannelTest::AST = nullptr;

TEST_F(ChannelTest, SendsBeforeEscapeFillTheBuffer) {
  auto Ops = nonBlocking("before_escape");
  EXPECT_EQ(Ops.size(), 2u);
  EXPECT_TRUE(Ops.contains(op("before_escape", "send", 0)));
  EXPECT_TRUE(Ops.contains(op("before_escape", "send", 1)));
  EXPECT_FALSE(Ops.contains(op("before_escape", "send", 2)));
}

TEST_F(ChannelTest, SendsAfterEscapeMayBlock) {
  auto Ops = nonBlocking("after_escape");
  EXPECT_TRUE(Ops.contains(op("after_escape", "send", 0)));
  EXPECT_FALSE(Ops.contains(op("after_escape", "send", 1)));
  EXPECT_EQ(Ops.size(), 1u);
}

TEST_F(ChannelTest, ReceivesFindWhatWasSent) {
  auto Ops = nonBlocking("send_then_receive");
  EXPECT_TRUE(Ops.contains(op("send_then_receive", "send", 0)));
  EXPECT_TRUE(Ops.contains(op("send_then_receive", "recv", 0)));
  EXPECT_FALSE(Ops.contains(op("send_then_receive", "recv", 1)));
}

TEST_F(ChannelTest, UnbufferedSendBlocks) { EXPECT_TRUE(nonBlocking("unbuffered").empty()); }

TEST_F(ChannelTest, FanOutSizedByTheTripCount) {
  auto Sized = nonBlocking("fan_out");
  EXPECT_TRUE(Sized.contains(op("fan_out", "send", 0)));
  EXPECT_TRUE(nonBlocking("fan_out_too_small").empty());
  EXPECT_TRUE(nonBlocking("one_worker").contains(op("one_worker", "send", 0)));
}

TEST_F(ChannelTest, TripCounts) {
  const FunctionDecl *F = AST->function("loops");
  llvm::SmallVector<const Stmt *, 5> Loops;
  for (const Stmt *S : cast<CompoundStmt>(F->getBody())->body())
    Loops.push_back(S);
  ASSERT_EQ(Loops.size(), 5u);
  ASTContext &Ctx = AST->context();
  const Expr *Five = tripCount(Loops[0], Ctx);
  ASSERT_NE(Five, nullptr);
  EXPECT_EQ(Five->EvaluateKnownConstInt(Ctx), 5);
  const Expr *N = tripCount(Loops[1], Ctx);
  ASSERT_NE(N, nullptr);
  const auto *Ref = dyn_cast<DeclRefExpr>(N->IgnoreParenImpCasts());
  ASSERT_NE(Ref, nullptr);
  EXPECT_EQ(Ref->getDecl()->getName(), "n");
  EXPECT_EQ(tripCount(Loops[2], Ctx), nullptr); // the body moves the counter
  EXPECT_EQ(tripCount(Loops[3], Ctx), nullptr); // does not start at 0
  EXPECT_EQ(tripCount(Loops[4], Ctx), nullptr); // not a counted for
  EXPECT_TRUE(sameCount(Five, Five, F->getBody(), Ctx));
  EXPECT_FALSE(sameCount(Five, N, F->getBody(), Ctx));
}

TEST_F(ChannelTest, CertainlyClosedNeedsEveryPath) {
  EXPECT_TRUE(closedAtRange("closed_on_every_path"));
  EXPECT_FALSE(closedAtRange("closed_on_some_paths"));
}

TEST_F(ChannelTest, ClosedByAGoroutineThatAlwaysCloses) {
  EXPECT_TRUE(closedAtRange("closed_by_goroutine"));
  EXPECT_FALSE(closedAtRange("closed_by_goroutine_sometimes"));
  EXPECT_TRUE(closedAtRange("closed_by_guard"));
}

TEST_F(ChannelTest, HowASelectEnds) {
  BlockingOperations Blocking(AST->model(), /*WithJoins=*/false);
  const FunctionDecl *F = AST->function("selects");
  std::vector<const CallExpr *> Selects;
  walk(F->getBody(), Lambdas::Separate, [&](const Stmt *S, const WalkPosition &) {
    if (const auto *Call = dyn_cast<CallExpr>(S);
        Call && Blocking.operationOf(*Call) == Operation::Select)
      Selects.push_back(Call);
    return WalkAction::Continue;
  });
  ASSERT_EQ(Selects.size(), 4u);
  auto NotNil = [](const Expr *) { return false; };
  EXPECT_EQ(Blocking.selectEnd(*Selects[0], NotNil), SelectEnd::Timer);
  EXPECT_EQ(Blocking.selectEnd(*Selects[1], NotNil), SelectEnd::Observes);
  EXPECT_EQ(Blocking.selectEnd(*Selects[2], NotNil), SelectEnd::Observes);
  EXPECT_EQ(Blocking.selectEnd(*Selects[3], NotNil), SelectEnd::Never);
  auto AllNil = [](const Expr *) { return true; };
  EXPECT_EQ(Blocking.selectEnd(*Selects[3], AllNil), SelectEnd::NilForever);
}

} // namespace
} // namespace clang::tidy::ctx::test
