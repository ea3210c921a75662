// Pragmas of a writer's connection: the switch to WAL journal mode, retried while another connection
// holds the lock the switch needs, and the smaller page cache of the crawl's connections.
#pragma once

#include <sqlite3.h>

#include "store/session.h"

namespace nianbao::store {

// Throws StoreError naming the file when the switch fails or the mode stays another one.
void switch_to_wal(sqlite3* db);

// The page cache of a connection whose work is appends and key lookups (the crawl's frontier and
// its delivery): kCrawlPageCacheKib instead of the 64 MiB a bulk ingest gets, which a long crawl
// would otherwise fill and keep resident. Pages read again come from the OS's cache.
constexpr int kCrawlPageCacheKib = 2048;
void limit_page_cache(Session& db);

}  // namespace nianbao::store
