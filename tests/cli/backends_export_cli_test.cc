// `nianbao export` and `nianbao compare` on both backends: the real binary ingests the same
// fixtures into an SQLite file and a PostgreSQL database, and every output is byte-identical.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "extract/docx/zip_archive.h"
#include "store/connection.h"
#include "store/statement.h"
#include "tests/support/backend_database.h"
#include "tests/support/cli_runner.h"
#include "tests/support/gold.h"

namespace nianbao {
namespace {

using testing::Backend;
using testing::BackendDatabase;
using testing::CliWorkspace;
using testing::CommandResult;
using testing::fixture_path;

// real/pingtan-archive/zfxxgknb/<month>/<id>_<title>/page.html for one report id.
std::string pingtan_page(const std::string& month, const std::string& id) {
  std::string folder = "real/pingtan-archive/zfxxgknb/" + month;
  for (const auto& entry : std::filesystem::directory_iterator(fixture_path(folder))) {
    std::string name = entry.path().filename().string();
    if (name.rfind(id + "_", 0) == 0) return folder + "/" + name + "/page.html";
  }
  throw std::runtime_error("no fixture " + id + " under " + folder);
}

// Reports of two agencies over several years, blanks with derived values, findings, both formats.
std::vector<std::string> fixture_files() {
  std::vector<std::string> files = {"seed/fushun-amr-2021.txt", "derived/f2021-pipe.txt", "derived/f2019-pipe.txt",
                                    pingtan_page("202001", "80576"), pingtan_page("202403", "87885"),
                                    pingtan_page("202503", "97791"), pingtan_page("202603", "105587")};
  for (std::string& file : files) file = fixture_path(file);
  return files;
}

// What the tests add by hand on both backends: a registry entry with an alias linking the 平潭
// reports, and two corrections (the latest in force).
const char* const kSetup =
    "INSERT INTO agencies (id, name, name_key, region_code, level) VALUES "
    "(7, '平潭综合实验区管理委员会', '平潭综合实验区管理委员会', '350128', 'county');"
    "INSERT INTO agency_aliases (agency_id, alias, name_key) VALUES (7, '平潭实验区', '平潭实验区');"
    "UPDATE reports SET agency_id = 7, agency_match = 'exact' WHERE agency = '平潭综合实验区';"
    "INSERT INTO corrections (report_id, key, value, reason, corrected_by) "
    "SELECT min(id), 't3.new_received.total', 4242, 'recount', 'tester' FROM reports WHERE agency_id = 7;"
    "INSERT INTO corrections (report_id, key, value, reason, corrected_by) "
    "SELECT min(id), 't3.new_received.total', 4343, 'second look', 'tester' FROM reports WHERE agency_id = 7;";

// The same data in an SQLite file and a PostgreSQL database, written by the real binary.
class BackendsExportCli : public ::testing::Test {
 protected:
  void SetUp() override {
    NIANBAO_REQUIRE_BACKEND(Backend::postgresql);
    sqlite_ = std::make_unique<BackendDatabase>(Backend::sqlite);
    postgres_ = std::make_unique<BackendDatabase>(Backend::postgresql);
    for (const BackendDatabase* database : {sqlite_.get(), postgres_.get()}) {
      std::vector<std::string> ingest = {"ingest", "--db", database->target(), "--jobs", "1"};
      for (const std::string& file : fixture_files()) ingest.push_back(file);
      CommandResult result = workspace_.run(ingest);
      ASSERT_EQ(result.exit_code, 0) << database->target() << "\n" << result.err;
      store::Connection connection(database->target(), store::OpenMode::existing);
      store::execute(connection.handle(), kSetup, "test setup");
    }
  }

  // Runs `args` (without --db) on both databases; both must succeed; returns {SQLite, PostgreSQL}.
  std::pair<CommandResult, CommandResult> run_both(const std::vector<std::string>& args) {
    std::pair<CommandResult, CommandResult> results;
    for (bool on_postgres : {false, true}) {
      std::vector<std::string> command = args;
      command.insert(command.begin() + 1, {"--db", on_postgres ? postgres_->target() : sqlite_->target()});
      CommandResult result = workspace_.run(command);
      EXPECT_EQ(result.exit_code, 0) << (on_postgres ? "PostgreSQL" : "SQLite") << ": " << result.err;
      (on_postgres ? results.second : results.first) = result;
    }
    return results;
  }

  // stdout of `args` on both, asserted identical and not trivially empty.
  void expect_same_stdout(const std::vector<std::string>& args) {
    std::string joined;
    for (const std::string& arg : args) joined += arg + " ";
    SCOPED_TRACE(joined);
    auto [on_sqlite, on_postgres] = run_both(args);
    EXPECT_GT(testing::lines_of(on_sqlite.out).size(), 1u);
    EXPECT_EQ(on_sqlite.out, on_postgres.out);
  }

  const std::string& sqlite_target() const { return sqlite_->target(); }
  const std::string& postgres_target() const { return postgres_->target(); }

