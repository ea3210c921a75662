// `nianbao correct`, `corrections` and `reextract` through the real binary on both backends: a correction
// keeps the printed value beside it, is refused for unknown reports/keys, and survives re-extraction.
#include <gtest/gtest.h>

#include <fstream>
#include <memory>

#include "store/connection.h"
#include "store/statement.h"
#include "tests/support/backend_database.h"
#include "tests/support/cli_runner.h"

namespace nianbao {
namespace {

using testing::CliWorkspace;
using testing::json_lines;

const std::string kSeed = std::string(NIANBAO_FIXTURES_DIR) + "/seed/fushun-amr-2021.txt";
const std::string kSeedGold = std::string(NIANBAO_FIXTURES_DIR) + "/seed/fushun-amr-2021.expected.json";

using testing::Backend;
using testing::BackendDatabase;

// The first column of the first row ("" for NULL or no row), read through the store's own connection.
std::string sql_text(const std::string& target, const std::string& sql) { return testing::backend_one(target, sql); }

// Runs a statement that changes the database (test setup), through the store's own connection.
void sql_write(const std::string& target, const std::string& sql) {
  store::Connection connection(target, store::OpenMode::existing);
  store::execute(connection.handle(), sql, "test setup");
}

double gold_value(const std::string& key) {
  std::ifstream in(kSeedGold);
  nlohmann::json gold = nlohmann::json::parse(in);
  return gold["cells"][key].get<double>();
}

class CorrectionsCli : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    NIANBAO_REQUIRE_BACKEND(GetParam());
    target_ = std::make_unique<BackendDatabase>(GetParam());
    db_ = target_->target();
    ASSERT_EQ(work_.run({"ingest", "--db", db_, kSeed}).exit_code, 0);
    report_id_ = sql_text(db_, "SELECT id FROM reports");
    ASSERT_FALSE(report_id_.empty());
  }
  CliWorkspace work_;
  std::unique_ptr<BackendDatabase> target_;
  std::string db_;
  std::string report_id_;
};

