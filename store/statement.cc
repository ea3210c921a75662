// The prepared-statement wrapper: prepare on construction, finalize on destruction, and turn every
// SQLite result code that is not success into a StoreError carrying the file and the action.
#include "store/statement.h"

#include <sqlite3.h>

#include "store/connection.h"

namespace nianbao::store {
namespace {

// SQLite's message; "database is locked" says how long a connection waits for another's lock.
std::string reason_of(sqlite3* db, const char* message) {
  std::string reason = message ? message : db ? sqlite3_errmsg(db) : "out of memory";
  if (db && (sqlite3_errcode(db) & 0xff) == SQLITE_BUSY) {
    reason += " (another connection holds the lock; the busy timeout is " +
              std::to_string(std::chrono::duration_cast<std::chrono::seconds>(kBusyTimeout).count()) + " s)";
  }
  return reason;
}

}  // namespace

std::string database_file(sqlite3* db) {
  const char* name = db ? sqlite3_db_filename(db, "main") : nullptr;
  return name && *name ? name : "(unnamed database)";
}

void throw_sqlite_error(sqlite3* db, const std::string& action) {
  throw StoreError(database_file(db) + ": " + action + ": " + reason_of(db, nullptr));
}

void execute(sqlite3* db, const std::string& sql, const std::string& action) {
  char* message = nullptr;
  int result = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &message);
  end_wait_announcement();
  if (result == SQLITE_OK) return;
  std::string reason = reason_of(db, message);
  sqlite3_free(message);
  throw StoreError(database_file(db) + ": " + action + ": " + reason);
}

Statement::Statement(sqlite3* db, std::string_view sql, std::string action) : db_(db), action_(std::move(action)) {
  if (sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()), &statement_, nullptr) != SQLITE_OK) {
    throw_sqlite_error(db_, action_ + " (preparing)");
  }
}

Statement::~Statement() { sqlite3_finalize(statement_); }

Statement& Statement::bind(int index, int64_t value) {
  if (sqlite3_bind_int64(statement_, index, value) != SQLITE_OK) throw_sqlite_error(db_, action_);
  return *this;
}

Statement& Statement::bind(int index, double value) {
  if (sqlite3_bind_double(statement_, index, value) != SQLITE_OK) throw_sqlite_error(db_, action_);
  return *this;
}

Statement& Statement::bind(int index, std::string_view text) {
  if (sqlite3_bind_text64(statement_, index, text.data(), text.size(), SQLITE_TRANSIENT, SQLITE_UTF8) != SQLITE_OK) {
    throw_sqlite_error(db_, action_);
  }
  return *this;
}

Statement& Statement::bind_blob(int index, std::string_view bytes) {
  // A zero-length blob must still be a BLOB, not NULL: sqlite3_bind_zeroblob keeps it non-null.
  int result = bytes.empty() ? sqlite3_bind_zeroblob(statement_, index, 0)
                             : sqlite3_bind_blob64(statement_, index, bytes.data(), bytes.size(), SQLITE_TRANSIENT);
  if (result != SQLITE_OK) throw_sqlite_error(db_, action_);
  return *this;
}

Statement& Statement::bind_null(int index) {
  if (sqlite3_bind_null(statement_, index) != SQLITE_OK) throw_sqlite_error(db_, action_);
  return *this;
}

bool Statement::step() {
  int result = sqlite3_step(statement_);
  end_wait_announcement();
  if (result == SQLITE_ROW) return true;
  if (result == SQLITE_DONE) return false;
  throw_sqlite_error(db_, action_);
}

void Statement::run() {
  step();
  reset();
}

void Statement::reset() {
  sqlite3_reset(statement_);
  sqlite3_clear_bindings(statement_);
}

bool Statement::is_null(int column) const { return sqlite3_column_type(statement_, column) == SQLITE_NULL; }

int64_t Statement::column_int64(int column) const { return sqlite3_column_int64(statement_, column); }

double Statement::column_double(int column) const { return sqlite3_column_double(statement_, column); }

std::string Statement::column_text(int column) const {
  const unsigned char* text = sqlite3_column_text(statement_, column);
  int size = sqlite3_column_bytes(statement_, column);
  return text ? std::string(reinterpret_cast<const char*>(text), static_cast<size_t>(size)) : std::string();
}

std::string Statement::column_blob(int column) const {
  const void* bytes = sqlite3_column_blob(statement_, column);
  int size = sqlite3_column_bytes(statement_, column);
  return bytes ? std::string(static_cast<const char*>(bytes), static_cast<size_t>(size)) : std::string();
}

std::optional<int64_t> Statement::column_optional_int64(int column) const {
  if (is_null(column)) return std::nullopt;
  return column_int64(column);
}

std::optional<double> Statement::column_optional_double(int column) const {
  if (is_null(column)) return std::nullopt;
  return column_double(column);
}

}  // namespace nianbao::store
