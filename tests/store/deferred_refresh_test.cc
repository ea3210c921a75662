// Database::defer_refresh (both backends), the crawl's way of storing many documents one commit at a time: the
// copies and cross-year findings of the agencies written wait for refresh_deferred(), which then
// writes exactly what refreshing at every ingest writes.
#include <gtest/gtest.h>

#include <string>

#include "extract/extractor.h"
#include "store/agency_registry.h"
#include "store/database.h"
#include "store_test_support.h"

namespace nianbao::store {
namespace {

using store_test::fixture_bytes;
using store_test::target_int;
using testing::Backend;
using testing::BackendDatabase;

class DeferredRefresh : public ::testing::TestWithParam<Backend> {};

const char* const kPages[] = {
    "real/pingtan-archive/zfxxgknb/202403/87885_平潭综合实验区2023年度政府信息公开工作年度报告/page.html",
    "real/pingtan-archive/zfxxgknb/202503/97791_平潭综合实验区2024年度政府信息公开工作年度报告/page.html",
    "copies/pingtan-2023-text-copy.txt",
};

// As the crawl does: the seed's agency is registered, then the documents found from it stored.
void ingest_pages(Database& database) {
  ensure_agency(database.handle(), "平潭综合实验区", "350128", "county");
  for (const char* page : kPages) {
    std::string bytes = fixture_bytes(page);
    database.ingest(bytes, page, extract_document({bytes, page, ""}), {"平潭综合实验区", "350128", "county"});
  }
}

// What the refresh writes: cross-year checks and findings, and which report is a copy of which.
std::string refreshed_rows(const std::string& path) {
  return store_test::target_joined(path,
                                   "SELECT rule || ':' || passed || '/' || failed || '/' || "
                                   "not_assessable AS row FROM checks WHERE rule IN ('T2-2', 'T2-5', 'T3-6', 'X3') "
                                   "UNION ALL SELECT rule || ':' || message FROM findings WHERE origin = 'cross_report' "
                                   "UNION ALL SELECT 'copy:' || id || '->' || copy_of FROM reports "
                                   "WHERE copy_of IS NOT NULL ORDER BY 1",
                                   " | ");
}

TEST_P(DeferredRefresh, NothingIsRefreshedUntilAskedThenTheSameAsAtEveryIngest) {
  NIANBAO_REQUIRE_BACKEND(GetParam());
  BackendDatabase every_target(GetParam()), deferred_target(GetParam());
  std::string at_every_ingest = every_target.target(), deferred = deferred_target.target();
  {
    Database database(at_every_ingest);
    ingest_pages(database);
  }
  std::string expected = refreshed_rows(at_every_ingest);
  ASSERT_NE(expected.find("T2-2:"), std::string::npos) << expected;
  ASSERT_NE(expected.find("copy:"), std::string::npos) << expected;

  Database database(deferred);
  database.defer_refresh(true);
  ingest_pages(database);
  EXPECT_EQ(target_int(deferred, "SELECT count(*) FROM reports"), 3);
  EXPECT_EQ(refreshed_rows(deferred), "");
  database.refresh_deferred();
  EXPECT_EQ(refreshed_rows(deferred), expected);
}

TEST_P(DeferredRefresh, StoppingToDeferRefreshesWhatIsPending) {
  NIANBAO_REQUIRE_BACKEND(GetParam());
  BackendDatabase target(GetParam());
  std::string path = target.target();
  Database database(path);
  database.defer_refresh(true);
  ingest_pages(database);
  EXPECT_EQ(refreshed_rows(path), "");
  database.defer_refresh(false);
  EXPECT_NE(refreshed_rows(path).find("copy:"), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(Backends, DeferredRefresh, NIANBAO_BOTH_BACKENDS);

}  // namespace
}  // namespace nianbao::store
