//===--- FactsTest.cpp - ctxguard core unit tests -------------------------===//
//
// The per-function facts: summaries through helper chains and cycles.
//
//===----------------------------------------------------------------------===//

#include "TestAST.h"
#include "model/Facts.h"
#include "gtest/gtest.h"

namespace clang::tidy::ctx::test {
namespace {

constexpr const char *Code = R"cpp(
#include <ctx/ctx.hpp>
#include <new>
#include <vector>

// Creates its own root through a chain of helpers.
void root_leaf() { auto c = ctx::background(); }
void root_middle() { root_leaf(); }
void root_top() { root_middle(); }
// ... and through a cycle: only one branch of it reaches the root.
void root_odd(int n);
void root_even(int n) {
  if (n == 0)
    auto c = ctx::todo();
  else
    root_odd(n - 1);
}
void root_odd(int n) { root_even(n); }
// A function that takes a context is not creating its own root.
void root_with_context(const ctx::Context &c) { root_leaf(); }
// A cycle that never reaches a root.
void no_root_a(int n);
void no_root_b(int n) { if (n) no_root_a(n - 1); }
void no_root_a(int n) { no_root_b(n); }

void throws() { throw 1; }
void calls_thrower() { throws(); }
void calls_calls_thrower() { calls_thrower(); }
void catches() {
  try {
    throws();
  } catch (...) {
  }
}
void throws_bad_alloc() { throw std::bad_alloc(); }
void unknown();
void unknown_noexcept() noexcept;
void calls_unknown() { unknown(); }
void calls_unknown_noexcept() { unknown_noexcept(); }
int plain(int x) { return x + 1; }
void calls_plain() { plain(1); }
void cycle_throw_b(int n);
void cycle_throw_a(int n) {
  if (n > 5)
    throw n;
  cycle_throw_b(n + 1);
}
void cycle_throw_b(int n) { cycle_throw_a(n); }
void cycle_quiet_b(int n);
void cycle_quiet_a(int n) { if (n) cycle_quiet_b(n - 1); }
void cycle_quiet_b(int n) { cycle_quiet_a(n); }
void throws_in_lambda() {
  auto f = [] { throw 1; };
  (void)f;
}

void observes(const ctx::Context &c) { (void)c.err(); }
void ignores(const ctx::Context &c) {}
void forwards(const ctx::Context &c) { observes(c); }
void forwards_to_ignorer(const ctx::Context &c) { ignores(c); }
void opaque(const ctx::Context &c);
void hands_to_opaque(const ctx::Context &c) { opaque(c); }

void sends(ctx::Chan<int> ch) { ch.send(1); }
void sends_to_view(ctx::SendChan<int> out) { out.send(1); }
void receives(ctx::Chan<int> ch) { (void)ch.recv(); }
void ranges(ctx::Chan<int> ch) { for (int v : ch) (void)v; }
void closes(ctx::Chan<int> ch) { ch.close(); }
void second_param(int unused, ctx::Chan<int> in, ctx::Chan<int> out) {
  for (int v : in)
    sends(out);
  closes(out);
}
void sends_in_lambda_only(ctx::Chan<int> ch) {
  auto later = [ch] { ch.send(1); };
  (void)later;
}
void keeps(std::vector<ctx::Chan<int>> &all, ctx::Chan<int> ch) { all.push_back(ch); }
void sends_in_loop(ctx::Chan<int> ch) {
  for (int i = 0; i < 3; ++i)
    ch.send(i);
}
void calls_sender_in_loop(ctx::Chan<int> ch) {
  while (true)
    sends(ch);
}
void selects(ctx::Chan<int> ch) { ctx::select(ctx::send(ch, 1), ctx::default_case()); }
void through_view(ctx::Chan<int> ch) { sends_to_view(ch); }

void cancels(ctx::CancelFunc cancel) { cancel(); }
void drops(ctx::CancelFunc cancel) {}
void stores(int unused, std::vector<ctx::CancelFunc> &out, ctx::CancelFunc cancel) {
  out.push_back(cancel);
}

void spawner() { ctx::go([] {}); }
void spawns_through() { spawner(); }
)cpp";

class FactsTest : public ::testing::Test {
protected:
  static void SetUpTestSuite() { AST = new TestAST(Code); }
  static void TearDownTestSuite() { delete AST; }
  static const FunctionFacts &of(llvm::StringRef Name) {
    return AST->core().facts(AST->model()).of(AST->function(Name));
  }
  static TestAST *AST;
};
TestAST *FactsTest::AST = nullptr;

TEST_F(FactsTest, CreatesOwnRootThroughHelperChain) {
  EXPECT_TRUE(of("root_leaf").CreatesOwnRoot);
  EXPECT_EQ(of("root_leaf").RootVia, nullptr);
  ASSERT_TRUE(of("root_top").CreatesOwnRoot);
  EXPECT_EQ(of("root_top").RootVia, AST->function("root_middle"));
  EXPECT_EQ(of("root_middle").RootVia, AST->function("root_leaf"));
  EXPECT_TRUE(isa_and_nonnull<CallExpr>(of("root_top").RootSite));
}

TEST_F(FactsTest, CreatesOwnRootThroughCycle) {
  EXPECT_TRUE(of("root_odd").CreatesOwnRoot);
  EXPECT_TRUE(of("root_even").CreatesOwnRoot);
  EXPECT_EQ(of("root_odd").RootVia, AST->function("root_even"));
  EXPECT_FALSE(of("no_root_a").CreatesOwnRoot);
  EXPECT_FALSE(of("no_root_b").CreatesOwnRoot);
  EXPECT_FALSE(of("root_with_context").CreatesOwnRoot);
}

TEST_F(FactsTest, MayThrowIsTransitive) {
  EXPECT_TRUE(of("throws").MayThrow);
  EXPECT_TRUE(of("calls_thrower").MayThrow);
  EXPECT_TRUE(of("calls_calls_thrower").MayThrow);
  EXPECT_FALSE(of("catches").MayThrow);
  EXPECT_FALSE(of("throws_bad_alloc").MayThrow);
  EXPECT_FALSE(of("plain").MayThrow);
  EXPECT_FALSE(of("calls_plain").MayThrow);
  // A throw in a lambda the function only defines does not leave it.
  EXPECT_FALSE(of("throws_in_lambda").MayThrow);
}

TEST_F(FactsTest, MayThrowThroughCycles) {
  EXPECT_TRUE(of("cycle_throw_a").MayThrow);
  EXPECT_TRUE(of("cycle_throw_b").MayThrow);
  EXPECT_FALSE(of("cycle_quiet_a").MayThrow);
  EXPECT_FALSE(of("cycle_quiet_b").MayThrow);
}

TEST_F(FactsTest, UnknownCalleeMayThrowUnlessNoexcept) {
  EXPECT_TRUE(of("calls_unknown").MayThrow);
  EXPECT_FALSE(of("calls_unknown_noexcept").MayThrow);
  FactsEngine &Facts = AST->core().facts(AST->model());
  EXPECT_TRUE(Facts.mayThrow(AST->first<CallExpr>(
      ast_matchers::callExpr(ast_matchers::callee(ast_matchers::functionDecl(
          ast_matchers::hasName("unknown")))))));
  EXPECT_FALSE(Facts.mayThrow(AST->first<CallExpr>(
      ast_matchers::callExpr(ast_matchers::callee(ast_matchers::functionDecl(
          ast_matchers::hasName("unknown_noexcept")))))));
}

TEST_F(FactsTest, ObservesContextPerParameter) {
  EXPECT_TRUE(of("observes").Params[0].ObservesContext);
  EXPECT_FALSE(of("ignores").Params[0].ObservesContext);
  EXPECT_TRUE(of("forwards").Params[0].ObservesContext);
  EXPECT_FALSE(of("forwards_to_ignorer").Params[0].ObservesContext);
  // Code we cannot see may well observe it.
  EXPECT_TRUE(of("hands_to_opaque").Params[0].ObservesContext);
}

TEST_F(FactsTest, ChannelParameters) {
  const FunctionFacts &Sends = of("sends");
  EXPECT_TRUE(Sends.Params[0].Sends);
  EXPECT_FALSE(Sends.Params[0].Receives || Sends.Params[0].Closes);
  EXPECT_TRUE(of("receives").Params[0].Receives);
  EXPECT_FALSE(of("receives").Params[0].Sends);
  EXPECT_TRUE(of("ranges").Params[0].Receives);
  EXPECT_TRUE(of("closes").Params[0].Closes);
  EXPECT_FALSE(of("closes").Params[0].Sends);
  // Per parameter, through the callees it is handed to.
  const FunctionFacts &Both = of("second_param");
  ASSERT_EQ(Both.Params.size(), 3u);
  EXPECT_FALSE(Both.Params[0].any());
  EXPECT_TRUE(Both.Params[1].Receives);
  EXPECT_FALSE(Both.Params[1].Sends || Both.Params[1].Closes);
  EXPECT_TRUE(Both.Params[2].Sends && Both.Params[2].Closes);
  EXPECT_FALSE(Both.Params[2].Receives);
  // A lambda that may never run does not send on the function's behalf.
  EXPECT_FALSE(of("sends_in_lambda_only").Params[0].Sends);
}

TEST_F(FactsTest, ChannelKeptOrRepeated) {
  // Operating on a channel, or converting it to a view for a helper that
  // does, is not keeping it.
  EXPECT_FALSE(of("sends").Params[0].PassesOn || of("sends").Params[0].Repeats);
  EXPECT_FALSE(of("through_view").Params[0].PassesOn);
  EXPECT_TRUE(of("through_view").Params[0].Sends);
  // Kept: captured by a lambda, handed to the library, used in a select case.
  EXPECT_TRUE(of("sends_in_lambda_only").Params[0].PassesOn);
  EXPECT_TRUE(of("keeps").Params[1].PassesOn);
  EXPECT_TRUE(of("selects").Params[0].PassesOn);
  // Repeated: in a loop of its own, by a range-for, or a call in a loop.
  EXPECT_TRUE(of("sends_in_loop").Params[0].Repeats);
  EXPECT_TRUE(of("ranges").Params[0].Repeats);
  EXPECT_TRUE(of("calls_sender_in_loop").Params[0].Repeats);
  EXPECT_FALSE(of("calls_sender_in_loop").Params[0].PassesOn);
}

// The facts of functions another TU may define, left open (the driver's
// one parse per TU): they flow through the TU's functions, and a decision
// runs once per outcome of those it reads.
constexpr const char *OpenCode = R"cpp(
#include <ctx/ctx.hpp>
void ext_throws();
void wraps_ext() { ext_throws(); }
void ext_root();
void wraps_root() { ext_root(); }
void ext_sends(ctx::Chan<int> ch);
void relays(ctx::Chan<int> ch) { ext_sends(ch); }
)cpp";

