// `nianbao agencies import|list|unmatched` with the real binary: the 上海市科委 report and the
// crawled 上海市科学技术委员会 page join one agency once the alias is imported; CSV details; bad rows.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "cli/csv_reader.h"
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

// Rows of a read-only query, each row's columns joined by '|' (NULL as "NULL").
std::vector<std::string> query_rows(const std::string& database, const std::string& sql) {
  sqlite3* db = nullptr;
  std::vector<std::string> rows;
  if (sqlite3_open_v2(database.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    sqlite3_close(db);
    ADD_FAILURE() << "cannot open " << database;
    return rows;
  }
  sqlite3_stmt* statement = nullptr;
  if (sqlite3_prepare_v2(db, sql.c_str(), -1, &statement, nullptr) != SQLITE_OK) {
    ADD_FAILURE() << sql << ": " << sqlite3_errmsg(db);
  } else {
    while (sqlite3_step(statement) == SQLITE_ROW) {
      std::string row;
      for (int column = 0; column < sqlite3_column_count(statement); ++column) {
        const unsigned char* text = sqlite3_column_text(statement, column);
        row += (column ? "|" : "") + (text ? std::string(reinterpret_cast<const char*>(text)) : std::string("NULL"));
      }
      rows.push_back(row);
    }
  }
  sqlite3_finalize(statement);
  sqlite3_close(db);
  return rows;
}

std::string printed_agency(const CliWorkspace& work, const std::string& fixture) {
  CommandResult extracted = work.run({"extract", fixture_path(fixture)});
  EXPECT_EQ(extracted.exit_code, 0) << extracted.err;
  std::vector<nlohmann::json> reports = json_lines(extracted.out);
  return reports.size() == 1 ? reports[0]["agency"].get<std::string>() : "";
}

TEST(AgenciesCli, AnAliasJoinsTheShortNameReportToTheRegisteredAgency) {
  CliWorkspace work;
  ASSERT_EQ(printed_agency(work, kStcsmMarkdown), "上海市科委");
  ASSERT_EQ(printed_agency(work, kStcsmPage), "上海市科学技术委员会");
  std::string db = work.file("db.sqlite");
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

TEST(AgenciesCli, TheCrawlSourcesFileImportsAsIsAndTwiceChangesNothing) {
  CliWorkspace work;
  std::string db = work.file("db.sqlite");
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

TEST(AgenciesCli, ReadsBomCrlfQuotedFieldsParentsAndPredecessors) {
  CliWorkspace work;
  std::string db = work.file("db.sqlite");
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
void expect_refused(const std::string& csv, const std::string& message) {
  CliWorkspace work;
  std::string db = work.file("db.sqlite");
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

TEST(AgenciesCli, BadRowsExitTwoWithFileAndLineAndImportNothing) {
  const std::string header = "agency,region_code,level,aliases,parent\n";
  const std::string good = "上海市科学技术委员会,310000,province,上海市科委,\n";
  expect_refused(header + good + "平潭综合实验区公安局,350128,county,,福建省公安厅\n",
                 ":3: unknown parent '福建省公安厅' (not in this file nor in the registry)");
  expect_refused(header + good + "平潭综合实验区公安局,350128,county\n", ":3: 3 fields, the header has 5");
  expect_refused(header + good + "平潭综合实验区公安局,35-01-28,county,,\n", ":3: region_code '35-01-28' is not digits");
  expect_refused(header + good + "\"平潭综合实验区公安局,350128,county,,\n", ":3: a quoted field is not closed (record starting on line 3)");
  expect_refused(header + good + "\"平潭\"公安局,350128,county,,\n", ":3: text after the closing quote of a field");
  expect_refused(header + good + good, ":3: agency '上海市科学技术委员会' with region_code '310000' is already defined at {file}:2");
  expect_refused("agency,region,level\n", ":1: unknown column 'region' (known: agency or name, region_code, level, url, "
                                          "parent, since, until, aliases, predecessors)");
  expect_refused("name,agency,region_code\n", ":1: column 'agency' appears twice");
  expect_refused("level,region_code\n", ":1: the header has no 'agency' (or 'name') column");
  expect_refused("", ":1: empty file (a header row is required)");
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

TEST(AgenciesCli, ListAndUnmatchedNeedAnExistingDatabase) {
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

}  // namespace
}  // namespace nianbao
