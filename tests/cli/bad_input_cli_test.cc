// Bad input through the real binary: `nianbao extract` ends each bad file with exit 2 and a message
// naming it (or a report), never a crash; a failed `nianbao ingest` loses nothing already stored
// (on either backend).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <random>
#include <string>

#include "common/sha256.h"
#include "tests/support/backend_database.h"
#include "tests/support/cli_runner.h"
#include "tests/support/gold.h"

namespace nianbao {
namespace {

namespace fs = std::filesystem;
using nianbao::testing::CliWorkspace;
using nianbao::testing::CommandResult;
using nianbao::testing::fixture_path;
using nianbao::testing::json_lines;
using nianbao::testing::slurp;
using nianbao::testing::Backend;
using nianbao::testing::BackendDatabase;

void write(const fs::path& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary);
  out << bytes;
}

class BadInputCli : public ::testing::Test {
 protected:
  void SetUp() override {
    std::mt19937 generator(20240131);
    std::uniform_int_distribution<int> byte(0, 255);
    std::string garbage(64 * 1024, '\0');
    for (char& c : garbage) c = static_cast<char>(byte(generator));
    write(empty(), "");
    write(garbage_file(), garbage);
    std::string seed = slurp(fixture_path("seed/fushun-amr-2021.txt"));
    std::string cut = "5.屬于三類內部事務信息 | 0 | 0 | 0";
    write(truncated(), seed.substr(0, seed.find(cut) + cut.size()));
  }

  std::string empty() const { return work_.file("empty.txt"); }
  std::string garbage_file() const { return work_.file("garbage.bin"); }
  std::string truncated() const { return work_.file("truncated.txt"); }

  CliWorkspace work_;
};

TEST_F(BadInputCli, EmptyFileExitsTwoWithAMessageNamingIt) {
  CommandResult result = work_.run({"extract", empty()});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find(empty()), std::string::npos) << result.err;
  EXPECT_TRUE(result.out.empty());
}

TEST_F(BadInputCli, BinaryGarbageExitsTwoWithAMessageNamingIt) {
  CommandResult result = work_.run({"extract", garbage_file()});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find(garbage_file()), std::string::npos) << result.err;
  EXPECT_TRUE(result.out.empty());
}

TEST_F(BadInputCli, DirectoryInsteadOfAFileExitsTwo) {
  CommandResult result = work_.run({"extract", work_.dir().string()});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find(work_.dir().string()), std::string::npos) << result.err;
}

// A document that is not a report prints one line with its role and no report: the keys of a
// report line, the report's metadata null, no cells (before document roles: format not_a_report).
TEST_F(BadInputCli, TenMegabyteSingleLineIsAnsweredWithItsRoleAndNoReport) {
  std::string line;
  const std::string unit = "政府信息公开 | 0 | 本年度 ";
  while (line.size() < 10 * 1024 * 1024) line += unit;
  fs::path big = work_.file("one-line.txt");
  write(big, line);
  CommandResult result = work_.run({"extract", big.string()});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  auto lines = json_lines(result.out);
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0].at("role"), "other");
  EXPECT_TRUE(lines[0].at("format").is_null());
  EXPECT_TRUE(lines[0].at("report_year").is_null());
  EXPECT_TRUE(lines[0].at("cells").empty());
  EXPECT_TRUE(lines[0].at("findings").empty());
  EXPECT_EQ(lines[0].at("source"), big.string());
  EXPECT_EQ(lines[0].at("media_type"), "text/plain");
}

// A landing page (the report is its attached PDF) is no report either: its line names the role,
// the page's title and the date it prints, and where that date came from; a report line says
// role report. Exit 0: such a document is not an error.
TEST_F(BadInputCli, ALandingPageIsAnsweredWithItsRoleTitleAndPrintedDate) {
  std::string landing = fixture_path("roles/landing-2022-report.html");
  std::string seed = fixture_path("seed/fushun-amr-2021.txt");
  CommandResult result = work_.run({"extract", landing, seed});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  auto lines = json_lines(result.out);
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0].at("source"), landing);
  EXPECT_EQ(lines[0].at("sha256"), sha256_hex(slurp(landing)));
  EXPECT_EQ(lines[0].at("role"), "landing");
  EXPECT_EQ(lines[0].at("title"), "某县2022年政府信息公开工作年度报告");
  EXPECT_EQ(lines[0].at("published"), "2023-01-30");
  EXPECT_EQ(lines[0].at("published_source"), "printed");
  EXPECT_TRUE(lines[0].at("format").is_null());
  EXPECT_TRUE(lines[0].at("cells").empty());
  EXPECT_EQ(lines[1].at("role"), "report");
  EXPECT_EQ(lines[1].at("format"), "f2021");
}

TEST_F(BadInputCli, TruncatedTableIsExtractedWithFindingsNotACrash) {
  CommandResult result = work_.run({"extract", truncated()});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  auto lines = json_lines(result.out);
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0].at("format"), "f2021");
  EXPECT_EQ(lines[0].at("cells").at("t2.license.decisions").at("value"), 3948);
  EXPECT_FALSE(lines[0].at("cells").contains("t4.review.total"));
  EXPECT_FALSE(lines[0].at("findings").empty());
}

