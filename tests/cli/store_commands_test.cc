// End-to-end tests of `nianbao ingest`, `reports` and `show` on the fixtures: the real binary writes
// a real database (SQLite file or PostgreSQL), read back through the store and through the commands.
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <sstream>
#include <nlohmann/json.hpp>

#include "cli/text_table.h"
#include "common/sha256.h"
#include "store/database.h"
#include "tests/support/backend_database.h"
#include "tests/support/cli_runner.h"
#include "tests/support/gold.h"

namespace nianbao {
namespace {

using nianbao::testing::CliWorkspace;
using nianbao::testing::CommandResult;
using nianbao::testing::fixture_path;
using nianbao::testing::lines_of;
using nianbao::testing::slurp;
using nianbao::testing::Backend;
using nianbao::testing::BackendDatabase;

class StoreCommands : public ::testing::TestWithParam<Backend> {};


const std::string kSeed = "seed/fushun-amr-2021.txt";
const std::string kDerived2019 = "derived/f2019-pipe.txt";  // 2 planted error findings
const std::string kDerived2021 = "derived/f2021-pipe.txt";  // 3 planted error findings, blanks, 12.5634 万元

std::string file_bytes(const std::string& path) { return slurp(path); }

std::vector<std::string> words_of(const std::string& line) {
  std::istringstream in(line);
  std::vector<std::string> words;
  for (std::string word; in >> word;) words.push_back(word);
  return words;
}

TEST_P(StoreCommands, IngestTwiceStoresTheDocumentOnce) {
  NIANBAO_REQUIRE_BACKEND(GetParam());
  CliWorkspace work;
  BackendDatabase target(GetParam());
  std::string db = target.target();
  CommandResult first = work.run({"ingest", "--db", db, fixture_path(kSeed)});
  ASSERT_EQ(first.exit_code, 0) << first.err;
  std::string sha = sha256_hex(file_bytes(fixture_path(kSeed)));
  EXPECT_EQ(first.out, fixture_path(kSeed) + ": stored (sha256 " + sha.substr(0, 12) +
                           "), 1 report, findings: 0 error, 0 warning, 0 info\n");

  CommandResult second = work.run({"ingest", "--db", db, fixture_path(kSeed)});
  ASSERT_EQ(second.exit_code, 0) << second.err;
  EXPECT_EQ(second.out.rfind(fixture_path(kSeed) + ": already stored (sha256 " + sha.substr(0, 12) + "), 1 report", 0), 0u)
      << second.out;

  store::Database stored(db, store::OpenMode::existing);
  auto reports = stored.reports();
  ASSERT_EQ(reports.size(), 1u);
  EXPECT_EQ(reports[0].sha256, sha);
  EXPECT_EQ(reports[0].agency, "抚顺市市场监督管理局");
  EXPECT_EQ(stored.document_bytes(sha), file_bytes(fixture_path(kSeed)));
}

TEST_P(StoreCommands, IngestedCellsEqualTheExpectedValuesIncludingBlanksAndDecimals) {
  NIANBAO_REQUIRE_BACKEND(GetParam());
  CliWorkspace work;
  BackendDatabase target(GetParam());
  std::string db = target.target();
  ASSERT_EQ(work.run({"ingest", "--db", db, fixture_path(kDerived2021)}).exit_code, 0);
  auto expected = nlohmann::json::parse(file_bytes(fixture_path("derived/f2021-pipe.expected.json")));

  store::Database stored(db, store::OpenMode::existing);
  auto loaded = stored.load_reports();
  ASSERT_EQ(loaded.size(), 1u);
  const Report& report = loaded[0].second;
  EXPECT_EQ(report.agency, expected["agency"].get<std::string>());
  EXPECT_EQ(report.report_year, expected["report_year"].get<int>());
  EXPECT_EQ(report.format, Format::f2021);
  ASSERT_EQ(expected["cells"].size(), 200u);
  for (const auto& [key, value] : expected["cells"].items()) {
    SCOPED_TRACE(key);
    ASSERT_TRUE(report.cells.count(key));
    const Cell& cell = report.cells.at(key);
    if (value.is_null()) {
      EXPECT_FALSE(cell.value.has_value());
    } else {
      ASSERT_TRUE(cell.value.has_value());
      EXPECT_EQ(cell.value->value, value.get<double>());
    }
    EXPECT_GE(cell.at.table, 0);  // every cell keeps its source location
  }
  EXPECT_EQ(loaded[0].first.errors, 3);
}

TEST_P(StoreCommands, AnUnreadableFileIsReportedAndTheOthersAreStillStored) {
  NIANBAO_REQUIRE_BACKEND(GetParam());
  CliWorkspace work;
  BackendDatabase target(GetParam());
  std::string db = target.target();
  std::string missing = work.file("no-such-report.txt");
  CommandResult result = work.run({"ingest", "--db", db, missing, fixture_path(kSeed), fixture_path("seed")});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find("cannot read " + missing + ": No such file or directory"), std::string::npos) << result.err;
  EXPECT_NE(result.err.find("cannot read " + fixture_path("seed") + ": is a directory"), std::string::npos) << result.err;
  EXPECT_NE(result.out.find(fixture_path(kSeed) + ": stored"), std::string::npos) << result.out;
  EXPECT_EQ(store::Database(db).reports().size(), 1u);
}

TEST_P(StoreCommands, UndecodableBytesAreNotStoredAndGiveStatus2) {
  NIANBAO_REQUIRE_BACKEND(GetParam());
  CliWorkspace work;
  BackendDatabase target(GetParam());
  std::string db = target.target();
  std::string empty = work.file("empty.txt");
  std::ofstream(empty).close();
  CommandResult result = work.run({"ingest", "--db", db, empty});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find(empty), std::string::npos) << result.err;
  EXPECT_EQ(result.out, "");
}

