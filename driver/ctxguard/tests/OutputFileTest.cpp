//===--- OutputFileTest.cpp - ctxguard ------------------------------------===//
//
// Reports are replaced whole or not at all, and a failed write never leaves
// an earlier report behind.
//
//===----------------------------------------------------------------------===//

#include "OutputFile.h"

#include <gtest/gtest.h>

#include <fcntl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <csignal>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace fs = std::filesystem;

namespace ctxguard {
namespace {

std::string readFile(const fs::path &Path) {
  std::ifstream In(Path, std::ios::binary);
  std::stringstream S;
  S << In.rdbuf();
  return S.str();
}

class OutputFileTest : public ::testing::Test {
protected:
  void SetUp() override {
    Dir = fs::temp_directory_path() /
          ("ctxguard-output-" + std::to_string(getpid()) + "-" +
           ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(Dir);
    fs::create_directories(Dir);
  }
  void TearDown() override { fs::remove_all(Dir); }

  /// Only `Expected` is in the directory: no temporary file was left.
  void expectOnly(const std::vector<std::string> &Expected) {
    std::vector<std::string> Names;
    for (const fs::directory_entry &E : fs::directory_iterator(Dir))
      Names.push_back(E.path().filename().string());
    std::sort(Names.begin(), Names.end());
    EXPECT_EQ(Names, Expected);
  }

  fs::path Dir;
};

TEST_F(OutputFileTest, ReplacesAnEarlierReportWhole) {
  fs::path Out = Dir / "out.sarif";
  std::ofstream(Out) << "an earlier report";
  ASSERT_FALSE(static_cast<bool>(writeOutputFile(Out.string(), "new report\n")));
  EXPECT_EQ(readFile(Out), "new report\n");
  expectOnly({"out.sarif"});
  // Not more private than a file the shell would create.
  mode_t Mask = ::umask(0);
  ::umask(Mask);
  EXPECT_EQ(fs::status(Out).permissions() & fs::perms::all, static_cast<fs::perms>(0666 & ~Mask));
}

TEST_F(OutputFileTest, AFailedWriteRemovesTheEarlierReport) {
  fs::path Out = Dir / "out.sarif";
  std::ofstream(Out) << "an earlier report";
  // A disk that fills up: a file size limit, with SIGXFSZ ignored as the
  // driver does, makes the write fail with EFBIG.
  struct rlimit Old;
  ::getrlimit(RLIMIT_FSIZE, &Old);
  struct rlimit Small = Old;
  Small.rlim_cur = 4096;
  auto OldHandler = std::signal(SIGXFSZ, SIG_IGN);
  ::setrlimit(RLIMIT_FSIZE, &Small);
  llvm::Error E = writeOutputFile(Out.string(), std::string(100000, 'x'));
  ::setrlimit(RLIMIT_FSIZE, &Old);
  std::signal(SIGXFSZ, OldHandler);
  ASSERT_TRUE(static_cast<bool>(E));
  EXPECT_NE(llvm::toString(std::move(E)).find("cannot write '" + Out.string() + "'"),
            std::string::npos);
  expectOnly({});
}

TEST_F(OutputFileTest, MissingDirectoryIsAnError) {
  llvm::Error E = writeOutputFile((Dir / "no" / "out.json").string(), "x");
  ASSERT_TRUE(static_cast<bool>(E));
  EXPECT_NE(llvm::toString(std::move(E)).find("No such file or directory"), std::string::npos);
}

TEST_F(OutputFileTest, DirectoryIsNeverReplaced) {
  fs::create_directory(Dir / "out.sarif");
  llvm::Error E = writeOutputFile((Dir / "out.sarif").string(), "x");
  ASSERT_TRUE(static_cast<bool>(E));
  llvm::consumeError(std::move(E));
  EXPECT_TRUE(fs::is_directory(Dir / "out.sarif"));
  expectOnly({"out.sarif"});
}

TEST_F(OutputFileTest, DevicesAreWrittenInPlaceAndFailuresReported) {
  ASSERT_FALSE(static_cast<bool>(writeOutputFile("/dev/null", "discarded")));
  llvm::Error E = writeOutputFile("/dev/full", std::string(100000, 'x'));
  ASSERT_TRUE(static_cast<bool>(E));
  EXPECT_NE(llvm::toString(std::move(E)).find("No space left on device"), std::string::npos);
  EXPECT_TRUE(fs::is_character_file("/dev/full"));
  EXPECT_FALSE(static_cast<bool>(removeStaleOutput("/dev/null")));
  EXPECT_TRUE(fs::is_character_file("/dev/null"));
}

TEST_F(OutputFileTest, DevFdLinksAreWrittenThroughNeverReplaced) {
  // As with "--sarif /dev/stdout > out.sarif": the open file gets the text.
  fs::path Out = Dir / "redirected.sarif";
  std::ofstream(Out) << "old";
  int Fd = ::open(Out.c_str(), O_WRONLY);
  ASSERT_GE(Fd, 0);
  std::string Link = "/dev/fd/" + std::to_string(Fd);
  ASSERT_FALSE(static_cast<bool>(removeStaleOutput(Link)));
  EXPECT_TRUE(fs::exists(Out));
  ASSERT_FALSE(static_cast<bool>(writeOutputFile(Link, "new")));
  ::close(Fd);
  EXPECT_EQ(readFile(Out), "new");
  expectOnly({"redirected.sarif"});
  EXPECT_TRUE(fs::is_symlink("/dev/fd") || fs::is_directory("/dev/fd"));
}

TEST_F(OutputFileTest, ASymbolicLinkKeepsPointingAtTheNewReport) {
  fs::create_directory(Dir / "reports");
  std::ofstream(Dir / "reports" / "real.sarif") << "old";
  fs::create_symlink(Dir / "reports" / "real.sarif", Dir / "link.sarif");
  ASSERT_FALSE(static_cast<bool>(writeOutputFile((Dir / "link.sarif").string(), "new")));
  EXPECT_TRUE(fs::is_symlink(Dir / "link.sarif"));
  EXPECT_EQ(readFile(Dir / "reports" / "real.sarif"), "new");
}

TEST_F(OutputFileTest, StaleReportsAreRemoved) {
  std::ofstream(Dir / "old.sarif") << "old";
  ASSERT_FALSE(static_cast<bool>(removeStaleOutput((Dir / "old.sarif").string())));
  ASSERT_FALSE(static_cast<bool>(removeStaleOutput((Dir / "never-written.sarif").string())));
  ASSERT_FALSE(static_cast<bool>(removeStaleOutput("-")));
  expectOnly({});
}

} // namespace
} // namespace ctxguard
