// Opening the database file: WAL journal (readers never block the writer), NORMAL synchronous
// (durable at each checkpoint, never corrupt), foreign keys on, and every pending migration.
#include "store/connection.h"

#include <sqlite3.h>

#include <filesystem>

#include "store/schema.h"
#include "store/statement.h"

namespace nianbao::store {
namespace {

constexpr int kBusyTimeoutMs = 10000;

// NOMUTEX: a connection is used by one thread at a time (the crawl gives its delivery thread a
// connection of its own), so SQLite's per-call locking is pure cost.
sqlite3* open_file(const std::string& path, OpenMode mode) {
  if (mode != OpenMode::create && !std::filesystem::is_regular_file(path)) {
    throw StoreError(path + ": no such database file");
  }
  sqlite3* db = nullptr;
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | (mode == OpenMode::create ? SQLITE_OPEN_CREATE : 0);
  if (sqlite3_open_v2(path.c_str(), &db, flags, nullptr) != SQLITE_OK) {
    std::string reason = db ? sqlite3_errmsg(db) : "out of memory";
    sqlite3_close(db);
    throw StoreError(path + ": cannot open the database: " + reason);
  }
  return db;
}

void switch_to_wal(sqlite3* db) {
  Statement statement(db, "PRAGMA journal_mode = WAL", "switching to WAL mode");
  statement.step();
  std::string mode = statement.column_text(0);
  if (mode != "wal") throw StoreError(database_file(db) + ": switching to WAL mode: journal mode stayed " + mode);
}

void configure(sqlite3* db) {
  sqlite3_busy_timeout(db, kBusyTimeoutMs);
  sqlite3_extended_result_codes(db, 1);
  // Takes effect only on a file that has no page yet (a new database): 16 KiB pages write a bulk
  // ingest in a quarter of the system calls of the 4 KiB default. Existing files keep theirs.
  execute(db, "PRAGMA page_size = 16384", "setting the page size");
  execute(db, "PRAGMA foreign_keys = ON", "enabling foreign keys");
  switch_to_wal(db);
  execute(db, "PRAGMA synchronous = NORMAL", "setting synchronous = NORMAL");
  // Bulk ingest touches the cells indexes all over a large file: a 64 MiB page cache (default
  // 2 MiB) keeps them in memory instead of re-reading pages from the WAL.
  execute(db, "PRAGMA cache_size = -65536", "setting the page cache size");
  migrate(db);
}

}  // namespace

Connection::Connection(const std::string& path, OpenMode mode) : path_(path), db_(open_file(path, mode)) {
  try {
    configure(db_);
  } catch (...) {
    sqlite3_close(db_);
    throw;
  }
}

Connection::~Connection() { sqlite3_close(db_); }

}  // namespace nianbao::store
