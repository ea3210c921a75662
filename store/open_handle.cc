// Opening one SQLite handle on the database file with the settings every connection shares, and
// probing it with a first read.
#include "store/open_handle.h"

#include <filesystem>

#include "store/connection.h"

namespace nianbao::store {

// NOMUTEX: a connection is used by one thread at a time (the crawl gives its delivery thread a
// connection of its own), so SQLite's per-call locking is pure cost.
sqlite3* open_handle(const std::string& path, const std::string& filename, int flags) {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(filename.c_str(), &db, flags | SQLITE_OPEN_NOMUTEX, nullptr) != SQLITE_OK) {
    std::string reason = db ? sqlite3_errmsg(db) : "out of memory";
    sqlite3_close(db);
    throw StoreError(path + ": cannot open the database: " + reason);
  }
  sqlite3_busy_timeout(db, static_cast<int>(kBusyTimeout.count()));
  sqlite3_extended_result_codes(db, 1);
  return db;
}

void require_existing_file(const std::string& path) {
  if (!std::filesystem::is_regular_file(path)) throw StoreError(path + ": no such database file");
}

int probe(sqlite3* db) {
  int result = sqlite3_exec(db, "SELECT count(*) FROM sqlite_schema", nullptr, nullptr, nullptr);
  end_wait_announcement();
  return result;
}

}  // namespace nianbao::store
