// The harness's own tests: an expectation grammar that silently accepted
// nothing would make every fixture pass.
#include "Fixture.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

using namespace ctxguard::testing;

namespace {

std::string writeTemp(const std::string &Text) {
  auto Path = std::filesystem::temp_directory_path() /
              ("ctxguard-parse-" + std::to_string(::getpid()) + ".cpp");
  std::ofstream(Path) << Text;
  return Path.string();
}

TEST(FixtureParse, ReadsHeadersAndExpectations) {
  std::string Path = writeTemp("// CHECKS: ctx-a, ctx-b\n"
                               "// OPTION: ctx-a.Opt=true\n"
                               "// FLAGS: -fno-exceptions -DX=1\n"
                               "f();  // want:3 ctx-a \"dropped \\\"x\\\"\" note@+2:1 \"here\"\n");
  std::vector<std::string> Errors;
  Fixture F = parseFixture(Path, "ctx-default", Errors);
  EXPECT_TRUE(Errors.empty());
  EXPECT_EQ(F.Checks, (std::vector<std::string>{"ctx-a", "ctx-b"}));
  ASSERT_EQ(F.Options.size(), 1u);
  EXPECT_EQ(F.Options[0].second, "true");
  EXPECT_EQ(F.Flags, (std::vector<std::string>{"-fno-exceptions", "-DX=1"}));
  ASSERT_EQ(F.Expected.size(), 2u);
  EXPECT_EQ(F.Expected[0].Kind, "warning");
  EXPECT_EQ(F.Expected[0].Line, 4);
  EXPECT_EQ(F.Expected[0].Column, 3);
  EXPECT_EQ(F.Expected[0].Check, "ctx-a");
  EXPECT_EQ(F.Expected[0].Message, "dropped \"x\"");
  EXPECT_EQ(F.Expected[1].Kind, "note");
  EXPECT_EQ(F.Expected[1].Line, 6);
}

TEST(FixtureParse, ReadsProfileDepsAndPending) {
  std::string Path = writeTemp("// PENDING: issue 9 (profiles)\n"
                               "// PROFILE-DEPS: grpc\n"
                               "// PROFILE-DEPS: grpc\n"
                               "f();  // want:3 \"x\"\n");
  std::vector<std::string> Errors;
  Fixture F = parseFixture(Path, "ctx-a", Errors);
  EXPECT_TRUE(Errors.empty());
  EXPECT_EQ(F.Pending, "issue 9 (profiles)");
  EXPECT_EQ(F.Deps, (std::vector<std::string>{"grpc"})) << "a repeated dependency counts once";
  EXPECT_TRUE(F.Flags.empty()) << "dependencies are resolved by the harness, not parsed as flags";
  EXPECT_EQ(F.Expected.size(), 1u) << "a pending fixture keeps its expectations";
}

TEST(FixtureParse, NotPendingByDefault) {
  std::string Path = writeTemp("f();  // want:3 \"x\"\n");
  std::vector<std::string> Errors;
  Fixture F = parseFixture(Path, "ctx-a", Errors);
  EXPECT_TRUE(F.Pending.empty());
  EXPECT_TRUE(F.Deps.empty());
}

TEST(FixtureParse, RejectsBadProfileHeaders) {
  for (const char *Text : {"// PROFILE-DEPS: boost\n", "// PENDING:\n",
                           "// PENDING: a\n// PENDING: b\n"}) {
    std::vector<std::string> Errors;
    parseFixture(writeTemp(Text), "ctx-a", Errors);
    EXPECT_EQ(Errors.size(), 1u) << Text;
  }
}

TEST(FixtureParse, RejectsMalformedExpectation) {
  std::string Path = writeTemp("f();  // want:3 missing-quotes\n");
  std::vector<std::string> Errors;
  parseFixture(Path, "ctx-a", Errors);
  EXPECT_EQ(Errors.size(), 1u);
}

TEST(FixtureParse, ParsesClangTidyOutputWithNotes) {
  std::string Out = "/t/a.cpp:4:3: warning: dropped [ctx-a]\n"
                    "    4 | f();\n"
                    "/t/a.cpp:6:1: note: here\n"
                    "/usr/include/x.h:1:1: warning: elsewhere [ctx-a]\n"
                    "/t/a.cpp:9:1: error: no such thing [clang-diagnostic-error]\n";
  std::vector<std::string> Stray;
  auto Diags = parseClangTidyOutput(Out, "/t/a.cpp", Stray);
  ASSERT_EQ(Diags.size(), 2u);
  EXPECT_EQ(Diags[1].Kind, "note");
  EXPECT_EQ(Diags[1].Check, "ctx-a");
  EXPECT_EQ(Stray.size(), 2u);
}

TEST(FixtureParse, CompareFindsBothKindsOfMismatch) {
  Diagnostic Want{"warning", 4, 3, "", "dropp", 4};
  Diagnostic Got{"warning", 4, 3, "ctx-a", "dropped", 0};
  Diagnostic Other{"warning", 5, 1, "ctx-a", "other", 0};
  EXPECT_TRUE(compare({Want}, {Got}, {"ctx-a"}).empty());
  EXPECT_EQ(compare({Want}, {Got, Other}, {"ctx-a"}).size(), 1u);
  EXPECT_EQ(compare({Want}, {}, {"ctx-a"}).size(), 1u);
  EXPECT_EQ(compare({Want}, {Got}, {"ctx-b"}).size(), 2u) << "check name must match";
  Diagnostic WrongColumn = Got;
  WrongColumn.Column = 4;
  EXPECT_EQ(compare({Want}, {WrongColumn}, {"ctx-a"}).size(), 2u);
}

} // namespace
