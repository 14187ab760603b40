//===--- RolesTest.cpp - ctxguard core unit tests -------------------------===//
//
// Roles read from annotations and from options, and the role options a check
// accepts following from the roles it declares.
//
//===----------------------------------------------------------------------===//

#include "TestAST.h"
#include "clang-tidy/ClangTidyCheck.h"
#include "clang-tidy/ClangTidyDiagnosticConsumer.h"
#include "clang-tidy/ClangTidyModule.h"
#include "gtest/gtest.h"

namespace clang::tidy::ctx::test {
namespace {

using namespace ast_matchers;

constexpr const char *Code = R"cpp(
#include <ctx/ctx.hpp>
#include <thread>

[[clang::annotate("ctx::blocking")]] void annotated_wait();
namespace ns {
void wait();
struct MyCtx {};
}
ctx::Chan<int> some_channel;
ns::MyCtx my_ctx_value;
int some_int;
)cpp";

class RolesTest : public ::testing::Test {
protected:
  static void SetUpTestSuite() { AST = new TestAST(Code); }
  static void TearDownTestSuite() { delete AST; }
  static const NamedDecl *decl(llvm::StringRef Name) {
    const auto *D = AST->first<NamedDecl>(namedDecl(hasName(Name)));
    EXPECT_NE(D, nullptr) << Name.str();
    return D;
  }
  static QualType myCtxType() { return cast<VarDecl>(decl("::my_ctx_value"))->getType(); }
  static TestAST *AST;
};
TestAST *RolesTest::AST = nullptr;

// A clang-tidy context holding \p Options, as a configuration file gives them.
std::unique_ptr<ClangTidyContext> contextWith(ClangTidyOptions::OptionMap Options) {
  ClangTidyOptions Opts = ClangTidyOptions::getDefaults();
  Opts.CheckOptions = std::move(Options);
  return std::make_unique<ClangTidyContext>(
      std::make_unique<DefaultOptionsProvider>(ClangTidyGlobalOptions(), Opts));
}

TEST_F(RolesTest, RolesFromAnnotations) {
  RoleModel Model;
  EXPECT_TRUE(Model.plays(decl("::ctx::Context"), Role::Context));
  RoleSet WithCancel = Model.rolesOf(decl("::ctx::with_cancel"));
  EXPECT_TRUE(WithCancel.has(Role::Derive));
  EXPECT_TRUE(WithCancel.has(Role::CancelSource));
  EXPECT_FALSE(WithCancel.has(Role::Root));
  EXPECT_TRUE(Model.plays(decl("annotated_wait"), Role::Blocking));
  EXPECT_TRUE(Model.rolesOf(decl("::ctx::background")).has(Role::Root));
  EXPECT_FALSE(Model.rolesOf(decl("::ctx::background")).has(Role::PlaceholderRoot));
  EXPECT_TRUE(Model.rolesOf(decl("::ctx::todo")).has(Role::PlaceholderRoot));
  // A class template's annotation covers its specializations.
  const auto *Channel = cast<VarDecl>(decl("::some_channel"));
  EXPECT_TRUE(Model.isChannel(Channel->getType()));
  EXPECT_FALSE(Model.isChannel(cast<VarDecl>(decl("::some_int"))->getType()));
  EXPECT_TRUE(Model.isRuntimeInternal(decl("::ctx::with_cancel")));
  EXPECT_FALSE(Model.isRuntimeInternal(decl("annotated_wait")));
}

TEST_F(RolesTest, RolesFromDefaultNames) {
  RoleModel Model;
  EXPECT_TRUE(Model.plays(decl("::std::this_thread::sleep_for"), Role::Blocking));
  EXPECT_FALSE(Model.plays(decl("::ns::wait"), Role::Blocking));
  EXPECT_EQ(roleName(Role::CancelSource), "cancel_source");
  EXPECT_EQ(roleOptionName(Role::CancelSource), "CancelSources");
  EXPECT_EQ(roleOptionName(Role::Blocking), "BlockingFunctions");
}

TEST_F(RolesTest, AnOptionReplacesTheRoleDefaults) {
  auto Context = contextWith({{"ctx-test.BlockingFunctions", "::ns::wait"},
                              {"ctx-test.ContextTypes", "::ns::MyCtx"}});
  ClangTidyCheck::OptionsView Options("ctx-test", Context->getOptions().CheckOptions,
                                      Context.get());
  RoleModel Model;
  std::string DefaultKey = Model.configurationKey();
  Model.readOptions(Options, {Role::Blocking});
  EXPECT_TRUE(Model.plays(decl("::ns::wait"), Role::Blocking));
  // The configured list replaces the default names ...
  EXPECT_FALSE(Model.plays(decl("::std::this_thread::sleep_for"), Role::Blocking));
  // ... not the annotations.
  EXPECT_TRUE(Model.plays(decl("annotated_wait"), Role::Blocking));
  // A role the check does not declare keeps its default: its option is not read.
  EXPECT_FALSE(Model.unrestricted().isContext(myCtxType()));
  EXPECT_NE(Model.configurationKey(), DefaultKey);
  // Only the declared role's option is stored, with the profiles.
  ClangTidyOptions::OptionMap Stored;
  Model.storeOptions(Options, Stored);
  EXPECT_EQ(Stored.size(), 2u);
  EXPECT_TRUE(Stored.count("ctx-test.Profiles"));
  ASSERT_TRUE(Stored.count("ctx-test.BlockingFunctions"));
  EXPECT_EQ(Stored["ctx-test.BlockingFunctions"].Value, "::ns::wait");
}

TEST_F(RolesTest, GlobalOptionIsReadToo) {
  auto Context = contextWith({{"ContextTypes", "::ns::MyCtx"}});
  ClangTidyCheck::OptionsView Options("ctx-test", Context->getOptions().CheckOptions,
                                      Context.get());
  RoleModel Model;
  Model.readOptions(Options, {Role::Context});
  EXPECT_TRUE(Model.isContext(myCtxType()));
  EXPECT_TRUE(Model.plays(decl("::ctx::Context"), Role::Context)); // annotated
}

// The options a ctx-* check stores: its own, Profiles, and one per declared role.
std::set<std::string> storedOptions(llvm::StringRef Check) {
  auto Context = contextWith({});
  for (const auto &Entry : ClangTidyModuleRegistry::entries()) {
    if (Entry.getName() != "ctx-module")
      continue;
    ClangTidyCheckFactories Factories;
    Entry.instantiate()->addCheckFactories(Factories);
    for (const auto &Factory : Factories)
      if (Factory.getKey() == Check) {
        std::unique_ptr<ClangTidyCheck> C = Factory.getValue()(Check, Context.get());
        ClangTidyOptions::OptionMap Opts;
        C->storeOptions(Opts);
        std::set<std::string> Keys;
        for (const auto &O : Opts)
          Keys.insert(O.getKey().str());
        return Keys;
      }
  }
  ADD_FAILURE() << "no check " << Check.str();
  return {};
}

TEST(CheckRoleOptions, FollowFromTheDeclaredRoles) {
  // ctx-nil-context declares Context, Root, PlaceholderRoot and Runtime.
  EXPECT_EQ(storedOptions("ctx-nil-context"),
            (std::set<std::string>{"ctx-nil-context.ContextTypes",
                                   "ctx-nil-context.PlaceholderRootFunctions",
                                   "ctx-nil-context.Profiles",
                                   "ctx-nil-context.RootFunctions",
                                   "ctx-nil-context.RuntimeNamespaces"}));
  // ctx-not-first-param: Context and Runtime, and its own option.
  EXPECT_EQ(storedOptions("ctx-not-first-param"),
            (std::set<std::string>{"ctx-not-first-param.AllowTypesBefore",
                                   "ctx-not-first-param.ContextTypes",
                                   "ctx-not-first-param.Profiles",
                                   "ctx-not-first-param.RuntimeNamespaces"}));
  std::set<std::string> Blocking = storedOptions("ctx-blocking-without-done");
  for (const char *Option : {"BlockingFunctions", "SelectFunctions", "TimerFunctions",
                             "AllowTimerBoundedWaits", "FlagJoins", "NilChannelFunctions"})
    EXPECT_TRUE(Blocking.count(std::string("ctx-blocking-without-done.") + Option)) << Option;
}

} // namespace
} // namespace clang::tidy::ctx::test