TEST_P(CorrectionsCli, CorrectionIsListedBesideThePrintedValue) {
  double printed = gold_value("t3.new_received.total");
  auto result = work_.run({"correct", "--db", db_, "--report", report_id_, "--key", "t3.new_received.total",
                           "--value", std::to_string(static_cast<int>(printed) + 1), "--reason", "typo in the table",
                           "--by", "审核员"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  auto listed = json_lines(work_.run({"corrections", "--db", db_, "--json"}).out);
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(listed[0]["key"], "t3.new_received.total");
  EXPECT_EQ(listed[0]["printed_value"].get<double>(), printed);
  EXPECT_EQ(listed[0]["corrected_value"].get<double>(), printed + 1);
  EXPECT_EQ(listed[0]["by"], "审核员");
  EXPECT_EQ(listed[0]["reason"], "typo in the table");
  EXPECT_TRUE(listed[0]["in_force"].get<bool>());
  // The printed value itself is untouched.
  EXPECT_EQ(std::stod(sql_text(db_, "SELECT value FROM cells WHERE key = 't3.new_received.total'")), printed);
}

TEST_P(CorrectionsCli, LaterCorrectionIsTheOneInForce) {
  for (const char* value : {"1", "2"}) {
    ASSERT_EQ(work_.run({"correct", "--db", db_, "--report", report_id_, "--key", "t4.review.total", "--value", value,
                         "--reason", "check", "--by", "a"}).exit_code, 0);
  }
  auto listed = json_lines(work_.run({"corrections", "--db", db_, "--json"}).out);
  ASSERT_EQ(listed.size(), 2u);
  EXPECT_FALSE(listed[0]["in_force"].get<bool>());
  EXPECT_TRUE(listed[1]["in_force"].get<bool>());
  EXPECT_EQ(sql_text(db_, "SELECT value FROM current_corrections WHERE key = 't4.review.total'"), "2.0");
}

TEST_P(CorrectionsCli, RefusesUnknownReportKeyOrMissingValue) {
  auto no_report = work_.run({"correct", "--db", db_, "--report", "9999", "--key", "t4.review.total", "--value", "1",
                              "--reason", "x", "--by", "a"});
  EXPECT_EQ(no_report.exit_code, 2);
  EXPECT_NE(no_report.err.find("no report with id 9999"), std::string::npos) << no_report.err;
  auto bad_key = work_.run({"correct", "--db", db_, "--report", report_id_, "--key", "t9.nothing", "--value", "1",
                            "--reason", "x", "--by", "a"});
  EXPECT_EQ(bad_key.exit_code, 2);
  EXPECT_NE(bad_key.err.find("t9.nothing"), std::string::npos) << bad_key.err;
  auto neither = work_.run({"correct", "--db", db_, "--report", report_id_, "--key", "t4.review.total", "--reason", "x"});
  EXPECT_EQ(neither.exit_code, 2);
  EXPECT_EQ(sql_text(db_, "SELECT count(*) FROM corrections"), "0");
}

TEST_P(CorrectionsCli, BlankCorrectionIsNull) {
  ASSERT_EQ(work_.run({"correct", "--db", db_, "--report", report_id_, "--key", "t4.review.total", "--blank",
                       "--reason", "the PDF cell is empty", "--by", "a"}).exit_code, 0);
  auto listed = json_lines(work_.run({"corrections", "--db", db_, "--json"}).out);
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_TRUE(listed[0]["corrected_value"].is_null());
}

TEST_P(CorrectionsCli, CorrectionSurvivesReextractionOfAnOlderVersion) {
  ASSERT_EQ(work_.run({"correct", "--db", db_, "--report", report_id_, "--key", "t3.new_received.total", "--value",
                       "1", "--reason", "r", "--by", "a"}).exit_code, 0);
  std::string cells_before = sql_text(db_, "SELECT count(*) || '/' || COALESCE(sum(value), 0) FROM cells");
  // Pretend an older extractor made the stored reports.
  sql_write(db_, "UPDATE documents SET extractor_version = '0.0.1'");
  sql_write(db_, "UPDATE reports SET extractor_version = '0.0.1'");

  auto first = work_.run({"reextract", "--db", db_});
  ASSERT_EQ(first.exit_code, 0) << first.err;
  EXPECT_NE(first.out.find("re-extracted 1 of 1 documents"), std::string::npos) << first.out;
  EXPECT_EQ(sql_text(db_, "SELECT id FROM reports"), report_id_);
  EXPECT_NE(sql_text(db_, "SELECT extractor_version FROM reports"), "0.0.1");
  EXPECT_EQ(sql_text(db_, "SELECT count(*) || '/' || COALESCE(sum(value), 0) FROM cells"), cells_before);
  EXPECT_EQ(sql_text(db_, "SELECT count(*) FROM corrections WHERE report_id = " + report_id_), "1");
  EXPECT_EQ(sql_text(db_, "SELECT corrected_value FROM cell_values WHERE key = 't3.new_received.total'"), "1.0");

  // Nothing left to do: idempotent.
  auto second = work_.run({"reextract", "--db", db_});
  EXPECT_NE(second.out.find("re-extracted 0 of 0 documents"), std::string::npos) << second.out;
  // --all reads everything again and writes the same rows.
  auto all = work_.run({"reextract", "--db", db_, "--all"});
  EXPECT_NE(all.out.find("re-extracted 1 of 1 documents"), std::string::npos) << all.out;
  EXPECT_EQ(sql_text(db_, "SELECT count(*) || '/' || COALESCE(sum(value), 0) FROM cells"), cells_before);
  EXPECT_EQ(sql_text(db_, "SELECT count(*) FROM findings"),
            sql_text(db_, "SELECT count(*) FROM findings WHERE origin = 'extract'"));
}

TEST_P(CorrectionsCli, ADocumentTheExtractorCannotReadKeepsItsReports) {
  std::string cells_before = sql_text(db_, "SELECT count(*) FROM cells");
  // Stored bytes that no longer extract (as if a new extractor refused them): binary garbage.
  std::string zeros = GetParam() == Backend::sqlite ? "zeroblob(64)" : "decode(repeat('00', 64), 'hex')";
  sql_write(db_, "UPDATE documents SET bytes = " + zeros + ", size = 64, extractor_version = '0.0.1'");
  auto result = work_.run({"reextract", "--db", db_});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find("the stored reports stay"), std::string::npos) << result.err;
  EXPECT_EQ(sql_text(db_, "SELECT id FROM reports"), report_id_);
  EXPECT_EQ(sql_text(db_, "SELECT count(*) FROM cells"), cells_before);
}

INSTANTIATE_TEST_SUITE_P(Backends, CorrectionsCli, NIANBAO_BOTH_BACKENDS);

}  // namespace
}  // namespace nianbao