TEST_F(BadInputCli, GbkSeedGivesTheSameCellsAsTheUtf8Seed) {
  CommandResult utf8 = work_.run({"extract", fixture_path("seed/fushun-amr-2021.txt")});
  CommandResult gbk = work_.run({"extract", fixture_path("bad/seed-gbk.txt")});
  ASSERT_EQ(utf8.exit_code, 0) << utf8.err;
  ASSERT_EQ(gbk.exit_code, 0) << gbk.err;
  auto utf8_lines = json_lines(utf8.out);
  auto gbk_lines = json_lines(gbk.out);
  ASSERT_EQ(utf8_lines.size(), 1u);
  ASSERT_EQ(gbk_lines.size(), 1u);
  const nlohmann::json& want = utf8_lines[0].at("cells");
  const nlohmann::json& got = gbk_lines[0].at("cells");
  EXPECT_EQ(got.size(), 200u);
  EXPECT_EQ(want.size(), 200u);
  for (const auto& [key, cell] : want.items()) {
    ASSERT_TRUE(got.contains(key)) << key;
    EXPECT_EQ(got.at(key).at("value"), cell.at("value")) << key;
    EXPECT_EQ(got.at(key).at("raw"), cell.at("raw")) << key;
  }
  EXPECT_EQ(gbk_lines[0].at("agency"), "抚顺市市场监督管理局");
  EXPECT_EQ(gbk_lines[0].at("report_year"), 2021);
  EXPECT_EQ(gbk_lines[0].at("charset"), "GB18030");
  EXPECT_NE(gbk_lines[0].at("sha256"), utf8_lines[0].at("sha256"));  // different bytes, same report
}

// The ingest cases, once per backend: `db` is a file in the workspace or a fresh PostgreSQL database.
class BadInputIngest : public BadInputCli, public ::testing::WithParamInterface<Backend> {
 protected:
  void SetUp() override {
    NIANBAO_REQUIRE_BACKEND(GetParam());
    BadInputCli::SetUp();
    target_ = std::make_unique<BackendDatabase>(GetParam());
    db_ = target_->target();
  }
  std::unique_ptr<BackendDatabase> target_;
  std::string db_;
};

TEST_P(BadInputIngest, FailedIngestsLoseNothingAlreadyStored) {
  const std::string& db = db_;
  std::string seed = fixture_path("seed/fushun-amr-2021.txt");
  CommandResult first = work_.run({"ingest", "--db", db, seed});
  ASSERT_EQ(first.exit_code, 0) << first.err;

  // Each bad file alone, then all of them together: exit 2 and a message naming the file.
  std::string missing = work_.file("missing.txt");
  for (const std::string& bad : {empty(), garbage_file(), missing}) {
    CommandResult result = work_.run({"ingest", "--db", db, bad});
    EXPECT_EQ(result.exit_code, 2) << bad;
    EXPECT_NE(result.err.find(bad), std::string::npos) << result.err;
  }
  CommandResult together = work_.run({"ingest", "--db", db, empty(), garbage_file(), missing});
  EXPECT_EQ(together.exit_code, 2);

  CommandResult listed = work_.run({"reports", "--db", db, "--json"});
  ASSERT_EQ(listed.exit_code, 0) << listed.err;
  auto reports = json_lines(listed.out);
  ASSERT_EQ(reports.size(), 1u) << listed.out;
  EXPECT_EQ(reports[0].at("agency"), "抚顺市市场监督管理局");
  EXPECT_EQ(reports[0].at("report_year"), 2021);
  EXPECT_EQ(reports[0].at("format"), "f2021");
  EXPECT_EQ(reports[0].at("sha256"), sha256_hex(slurp(seed)));
  EXPECT_EQ(reports[0].at("source"), seed);
}

TEST_P(BadInputIngest, IngestKeepsGoingAfterABadFile) {
  const std::string& db = db_;
  CommandResult result =
      work_.run({"ingest", "--db", db, garbage_file(), fixture_path("seed/fushun-amr-2021.txt"), empty()});
  EXPECT_EQ(result.exit_code, 2);
  CommandResult listed = work_.run({"reports", "--db", db, "--json"});
  ASSERT_EQ(listed.exit_code, 0) << listed.err;
  auto reports = json_lines(listed.out);
  ASSERT_EQ(reports.size(), 1u) << listed.out;
  EXPECT_EQ(reports[0].at("agency"), "抚顺市市场监督管理局");
}

TEST_F(BadInputCli, ReportsOnAMissingDatabaseExitsTwo) {
  std::string db = work_.file("never-created.sqlite");
  CommandResult result = work_.run({"reports", "--db", db, "--json"});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_FALSE(fs::exists(db));
}

INSTANTIATE_TEST_SUITE_P(Backends, BadInputIngest, NIANBAO_BOTH_BACKENDS);

// A PostgreSQL URI naming no database: exit 2 and a message naming the target, nothing created.
TEST_F(BadInputCli, ReportsOnAMissingPostgresDatabaseExitsTwo) {
  NIANBAO_REQUIRE_POSTGRES(server);
  std::string db = server.uri_for("never_created");
  for (const char* command : {"reports", "show", "corrections"}) {
    CommandResult result = work_.run({command, "--db", db});
    EXPECT_EQ(result.exit_code, 2) << command << ": " << result.err;
    EXPECT_NE(result.err.find("never_created"), std::string::npos) << result.err;
    EXPECT_EQ(result.out, "") << command;
  }
}

}  // namespace
}  // namespace nianbao
