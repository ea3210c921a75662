// Database::ingest on both backends: documents are stored byte-exact and once per sha256, reports are
// not duplicated, and a failing ingest rolls back completely with a StoreError that says where.
#include <gtest/gtest.h>

#include <cmath>
#include <regex>

#include "common/sha256.h"
#include "store/connection.h"
#include "store/database.h"
#include "store/statement.h"
#include "store_test_support.h"

namespace nianbao::store {
namespace {

using store_test::sample_extraction;
using store_test::sample_report;
using store_test::target_int;
using store_test::target_text;
using testing::Backend;
using testing::BackendDatabase;

class StoreIngest : public ::testing::TestWithParam<Backend> {};

TEST_P(StoreIngest, StoresTheDocumentBytesExactlyWithItsMetadata) {
  NIANBAO_REQUIRE_BACKEND(GetParam());
  BackendDatabase target(GetParam());
  std::string path = target.target();
  Database db(path);
  const std::string bytes("\xEF\xBB\xBF\xB3\xE9 \0 | 自然人 |\r\n\xFF", 20);
  Extraction extraction = sample_extraction({sample_report("抚顺市市场监督管理局", 2021)});
  extraction.charset = "GB18030";
  IngestOutcome outcome = db.ingest(bytes, "fixtures/fushun.txt", extraction);

  EXPECT_TRUE(outcome.document_was_new);
  EXPECT_EQ(outcome.reports_stored, 1);
  EXPECT_EQ(outcome.sha256, sha256_hex(bytes));
  EXPECT_EQ(db.document_bytes(outcome.sha256), bytes);
  EXPECT_EQ(target_int(path, "SELECT size FROM documents"), 20);
  EXPECT_EQ(target_int(path, "SELECT length(bytes) FROM documents"), 20);
  EXPECT_EQ(target_text(path, "SELECT charset FROM documents"), "GB18030");
  EXPECT_EQ(target_text(path, "SELECT media_type FROM documents"), "text/plain");
  EXPECT_EQ(target_text(path, "SELECT origin FROM documents"), "fixtures/fushun.txt");
  EXPECT_EQ(target_text(path, "SELECT extract_status FROM documents"), "ok");
  EXPECT_EQ(target_text(path, "SELECT extractor_version FROM reports"), kExtractorVersion);
  // The time as the SQLite backend spells it, whichever backend stores it.
  EXPECT_TRUE(std::regex_match(target_text(path, "SELECT first_stored_at FROM documents"),
                               std::regex(R"(20\d\d-\d\d-\d\dT\d\d:\d\d:\d\d\.\d\d\dZ)")));
}

TEST_P(StoreIngest, TheSameBytesTwiceAreStoredOnceWithOneSetOfReports) {
  NIANBAO_REQUIRE_BACKEND(GetParam());
  BackendDatabase target(GetParam());
  std::string path = target.target();
  Database db(path);
  Extraction extraction = sample_extraction({sample_report("甲局", 2021), sample_report("乙局", 2021)});
  IngestOutcome first = db.ingest("same bytes", "http://a.gov.cn/1.html", extraction);
  IngestOutcome second = db.ingest("same bytes", "mirror/1.html", extraction);

  EXPECT_TRUE(first.document_was_new);
  EXPECT_EQ(first.reports_stored, 2);
  EXPECT_FALSE(second.document_was_new);
  EXPECT_EQ(second.reports_stored, 0);
  EXPECT_EQ(second.document_id, first.document_id);
  EXPECT_EQ(target_int(path, "SELECT count(*) FROM documents"), 1);
  EXPECT_EQ(target_int(path, "SELECT count(*) FROM reports"), 2);
  EXPECT_EQ(target_int(path, "SELECT count(*) FROM cells"), 8);
  EXPECT_EQ(target_int(path, "SELECT count(*) FROM findings"), 6);
  EXPECT_EQ(target_text(path, "SELECT origin FROM documents"), "http://a.gov.cn/1.html");
  EXPECT_EQ(store_test::target_joined(path, "SELECT origin FROM document_origins ORDER BY origin", " "),
            "http://a.gov.cn/1.html mirror/1.html");
}

TEST_P(StoreIngest, DifferentBytesAreDifferentDocuments) {
  NIANBAO_REQUIRE_BACKEND(GetParam());
  BackendDatabase target(GetParam());
  std::string path = target.target();
  Database db(path);
  db.ingest("version 1", "a.txt", sample_extraction({sample_report("甲局", 2020)}));
  db.ingest("version 2", "a.txt", sample_extraction({sample_report("甲局", 2021)}));
  EXPECT_EQ(target_int(path, "SELECT count(*) FROM documents"), 2);
  EXPECT_EQ(target_int(path, "SELECT count(*) FROM reports"), 2);
}

TEST_P(StoreIngest, ADocumentWithoutReportsIsStillKept) {
  NIANBAO_REQUIRE_BACKEND(GetParam());
  BackendDatabase target(GetParam());
  std::string path = target.target();
  Database db(path);
  Extraction extraction;
  extraction.status = ExtractStatus::needs_ocr;
  extraction.media_type = "application/pdf";
  extraction.message = "scan.pdf: no text layer";
  IngestOutcome outcome = db.ingest("%PDF-1.4 scanned", "scan.pdf", extraction);
  EXPECT_TRUE(outcome.document_was_new);
  EXPECT_EQ(outcome.reports_stored, 0);
  EXPECT_EQ(target_text(path, "SELECT extract_status || '|' || extract_message FROM documents"),
            "needs_ocr|scan.pdf: no text layer");
}

// A NaN cell value binds as NULL while its integral flag is set: the cells CHECK rejects it.
Report report_with_invalid_cell() {
  Report broken = sample_report("乙局", 2022);
  broken.cells["t4.review.total"] = store_test::stated_cell(std::nan(""), true, "x", 2, 3, 4);
  return broken;
}

TEST_P(StoreIngest, AFailedIngestRollsBackAndNamesFileDocumentReportAndKey) {
  NIANBAO_REQUIRE_BACKEND(GetParam());
  BackendDatabase target(GetParam());
  std::string path = target.target();
  Database db(path);
  IngestOutcome kept = db.ingest("earlier document", "earlier.txt", sample_extraction({sample_report("甲局", 2021)}));

  Extraction failing = sample_extraction({sample_report("丙局", 2022), report_with_invalid_cell()});
  try {
    db.ingest("failing document", "failing.txt", failing);
    FAIL() << "an invalid cell was stored";
  } catch (const StoreError& error) {
    std::string message = error.what();
    EXPECT_NE(message.find(path), std::string::npos) << message;
    EXPECT_NE(message.find("failing.txt"), std::string::npos) << message;
    EXPECT_NE(message.find("report 1 (乙局, 2022)"), std::string::npos) << message;
    EXPECT_NE(message.find("cell t4.review.total"), std::string::npos) << message;
    const char* constraint_failure =
        GetParam() == Backend::sqlite ? "CHECK constraint failed" : "violates check constraint";
    EXPECT_NE(message.find(constraint_failure), std::string::npos) << message;
  }
  // Nothing of the failing document (not even its first, valid report) remains; the earlier one is intact.
  EXPECT_EQ(target_int(path, "SELECT count(*) FROM documents"), 1);
  EXPECT_EQ(target_text(path, "SELECT sha256 FROM documents"), kept.sha256);
  EXPECT_EQ(target_int(path, "SELECT count(*) FROM reports"), 1);
  EXPECT_EQ(target_text(path, "SELECT agency FROM reports"), "甲局");
  EXPECT_EQ(target_int(path, "SELECT count(*) FROM cells"), 4);
  EXPECT_EQ(target_int(path, "SELECT count(*) FROM document_origins"), 1);

  // The connection is still usable, and the same bytes can be stored once the record is fixed.
  IngestOutcome retried = db.ingest("failing document", "failing.txt", sample_extraction({sample_report("丙局", 2022)}));
  EXPECT_TRUE(retried.document_was_new);
  EXPECT_EQ(retried.reports_stored, 1);
  EXPECT_EQ(target_int(path, "SELECT count(*) FROM documents"), 2);
}

TEST_P(StoreIngest, AnEmptyCellKeyIsRejectedWithTheReportNamed) {
  NIANBAO_REQUIRE_BACKEND(GetParam());
  BackendDatabase target(GetParam());
  std::string path = target.target();
  Database db(path);
  Report broken = sample_report("丁局", 2021);
  broken.cells[""] = store_test::stated_cell(1, true, "1", 0, 0, 0);
  EXPECT_THROW(db.ingest("doc", "d.txt", sample_extraction({broken})), StoreError);
  EXPECT_EQ(target_int(path, "SELECT count(*) FROM documents"), 0);
  EXPECT_EQ(target_int(path, "SELECT count(*) FROM cells"), 0);
}

TEST_P(StoreIngest, AFailureAfterTheDocumentRowWasWrittenRollsItBack) {
  NIANBAO_REQUIRE_BACKEND(GetParam());
  BackendDatabase target(GetParam());
  std::string path = target.target();
  Database db(path);
  db.ingest("first", "1.txt", sample_extraction({sample_report("甲局", 2021)}));
  // Renaming the checks table from another connection makes the next ingest fail half-way, after
  // its document, report, cells and findings were inserted.
  {
    Connection other(path, OpenMode::existing);
    execute(other.handle(), "ALTER TABLE checks RENAME TO checks_gone", "renaming checks for the test");
  }
  EXPECT_THROW(db.ingest("second", "2.txt", sample_extraction({sample_report("乙局", 2021)})), StoreError);
  EXPECT_EQ(target_int(path, "SELECT count(*) FROM documents"), 1);
  EXPECT_EQ(target_int(path, "SELECT count(*) FROM reports"), 1);
  EXPECT_EQ(target_int(path, "SELECT count(*) FROM findings"), 3);
}

INSTANTIATE_TEST_SUITE_P(Backends, StoreIngest, NIANBAO_BOTH_BACKENDS);

}  // namespace
}  // namespace nianbao::store
