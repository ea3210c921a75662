// Runs the real `nianbao extract` binary: the documented JSON Lines fields on the seed, sha256 of the
// file, exit codes 0 / 1 (--strict with error findings) / 2 (missing file), --help on every command.
#include <gtest/gtest.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "common/sha256.h"
#include "tests/support/cli_runner.h"
#include "tests/support/gold.h"

namespace nianbao {
namespace {

using nianbao::testing::CliWorkspace;
using nianbao::testing::CommandResult;
using nianbao::testing::fixture_path;
using nianbao::testing::json_lines;
using nianbao::testing::slurp;

class ExtractCli : public ::testing::Test {
 protected:
  CliWorkspace work_;
};

TEST_F(ExtractCli, SeedGivesOneJsonLineWithTheDocumentedFields) {
  std::string seed = fixture_path("seed/fushun-amr-2021.txt");
  CommandResult result = work_.run({"extract", seed});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  auto lines = json_lines(result.out);
  ASSERT_EQ(lines.size(), 1u);
  const nlohmann::json& report = lines[0];
  for (const char* field : {"source", "sha256", "agency", "report_year", "format", "scope", "cells", "findings"}) {
    EXPECT_TRUE(report.contains(field)) << field;
  }
  EXPECT_EQ(report.at("source"), seed);
  std::string sha = report.at("sha256").get<std::string>();
  EXPECT_TRUE(std::regex_match(sha, std::regex("[0-9a-f]{64}"))) << sha;
  EXPECT_EQ(sha, sha256_hex(slurp(seed)));
  EXPECT_EQ(report.at("agency"), "抚顺市市场监督管理局");
  EXPECT_EQ(report.at("report_year"), 2021);
  EXPECT_EQ(report.at("format"), "f2021");
  EXPECT_EQ(report.at("scope"), "own_organ");
  EXPECT_TRUE(report.at("findings").is_array());
  for (const auto& finding : report.at("findings")) EXPECT_NE(finding.at("severity"), "error") << finding.dump();

  // Every cell of the gold is there with the gold's value.
  nlohmann::json gold = nlohmann::json::parse(slurp(fixture_path("seed/fushun-amr-2021.expected.json")));
  const nlohmann::json& cells = report.at("cells");
  EXPECT_EQ(cells.size(), gold.at("cells").size());
  for (const auto& [key, want] : gold.at("cells").items()) {
    ASSERT_TRUE(cells.contains(key)) << key;
    EXPECT_EQ(cells.at(key).at("value"), want) << key;
  }
  // Each cell: value, raw, flags, at{table,row,col}.
  const nlohmann::json& license = cells.at("t2.license.decisions");
  EXPECT_EQ(license.at("value"), 3948);
  EXPECT_EQ(license.at("raw"), "3948");
  EXPECT_TRUE(license.at("flags").is_array());
  for (const char* part : {"table", "row", "col"}) {
    ASSERT_TRUE(license.at("at").contains(part)) << part;
    EXPECT_TRUE(license.at("at").at(part).is_number_integer()) << part;
    EXPECT_GE(license.at("at").at(part).get<int>(), 0) << part;
  }
}

TEST_F(ExtractCli, DerivedReportFindingsAreJsonObjectsWithRuleCellsExpectedActual) {
  CommandResult result = work_.run({"extract", fixture_path("derived/f2021-pipe.txt")});
  ASSERT_EQ(result.exit_code, 0) << result.err;  // error findings alone do not fail without --strict
  auto lines = json_lines(result.out);
  ASSERT_EQ(lines.size(), 1u);
  const nlohmann::json& findings = lines[0].at("findings");
  bool saw_t4 = false;
  for (const auto& finding : findings) {
    for (const char* field : {"rule", "severity", "message", "cells", "expected", "actual"}) {
      EXPECT_TRUE(finding.contains(field)) << field << " in " << finding.dump();
    }
    if (finding.at("rule") == "T4-1") {
      saw_t4 = true;
      EXPECT_EQ(finding.at("severity"), "error");
      EXPECT_EQ(finding.at("cells").at(0), "t4.suit_direct.total");
      EXPECT_EQ(finding.at("expected"), 3);
      EXPECT_EQ(finding.at("actual"), 2);
    }
  }
  EXPECT_TRUE(saw_t4);
  // A placeholder cell: value null, the raw text kept.
  const nlohmann::json& coercion = lines[0].at("cells").at("t2.coercion.decisions");
  EXPECT_TRUE(coercion.at("value").is_null());
  EXPECT_EQ(coercion.at("raw"), "-");
}

TEST_F(ExtractCli, StrictExitsOneOnErrorFindings) {
  CommandResult bad = work_.run({"extract", "--strict", fixture_path("derived/f2021-pipe.txt")});
  EXPECT_EQ(bad.exit_code, 1) << bad.err;
  EXPECT_EQ(json_lines(bad.out).size(), 1u);  // the report is still printed
  CommandResult good = work_.run({"extract", "--strict", fixture_path("seed/fushun-amr-2021.txt")});
  EXPECT_EQ(good.exit_code, 0) << good.err;
}

TEST_F(ExtractCli, MissingFileExitsTwoAndNamesIt) {
  std::string missing = work_.file("no-such-report.txt");
  CommandResult result = work_.run({"extract", missing});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find(missing), std::string::npos) << result.err;
  EXPECT_TRUE(result.out.empty()) << result.out;
}

TEST_F(ExtractCli, SeveralFilesOneLineEachAndTheWorstStatusWins) {
  std::string missing = work_.file("gone.txt");
  CommandResult result = work_.run(
      {"extract", fixture_path("seed/fushun-amr-2021.txt"), missing, fixture_path("derived/f2019-pipe.txt")});
  EXPECT_EQ(result.exit_code, 2);
  auto lines = json_lines(result.out);
  ASSERT_EQ(lines.size(), 2u);  // the good files are still extracted
  EXPECT_EQ(lines[0].at("format"), "f2021");
  EXPECT_EQ(lines[1].at("format"), "f2019");
  EXPECT_EQ(lines[1].at("report_year"), 2020);
  EXPECT_NE(result.err.find(missing), std::string::npos);
}

TEST_F(ExtractCli, UsageErrorsExitTwo) {
  EXPECT_EQ(work_.run({"extract"}).exit_code, 2);  // FILE is required
  EXPECT_EQ(work_.run({"no-such-command"}).exit_code, 2);
  EXPECT_EQ(work_.run({}).exit_code, 2);  // a subcommand is required
  EXPECT_EQ(work_.run({"extract", "--no-such-flag", "x"}).exit_code, 2);
}

TEST_F(ExtractCli, HelpExitsZeroForEverySubcommand) {
  CommandResult top = work_.run({"--help"});
  ASSERT_EQ(top.exit_code, 0);
  // The subcommands the top-level help lists (two-space indent, a name, then its description).
  std::vector<std::string> commands;
  std::istringstream in(top.out);
  std::string line;
  bool in_list = false;
  while (std::getline(in, line)) {
    if (line.rfind("Subcommands:", 0) == 0) {
      in_list = true;
      continue;
    }
    std::smatch match;
    if (in_list && std::regex_search(line, match, std::regex("^  ([a-z][a-z-]*)\\s"))) commands.push_back(match[1]);
  }
  for (const char* required : {"extract", "ingest", "reports", "show"}) {
    EXPECT_NE(std::find(commands.begin(), commands.end(), required), commands.end()) << required;
  }
  for (const std::string& command : commands) {
    CommandResult help = work_.run({command, "--help"});
    EXPECT_EQ(help.exit_code, 0) << command;
    EXPECT_NE(help.out.find("Usage"), std::string::npos) << command;
  }
}

}  // namespace
}  // namespace nianbao
