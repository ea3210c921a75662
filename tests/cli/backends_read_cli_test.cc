// ingest, reports, show, correct, corrections and reextract on PostgreSQL print exactly what they
// print on SQLite: the real binary, once with --db <SQLite file> and once with --db <postgresql URI>.
#include <gtest/gtest.h>

#include <memory>
#include <regex>
#include <string>
#include <vector>

#include "tests/support/backend_database.h"
#include "tests/support/cli_runner.h"

namespace nianbao {
namespace {

using testing::Backend;
using testing::BackendDatabase;
using testing::CliWorkspace;
using testing::CommandResult;

const std::string kFixtures = NIANBAO_FIXTURES_DIR;
const std::vector<std::string> kDocuments = {kFixtures + "/seed/fushun-amr-2021.txt",
                                             kFixtures + "/derived/f2019-pipe.txt",
                                             kFixtures + "/derived/f2021-pipe.txt"};

// The time of a correction is the moment it was made: the one part of an output that differs
// between two runs, whatever the backend.
std::string without_times(const std::string& out) {
  static const std::regex kTime(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z)");
  return std::regex_replace(out, kTime, "<time>");
}

// One SQLite file and one PostgreSQL database, filled and queried by the same commands.
class BackendsReadCli : public ::testing::Test {
 protected:
  void SetUp() override {
    NIANBAO_REQUIRE_BACKEND(Backend::postgresql);
    postgres_ = std::make_unique<BackendDatabase>(Backend::postgresql);
  }

  // `nianbao COMMAND --db <target> ARGS...` on each backend: {SQLite's result, PostgreSQL's}.
  std::pair<CommandResult, CommandResult> run_both(const std::string& command, const std::vector<std::string>& args) {
    auto on = [&](const std::string& target) {
      std::vector<std::string> words = {command, "--db", target};
      words.insert(words.end(), args.begin(), args.end());
      return work_.run(words);
    };
    CommandResult sqlite = on(sqlite_);
    CommandResult postgres = on(postgres_->target());
    return {sqlite, postgres};
  }

  // Runs on both and expects the same exit status and byte-identical stdout; returns the stdout.
  std::string expect_same(const std::string& command, const std::vector<std::string>& args, int exit_code = 0) {
    auto [sqlite, postgres] = run_both(command, args);
    EXPECT_EQ(sqlite.exit_code, exit_code) << command << " on SQLite: " << sqlite.err;
    EXPECT_EQ(postgres.exit_code, exit_code) << command << " on PostgreSQL: " << postgres.err;
    EXPECT_EQ(postgres.out, sqlite.out) << command << " printed differently on PostgreSQL";
    return sqlite.out;
  }

  void ingest_documents() {
    std::vector<std::string> args = {"--jobs", "2"};
    args.insert(args.end(), kDocuments.begin(), kDocuments.end());
    std::string out = expect_same("ingest", args);
    ASSERT_EQ(testing::lines_of(out).size(), kDocuments.size()) << out;
  }

  CliWorkspace work_;
  std::string sqlite_ = work_.file("n.sqlite");
  std::unique_ptr<BackendDatabase> postgres_;
};

TEST_F(BackendsReadCli, IngestPrintsTheSameAndStoresOnceOnBoth) {
  ingest_documents();
  std::string again = expect_same("ingest", {kDocuments[0]});
  EXPECT_NE(again.find("already stored"), std::string::npos) << again;
  // A seeded ingest (agency, region code, level) of a new copy of the same bytes.
  std::string seeded = expect_same("ingest", {"--agency", "抚顺市市场监督管理局", "--region-code", "210400", "--level",
                                              "city", "--strict", kDocuments[2]},
                                   1);  // --strict: the stored report has error findings
  EXPECT_NE(seeded.find("already stored"), std::string::npos) << seeded;
}

TEST_F(BackendsReadCli, ReportsListsTheSameTableAndJson) {
  ingest_documents();
  std::string table = expect_same("reports", {});
  EXPECT_EQ(testing::lines_of(table).size(), 1 + kDocuments.size()) << table;  // header and one line each
  std::string json = expect_same("reports", {"--json"});
  EXPECT_EQ(testing::json_lines(json).size(), kDocuments.size()) << json;
}

TEST_F(BackendsReadCli, ShowPrintsTheSameCellsWithFiltersAndSources) {
  ingest_documents();
  std::string all = expect_same("show", {});
  EXPECT_NE(all.find("表三"), std::string::npos) << all;
  std::string filtered = expect_same("show", {"--agency", "抚顺", "--year", "2021", "--source"});
  EXPECT_NE(filtered.find("@"), std::string::npos) << filtered;
  expect_same("show", {"--year", "2019"});
  std::string none = expect_same("show", {"--agency", "没有这个机关"});
  EXPECT_EQ(none, "");
}

TEST_F(BackendsReadCli, CorrectAndCorrectionsPrintTheSame) {
  ingest_documents();
  std::string json = expect_same("reports", {"--json"});
  std::string report_id = std::to_string(testing::json_lines(json).at(0)["report_id"].get<int64_t>());
  expect_same("correct", {"--report", report_id, "--key", "t3.new_received.total", "--value", "12", "--reason",
                          "the HTML copy prints 12", "--by", "tester"});
  expect_same("correct", {"--report", report_id, "--key", "t3.new_received.total", "--value", "13", "--reason",
                          "no: 13", "--by", "tester"});
  expect_same("correct", {"--report", report_id, "--key", "t4.review.total", "--blank", "--reason", "blank in print",
                          "--by", "tester"});
  // Refusals: an unknown report, an unknown key (stderr names the database, so only stdout is compared).
  expect_same("correct", {"--report", "9999", "--key", "t4.review.total", "--value", "1", "--reason", "x", "--by", "t"}, 2);
  expect_same("correct", {"--report", report_id, "--key", "t9.nothing", "--value", "1", "--reason", "x", "--by", "t"}, 2);

  for (const std::vector<std::string>& args :
       {std::vector<std::string>{}, {"--json"}, {"--report", report_id}, {"--report", "9999", "--json"}}) {
    auto [sqlite, postgres] = run_both("corrections", args);
    ASSERT_EQ(sqlite.exit_code, 0) << sqlite.err;
    ASSERT_EQ(postgres.exit_code, 0) << postgres.err;
    EXPECT_EQ(without_times(postgres.out), without_times(sqlite.out));
  }
  auto [sqlite, postgres] = run_both("corrections", {"--json"});
  auto listed = testing::json_lines(postgres.out);
  ASSERT_EQ(listed.size(), 3u) << postgres.out;
  EXPECT_EQ(listed[1]["in_force"], true);
  EXPECT_EQ(listed[0]["in_force"], false);
}

TEST_F(BackendsReadCli, ReextractPrintsTheSameAndLeavesTheSameReports) {
  ingest_documents();
  std::string json = expect_same("reports", {"--json"});
  std::string report_id = std::to_string(testing::json_lines(json).at(0)["report_id"].get<int64_t>());
  expect_same("correct", {"--report", report_id, "--key", "t3.new_received.total", "--value", "12", "--reason", "r",
                          "--by", "tester"});
  expect_same("reextract", {});
  std::string all = expect_same("reextract", {"--all"});
  EXPECT_FALSE(all.empty());
  expect_same("reports", {"--json"});
  expect_same("show", {"--source"});
  auto [sqlite, postgres] = run_both("corrections", {"--json"});
  EXPECT_EQ(without_times(postgres.out), without_times(sqlite.out));
  EXPECT_EQ(testing::json_lines(postgres.out).size(), 1u);
}

}  // namespace
}  // namespace nianbao