TEST_P(StoreCommands, StrictTurnsErrorFindingsIntoStatus1) {
  NIANBAO_REQUIRE_BACKEND(GetParam());
  CliWorkspace work;
  BackendDatabase target(GetParam());
  std::string db = target.target();
  CommandResult lenient = work.run({"ingest", "--db", db, fixture_path(kDerived2019)});
  EXPECT_EQ(lenient.exit_code, 0) << lenient.err;
  EXPECT_NE(lenient.out.find("findings: 2 error"), std::string::npos) << lenient.out;
  EXPECT_EQ(work.run({"ingest", "--strict", "--db", db, fixture_path(kDerived2019)}).exit_code, 1);
  EXPECT_EQ(work.run({"ingest", "--strict", "--db", db, fixture_path(kSeed)}).exit_code, 0);
}

TEST_P(StoreCommands, ReportsListsEveryStoredReportAsTableAndJsonLines) {
  NIANBAO_REQUIRE_BACKEND(GetParam());
  CliWorkspace work;
  BackendDatabase target(GetParam());
  std::string db = target.target();
  ASSERT_EQ(work.run({"ingest", "--db", db, fixture_path(kSeed), fixture_path(kDerived2019), fixture_path(kDerived2021)}).exit_code, 0);

  CommandResult json = work.run({"reports", "--db", db, "--json"});
  ASSERT_EQ(json.exit_code, 0) << json.err;
  std::vector<std::string> lines = lines_of(json.out);
  ASSERT_EQ(lines.size(), 3u) << json.out;
  std::map<std::string, nlohmann::json> by_source;
  for (const auto& line : lines) {
    auto object = nlohmann::json::parse(line);
    by_source[object["source"].get<std::string>()] = object;
  }
  const auto& old_format = by_source.at(fixture_path(kDerived2019));
  EXPECT_EQ(old_format["agency"], "抚顺市自然资源局");
  EXPECT_EQ(old_format["report_year"], 2020);
  EXPECT_EQ(old_format["format"], "f2019");
  EXPECT_EQ(old_format["scope"], "own_organ");
  EXPECT_EQ(old_format["sha256"], sha256_hex(file_bytes(fixture_path(kDerived2019))));
  EXPECT_EQ(old_format["findings"]["error"], 2);
  EXPECT_EQ(by_source.at(fixture_path(kDerived2021))["findings"]["error"], 3);
  EXPECT_EQ(by_source.at(fixture_path(kSeed))["findings"]["error"], 0);

  CommandResult table = work.run({"reports", "--db", db});
  ASSERT_EQ(table.exit_code, 0) << table.err;
  lines = lines_of(table.out);
  ASSERT_EQ(lines.size(), 4u) << table.out;
  EXPECT_EQ(lines[0].rfind("ID  AGENCY", 0), 0u) << lines[0];
  std::string sha_prefix = sha256_hex(file_bytes(fixture_path(kDerived2019))).substr(0, 12);
  std::vector<std::string> expected_row = {"抚顺市自然资源局", "2020", "f2019", "own_organ", "2", "0", "0",
                                           sha_prefix, fixture_path(kDerived2019)};
  bool found = false;
  for (const auto& line : lines) {
    std::vector<std::string> words = words_of(line);
    if (words.size() == 10 && std::vector<std::string>(words.begin() + 1, words.end()) == expected_row) found = true;
  }
  EXPECT_TRUE(found) << table.out;
  // Columns line up on screen: YEAR starts at the same display column in every row (CJK = 2).
  int year_column = cli::display_width(lines[0].substr(0, lines[0].find("YEAR")));
  for (size_t i = 1; i < lines.size(); ++i) {
    EXPECT_EQ(cli::display_width(lines[i].substr(0, lines[i].find("  20") + 2)), year_column) << lines[i];
  }
}

