// Batched ingest on both backends: many documents per transaction, each in its own savepoint, so a
// failing document rolls back alone and the documents before and after it are kept.
#include <gtest/gtest.h>

#include "store/database.h"
#include "store/statement.h"
#include "tests/store/store_test_support.h"

namespace nianbao::store {
namespace {

using store_test::sample_extraction;
using store_test::sample_report;
using store_test::target_int;
using testing::Backend;
using testing::BackendDatabase;

class BatchIngest : public ::testing::TestWithParam<Backend> {};

// A report the store must refuse: an empty canonical key violates the cells CHECK constraint.
Extraction broken_extraction() {
  Report report = sample_report("坏局", 2022);
  report.cells[""] = report.cells.begin()->second;
  return sample_extraction({report});
}

TEST_P(BatchIngest, AFailedDocumentRollsBackAloneInsideABatch) {
  NIANBAO_REQUIRE_BACKEND(GetParam());
  BackendDatabase target(GetParam());
  std::string path = target.target();
  {
    Database db(path);
    db.begin_batch();
    db.ingest("first", "a.txt", sample_extraction({sample_report("甲局", 2021)}));
    EXPECT_THROW(db.ingest("second", "b.txt", broken_extraction()), StoreError);
    db.ingest("third", "c.txt", sample_extraction({sample_report("丙局", 2021)}));
    db.commit_batch();
  }
  EXPECT_EQ(target_int(path, "SELECT count(*) FROM documents"), 2);
  EXPECT_EQ(target_int(path, "SELECT count(*) FROM reports"), 2);
  EXPECT_EQ(target_int(path, "SELECT count(*) FROM reports WHERE agency = '坏局'"), 0);
  EXPECT_EQ(target_int(path, "SELECT count(*) FROM cells"), 2 * static_cast<int64_t>(sample_report("x", 1).cells.size()));
}

TEST_P(BatchIngest, NothingIsVisibleToOthersBeforeTheBatchCommits) {
  NIANBAO_REQUIRE_BACKEND(GetParam());
  BackendDatabase target(GetParam());
  std::string path = target.target();
  Database db(path);
  db.begin_batch();
  db.ingest("first", "a.txt", sample_extraction({sample_report("甲局", 2021)}));
  EXPECT_EQ(target_int(path, "SELECT count(*) FROM documents"), 0);  // another connection
  db.commit_batch();
  EXPECT_EQ(target_int(path, "SELECT count(*) FROM documents"), 1);
}

TEST_P(BatchIngest, DuplicateBytesInsideOneBatchAreStoredOnce) {
  NIANBAO_REQUIRE_BACKEND(GetParam());
  BackendDatabase target(GetParam());
  std::string path = target.target();
  Database db(path);
  db.begin_batch();
  IngestOutcome first = db.ingest("same", "a.txt", sample_extraction({sample_report("甲局", 2021)}));
  IngestOutcome second = db.ingest("same", "b.txt", sample_extraction({sample_report("甲局", 2021)}));
  db.commit_batch();
  EXPECT_TRUE(first.document_was_new);
  EXPECT_FALSE(second.document_was_new);
  EXPECT_EQ(second.reports_stored, 0);
  EXPECT_EQ(target_int(path, "SELECT count(*) FROM reports"), 1);
  EXPECT_EQ(target_int(path, "SELECT count(*) FROM document_origins"), 2);
}

TEST_P(BatchIngest, RawCrawlBodyGetsItsReportsWhenIngested) {
  NIANBAO_REQUIRE_BACKEND(GetParam());
  BackendDatabase target(GetParam());
  std::string path = target.target();
  Database db(path);
  // What the crawler leaves: bytes stored, never extracted.
  {
    Extraction raw_stub = sample_extraction({});
    IngestOutcome stored = db.ingest("page bytes", "http://127.0.0.1/x.html", raw_stub);
    ASSERT_TRUE(stored.document_was_new);
  }
  execute(db.handle(), "UPDATE documents SET extract_status = 'raw', extractor_version = NULL", "test setup");
  IngestOutcome outcome =
      db.ingest("page bytes", "http://127.0.0.1/x.html", sample_extraction({sample_report("甲局", 2021)}));
  EXPECT_FALSE(outcome.document_was_new);
  EXPECT_EQ(outcome.reports_stored, 1);
  EXPECT_EQ(target_int(path, "SELECT count(*) FROM documents WHERE extract_status = 'ok' AND extractor_version IS NOT NULL"), 1);
  // Ingesting it again now changes nothing.
  EXPECT_EQ(db.ingest("page bytes", "http://127.0.0.1/x.html", sample_extraction({sample_report("甲局", 2021)}))
                .reports_stored,
            0);
  EXPECT_EQ(target_int(path, "SELECT count(*) FROM reports"), 1);
}

INSTANTIATE_TEST_SUITE_P(Backends, BatchIngest, NIANBAO_BOTH_BACKENDS);

}  // namespace
}  // namespace nianbao::store
