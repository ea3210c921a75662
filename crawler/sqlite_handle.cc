// RAII wrappers over sqlite3 / sqlite3_stmt for the crawler's connection (see sqlite_handle.h).
// Every error message carries the database path and the SQL that failed.
#include "crawler/sqlite_handle.h"

namespace nianbao::crawler {
namespace {

[[noreturn]] void fail(sqlite3* db, const std::string& path, const std::string& what) {
  throw CrawlDbError("crawl database " + path + ": " + what + ": " + (db ? sqlite3_errmsg(db) : "cannot open"));
}

}  // namespace

Statement::Statement(sqlite3* db, const std::string& sql, const std::string& path) : db_(db), sql_(sql), path_(path) {
  if (sqlite3_prepare_v2(db_, sql.c_str(), static_cast<int>(sql.size()), &statement_, nullptr) != SQLITE_OK)
    fail(db_, path_, "preparing `" + sql_ + "`");
}

Statement::~Statement() { sqlite3_finalize(statement_); }

Statement& Statement::bind(int index, std::string_view text) {
  if (sqlite3_bind_text(statement_, index, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT) != SQLITE_OK)
    fail(db_, path_, "binding text to `" + sql_ + "`");
  return *this;
}

Statement& Statement::bind_blob(int index, std::string_view bytes) {
  if (sqlite3_bind_blob64(statement_, index, bytes.data(), bytes.size(), SQLITE_TRANSIENT) != SQLITE_OK)
    fail(db_, path_, "binding blob to `" + sql_ + "`");
  return *this;
}

Statement& Statement::bind(int index, int64_t value) {
  if (sqlite3_bind_int64(statement_, index, value) != SQLITE_OK) fail(db_, path_, "binding integer to `" + sql_ + "`");
  return *this;
}

Statement& Statement::bind(int index, double value) {
  if (sqlite3_bind_double(statement_, index, value) != SQLITE_OK) fail(db_, path_, "binding real to `" + sql_ + "`");
  return *this;
}

Statement& Statement::bind_null(int index) {
  if (sqlite3_bind_null(statement_, index) != SQLITE_OK) fail(db_, path_, "binding null to `" + sql_ + "`");
  return *this;
}

bool Statement::step() {
  int result = sqlite3_step(statement_);
  if (result == SQLITE_ROW) return true;
  if (result == SQLITE_DONE) return false;
  fail(db_, path_, "running `" + sql_ + "`");
}

void Statement::run() {
  while (step()) {
  }
}

std::string Statement::text(int column) const {
  const unsigned char* value = sqlite3_column_text(statement_, column);
  return value ? std::string(reinterpret_cast<const char*>(value), static_cast<size_t>(sqlite3_column_bytes(statement_, column))) : "";
}

std::string Statement::blob(int column) const {
  const void* value = sqlite3_column_blob(statement_, column);
  return value ? std::string(static_cast<const char*>(value), static_cast<size_t>(sqlite3_column_bytes(statement_, column))) : "";
}

int64_t Statement::integer(int column) const { return sqlite3_column_int64(statement_, column); }
double Statement::real(int column) const { return sqlite3_column_double(statement_, column); }
bool Statement::is_null(int column) const { return sqlite3_column_type(statement_, column) == SQLITE_NULL; }

SqliteHandle::SqliteHandle(const std::string& path) : path_(path) {
  if (sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr) != SQLITE_OK) {
    std::string message = db_ ? sqlite3_errmsg(db_) : "out of memory";
    sqlite3_close(db_);
    throw CrawlDbError("crawl database " + path + ": cannot open: " + message);
  }
  sqlite3_busy_timeout(db_, 30000);
  execute("PRAGMA journal_mode=WAL");
  execute("PRAGMA synchronous=NORMAL");
  execute("PRAGMA foreign_keys=ON");
}

SqliteHandle::~SqliteHandle() { sqlite3_close(db_); }

void SqliteHandle::execute(const std::string& sql) {
  char* error = nullptr;
  if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
    std::string message = error ? error : "unknown error";
    sqlite3_free(error);
    throw CrawlDbError("crawl database " + path_ + ": running `" + sql + "`: " + message);
  }
}

Transaction::~Transaction() {
  if (!done_) {
    try {
      db_.execute("ROLLBACK");
    } catch (const CrawlDbError&) {
    }
  }
}

void Transaction::commit() {
  db_.execute("COMMIT");
  done_ = true;
}

}  // namespace nianbao::crawler
