// Migration 8: crawl_urls.lease_owner/lease_until (a worker's claim on a URL until it is finished)
// and crawl_hosts (one row per politeness key, shared by every worker: see store/crawl_leases.h).
#include "store/schema_crawl_leases.h"

namespace nianbao::store {

// Times are epoch seconds of the database's clock (crawl_leases.cc), so that workers on several
// machines agree on them whatever their own clocks say. Every host already in the frontier gets
// its row, free and due now.
const char* const kCrawlLeasesSql = R"sql(
ALTER TABLE crawl_urls ADD COLUMN lease_owner TEXT;
ALTER TABLE crawl_urls ADD COLUMN lease_until REAL;
CREATE INDEX crawl_urls_leased ON crawl_urls(lease_owner) WHERE lease_owner IS NOT NULL;
CREATE INDEX crawl_urls_queue ON crawl_urls(host, id) WHERE state = 'queued';
CREATE TABLE crawl_hosts(
  host TEXT PRIMARY KEY,
  next_allowed_at REAL NOT NULL DEFAULT 0,
  blocked_until REAL NOT NULL DEFAULT 0,
  backoff_level INTEGER NOT NULL DEFAULT 0,
  turn_owner TEXT,
  turn_until REAL
);
INSERT INTO crawl_hosts(host) SELECT DISTINCT host FROM crawl_urls;
)sql";

}  // namespace nianbao::store
