//===--- InputsTest.cpp - ctxguard ----------------------------------------===//

#include "Inputs.h"
#include "Paths.h"

#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <set>

namespace ctxguard {
namespace {

TEST(ShardTest, ParsesKOfN) {
  auto S = parseShard("2/3");
  ASSERT_TRUE(S);
  EXPECT_EQ(S->Index, 2u);
  EXPECT_EQ(S->Count, 3u);
  EXPECT_FALSE(parseShard("0/3"));
  EXPECT_FALSE(parseShard("4/3"));
  EXPECT_FALSE(parseShard("1/0"));
  EXPECT_FALSE(parseShard("x/2"));
  EXPECT_FALSE(parseShard("2"));
}

TEST(ShardTest, ShardsPartitionTheFiles) {
  std::vector<std::string> Files;
  for (char C = 'a'; C <= 'k'; ++C)
    Files.push_back(std::string("/src/") + C + ".cpp");
  std::multiset<std::string> Seen;
  size_t Largest = 0, Smallest = Files.size();
  for (unsigned K = 1; K <= 3; ++K) {
    std::vector<std::string> Part = selectShard(Files, {K, 3});
    Seen.insert(Part.begin(), Part.end());
    Largest = std::max(Largest, Part.size());
    Smallest = std::min(Smallest, Part.size());
  }
  EXPECT_EQ(Seen, std::multiset<std::string>(Files.begin(), Files.end()));
  EXPECT_LE(Largest - Smallest, 1u);
  EXPECT_EQ(selectShard(Files, {1, 1}), Files);
}

TEST(InputsTest, MissingBuildDirectoryIsAnError) {
  InputRequest Request;
  Request.BuildPath = "/nonexistent/build";
  Inputs In = resolveInputs(std::move(Request));
  EXPECT_FALSE(In.Database);
  ASSERT_EQ(In.Errors.size(), 1u);
  EXPECT_NE(In.Errors[0].Message.find("compile_commands.json"), std::string::npos);
}

TEST(InputsTest, NothingToAnalyzeIsAnError) {
  Inputs In = resolveInputs(InputRequest());
  EXPECT_FALSE(In.Database);
  EXPECT_EQ(In.Errors.size(), 1u);
}

TEST(InputsTest, FlagsWithoutFilesIsAnError) {
  InputRequest Request;
  std::string Error;
  const char *Argv[] = {"ctxguard", "--", "-std=c++20"};
  int Argc = 3;
  Request.FixedDatabase =
      clang::tooling::FixedCompilationDatabase::loadFromCommandLine(Argc, Argv, Error);
  ASSERT_TRUE(Request.FixedDatabase);
  Inputs In = resolveInputs(std::move(Request));
  EXPECT_FALSE(In.Database);
  ASSERT_EQ(In.Errors.size(), 1u);
  EXPECT_NE(In.Errors[0].Message.find("before '--'"), std::string::npos);
}

TEST(InputsTest, ABrokenDatabaseFoundAboveTheFilesSaysWhy) {
  std::filesystem::path Dir =
      std::filesystem::temp_directory_path() / ("ctxguard-inputs-" + std::to_string(::getpid()));
  std::filesystem::create_directories(Dir / "src");
  std::ofstream(Dir / "compile_commands.json") << R"([{"directory": 3}])";
  InputRequest Request;
  Request.Files = {(Dir / "src" / "a.cpp").string()};
  Inputs In = resolveInputs(std::move(Request));
  std::filesystem::remove_all(Dir);
  EXPECT_FALSE(In.Database);
  ASSERT_EQ(In.Errors.size(), 1u);
  EXPECT_NE(In.Errors[0].Message.find("cannot load the compile database '" +
                                      (Dir / "compile_commands.json").string() + "': "),
            std::string::npos)
      << In.Errors[0].Message;
}

TEST(PathsTest, RelativeToRoot) {
  EXPECT_EQ(relativeTo("/repo", "/repo/src/a.cpp"), "src/a.cpp");
  EXPECT_EQ(relativeTo("/repo/", "/repo/src/a.cpp"), "src/a.cpp");
  EXPECT_FALSE(relativeTo("/repo", "/repository/a.cpp"));
  EXPECT_FALSE(relativeTo("/repo", "/repo"));
}

TEST(PathsTest, UrisAreEncodedAndDecoded) {
  EXPECT_EQ(percentEncode("src/a b#1.cpp"), "src/a%20b%231.cpp");
  EXPECT_EQ(percentDecode("src/a%20b%231.cpp"), "src/a b#1.cpp");
  EXPECT_EQ(fileUri("/repo", /*IsDirectory=*/true), "file:///repo/");
}

} // namespace
} // namespace ctxguard