  CliWorkspace workspace_;
  std::unique_ptr<BackendDatabase> sqlite_;
  std::unique_ptr<BackendDatabase> postgres_;
};

// The members of an .xlsx that hold its content (docProps/core.xml holds the creation time).
std::vector<std::pair<std::string, std::string>> workbook_members(const std::string& path) {
  std::string archive = testing::slurp(path);
  std::vector<std::pair<std::string, std::string>> members;
  for (const std::string name : {"[Content_Types].xml", "xl/workbook.xml", "xl/_rels/workbook.xml.rels",
                                 "xl/styles.xml", "xl/sharedStrings.xml"}) {
    docx::ZipMember member = docx::read_zip_member(archive, name);
    members.emplace_back(name, member.ok ? member.data : "(absent)");
  }
  for (int sheet = 1;; ++sheet) {
    std::string name = "xl/worksheets/sheet" + std::to_string(sheet) + ".xml";
    docx::ZipMember member = docx::read_zip_member(archive, name);
    if (!member.ok) break;
    members.emplace_back(name, member.data);
  }
  return members;
}

TEST_F(BackendsExportCli, TheIngestedReportsAreTheSameRowsOnBoth) {
  const std::string reports = "SELECT id, agency, agency_id, report_year, format, scope FROM reports ORDER BY id";
  std::vector<std::string> on_sqlite = testing::backend_rows(sqlite_target(), reports);
  EXPECT_EQ(on_sqlite.size(), 7u);
  EXPECT_EQ(on_sqlite, testing::backend_rows(postgres_target(), reports));
  const std::string cells = "SELECT count(*), count(value), count(derived) FROM cells";
  EXPECT_EQ(testing::backend_one(sqlite_target(), cells), testing::backend_one(postgres_target(), cells));
}

TEST_F(BackendsExportCli, LongAndWideCsvAndJsonLinesAreByteIdentical) {
  for (const std::string format : {"csv", "jsonl"}) {
    expect_same_stdout({"export", "--format", format, "--out", "-"});
    expect_same_stdout({"export", "--format", format, "--out", "-", "--wide"});
    expect_same_stdout({"export", "--format", format, "--out", "-", "--wide", "--with-derived"});
  }
}

TEST_F(BackendsExportCli, SelectionsByAgencyYearsAndKeyGlobsAreByteIdentical) {
  expect_same_stdout({"export", "--format", "csv", "--out", "-", "--agency", "平潭实验区"});
  expect_same_stdout({"export", "--format", "csv", "--out", "-", "--agency", "7", "--years", "2023-2024"});
  expect_same_stdout({"export", "--format", "csv", "--out", "-", "--years", "2021"});
  expect_same_stdout({"export", "--format", "jsonl", "--out", "-", "--keys", "t3.result.*", "--keys", "t4.*.total"});
  expect_same_stdout({"export", "--format", "csv", "--out", "-", "--wide", "--keys", "t[24].*"});
  // A selection that matches nothing is the same (header only) on both.
  auto [on_sqlite, on_postgres] = run_both({"export", "--format", "csv", "--out", "-", "--agency", "无此机关"});
  EXPECT_EQ(on_sqlite.out, on_postgres.out);
}

TEST_F(BackendsExportCli, LongAndWideWorkbooksHoldTheSameSheets) {
  for (bool wide : {false, true}) {
    SCOPED_TRACE(wide ? "wide" : "long");
    std::vector<std::string> files;
    for (const std::string& target : {sqlite_target(), postgres_target()}) {
      files.push_back(workspace_.file(std::string(wide ? "wide" : "long") + std::to_string(files.size()) + ".xlsx"));
      std::vector<std::string> args = {"export", "--db", target, "--format", "xlsx", "--out", files.back()};
      if (wide) args.push_back("--wide");
      CommandResult result = workspace_.run(args);
      ASSERT_EQ(result.exit_code, 0) << result.err;
    }
    auto on_sqlite = workbook_members(files[0]);
    auto on_postgres = workbook_members(files[1]);
    ASSERT_GT(on_sqlite.size(), 6u);  // the five workbook parts and at least two sheets
    ASSERT_EQ(on_sqlite.size(), on_postgres.size());
    for (size_t i = 0; i < on_sqlite.size(); ++i) {
      SCOPED_TRACE(on_sqlite[i].first);
      EXPECT_EQ(on_sqlite[i], on_postgres[i]);
    }
  }
}

TEST_F(BackendsExportCli, CompareTablesCsvAndJsonAreByteIdentical) {
  for (const std::string format : {"text", "csv", "json"}) {
    expect_same_stdout({"compare", "--agency", "7", "--agency", "抚顺市市场监督管理局", "--format", format});
    expect_same_stdout({"compare", "--agency", "平潭实验区", "--years", "2019-2024", "--keys", "t3.result.*",
                        "--format", format});
  }
}

TEST_F(BackendsExportCli, CompareErrorsAreTheSameApartFromTheDatabaseName) {
  auto run = [&](const std::string& target) {
    CommandResult result = workspace_.run({"compare", "--db", target, "--agency", "无此机关"});
    EXPECT_NE(result.exit_code, 0);
    std::string message = result.err;
    for (size_t at; (at = message.find(target)) != std::string::npos;) message.replace(at, target.size(), "DB");
    return std::make_pair(result.exit_code, message);
  };
  auto on_sqlite = run(sqlite_target());
  auto on_postgres = run(postgres_target());
  EXPECT_EQ(on_sqlite, on_postgres);
  EXPECT_NE(on_sqlite.second.find("无此机关"), std::string::npos);
}

}  // namespace
}  // namespace nianbao
