// A database written by release 0.1 (fixtures/store/release-0.1.sqlite: ingest + a demo crawl, made
// by fixtures/store/make_release_db.sh) opens, migrates to the latest schema and loses nothing.
#include <gtest/gtest.h>

#include <filesystem>
#include <map>

#include "common/sha256.h"
#include "store/database.h"
#include "store/sqlite_session.h"
#include "store/schema.h"
#include "store/statement.h"
#include "tests/store/store_test_support.h"

namespace nianbao::store {
namespace {

using store_test::query_int;
using store_test::query_text;
using store_test::TempDir;

const std::string kReleaseDb = std::string(NIANBAO_FIXTURES_DIR) + "/store/release-0.1.sqlite";

// sha256 -> size of every body the release kept, in documents or crawl_blobs.
std::map<std::string, int64_t> release_bodies(const std::string& path) {
  std::map<std::string, int64_t> bodies;
  sqlite3* raw = nullptr;
  sqlite3_open_v2(path.c_str(), &raw, SQLITE_OPEN_READONLY, nullptr);
  SqliteSession db(raw);
  for (const char* sql : {"SELECT sha256, length(bytes) FROM documents", "SELECT sha256, length(bytes) FROM crawl_blobs"}) {
    Statement row(db, sql, "reading the release fixture");
    while (row.step()) bodies[row.column_text(0)] = row.column_int64(1);
  }
  return bodies;
}

class ReleaseDatabase : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(std::filesystem::exists(kReleaseDb)) << kReleaseDb;
    std::filesystem::copy_file(kReleaseDb, copy_);
  }
  TempDir dir_;
  std::string copy_ = dir_.file("release.sqlite");
};

TEST_F(ReleaseDatabase, FixtureIsTheReleaseSchemaWithCrawlTables) {
  EXPECT_EQ(query_int(copy_, "PRAGMA user_version"), 2);
  EXPECT_GT(query_int(copy_, "SELECT count(*) FROM crawl_blobs"), 0);
  EXPECT_GT(query_int(copy_, "SELECT count(*) FROM crawl_urls"), 0);
  EXPECT_GT(query_int(copy_, "SELECT count(*) FROM reports"), 0);
}

TEST_F(ReleaseDatabase, MigratesToTheLatestSchemaKeepingEveryRow) {
  int64_t reports = query_int(copy_, "SELECT count(*) FROM reports");
  int64_t cells = query_int(copy_, "SELECT count(*) FROM cells");
  int64_t findings = query_int(copy_, "SELECT count(*) FROM findings");
  int64_t checks = query_int(copy_, "SELECT count(*) FROM checks");
  int64_t urls = query_int(copy_, "SELECT count(*) FROM crawl_urls");
  int64_t fetches = query_int(copy_, "SELECT count(*) FROM crawl_fetches");
  int64_t seeds = query_int(copy_, "SELECT count(*) FROM crawl_seeds");
  std::string cell_sum = query_text(copy_, "SELECT total(value) FROM cells");
  std::map<std::string, int64_t> bodies = release_bodies(copy_);

  { Database db(copy_, OpenMode::existing); EXPECT_EQ(db.schema_version(), latest_schema_version()); }

  EXPECT_EQ(query_int(copy_, "PRAGMA user_version"), latest_schema_version());
  EXPECT_EQ(query_int(copy_, "SELECT count(*) FROM reports"), reports);
  EXPECT_EQ(query_int(copy_, "SELECT count(*) FROM cells"), cells);
  EXPECT_EQ(query_int(copy_, "SELECT count(*) FROM findings"), findings);
  EXPECT_EQ(query_int(copy_, "SELECT count(*) FROM checks"), checks);
  EXPECT_EQ(query_int(copy_, "SELECT count(*) FROM crawl_urls"), urls);
  EXPECT_EQ(query_int(copy_, "SELECT count(*) FROM crawl_fetches"), fetches);
  EXPECT_EQ(query_int(copy_, "SELECT count(*) FROM crawl_seeds"), seeds);
  EXPECT_EQ(query_text(copy_, "SELECT total(value) FROM cells"), cell_sum);
  EXPECT_EQ(query_int(copy_, "SELECT count(*) FROM sqlite_master WHERE name = 'crawl_blobs'"), 0);
  EXPECT_EQ(query_text(copy_, "PRAGMA integrity_check"), "ok");
  EXPECT_EQ(query_text(copy_, "PRAGMA foreign_key_check"), "");

  // Every body the release kept is now one documents row, byte-exact.
  EXPECT_EQ(query_int(copy_, "SELECT count(*) FROM documents"), static_cast<int64_t>(bodies.size()));
  Database db(copy_, OpenMode::existing);
  for (const auto& [sha256, size] : bodies) {
    std::optional<std::string> bytes = db.document_bytes(sha256);
    ASSERT_TRUE(bytes) << sha256;
    EXPECT_EQ(static_cast<int64_t>(bytes->size()), size) << sha256;
    EXPECT_EQ(sha256_hex(*bytes), sha256);
  }
}

