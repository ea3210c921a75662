// The PostgreSQL SQL of migration 8 (store/schema_crawl_leases.cc): URL leases and the per-host
// politeness state of the shared crawl frontier.
#include "store/schema_postgres.h"

namespace nianbao::store::postgres_sql {

// Epoch seconds stay double precision, as the crawl's other times (step 3).
const char* const kCrawlLeases = R"sql(
ALTER TABLE crawl_urls ADD COLUMN lease_owner text COLLATE "C";
ALTER TABLE crawl_urls ADD COLUMN lease_until double precision;
CREATE INDEX crawl_urls_leased ON crawl_urls(lease_owner) WHERE lease_owner IS NOT NULL;
CREATE INDEX crawl_urls_queue ON crawl_urls(host, id) WHERE state = 'queued';
CREATE TABLE crawl_hosts(
  host text COLLATE "C" PRIMARY KEY,
  next_allowed_at double precision NOT NULL DEFAULT 0,
  blocked_until double precision NOT NULL DEFAULT 0,
  backoff_level bigint NOT NULL DEFAULT 0,
  turn_owner text COLLATE "C",
  turn_until double precision
);
INSERT INTO crawl_hosts(host) SELECT DISTINCT host FROM crawl_urls;
)sql";

}  // namespace nianbao::store::postgres_sql
