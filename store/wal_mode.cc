// The switch to WAL mode and its retry ("database is locked" retried until the busy timeout, an answer
// of the old mode — another connection has the file open — for kModeRetry); the crawl's page cache.
#include "store/wal_mode.h"

#include <chrono>
#include <string>
#include <thread>

#include "store/connection.h"
#include "store/sqlite_session.h"
#include "store/statement.h"

namespace nianbao::store {
namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

bool is_busy(int result) {
  int primary = result & 0xff;
  return primary == SQLITE_BUSY || primary == SQLITE_LOCKED;
}

// One attempt; the resulting journal mode in `mode` when it returns SQLITE_OK.
int try_wal(sqlite3* db, std::string& mode) {
  sqlite3_stmt* statement = nullptr;
  int result = sqlite3_prepare_v2(db, "PRAGMA journal_mode = WAL", -1, &statement, nullptr);
  if (result == SQLITE_OK) {
    result = sqlite3_step(statement);
    end_wait_announcement();
    if (result == SQLITE_ROW) {
      mode = reinterpret_cast<const char*>(sqlite3_column_text(statement, 0));
      result = SQLITE_OK;
    }
  }
  sqlite3_finalize(statement);
  return result;
}

// The switch needs the exclusive lock, and SQLite does not always wait for it through the busy
// handler: it fails with "database is locked" (two first opens of a new file did, 12 times in 20)
// or answers the old mode while another connection has the file open. Both are retried, the
// first until the busy timeout, the second (which a file system without WAL support would answer
// for ever) for kModeRetry.
constexpr milliseconds kModeRetry{30000};

}  // namespace

void switch_to_wal(sqlite3* db) {
  Clock::time_point started = Clock::now();
  std::string mode;
  int result = try_wal(db, mode);
  auto retry = [&] {
    milliseconds limit = is_busy(result) ? kBusyTimeout : kModeRetry;
    return (is_busy(result) || (result == SQLITE_OK && mode != "wal")) && Clock::now() - started < limit;
  };
  while (retry()) {
    std::this_thread::sleep_for(milliseconds(10));
    result = try_wal(db, mode);
  }
  if (result != SQLITE_OK) throw_sqlite_error(db, "switching to WAL mode");
  if (mode != "wal") throw StoreError(sqlite_file_name(db) + ": switching to WAL mode: journal mode stayed " + mode);
}

void limit_page_cache(Session& db) {
  if (db.dialect() != Dialect::sqlite) return;  // a PostgreSQL server sizes its own buffers
  execute(db, "PRAGMA cache_size = -" + std::to_string(kCrawlPageCacheKib), "limiting the page cache to " +
                                                                              std::to_string(kCrawlPageCacheKib) + " KiB");
}

}  // namespace nianbao::store
