// The SQL of migration 8: the crawl frontier shared by several workers — URL leases and the
// per-host politeness state (next allowed request, backoff, the worker holding the host's turn).
#pragma once

namespace nianbao::store {

extern const char* const kCrawlLeasesSql;  // migration 8

}  // namespace nianbao::store
