// The SQL scripts of the dataset migrations (crawl state into the migration list; agencies,
// corrections, report links). schema.cc lists them in order; never edit a released script.
#pragma once

namespace nianbao::store {

extern const char* const kCrawlStateSql;  // migration 3
extern const char* const kDatasetSql;     // migration 4

}  // namespace nianbao::store
