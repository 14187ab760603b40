//===--- FactsTableTest.cpp - ctxguard ------------------------------------===//
//
// The program's facts graph (checks/model/FactsTable.h): solving chains and
// recursion across TUs, joining conflicting definitions, the defaults of a
// callee no TU defines, and the facts file's JSON (round trip, refusals).
//
//===----------------------------------------------------------------------===//

#include "model/FactsTable.h"

#include <gtest/gtest.h>

namespace clang::tidy::ctx {
namespace {

FactNode node(const std::string &Key, std::vector<FactCall> Calls = {}) {
  FactNode N;
  N.Key = Key;
  N.Name = Key;
  N.File = "/src/" + Key + ".cpp";
  N.Line = 1;
  N.MayOwnRoot = true;
  N.Params.resize(1);
  N.Calls = std::move(Calls);
  return N;
}

FactCall call(const std::string &Callee, unsigned Line = 2) {
  FactCall C;
  C.Callee = Callee;
  C.Line = Line;
  C.Args = {{0, 0}};
  return C;
}

TEST(FactsTable, ChainsAndRecursionAcrossTUs) {
  FactsTable T;
  FactNode Root = node("c");
  Root.CallsRoot = true;
  Root.RootLine = 3;
  Root.RootCallee = "ctx::background";
  T.add(node("a", {call("b")}));
  T.add(node("b", {call("a"), call("c", 5)}));
  T.add(Root);
  T.solve();
  ASSERT_TRUE(T.lookup("a")->CreatesOwnRoot);
  EXPECT_EQ(T.lookup("a")->RootVia, "b");
  EXPECT_EQ(T.lookup("b")->RootVia, "c");
  EXPECT_EQ(T.lookup("b")->RootLine, 5u);
  EXPECT_EQ(T.lookup("c")->RootCallee, "ctx::background");
}

TEST(FactsTable, ParameterFactsFlowThroughCalls) {
  FactsTable T;
  FactNode Closer = node("close");
  Closer.Params[0].Closes = true;
  T.add(node("wrap", {call("close")}));
  T.add(Closer);
  T.solve();
  EXPECT_TRUE(T.lookup("wrap")->Params[0].Closes);
}

TEST(FactsTable, UnknownCalleeKeepsItsDeclarationsDefaults) {
  FactsTable T;
  FactCall Opaque = call("nowhere");
  Opaque.DefaultMayThrow = true;
  Opaque.ContextArgs = {0};
  FactCall Caught = Opaque;
  Caught.Caught = true;
  T.add(node("a", {Opaque}));
  T.add(node("b", {Caught}));
  T.solve();
  EXPECT_TRUE(T.lookup("a")->MayThrow);
  EXPECT_TRUE(T.lookup("a")->Params[0].ObservesContext);
  EXPECT_FALSE(T.lookup("b")->MayThrow);
}

TEST(FactsTable, ConflictingDefinitionsJoinWhateverTheOrder) {
  FactNode One = node("f"), Two = node("f", {call("g")});
  One.MayThrow = true;
  Two.File = "/src/a.h";
  Two.Params.resize(3); // an ODR violation: another signature
  Two.Params[2].Sends = true;
  FactsTable AB, BA;
  AB.add(One);
  AB.add(Two);
  BA.add(Two);
  BA.add(One);
  AB.solve();
  BA.solve();
  EXPECT_EQ(AB.nodes().at("f"), BA.nodes().at("f"));
  const SolvedFacts &F = *AB.lookup("f");
  EXPECT_TRUE(F.MayThrow);
  ASSERT_EQ(F.Params.size(), 3u);
  EXPECT_TRUE(F.Params[2].Sends);
  EXPECT_EQ(F.File, "/src/a.h"); // first in (file, line) order
  EXPECT_EQ(AB.nodes().at("f").Calls.size(), 1u);
}

TEST(FactsTable, IdenticalHeaderFunctionsAreOneNode) {
  FactsTable T;
  T.add(node("inline_helper", {call("x")}));
  T.add(node("inline_helper", {call("x")}));
  EXPECT_EQ(T.nodes().size(), 1u);
  EXPECT_EQ(T.nodes().at("inline_helper").Calls.size(), 1u);
}

TEST(FactsTable, JsonRoundTrip) {
  FactsTable T;
  FactNode N = node("a", {call("b")});
  N.CallsRoot = true;
  N.RootLine = 9;
  N.RootCallee = "ctx::todo";
  N.Params[0].HandsOffCancel = true;
  T.add(N);
  T.solve();
  std::string Text;
  llvm::raw_string_ostream(Text) << T.toJSON();
  llvm::Expected<FactsTable> Back = FactsTable::parse(Text);
  ASSERT_TRUE(static_cast<bool>(Back)) << llvm::toString(Back.takeError());
  EXPECT_EQ(Back->nodes(), T.nodes());
  EXPECT_EQ(*Back->lookup("a"), *T.lookup("a"));
}

TEST(FactsTable, RefusesWhatIsNotAFactsFileOfThisVersion) {
  for (const char *Bad :
       {"", "[]", "{\"schema\": \"other\", \"version\": 1, \"functions\": []}",
        "{\"schema\": \"ctxguard-facts\", \"version\": 1, \"functions\": []}", // before passesOn
        "{\"schema\": \"ctxguard-facts\", \"version\": 3, \"functions\": []}",
        "{\"schema\": \"ctxguard-facts\", \"version\": 2, \"functions\": [{\"key\": \"a\"}]}",
        "{\"schema\": \"ctxguard-facts\", \"version\": 2, \"functions\": [{\"key\": \"a\", "
        "\"name\": \"a\", \"file\": \"f\", \"line\": 1, \"params\": [[\"flies\"]], \"calls\": []}]}"}) {
    llvm::Expected<FactsTable> T = FactsTable::parse(Bad);
    EXPECT_FALSE(static_cast<bool>(T)) << Bad;
    if (!T)
      llvm::consumeError(T.takeError());
  }
}

} // namespace
} // namespace clang::tidy::ctx