TEST(OpenFactsTest, ExploreRunsOncePerOutcome) {
  TestAST AST(OpenCode);
  FactsEngine Engine(AST.model(), AST.context(), nullptr, /*Defer=*/true);
  FactsExchange &X = FactsExchange::get();
  X.Conditions.clear();
  X.NeedsSolvedFacts = false;
  const FunctionFacts &Wraps = Engine.of(AST.function("wraps_ext"));
  EXPECT_FALSE(Wraps.MayThrow);
  ASSERT_EQ(Wraps.Open.MayThrow.size(), 1u);
  std::vector<bool> Seen;
  Engine.explore([&] { Seen.push_back(Engine.holds(Wraps.MayThrow, Wraps.Open.MayThrow)); });
  EXPECT_EQ(Seen, (std::vector<bool>{false, true}));
  ASSERT_EQ(X.Conditions.size(), 2u);
  ASSERT_EQ(X.Conditions[0].size(), 1u);
  const OpenFact &Fact = X.Conditions[0][0].first;
  EXPECT_EQ(Fact.What, OpenFact::MayThrow);
  EXPECT_NE(Fact.Key.find("ext_throws"), std::string::npos);
  EXPECT_TRUE(Fact.IfUnknown); // not declared noexcept
  // Decided with the solved facts: no TU defines it, so it may throw.
  FactsTable None;
  EXPECT_FALSE(holds(X.Conditions[0], None));
  EXPECT_TRUE(holds(X.Conditions[1], None));
  EXPECT_FALSE(X.NeedsSolvedFacts);

  // A root chain: the open fact, and the call through which it reaches.
  const FunctionFacts &Root = Engine.of(AST.function("wraps_root"));
  ASSERT_EQ(Root.Open.CreatesOwnRoot.size(), 1u);
  std::optional<unsigned> Via;
  Engine.explore([&] {
    if (std::optional<unsigned> Id = Engine.openRoot(Root))
      Via = Id;
  });
  ASSERT_TRUE(Via);
  EXPECT_NE(Engine.openFact(*Via).Key.find("ext_root"), std::string::npos);
  EXPECT_EQ(Root.Open.RootVia.lookup(*Via).second->getName(), "ext_root");

  // Channel facts flow through parameters; read outside an exploration, an
  // open fact has its value for an unknown function and the TU needs the
  // solved facts.
  const FunctionFacts &Relays = Engine.of(AST.function("relays"));
  EXPECT_FALSE(Relays.Params[0].Sends);
  EXPECT_EQ(Relays.Open.Params[0][OpenFact::Sends - OpenFact::FirstParamKind].size(), 1u);
  EXPECT_TRUE(Engine.paramFact(Relays, 0, OpenFact::PassesOn));
  EXPECT_TRUE(X.NeedsSolvedFacts);
  X.Conditions.clear();
  X.NeedsSolvedFacts = false;
}

TEST_F(FactsTest, HandsOffCancel) {
  EXPECT_TRUE(of("cancels").Params[0].HandsOffCancel);
  EXPECT_FALSE(of("drops").Params[0].HandsOffCancel);
  // A parameter holding cancels (a container of them) counts too.
  EXPECT_FALSE(of("stores").Params[0].HandsOffCancel);
  EXPECT_TRUE(of("stores").Params[1].HandsOffCancel);
  EXPECT_TRUE(of("stores").Params[2].HandsOffCancel);
}

TEST_F(FactsTest, Spawns) {
  EXPECT_TRUE(of("spawner").Spawns);
  EXPECT_TRUE(of("spawns_through").Spawns);
  EXPECT_FALSE(of("calls_plain").Spawns);
}

} // namespace
} // namespace clang::tidy::ctx::test
