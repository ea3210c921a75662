// Document roles in the store (both backends): every ingested document keeps its role, title and publication date
// (with its source); only reports have report rows; re-extraction moves a document between roles.
#include <gtest/gtest.h>

#include <filesystem>

#include "extract/readers/html_reader.h"
#include "extract/report_builder.h"
#include "store/database.h"
#include "store/statement.h"
#include "store_test_support.h"
#include "tests/support/gold.h"

namespace nianbao::store {
namespace {

using store_test::query_int;
using store_test::query_text;
using store_test::target_int;
using store_test::target_text;
using store_test::TempDir;
using testing::Backend;
using testing::BackendDatabase;

class DocumentRoleStore : public ::testing::TestWithParam<Backend> {};

const std::string kLanding = "roles/landing-2022-report.html";
const std::string kPortalLanding = "portal/site/trs/xxgk/xxgknb/202401/t20240130_4001.html";  // GBK
const std::string kNotice = "roles/notice-2023-report-compilation.html";
const std::string kTablesAsImages = "roles/report-2021-tables-as-images.html";
// Written by nianbao 0.1.0 (fixtures/store/make_release_db.sh): its crawl of the demo portal stored
// the TRS landing pages of 2022 and 2023 as reports of format pre2019.
const std::string kReleaseDb = std::string(NIANBAO_FIXTURES_DIR) + "/store/release-0.1.sqlite";

struct Ingested {
  int64_t document_id = 0;
  int reports_stored = 0;
};

Ingested ingest(Database& db, const std::string& relative) {
  std::string bytes = testing::read_fixture(relative);
  IngestOutcome outcome = db.ingest(bytes, relative, extract_document({bytes, relative, ""}));
  return {outcome.document_id, outcome.reports_stored};
}

// What extractor 0.1.0 made of a document: one report record whatever the document is, format
// pre2019 when it printed no table header; stored with that version and the role migration 6 gave
// such a row ('report').
int64_t ingest_as_version_0_1_0(Database& db, const std::string& relative) {
  std::string bytes = testing::read_fixture(relative);
  Extraction legacy = extract_document({bytes, relative, ""});
  Report report = build_report(read_html_document(bytes, "").document);
  report.format = Format::pre2019;
  report.findings.clear();
  legacy.role = DocumentRole::report;
  legacy.reports = {report};
  IngestOutcome outcome = db.ingest(bytes, relative, legacy);
  std::string id = std::to_string(outcome.document_id);
  execute(db.handle(), "UPDATE documents SET extractor_version = '0.1.0', role = 'report' WHERE id = " + id, "test setup");
  execute(db.handle(), "UPDATE reports SET extractor_version = '0.1.0' WHERE document_id = " + id, "test setup");
  return outcome.document_id;
}

std::string document_column(const std::string& path, int64_t document_id, const std::string& column) {
  return target_text(path, "SELECT " + column + " FROM documents WHERE id = " + std::to_string(document_id));
}

int64_t reports_of(const std::string& path, int64_t document_id) {
  return target_int(path, "SELECT count(*) FROM reports WHERE document_id = " + std::to_string(document_id));
}

Extraction extract_fixture_document(const std::string& relative) {
  std::string bytes = testing::read_fixture(relative);
  return extract_document({bytes, relative, ""});
}

TEST_P(DocumentRoleStore, ALandingPageIsStoredWithItsRoleTitleAndPrintedDateAndNoReport) {
  NIANBAO_REQUIRE_BACKEND(GetParam());
  BackendDatabase target(GetParam());
  std::string path = target.target();
  Database db(path);
  Ingested landing = ingest(db, kLanding);
  EXPECT_EQ(landing.reports_stored, 0);
  EXPECT_EQ(reports_of(path, landing.document_id), 0);
  EXPECT_EQ(document_column(path, landing.document_id, "role"), "landing");
  EXPECT_EQ(document_column(path, landing.document_id, "title"), "某县2022年政府信息公开工作年度报告");
  EXPECT_EQ(document_column(path, landing.document_id, "published"), "2023-01-30");
  EXPECT_EQ(document_column(path, landing.document_id, "published_source"), "printed");
  EXPECT_EQ(document_column(path, landing.document_id, "extractor_version"), kExtractorVersion);

  Ingested portal = ingest(db, kPortalLanding);
  EXPECT_EQ(reports_of(path, portal.document_id), 0);
  EXPECT_EQ(document_column(path, portal.document_id, "role"), "landing");
  EXPECT_EQ(document_column(path, portal.document_id, "title"), "淮安市洪泽区人民政府2023年政府信息公开工作年度报告");
}

TEST_P(DocumentRoleStore, ANoticeKeepsItsMetaDateAndAReportItsRoleAndDateSource) {
  NIANBAO_REQUIRE_BACKEND(GetParam());
  BackendDatabase target(GetParam());
  std::string path = target.target();
  Database db(path);
  Ingested notice = ingest(db, kNotice);
  EXPECT_EQ(reports_of(path, notice.document_id), 0);
  EXPECT_EQ(document_column(path, notice.document_id, "role"), "notice");
  EXPECT_EQ(document_column(path, notice.document_id, "published"), "2023-12-18");
  EXPECT_EQ(document_column(path, notice.document_id, "published_source"), "meta");

  Ingested report = ingest(db, kTablesAsImages);
  ASSERT_EQ(report.reports_stored, 1);
  EXPECT_EQ(document_column(path, report.document_id, "role"), "report");
  EXPECT_EQ(document_column(path, report.document_id, "published_source"), "meta");
  std::string where = " FROM reports WHERE document_id = " + std::to_string(report.document_id);
  EXPECT_EQ(target_text(path, "SELECT format || ' ' || report_year || ' ' || published || ' ' || published_source" + where),
            "f2021 2021 2022-01-26 meta");
  EXPECT_EQ(target_int(path, "SELECT count(*) FROM findings WHERE rule = 'tables_unread' AND report_id IN (SELECT id" +
                                where + ")"),
            1);
}

TEST_P(DocumentRoleStore, ADocumentThatCannotBeReadHasRoleUnknown) {
  NIANBAO_REQUIRE_BACKEND(GetParam());
  BackendDatabase target(GetParam());
  std::string path = target.target();
  Database db(path);
  std::string bytes(64, '\0');
  IngestOutcome outcome = db.ingest(bytes, "zeros.bin", extract_document({bytes, "zeros.bin", ""}));
  EXPECT_EQ(document_column(path, outcome.document_id, "extract_status"), "unreadable");
  EXPECT_EQ(document_column(path, outcome.document_id, "role"), "unknown");
  EXPECT_EQ(document_column(path, outcome.document_id, "published_source"), "");
}

// A database made by the previous extractor: the landing page is a 'report' of format pre2019 and
// the 2021 report with unreadable tables is pre2019 too. Re-extraction makes the landing page a
// landing document without reports, and keeps the real report's id with its format corrected.
TEST_P(DocumentRoleStore, ReextractionTurnsAStoredLandingReportIntoALandingDocument) {
  NIANBAO_REQUIRE_BACKEND(GetParam());
  BackendDatabase target(GetParam());
  std::string path = target.target();
  Database db(path);
  int64_t landing = ingest_as_version_0_1_0(db, kLanding);
  int64_t report_document = ingest_as_version_0_1_0(db, kTablesAsImages);
  ASSERT_EQ(reports_of(path, landing), 1);
  int64_t report_id = target_int(path, "SELECT id FROM reports WHERE document_id = " + std::to_string(report_document));
  ASSERT_EQ(target_int(path, "SELECT count(*) FROM reports WHERE format = 'pre2019'"), 2);

  std::vector<StoredDocument> stale = db.documents_to_reextract(false);
  ASSERT_EQ(stale.size(), 2u);
  EXPECT_EQ(db.replace_extraction(landing, extract_fixture_document(kLanding)), 0);
  EXPECT_EQ(db.replace_extraction(report_document, extract_fixture_document(kTablesAsImages)), 1);

  EXPECT_EQ(reports_of(path, landing), 0);
  EXPECT_EQ(document_column(path, landing, "role"), "landing");
  EXPECT_EQ(document_column(path, landing, "title"), "某县2022年政府信息公开工作年度报告");
  EXPECT_EQ(document_column(path, landing, "published"), "2023-01-30");
  EXPECT_EQ(document_column(path, landing, "published_source"), "printed");
  EXPECT_EQ(document_column(path, report_document, "role"), "report");
  EXPECT_EQ(target_text(path, "SELECT format || ' ' || published_source FROM reports WHERE id = " + std::to_string(report_id)),
            "f2021 meta");
  EXPECT_EQ(target_int(path, "SELECT count(*) FROM reports WHERE format = 'pre2019'"), 0);
  EXPECT_TRUE(db.documents_to_reextract(false).empty());
}

// Re-extraction of the release-0.1 file, document by document as `nianbao reextract` does: the two
// landing pages lose their pre2019 reports and become landing documents; every other report keeps
// its id; no report of 2019 or later is left pre2019. SQLite only: the database is a file that
// release wrote (its raw reads stay SQLite's own, group_concat included).
TEST(DocumentRoleStoreSqlite, ReextractingARelease010DatabaseMakesItsLandingReportsLandingDocuments) {
  TempDir dir;
  std::string path = dir.file("release.sqlite");
  std::filesystem::copy_file(kReleaseDb, path);
  Database db(path);
  const std::string landing_ids =
      "SELECT group_concat(id) FROM (SELECT id FROM documents WHERE origin LIKE '%/trs/xxgk/xxgknb/202301/%' OR "
      "origin LIKE '%/trs/xxgk/xxgknb/202401/%' ORDER BY id)";
  std::string landings = query_text(path, landing_ids);
  ASSERT_EQ(query_text(path, "SELECT group_concat(format) FROM reports WHERE document_id IN (" + landings + ")"),
            "pre2019,pre2019");
  std::string surviving = "SELECT group_concat(id) FROM (SELECT id FROM reports WHERE document_id NOT IN (" + landings +
                          ") ORDER BY id)";
  std::string surviving_before = query_text(path, surviving);

  std::vector<StoredDocument> documents = db.documents_to_reextract(false);
  ASSERT_EQ(static_cast<int64_t>(documents.size()), query_int(path, "SELECT count(*) FROM documents WHERE extract_status <> 'raw'"));
  db.begin_batch();
  for (const StoredDocument& document : documents) {
    std::string bytes = *db.document_bytes(document.document_id);
    bool crawled = document.origin.rfind("http://", 0) == 0;
    db.replace_extraction(document.document_id,
                          extract_document({bytes, document.origin, crawled ? document.charset : ""}));
  }
  db.commit_batch();

  EXPECT_EQ(query_text(path, "SELECT group_concat(role) FROM documents WHERE id IN (" + landings + ")"), "landing,landing");
  EXPECT_EQ(query_int(path, "SELECT count(*) FROM reports WHERE document_id IN (" + landings + ")"), 0);
  EXPECT_EQ(query_text(path, surviving), surviving_before);
  EXPECT_EQ(query_int(path, "SELECT count(*) FROM reports WHERE report_year >= 2019 AND format = 'pre2019'"), 0);
  EXPECT_EQ(query_int(path, "SELECT count(*) FROM documents WHERE extract_status = 'ok' AND role NOT IN "
                            "('report', 'landing')"),
            0);
  EXPECT_TRUE(db.documents_to_reextract(false).empty());
}

// The other way: a document an earlier classifier stored as 'other' (no report) gains its report.
TEST_P(DocumentRoleStore, ReextractionGivesADocumentThatBecameAReportItsReport) {
  NIANBAO_REQUIRE_BACKEND(GetParam());
  BackendDatabase target(GetParam());
  std::string path = target.target();
  Database db(path);
  std::string bytes = testing::read_fixture(kTablesAsImages);
  Extraction missed = extract_document({bytes, kTablesAsImages, ""});
  missed.role = DocumentRole::other;
  missed.reports.clear();
  int64_t document = db.ingest(bytes, kTablesAsImages, missed).document_id;
  ASSERT_EQ(document_column(path, document, "role"), "other");
  ASSERT_EQ(reports_of(path, document), 0);
  EXPECT_EQ(db.replace_extraction(document, extract_fixture_document(kTablesAsImages)), 1);
  EXPECT_EQ(document_column(path, document, "role"), "report");
  EXPECT_EQ(target_text(path, "SELECT agency || ' ' || report_year || ' ' || format FROM reports WHERE document_id = " +
                                 std::to_string(document)),
            "某市交通运输局 2021 f2021");
}

// A person's correction is never dropped silently: the stored landing 'report' carries one, so its
// re-extraction is refused and the document keeps its old role and report.
TEST_P(DocumentRoleStore, AStoredReportWithACorrectionIsNotRemovedByReclassification) {
  NIANBAO_REQUIRE_BACKEND(GetParam());
  BackendDatabase target(GetParam());
  std::string path = target.target();
  Database db(path);
  int64_t landing = ingest_as_version_0_1_0(db, kLanding);
  int64_t report_id = target_int(path, "SELECT id FROM reports WHERE document_id = " + std::to_string(landing));
  execute(db.handle(),
          "INSERT INTO corrections (report_id, key, value, reason, corrected_by) VALUES (" + std::to_string(report_id) +
              ", 't3.new_received.total', 3, 'test', 'tester')",
          "test setup");
  try {
    db.replace_extraction(landing, extract_fixture_document(kLanding));
    FAIL() << "the re-extraction should be refused";
  } catch (const StoreError& error) {
    EXPECT_NE(std::string(error.what()).find("report " + std::to_string(report_id)), std::string::npos) << error.what();
    EXPECT_NE(std::string(error.what()).find("corrections"), std::string::npos) << error.what();
  }
  EXPECT_EQ(reports_of(path, landing), 1);
  EXPECT_EQ(document_column(path, landing, "role"), "report");
}

INSTANTIATE_TEST_SUITE_P(Backends, DocumentRoleStore, NIANBAO_BOTH_BACKENDS);

}  // namespace
}  // namespace nianbao::store
