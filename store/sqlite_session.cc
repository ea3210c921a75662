// SQLite statements behind the Session interface: prepare on construction, finalize on
// destruction, and a StoreError carrying the file and the action for every failing call.
#include "store/sqlite_session.h"

#include <sqlite3.h>

#include <chrono>

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

class SqliteQuery final : public PreparedQuery {
 public:
  SqliteQuery(sqlite3* db, std::string_view sql, const std::string& action) : db_(db), action_(action) {
    if (sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()), &statement_, nullptr) != SQLITE_OK) {
      sqlite3_finalize(statement_);
      throw_sqlite_error(db_, action_ + " (preparing)");
    }
  }
  ~SqliteQuery() override { sqlite3_finalize(statement_); }
  SqliteQuery(const SqliteQuery&) = delete;
  SqliteQuery& operator=(const SqliteQuery&) = delete;

  void bind_int64(int index, int64_t value) override { check(sqlite3_bind_int64(statement_, index, value)); }
  void bind_double(int index, double value) override { check(sqlite3_bind_double(statement_, index, value)); }
  void bind_text(int index, std::string_view text) override {
    check(sqlite3_bind_text64(statement_, index, text.data(), text.size(), SQLITE_TRANSIENT, SQLITE_UTF8));
  }
  void bind_blob(int index, std::string_view bytes) override {
    // A zero-length blob must still be a BLOB, not NULL: sqlite3_bind_zeroblob keeps it non-null.
    check(bytes.empty() ? sqlite3_bind_zeroblob(statement_, index, 0)
                        : sqlite3_bind_blob64(statement_, index, bytes.data(), bytes.size(), SQLITE_TRANSIENT));
  }
  void bind_null(int index) override { check(sqlite3_bind_null(statement_, index)); }

  bool step() override {
    int result = sqlite3_step(statement_);
    end_wait_announcement();
    if (result == SQLITE_ROW) return true;
    if (result == SQLITE_DONE) {
      changes_ = sqlite3_changes64(db_);
      return false;
    }
    throw_sqlite_error(db_, action_);
  }
  void reset() override {
    sqlite3_reset(statement_);
    sqlite3_clear_bindings(statement_);
  }
  int64_t changes() const override { return changes_; }

  int column_count() const override { return sqlite3_column_count(statement_); }
  bool is_null(int column) const override { return sqlite3_column_type(statement_, column) == SQLITE_NULL; }
  int64_t column_int64(int column) const override { return sqlite3_column_int64(statement_, column); }
  double column_double(int column) const override { return sqlite3_column_double(statement_, column); }
  std::string column_text(int column) const override {
    const unsigned char* text = sqlite3_column_text(statement_, column);
    int size = sqlite3_column_bytes(statement_, column);
    return text ? std::string(reinterpret_cast<const char*>(text), static_cast<size_t>(size)) : std::string();
  }
  std::string column_blob(int column) const override {
    const void* bytes = sqlite3_column_blob(statement_, column);
    int size = sqlite3_column_bytes(statement_, column);
    return bytes ? std::string(static_cast<const char*>(bytes), static_cast<size_t>(size)) : std::string();
  }

 private:
  void check(int result) const {
    if (result != SQLITE_OK) throw_sqlite_error(db_, action_);
  }

  sqlite3* db_;
  sqlite3_stmt* statement_ = nullptr;
  std::string action_;
  int64_t changes_ = 0;
};

}  // namespace

std::string sqlite_file_name(sqlite3* db) {
  const char* name = db ? sqlite3_db_filename(db, "main") : nullptr;
  return name && *name ? name : "(unnamed database)";
}

void throw_sqlite_error(sqlite3* db, const std::string& action) {
  throw StoreError(sqlite_file_name(db) + ": " + action + ": " + reason_of(db, nullptr));
}

void execute_sqlite(sqlite3* db, const std::string& sql, const std::string& action) {
  char* message = nullptr;
  int result = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &message);
  end_wait_announcement();
  if (result == SQLITE_OK) return;
  std::string reason = reason_of(db, message);
  sqlite3_free(message);
  throw StoreError(sqlite_file_name(db) + ": " + action + ": " + reason);
}

SqliteSession::SqliteSession(sqlite3* db) : db_(db), name_(sqlite_file_name(db)) {}

SqliteSession::~SqliteSession() { sqlite3_close(db_); }

std::unique_ptr<PreparedQuery> SqliteSession::prepare(std::string_view sql, const std::string& action) {
  return std::make_unique<SqliteQuery>(db_, sql, action);
}

void SqliteSession::execute(const std::string& sql, const std::string& action) { execute_sqlite(db_, sql, action); }

void SqliteSession::execute_quietly(const std::string& sql) noexcept {
  sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, nullptr);
}

void SqliteSession::begin_write(const std::string& purpose) {
  execute("BEGIN IMMEDIATE", "beginning the transaction for " + purpose);
}

void SqliteSession::begin_read(const std::string& purpose) { execute("BEGIN", "beginning " + purpose); }

bool SqliteSession::in_transaction() const { return sqlite3_get_autocommit(db_) == 0; }

}  // namespace nianbao::store