// SQLite only: a missing file (a PostgreSQL database is never created by these commands either).
TEST(StoreCommandsSqlite, ReportsAndShowRefuseAMissingDatabaseWithoutCreatingIt) {
  CliWorkspace work;
  std::string db = work.file("absent.sqlite");
  for (const char* command : {"reports", "show"}) {
    CommandResult result = work.run({command, "--db", db});
    EXPECT_EQ(result.exit_code, 2) << command;
    EXPECT_NE(result.err.find(db), std::string::npos) << result.err;
  }
  EXPECT_FALSE(std::filesystem::exists(db));
}

TEST_P(StoreCommands, ShowPrintsTheOfficialLayout) {
  NIANBAO_REQUIRE_BACKEND(GetParam());
  CliWorkspace work;
  BackendDatabase target(GetParam());
  std::string db = target.target();
  ASSERT_EQ(work.run({"ingest", "--db", db, fixture_path(kSeed), fixture_path(kDerived2021)}).exit_code, 0);
  CommandResult shown = work.run({"show", "--db", db, "--agency", "市场监督"});
  ASSERT_EQ(shown.exit_code, 0) << shown.err;
  const std::string& out = shown.out;
  EXPECT_NE(out.find("== 抚顺市市场监督管理局 · 2021年 · f2021 · own_organ =="), std::string::npos) << out;
  EXPECT_EQ(out.find("抚顺市生态环境局"), std::string::npos) << "the agency filter let another report through";
  EXPECT_NE(out.find("第二十条第（一）项\n信息内容        本年制发件数  本年废止件数  现行有效件数\n"
                     "规章                       0             0             0\n"
                     "行政规范性文件             2             0             2\n"),
            std::string::npos)
      << out;
  EXPECT_NE(out.find("行政许可              3948\n"), std::string::npos) << out;
  // Table 三: the seven applicant columns, group headings as merged labels, then 表四's three groups.
  EXPECT_NE(out.find("自然人  商业企业  科研机构  社会公益组织  法律服务机构  其他  总计"), std::string::npos);
  for (const char* label : {"三、本年度办理结果", "  （三）不予公开", "    8.属于行政查询事项", "  （六）其他处理",
                            "  （七）总计", "四、结转下年度继续办理", "行政复议", "行政诉讼·复议后起诉"}) {
    EXPECT_NE(out.find(std::string("\n") + label), std::string::npos) << label;
  }
  EXPECT_LT(out.find("表二"), out.find("表三"));
  EXPECT_LT(out.find("表三"), out.find("表四"));
}

TEST_P(StoreCommands, ShowMarksBlanksAndSourcesAndFiltersByYear) {
  NIANBAO_REQUIRE_BACKEND(GetParam());
  CliWorkspace work;
  BackendDatabase target(GetParam());
  std::string db = target.target();
  ASSERT_EQ(work.run({"ingest", "--db", db, fixture_path(kSeed), fixture_path(kDerived2019)}).exit_code, 0);
  CommandResult shown = work.run({"show", "--db", db, "--year", "2020", "--source"});
  ASSERT_EQ(shown.exit_code, 0) << shown.err;
  EXPECT_NE(shown.out.find("抚顺市自然资源局"), std::string::npos);
  EXPECT_EQ(shown.out.find("抚顺市市场监督管理局"), std::string::npos) << "the year filter let 2021 through";
  // 行政强制: 6 | 0 | - → the placeholder prints as —, each value with its table/row/col.
  EXPECT_NE(shown.out.find("行政强制       6 @0/11/1    0 @0/11/2     — @0/11/3"), std::string::npos) << shown.out;
  EXPECT_NE(shown.out.find("T4-1  error"), std::string::npos) << shown.out;

  CommandResult none = work.run({"show", "--db", db, "--year", "1999"});
  EXPECT_EQ(none.exit_code, 0);
  EXPECT_EQ(none.out, "");
  EXPECT_NE(none.err.find("no stored report matches"), std::string::npos);
}

TEST(StoreCommandsUsage, EveryCommandHasHelpAndUsageErrorsGiveStatus2) {
  CliWorkspace work;
  for (const char* command : {"ingest", "reports", "show"}) {
    CommandResult help = work.run({command, "--help"});
    EXPECT_EQ(help.exit_code, 0) << command;
    EXPECT_NE(help.out.find("--db"), std::string::npos) << command << help.out;
    EXPECT_NE(help.out.find("Exit status"), std::string::npos) << command << help.out;
    EXPECT_EQ(work.run({command}).exit_code, 2) << command << " without --db";
  }
  EXPECT_EQ(work.run({"ingest", "--db", work.file("db.sqlite")}).exit_code, 2) << "ingest without files";
  EXPECT_EQ(work.run({"show", "--db", work.file("db.sqlite"), "--year", "twenty"}).exit_code, 2);
}

INSTANTIATE_TEST_SUITE_P(Backends, StoreCommands, NIANBAO_BOTH_BACKENDS);

}  // namespace
}  // namespace nianbao
