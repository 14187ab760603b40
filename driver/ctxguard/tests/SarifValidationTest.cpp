//===--- SarifValidationTest.cpp - ctxguard -------------------------------===//
//
// Validates every SARIF file the driver's tests wrote with Microsoft's SARIF
// multitool, with the SARIF and GitHub rule sets. The multitool exits 0 even
// when it finds problems, so its own SARIF output is read: any error or
// warning fails the test (notes are advice, not defects).
//
//===----------------------------------------------------------------------===//

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>

namespace fs = std::filesystem;

namespace {

TEST(SarifValidation, EveryProducedSarifPassesTheMultitool) {
  fs::path Tool = fs::path(CTXGUARD_TOOLS_DIR) / "node_modules" / ".bin" / "sarif-multitool";
  ASSERT_TRUE(fs::exists(Tool)) << "run scripts/setup.sh (npm ci --prefix tools)";
  std::vector<std::string> Files;
  for (const fs::directory_entry &Entry : fs::directory_iterator(CTXGUARD_SARIF_OUT))
    if (Entry.path().extension() == ".sarif")
      Files.push_back(Entry.path().string());
  ASSERT_GE(Files.size(), 10u) << "the SARIF-producing tests did not run";

  // In this build tree (not /tmp): other trees may validate at the same time.
  fs::path Report = fs::path(CTXGUARD_SARIF_OUT).parent_path() / "multitool-report.sarif";
  fs::remove(Report);
  std::string Command =
      "npx --prefix '" + std::string(CTXGUARD_TOOLS_DIR) + "' sarif-multitool validate";
  for (const std::string &File : Files)
    Command += " '" + File + "'";
  Command += " --rule-kind Sarif Gh -o '" + Report.string() + "' >/dev/null 2>&1";
  ASSERT_EQ(std::system(Command.c_str()), 0) << Command;

  std::ifstream In(Report);
  nlohmann::json Log = nlohmann::json::parse(In);
  size_t Problems = 0;
  for (const nlohmann::json &Run : Log["runs"])
    for (const nlohmann::json &Result : Run.value("results", nlohmann::json::array())) {
      std::string Level = Result.value("level", "warning"); // SARIF's default level
      if (Level != "error" && Level != "warning")
        continue;
      ++Problems;
      ADD_FAILURE() << Level << " " << Result.value("ruleId", "") << " in "
                    << Result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] << ": "
                    << Result["message"].dump();
    }
  EXPECT_EQ(Problems, 0u) << Files.size() << " files validated";
}

} // namespace
