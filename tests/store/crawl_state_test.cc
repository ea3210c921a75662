// store::CrawlState on real portal fixture bytes: bodies kept once per sha256 in documents (raw)
// with every URL as an origin, the seed of a URL found through its chain of links, a frontier that
// a second connection resumes, transactions that roll back, and no crawl_blobs table any more; on
// both backends (the last, a property of the SQLite file, on SQLite).
#include "store/crawl_state.h"

#include <gtest/gtest.h>

#include "common/sha256.h"
#include "store_test_support.h"
#include "tests/support/backend_database.h"

namespace nianbao::store {
namespace {

using store_test::fixture_bytes;
using store_test::query_int;
using store_test::TempDir;
using testing::Backend;
using testing::BackendDatabase;

// One value of a query on either backend, as text / as a number.
std::string value_text(const std::string& target, const std::string& sql) { return testing::backend_one(target, sql); }
int64_t value_int(const std::string& target, const std::string& sql) { return std::stoll(value_text(target, sql)); }

class CrawlStateTest : public ::testing::TestWithParam<Backend> {};

const std::string kPingtanIndex = "portal/site/pingtan/zwgk/zfxxgk/index.htm";
const std::string kPingtanReport = "portal/site/pingtan/zwgk/zfxxgk/zfxxgknb/201204/t20120420_80678.htm";

CrawlNewUrl new_url(const std::string& url, const std::string& kind, int depth, int64_t parent_id) {
  CrawlNewUrl row = store_test::crawl_get(url, "http://127.0.0.1", kind, depth, parent_id);
  row.anchor_text = kind + " link";
  return row;
}

TEST_P(CrawlStateTest, ABodyIsOneRawDocumentWhateverTheNumberOfUrlsAndEveryUrlIsAnOrigin) {
  NIANBAO_REQUIRE_BACKEND(GetParam());
  BackendDatabase dir(GetParam());
  std::string path = dir.target();
  std::string report = fixture_bytes(kPingtanReport), index = fixture_bytes(kPingtanIndex);
  std::string report_sha = sha256_hex(report), index_sha = sha256_hex(index);
  CrawlState state(path);
  std::vector<std::string> mirrors = {"http://127.0.0.1/a.htm", "http://127.0.0.2/b.htm", "http://127.0.0.3/c.htm"};
  int64_t first_id = state.store_body(report_sha, report, mirrors[0], "text/html; charset=utf-8", "UTF-8");
  for (const std::string& url : mirrors) EXPECT_EQ(state.store_body(report_sha, report, url, "text/html", ""), first_id);
  int64_t index_id = state.store_body(index_sha, index, "http://127.0.0.1/index.htm", "", "");
  EXPECT_NE(index_id, first_id);

  EXPECT_EQ(value_int(path, "SELECT count(*) FROM documents"), 2);
  std::string row = "FROM documents WHERE sha256='" + report_sha + "'";
  EXPECT_EQ(value_int(path, "SELECT count(*) " + row), 1);
  EXPECT_EQ(value_int(path, "SELECT id " + row), first_id);
  EXPECT_EQ(value_text(path, "SELECT extract_status " + row), "raw");
  EXPECT_EQ(value_text(path, "SELECT extract_message " + row), "stored by the crawler; not extracted");
  EXPECT_EQ(value_int(path, "SELECT size " + row), static_cast<int64_t>(report.size()));
  EXPECT_EQ(value_text(path, "SELECT origin " + row), mirrors[0]) << "the first URL is the document's origin";
  EXPECT_EQ(value_text(path, "SELECT media_type " + row), "text/html; charset=utf-8");
  EXPECT_EQ(value_text(path, "SELECT charset " + row), "UTF-8");
  EXPECT_EQ(value_text(path, "SELECT media_type || '|' || charset FROM documents WHERE id=" + std::to_string(index_id)), "|");

  EXPECT_EQ(value_int(path, "SELECT count(*) FROM document_origins WHERE document_id=" + std::to_string(first_id)), 3);
  for (const std::string& url : mirrors) {
    EXPECT_EQ(value_int(path, "SELECT count(*) FROM document_origins WHERE document_id=" + std::to_string(first_id) +
                                  " AND origin='" + url + "'"),
              1)
        << url;
  }
  EXPECT_EQ(state.body(report_sha), report) << "bytes come back exactly";
  EXPECT_EQ(state.body(index_sha), index);
  EXPECT_FALSE(state.body(sha256_hex("never stored")).has_value());
}

TEST_P(CrawlStateTest, ABodyWhoseSha256IsNotItsOwnIsRefusedNamingTheUrl) {
  NIANBAO_REQUIRE_BACKEND(GetParam());
  BackendDatabase dir(GetParam());
  std::string path = dir.target();
  std::string report = fixture_bytes(kPingtanReport);
  CrawlState state(path);
  try {
    state.store_body(sha256_hex(fixture_bytes(kPingtanIndex)), report, "http://127.0.0.1/r.htm", "text/html", "");
    FAIL() << "a mismatching sha256 must be refused";
  } catch (const StoreError& error) {
    EXPECT_NE(std::string(error.what()).find("http://127.0.0.1/r.htm"), std::string::npos) << error.what();
    EXPECT_NE(std::string(error.what()).find(path), std::string::npos) << error.what();
  }
  EXPECT_EQ(value_int(path, "SELECT count(*) FROM documents"), 0);
}

TEST_P(CrawlStateTest, SeedOfUrlWalksTheLinksBackToTheSeedTheyCameFrom) {
  NIANBAO_REQUIRE_BACKEND(GetParam());
  BackendDatabase dir(GetParam());
  CrawlState state(dir.target());
  CrawlSeed pingtan{"平潭综合实验区", "350128", "county", "http://127.0.0.1/pingtan/index.htm"};
  CrawlSeed hongze{"洪泽区", "320813", "county", "http://127.0.0.1/trs/index.html"};
  state.add_seed(pingtan);
  state.add_seed(hongze);
  int64_t seed_id = *state.add_url(new_url(pingtan.url, "seed", 0, 0));
  int64_t other_seed_id = *state.add_url(new_url(hongze.url, "seed", 0, 0));
  int64_t list_id = *state.add_url(new_url("http://127.0.0.1/pingtan/nb/index.htm", "list", 1, seed_id));
  int64_t report_id = *state.add_url(new_url("http://127.0.0.1/pingtan/nb/2011.htm", "report", 2, list_id));
  int64_t attachment_id = *state.add_url(new_url("http://127.0.0.1/pingtan/nb/2011.pdf", "attachment", 3, report_id));
  int64_t other_report_id = *state.add_url(new_url("http://127.0.0.1/trs/nb/2023.html", "report", 1, other_seed_id));
  int64_t orphan_id = *state.add_url(new_url("http://127.0.0.1/elsewhere.htm", "list", 0, 0));

  for (int64_t id : {seed_id, list_id, report_id, attachment_id}) {
    std::optional<CrawlSeed> seed = state.seed_of_url(id);
    ASSERT_TRUE(seed.has_value()) << "URL " << id;
    EXPECT_EQ(seed->agency, pingtan.agency);
    EXPECT_EQ(seed->region_code, pingtan.region_code);
    EXPECT_EQ(seed->level, pingtan.level);
    EXPECT_EQ(seed->url, pingtan.url);
  }
  std::optional<CrawlSeed> other = state.seed_of_url(other_report_id);
  ASSERT_TRUE(other.has_value());
  EXPECT_EQ(other->agency, hongze.agency);
  EXPECT_EQ(other->region_code, hongze.region_code);
  EXPECT_FALSE(state.seed_of_url(orphan_id).has_value()) << "no seed leads to it";
  EXPECT_FALSE(state.seed_of_url(orphan_id + 100).has_value()) << "no such URL";
}

TEST_P(CrawlStateTest, ASecondConnectionResumesTheSameFrontier) {
  NIANBAO_REQUIRE_BACKEND(GetParam());
  BackendDatabase dir(GetParam());
  std::string path = dir.target();
  std::string report = fixture_bytes(kPingtanReport), report_sha = sha256_hex(report);
  int64_t run_id = 0, seed_id = 0, report_id = 0, list_id = 0;
  {
    CrawlState first(path);
    CrawlRunStart start = first.begin_run(1000.0);
    EXPECT_FALSE(start.resumed);
    run_id = start.run_id;
    first.add_seed({"平潭综合实验区", "350128", "county", "http://127.0.0.1/index.htm"});
    seed_id = *first.add_url(new_url("http://127.0.0.1/index.htm", "seed", 0, 0));
    list_id = *first.add_url(new_url("http://127.0.0.1/nb/index.htm", "list", 1, seed_id));
    report_id = *first.add_url(new_url("http://127.0.0.1/nb/2011.htm", "report", 2, list_id));
    EXPECT_FALSE(first.add_url(new_url("http://127.0.0.1/nb/2011.htm", "report", 2, list_id)).has_value())
        << "a known fingerprint is not inserted twice";
    Transaction exchange = first.begin("the exchange with the report");
    CrawlFetch fetch;
    fetch.run_id = run_id;
    fetch.url_id = report_id;
    fetch.url = "http://127.0.0.1/nb/2011.htm";
    fetch.method = "GET";
    fetch.status = 200;
    fetch.outcome = "ok";
    fetch.sha256 = report_sha;
    fetch.bytes = static_cast<int64_t>(report.size());
    first.store_body(report_sha, report, fetch.url, "text/html", "UTF-8");
    first.record_fetch(fetch);
    first.update_url(report_id, {"done", 0, 0, ""});
    first.set_stored_copy(report_id, {report_sha, "\"e1\"", "", "text/html", "UTF-8", true});
    first.update_url(seed_id, {"done", 0, 0, ""});
    exchange.commit();
    first.update_url(list_id, {"queued", 2, 1234.5, "HTTP 500 from http://127.0.0.1/nb/index.htm"});
  }  // killed before finish_run

  CrawlState second(path);
  CrawlRunStart resumed = second.begin_run(2000.0);
  EXPECT_TRUE(resumed.resumed);
  EXPECT_EQ(resumed.run_id, run_id);
  std::vector<CrawlQueuedUrl> queued = second.queued_urls();
  ASSERT_EQ(queued.size(), 1u);
  EXPECT_EQ(queued[0].id, list_id);
  EXPECT_EQ(queued[0].tries, 2);
  EXPECT_DOUBLE_EQ(queued[0].next_fetch_at, 1234.5);
  EXPECT_EQ(queued[0].kind, "list");
  EXPECT_EQ(queued[0].depth, 1);
  std::vector<CrawlPendingDelivery> pending = second.pending_deliveries();
  ASSERT_EQ(pending.size(), 1u);
  EXPECT_EQ(pending[0].url_id, report_id);
  EXPECT_EQ(pending[0].sha256, report_sha);
  EXPECT_EQ(pending[0].kind, "report");
  EXPECT_EQ(second.body(pending[0].sha256), report);
  EXPECT_EQ(second.state_counts(), (std::vector<std::pair<std::string, int64_t>>{{"done", 2}, {"queued", 1}}));
  EXPECT_EQ(value_int(path, "SELECT count(*) FROM crawl_fetches WHERE run_id=" + std::to_string(run_id)), 1);

  second.mark_delivered(report_id);
  EXPECT_TRUE(second.pending_deliveries().empty());
  second.finish_run(run_id, 3000.0);
  CrawlRunStart next = second.begin_run(4000.0);
  EXPECT_FALSE(next.resumed);
  EXPECT_GT(next.run_id, run_id);
  std::vector<CrawlQueuedUrl> revalidate = second.queued_urls();
  ASSERT_EQ(revalidate.size(), 3u) << "a new run queues every known URL again";
  EXPECT_EQ(revalidate[2].id, report_id);
  EXPECT_EQ(revalidate[2].tries, 0);
  EXPECT_EQ(revalidate[2].etag, "\"e1\"");
  EXPECT_EQ(revalidate[2].content_sha256, report_sha) << "validators survive for the conditional GET";
}

TEST_P(CrawlStateTest, AnUncommittedTransactionLeavesNothing) {
  NIANBAO_REQUIRE_BACKEND(GetParam());
  BackendDatabase dir(GetParam());
  std::string path = dir.target();
  std::string report = fixture_bytes(kPingtanReport);
  CrawlState state(path);
  {
    Transaction abandoned = state.begin("an exchange interrupted by an exception");
    state.add_url(new_url("http://127.0.0.1/index.htm", "seed", 0, 0));
    state.store_body(sha256_hex(report), report, "http://127.0.0.1/index.htm", "text/html", "");
  }
  EXPECT_TRUE(state.queued_urls().empty());
  EXPECT_EQ(value_int(path, "SELECT count(*) FROM documents"), 0);
  EXPECT_EQ(value_int(path, "SELECT count(*) FROM document_origins"), 0);
}

TEST_P(CrawlStateTest, RobotsTxtIsCachedPerHost) {
  NIANBAO_REQUIRE_BACKEND(GetParam());
  BackendDatabase dir(GetParam());
  CrawlState state(dir.target());
  EXPECT_FALSE(state.cached_robots("http://127.0.0.1").has_value());
  state.save_robots("http://127.0.0.1", 200, "User-agent: *\nDisallow: /private/\n", 100.0);
  state.save_robots("http://127.0.0.1", 404, "", 200.0);
  std::optional<CrawlRobots> robots = state.cached_robots("http://127.0.0.1");
  ASSERT_TRUE(robots.has_value());
  EXPECT_EQ(robots->status, 404) << "the latest copy replaces the earlier one";
  EXPECT_EQ(robots->body, "");
  EXPECT_DOUBLE_EQ(robots->fetched_at, 200.0);
}

TEST(CrawlState, TheFileHasTheCrawlTablesFromTheMigrationsAndNoCrawlBlobs) {
  TempDir dir;
  std::string path = dir.file("crawl.sqlite");
  CrawlState state(path);
  for (const char* table : {"crawl_runs", "crawl_seeds", "crawl_urls", "crawl_fetches", "crawl_robots", "crawl_hosts", "documents"}) {
    EXPECT_EQ(query_int(path, std::string("SELECT count(*) FROM sqlite_schema WHERE type='table' AND name='") + table + "'"), 1)
        << table;
  }
  EXPECT_EQ(query_int(path, "SELECT count(*) FROM sqlite_schema WHERE name='crawl_blobs'"), 0);
}

INSTANTIATE_TEST_SUITE_P(Backends, CrawlStateTest, NIANBAO_BOTH_BACKENDS);

}  // namespace
}  // namespace nianbao::store
