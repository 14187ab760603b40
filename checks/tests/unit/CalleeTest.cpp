//===--- CalleeTest.cpp - ctxguard core unit tests ------------------------===//
//
// Callee resolution and the core's view of functions: template patterns and
// their instantiations, lambdas, generic lambdas, dependent calls, and the
// function enclosing a statement.
//
//===----------------------------------------------------------------------===//

#include "TestAST.h"
#include "model/Instantiation.h"
#include "gtest/gtest.h"

namespace clang::tidy::ctx::test {
namespace {

using namespace ast_matchers;

constexpr const char *Code = R"cpp(
#include <ctx/ctx.hpp>

void mark(int);

template <typename T>
void put(T &sink, int v) {
  sink.send(v);
  mark(1);
}

template <typename T>
void spawn_dependent(T f) {
  ctx::go{f}; // braces: `ctx::go(f);` would declare a variable f
}

void user(const ctx::Context &c) {
  ctx::Chan<int> ch(1);
  put(ch, 1);
  auto generic = [](auto &out) { out.send(2); };
  generic(ch);
  auto plain = [&] {
    mark(2);
    ctx::Chan<int> inner;
    inner.close();
  };
  plain();
  spawn_dependent([] {});
}
)cpp";

class CalleeTest : public ::testing::Test {
protected:
  static void SetUpTestSuite() { AST = new TestAST(Code); }
  static void TearDownTestSuite() { delete AST; }
  static TestAST *AST;
};
TestAST *CalleeTest::AST = nullptr;

TEST_F(CalleeTest, PatternsAreFunctionsInstantiationsAreNot) {
  AnalysisCore &Core = AST->core();
  const FunctionDecl *Put = AST->function("put");
  ASSERT_NE(Put, nullptr);
  EXPECT_TRUE(Put->isTemplated());
  EXPECT_TRUE(llvm::is_contained(Core.functions(), Put));
  EXPECT_FALSE(isInTemplateInstantiation(Put));
  // put<ctx::Chan<int>>, spawn_dependent<lambda>, the generic lambda's
  // operator() for ctx::Chan<int>: each an instantiation, none a function.
  // (The runtime's own templates are instantiated too: count the test's.)
  const SourceManager &SM = AST->context().getSourceManager();
  unsigned FromPut = 0, FromGenericLambda = 0;
  for (const FunctionDecl *I : Core.instantiations()) {
    EXPECT_TRUE(isInTemplateInstantiation(I));
    EXPECT_FALSE(llvm::is_contained(Core.functions(), I));
    if (!SM.isInMainFile(I->getLocation()))
      continue;
    const FunctionDecl *Pattern = I->getTemplateInstantiationPattern();
    FromPut += Pattern == Put;
    if (const auto *M = dyn_cast<CXXMethodDecl>(I); M && M->getParent()->isLambda())
      ++FromGenericLambda;
  }
  EXPECT_EQ(FromPut, 1u);
  EXPECT_EQ(FromGenericLambda, 1u);
}

TEST_F(CalleeTest, DependentCallResolvesInTheInstantiation) {
  AnalysisCore &Core = AST->core();
  const FunctionDecl *Put = AST->function("put");
  const FunctionDecl *Instance = nullptr;
  for (const FunctionDecl *I : Core.instantiations())
    if (I->getTemplateInstantiationPattern() == Put)
      Instance = I;
  ASSERT_NE(Instance, nullptr);
  // In the pattern the send is dependent: no role; instantiated, it is the
  // channel's send.
  const auto *PatternSend = AST->first<CXXDependentScopeMemberExpr>(
      cxxDependentScopeMemberExpr(hasMemberName("send")), Put);
  ASSERT_NE(PatternSend, nullptr);
  const auto *InstanceSend = AST->first<CXXMemberCallExpr>(
      cxxMemberCallExpr(callee(cxxMethodDecl(hasName("send")))), Instance);
  ASSERT_NE(InstanceSend, nullptr);
  EXPECT_TRUE(AST->model().calls(InstanceSend, Role::ChanSend));
  // A statement of the instantiation: written in the pattern, held by the
  // instantiation.
  EXPECT_EQ(Core.enclosing(*InstanceSend), Put);
  EXPECT_EQ(Core.instantiationHolding(*InstanceSend), Instance);
  const CallExpr *PatternMark = AST->call(Put, "mark", 1);
  EXPECT_EQ(Core.enclosing(*PatternMark), Put);
  EXPECT_EQ(Core.instantiationHolding(*PatternMark), nullptr);
}

TEST_F(CalleeTest, DependentSpawnNamesTheSpawnTemplate) {
  const FunctionDecl *Spawner = AST->function("spawn_dependent");
  const auto *Unresolved =
      AST->first<CXXUnresolvedConstructExpr>(cxxUnresolvedConstructExpr(), Spawner);
  ASSERT_NE(Unresolved, nullptr);
  const Decl *Callee = RoleModel::calleeOf(Unresolved);
  ASSERT_NE(Callee, nullptr);
  EXPECT_TRUE(AST->model().plays(Callee, Role::Go));
}

TEST_F(CalleeTest, LambdasAreFunctionsOfTheirOwn) {
  AnalysisCore &Core = AST->core();
  const FunctionDecl *User = AST->function("user");
  const CallExpr *InLambda = AST->call(User, "mark", 2);
  const FunctionDecl *Enclosing = Core.enclosing(*InLambda);
  ASSERT_NE(Enclosing, nullptr);
  const auto *Op = dyn_cast<CXXMethodDecl>(Enclosing);
  ASSERT_NE(Op, nullptr);
  EXPECT_TRUE(Op->getParent()->isLambda());
  EXPECT_TRUE(llvm::is_contained(Core.functions(), Enclosing));
  // The lambda expression itself belongs to the function that writes it.
  const auto *Lambda = AST->first<LambdaExpr>(lambdaExpr(hasDescendant(callExpr(
                                                  callee(functionDecl(hasName("mark")))))),
                                              User);
  ASSERT_NE(Lambda, nullptr);
  EXPECT_EQ(Core.enclosing(*Lambda), User);
  // The lambda's close is on its own local, found in its own channel facts
  // (Separate policy) and in the enclosing function's as a nested operation.
  const ChannelFacts &Own = Core.channelFacts(AST->model(), Enclosing);
  ASSERT_EQ(Own.Ops.size(), 1u);
  EXPECT_EQ(Own.Ops[0].Kind, ChanOpKind::Close);
  EXPECT_EQ(Own.Ops[0].Lambda, nullptr);
  const ChannelFacts &Outer = Core.channelFacts(AST->model(), User);
  unsigned InNested = 0;
  for (const ChanOp &Op : Outer.Ops)
    InNested += Op.Kind == ChanOpKind::Close && Op.Lambda == Lambda;
  EXPECT_EQ(InNested, 1u);
}

TEST_F(CalleeTest, CalleeOfConstructionsAndCalls) {
  const FunctionDecl *User = AST->function("user");
  const auto *Go = AST->first<CXXConstructExpr>(
      cxxConstructExpr(hasType(cxxRecordDecl(hasName("::ctx::go")))));
  // spawn_dependent's instantiation constructs ctx::go: the class template's
  // pattern plays the spawn role.
  ASSERT_NE(Go, nullptr);
  EXPECT_TRUE(AST->model().calls(Go, Role::Go));
  const CallExpr *Mark = AST->call(User, "mark", 2);
  EXPECT_EQ(RoleModel::calleeOf(Mark), Mark->getDirectCallee());
  EXPECT_FALSE(AST->model().calls(Mark, Role::Go));
}

} // namespace
} // namespace clang::tidy::ctx::test
