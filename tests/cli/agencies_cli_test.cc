// `nianbao agencies import|list|unmatched` with the real binary: the 上海市科委 report and the
// crawled 上海市科学技术委员会 page join one agency once the alias is imported; CSV details; bad rows;
// on both backends (--db an SQLite file or a postgresql:// URI).
#include <gtest/gtest.h>

#include <cstddef>
#include <fstream>
#include <nlohmann/json.hpp>

#include "cli/csv_reader.h"
#include "tests/support/backend_database.h"
#include "tests/support/cli_runner.h"
#include "tests/support/gold.h"

namespace nianbao {
namespace {

using nianbao::testing::CliWorkspace;
using nianbao::testing::CommandResult;
using nianbao::testing::fixture_path;
using nianbao::testing::json_lines;
using nianbao::testing::lines_of;

// The markdown made from the official PDF (prints 上海市科委) and the portal page carrying the same
// report as crawled (prints 上海市科学技术委员会).
const std::string kStcsmMarkdown = "real/kirogovcompare/shanghai-stcsm-2024-source.md";
const std::string kStcsmPage = "portal/site/hanweb/art/2025/1/15/art_1229_5009.html";
const std::string kSources = "portal/sources.csv";
const std::string kWithoutAlias = "agencies/stcsm-without-alias.csv";  // the full name only
const std::string kWithAlias = "agencies/stcsm-with-alias.csv";        // plus the alias 上海市科委

void write_file(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary);
  out << bytes;
}

// Rows of a read-only query on either backend, each row's columns joined by '|' (NULL as "").
std::vector<std::string> query_rows(const std::string& database, const std::string& sql) {
  return nianbao::testing::backend_rows(database, sql);
}

class AgenciesCli : public ::testing::TestWithParam<nianbao::testing::Backend> {};

std::string printed_agency(const CliWorkspace& work, const std::string& fixture) {
  CommandResult extracted = work.run({"extract", fixture_path(fixture)});
  EXPECT_EQ(extracted.exit_code, 0) << extracted.err;
  std::vector<nlohmann::json> reports = json_lines(extracted.out);
  return reports.size() == 1 ? reports[0]["agency"].get<std::string>() : "";
}

TEST_P(AgenciesCli, AnAliasJoinsTheShortNameReportToTheRegisteredAgency) {
  NIANBAO_REQUIRE_BACKEND(GetParam());
  CliWorkspace work;
  ASSERT_EQ(printed_agency(work, kStcsmMarkdown), "上海市科委");
  ASSERT_EQ(printed_agency(work, kStcsmPage), "上海市科学技术委员会");
  nianbao::testing::BackendDatabase database(GetParam());
  std::string db = database.target();
  CommandResult ingested = work.run({"ingest", "--db", db, fixture_path(kStcsmMarkdown), fixture_path(kStcsmPage)});
  ASSERT_EQ(ingested.exit_code, 0) << ingested.err;
  std::vector<std::string> report_ids = query_rows(db, "SELECT id FROM reports ORDER BY agency");  // 上海市科委 first
  ASSERT_EQ(report_ids.size(), 2u);

  // The registry knows the full name only: the short name stays unmatched, with its report.
  CommandResult first = work.run({"agencies", "import", "--db", db, fixture_path(kWithoutAlias)});
  ASSERT_EQ(first.exit_code, 0) << first.err;
  EXPECT_EQ(lines_of(first.out)[0], fixture_path(kWithoutAlias) + ": 1 agency added, 0 updated, 0 unchanged; 0 aliases added; "
                                                            "0 predecessor links added");
  EXPECT_EQ(lines_of(first.out)[1], "reports: 1 linked, 1 unmatched, 0 ambiguous; 1 agency with changed reports refreshed");
  CommandResult unmatched = work.run({"agencies", "unmatched", "--db", db, "--format", "json"});
  ASSERT_EQ(unmatched.exit_code, 0) << unmatched.err;
  nlohmann::json names = nlohmann::json::parse(unmatched.out);
  ASSERT_EQ(names.size(), 1u);
  EXPECT_EQ(names[0]["printed_name"], "上海市科委");
  EXPECT_EQ(names[0]["match"], "unmatched");
  EXPECT_EQ(names[0]["report_ids"], nlohmann::json::array({std::stoll(report_ids[0])}));
  EXPECT_EQ(names[0]["years"], nlohmann::json::array({2024}));
  EXPECT_EQ(names[0]["sources"], nlohmann::json::array({fixture_path(kStcsmMarkdown)}));
  CommandResult text = work.run({"agencies", "unmatched", "--db", db});
  ASSERT_EQ(lines_of(text.out).size(), 2u) << text.out;
  EXPECT_EQ(lines_of(text.out)[1].rfind("上海市科委  unmatched  -           " + report_ids[0] + "           2024   ", 0), 0u)
      << text.out;

  // The same agency again with the short name as an alias: both reports on one agency.
  CommandResult second = work.run({"agencies", "import", "--db", db, fixture_path(kWithAlias)});
  ASSERT_EQ(second.exit_code, 0) << second.err;
  EXPECT_EQ(lines_of(second.out)[0], fixture_path(kWithAlias) + ": 0 agencies added, 1 updated, 0 unchanged; 1 alias added; "
                                                              "0 predecessor links added");
  EXPECT_EQ(lines_of(second.out)[1], "reports: 2 linked, 0 unmatched, 0 ambiguous; 1 agency with changed reports refreshed");
  std::vector<std::string> links =
      query_rows(db, "SELECT r.agency, a.name, r.agency_match FROM reports r JOIN agencies a ON a.id = r.agency_id "
                     "ORDER BY r.agency");
  EXPECT_EQ(links, (std::vector<std::string>{"上海市科委|上海市科学技术委员会|alias",
                                             "上海市科学技术委员会|上海市科学技术委员会|exact"}));
  EXPECT_EQ(query_rows(db, "SELECT count(DISTINCT agency_id) FROM reports"), std::vector<std::string>{"1"});
  unmatched = work.run({"agencies", "unmatched", "--db", db, "--format", "json"});
  EXPECT_EQ(nlohmann::json::parse(unmatched.out), nlohmann::json::array());
  CommandResult listed = work.run({"agencies", "list", "--db", db, "--format", "csv"});
  ASSERT_EQ(listed.exit_code, 0) << listed.err;
  EXPECT_EQ(listed.out, "\xEF\xBB\xBFid,name,region_code,level,parent,since,until,aliases,reports\r\n"
                        "1,上海市科学技术委员会,310000,province,,,,上海市科委,2\r\n");
}

TEST_P(AgenciesCli, TheCrawlSourcesFileImportsAsIsAndTwiceChangesNothing) {
  NIANBAO_REQUIRE_BACKEND(GetParam());
  CliWorkspace work;
  nianbao::testing::BackendDatabase database(GetParam());
  std::string db = database.target();
  CommandResult first = work.run({"agencies", "import", "--db", db, fixture_path(kSources)});
  ASSERT_EQ(first.exit_code, 0) << first.err;
  EXPECT_EQ(lines_of(first.out)[0].substr(fixture_path(kSources).size()),
            ": 3 agencies added, 0 updated, 0 unchanged; 0 aliases added; 0 predecessor links added");
  std::vector<std::string> before = query_rows(db, "SELECT * FROM agencies ORDER BY id");
  CommandResult second = work.run({"agencies", "import", "--db", db, fixture_path(kSources)});
  ASSERT_EQ(second.exit_code, 0) << second.err;
  EXPECT_EQ(lines_of(second.out)[0].substr(fixture_path(kSources).size()),
            ": 0 agencies added, 0 updated, 3 unchanged; 0 aliases added; 0 predecessor links added");
  EXPECT_EQ(query_rows(db, "SELECT * FROM agencies ORDER BY id"), before);
  CommandResult listed = work.run({"agencies", "list", "--db", db});
  ASSERT_EQ(listed.exit_code, 0) << listed.err;
  std::vector<std::string> lines = lines_of(listed.out);
  ASSERT_EQ(lines.size(), 4u) << listed.out;
  EXPECT_EQ(lines[0], "ID  NAME                  REGION  LEVEL   PARENT  ALIASES  REPORTS");
  EXPECT_EQ(lines[1], "3   演示门户（大汉版式）  000000  demo    -       -        0");
  EXPECT_EQ(lines[2], "2   淮安市洪泽区人民政府  320813  county  -       -        0");
  EXPECT_EQ(lines[3], "1   平潭综合实验区        350128  county  -       -        0");
}

TEST_P(AgenciesCli, ReadsBomCrlfQuotedFieldsParentsAndPredecessors) {
  NIANBAO_REQUIRE_BACKEND(GetParam());
  CliWorkspace work;
  nianbao::testing::BackendDatabase database(GetParam());
  std::string db = database.target();
  write_file(work.file("registry.csv"),
             "\xEF\xBB\xBF" "Name,Region_Code,level,parent,since,until,aliases,predecessors\r\n"
             "\"上海市科学技术委员会\",310000,province,上海市人民政府,2018-10,,"
             "\"上海市科委|上海市科学技术委员会,上海市外国专家局|\"\"市科委\"\"\",上海市科学技术委员会（旧）\r\n"
             "上海市人民政府,310000,province,,,,上海市政府,\r\n"
             "\r\n"
             "# a comment line\r\n"
             "上海市科学技术委员会（旧）,310000,province,上海市人民政府,,2018-10,,\r\n");
  CommandResult imported = work.run({"agencies", "import", "--db", db, work.file("registry.csv")});
  ASSERT_EQ(imported.exit_code, 0) << imported.err;
  EXPECT_EQ(lines_of(imported.out)[0], work.file("registry.csv") + ": 3 agencies added, 0 updated, 0 unchanged; "
                                                                   "3 aliases added; 1 predecessor link added");
  CommandResult listed = work.run({"agencies", "list", "--db", db, "--format", "csv"});
  ASSERT_EQ(listed.exit_code, 0) << listed.err;
  EXPECT_EQ(listed.out, "\xEF\xBB\xBFid,name,region_code,level,parent,since,until,aliases,reports\r\n"
                        "2,上海市人民政府,310000,province,,,,,0\r\n"
                        "1,上海市科学技术委员会,310000,province,上海市人民政府,2018-10,,"
                        "\"\"\"市科委\"\"|上海市科委|上海市科学技术委员会,上海市外国专家局\",0\r\n"
                        "3,上海市科学技术委员会（旧）,310000,province,上海市人民政府,,2018-10,,0\r\n");
  EXPECT_EQ(query_rows(db, "SELECT predecessor_id, successor_id, effective FROM agency_succession"),
            std::vector<std::string>{"3|1|2018-10"});
}

// A bad file exits 2 naming file and line ({file} in `message`: the file), and leaves the database as it was.
void expect_refused(nianbao::testing::Backend backend, const std::string& csv, const std::string& message) {
  CliWorkspace work;
  nianbao::testing::BackendDatabase database(backend);
  std::string db = database.target();
  ASSERT_EQ(work.run({"agencies", "import", "--db", db, fixture_path(kSources)}).exit_code, 0);
  write_file(work.file("bad.csv"), csv);
  CommandResult refused = work.run({"agencies", "import", "--db", db, work.file("bad.csv")});
  EXPECT_EQ(refused.exit_code, 2) << refused.out;
  std::string expected = message;
  for (size_t at = expected.find("{file}"); at != std::string::npos; at = expected.find("{file}"))
    expected.replace(at, 6, work.file("bad.csv"));
  EXPECT_EQ(refused.err, "nianbao agencies import: " + work.file("bad.csv") + expected + " (nothing imported)\n");
  EXPECT_EQ(query_rows(db, "SELECT count(*) FROM agencies"), std::vector<std::string>{"3"});
  EXPECT_EQ(query_rows(db, "SELECT count(*) FROM agency_aliases"), std::vector<std::string>{"0"});
}

TEST_P(AgenciesCli, BadRowsExitTwoWithFileAndLineAndImportNothing) {
  NIANBAO_REQUIRE_BACKEND(GetParam());
  const std::string header = "agency,region_code,level,aliases,parent\n";
  const std::string good = "上海市科学技术委员会,310000,province,上海市科委,\n";
  expect_refused(GetParam(), header + good + "平潭综合实验区公安局,350128,county,,福建省公安厅\n",
                 ":3: unknown parent '福建省公安厅' (not in this file nor in the registry)");
  expect_refused(GetParam(), header + good + "平潭综合实验区公安局,350128,county\n", ":3: 3 fields, the header has 5");
  expect_refused(GetParam(), header + good + "平潭综合实验区公安局,35-01-28,county,,\n", ":3: region_code '35-01-28' is not digits");
  expect_refused(GetParam(), header + good + "\"平潭综合实验区公安局,350128,county,,\n", ":3: a quoted field is not closed (record starting on line 3)");
  expect_refused(GetParam(), header + good + "\"平潭\"公安局,350128,county,,\n", ":3: text after the closing quote of a field");
  expect_refused(GetParam(), header + good + good, ":3: agency '上海市科学技术委员会' with region_code '310000' is already defined at {file}:2");
  expect_refused(GetParam(), "agency,region,level\n", ":1: unknown column 'region' (known: agency or name, region_code, level, url, "
                                          "parent, since, until, aliases, predecessors)");
  expect_refused(GetParam(), "name,agency,region_code\n", ":1: column 'agency' appears twice");
  expect_refused(GetParam(), "level,region_code\n", ":1: the header has no 'agency' (or 'name') column");
  expect_refused(GetParam(), "", ":1: empty file (a header row is required)");
}

TEST(AgenciesCsvReader, QuotedLineBreaksKeepTheLineNumbersOfLaterRecords) {
  cli::CsvTable table = cli::parse_csv("\xEF\xBB\xBF" "agency,aliases\r\n"
                                       "\"上海市科学技术委员会\",\"上海市科委|\r\n市科委\"\r\n"
                                       "  平潭综合实验区 , \r\n",
                                       "x.csv");
  EXPECT_EQ(table.header, (std::vector<std::string>{"agency", "aliases"}));
  ASSERT_EQ(table.records.size(), 2u);
  EXPECT_EQ(table.records[0].line, 2);
  EXPECT_EQ(table.records[0].fields, (std::vector<std::string>{"上海市科学技术委员会", "上海市科委|\r\n市科委"}));
  EXPECT_EQ(table.records[1].line, 4);
  EXPECT_EQ(table.records[1].fields, (std::vector<std::string>{"平潭综合实验区", ""}));
  EXPECT_THROW(cli::parse_csv("agency\n\n\"平潭", "x.csv"), cli::CsvError);
}

// The same commands on both backends print the same, byte for byte: import, list and unmatched in
// every format, before and after an alias joins the short name to the agency.
TEST(AgenciesCliBackends, PostgreSqlPrintsByteForByteWhatSqlitePrints) {
  NIANBAO_REQUIRE_BACKEND(nianbao::testing::Backend::postgresql);
  CliWorkspace work;
  nianbao::testing::BackendDatabase sqlite(nianbao::testing::Backend::sqlite);
  nianbao::testing::BackendDatabase postgresql(nianbao::testing::Backend::postgresql);
  std::vector<std::vector<std::string>> steps = {
      {"ingest", fixture_path(kStcsmMarkdown), fixture_path(kStcsmPage)},
      {"agencies", "import", fixture_path(kWithoutAlias)},
      {"agencies", "list"},
      {"agencies", "list", "--format", "csv"},
      {"agencies", "unmatched"},
      {"agencies", "unmatched", "--format", "csv"},
      {"agencies", "unmatched", "--format", "json"},
      {"agencies", "import", fixture_path(kWithAlias)},
      {"agencies", "import", fixture_path(kSources)},
      {"agencies", "list"},
      {"agencies", "list", "--format", "csv"},
      {"agencies", "unmatched", "--format", "json"},
  };
  for (const std::vector<std::string>& step : steps) {
    // The subcommand's words, then --db, then the rest.
    size_t words = step[0] == "ingest" ? 1 : 2;
    auto command = [&](const std::string& db) {
      std::vector<std::string> args(step.begin(), step.begin() + static_cast<std::ptrdiff_t>(words));
      args.push_back("--db");
      args.push_back(db);
      args.insert(args.end(), step.begin() + static_cast<std::ptrdiff_t>(words), step.end());
      return args;
    };
    CommandResult from_sqlite = work.run(command(sqlite.target()));
    CommandResult from_postgresql = work.run(command(postgresql.target()));
    std::string name = step[0] + " " + step[1] + (step.size() > 2 ? " " + step[2] : "");
    ASSERT_EQ(from_sqlite.exit_code, 0) << name << ": " << from_sqlite.err;
    ASSERT_EQ(from_postgresql.exit_code, 0) << name << ": " << from_postgresql.err;
    if (step[0] != "ingest") {
      EXPECT_FALSE(from_sqlite.out.empty()) << name;
    }
    auto without_database = [](std::string text, const std::string& db) {
      for (size_t at = text.find(db); at != std::string::npos; at = text.find(db, at)) text.replace(at, db.size(), "DATABASE");
      return text;
    };
    EXPECT_EQ(without_database(from_postgresql.out, postgresql.target()), without_database(from_sqlite.out, sqlite.target()))
        << name;
  }
}

// SQLite only: a missing file.
TEST(AgenciesCliFiles, ListAndUnmatchedNeedAnExistingDatabase) {
  CliWorkspace work;
  for (const char* command : {"list", "unmatched"}) {
    CommandResult missing = work.run({"agencies", command, "--db", work.file("missing.sqlite")});
    EXPECT_EQ(missing.exit_code, 2) << command;
    EXPECT_NE(missing.err.find("missing.sqlite"), std::string::npos) << missing.err;
  }
  CommandResult no_file = work.run({"agencies", "import", "--db", work.file("db.sqlite"), work.file("absent.csv")});
  EXPECT_EQ(no_file.exit_code, 2);
  EXPECT_EQ(no_file.err, "nianbao agencies import: " + work.file("absent.csv") + ": cannot read the file (nothing imported)\n");
}

INSTANTIATE_TEST_SUITE_P(Backends, AgenciesCli, NIANBAO_BOTH_BACKENDS);

}  // namespace
}  // namespace nianbao