TEST_F(ReleaseDatabase, CrawlBodiesNobodyExtractedBecomeRawDocuments) {
  int64_t only_crawled =
      query_int(copy_, "SELECT count(*) FROM crawl_blobs b WHERE b.sha256 NOT IN (SELECT sha256 FROM documents)");
  ASSERT_GT(only_crawled, 0) << "the fixture should hold list pages the release never extracted";
  { Database db(copy_, OpenMode::existing); }
  EXPECT_EQ(query_int(copy_, "SELECT count(*) FROM documents WHERE extract_status = 'raw'"), only_crawled);
  EXPECT_EQ(query_int(copy_, "SELECT count(*) FROM documents WHERE extract_status <> 'raw' AND extractor_version IS NULL"), 0);
  // A raw document has no reports, so nothing is listed twice.
  EXPECT_EQ(query_int(copy_, "SELECT count(*) FROM reports r JOIN documents d ON d.id = r.document_id "
                             "WHERE d.extract_status = 'raw'"), 0);
}

TEST_F(ReleaseDatabase, MigrationSevenAddsThePre2019MapAndViewsToAReleaseDatabase) {
  ASSERT_GE(latest_schema_version(), 7);  // step 7 is in the list (later steps follow it)
  { Database db(copy_, OpenMode::existing); }
  EXPECT_EQ(query_int(copy_, "SELECT count(*) FROM pre2019_key_map"), 14);
  for (const char* view : {"pre2019_reports", "pre2019_panel", "panel_with_pre2019"}) {
    EXPECT_EQ(query_int(copy_, std::string("SELECT count(*) FROM sqlite_master WHERE type = 'view' AND name = '") +
                                   view + "'"), 1) << view;
  }
  // The release extracted no pre.* cells, so the panel with pre-2019 years is the panel itself.
  EXPECT_EQ(query_int(copy_, "SELECT count(*) FROM panel_with_pre2019"), query_int(copy_, "SELECT count(*) FROM panel"));
}

TEST_F(ReleaseDatabase, MigrationEightGivesEveryCrawledHostAFreeDuePolitenessRow) {
  int64_t release_hosts = query_int(copy_, "SELECT count(DISTINCT host) FROM crawl_urls");
  ASSERT_GT(release_hosts, 0) << "the release fixture has a crawl";
  { Database db(copy_, OpenMode::existing); }
  EXPECT_EQ(query_int(copy_, "SELECT count(*) FROM crawl_hosts"), release_hosts);
  EXPECT_EQ(query_int(copy_, "SELECT count(*) FROM crawl_hosts h JOIN (SELECT DISTINCT host FROM crawl_urls) u"
                             " ON u.host = h.host WHERE h.next_allowed_at = 0 AND h.blocked_until = 0"
                             " AND h.turn_owner IS NULL AND h.backoff_level = 0"), release_hosts);
  EXPECT_EQ(query_int(copy_, "SELECT count(*) FROM crawl_urls WHERE lease_owner IS NOT NULL OR lease_until IS NOT NULL"), 0);
}

TEST_F(ReleaseDatabase, MigrationIsIdempotentAcrossOpens) {
  { Database first(copy_, OpenMode::existing); }
  int64_t documents = query_int(copy_, "SELECT count(*) FROM documents");
  { Database second(copy_, OpenMode::existing); }
  EXPECT_EQ(query_int(copy_, "SELECT count(*) FROM documents"), documents);
  EXPECT_EQ(query_int(copy_, "PRAGMA user_version"), latest_schema_version());
}

}  // namespace
}  // namespace nianbao::store
