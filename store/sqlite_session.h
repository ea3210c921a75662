// The SQLite backend of a Session: one sqlite3 handle (owned, closed with the session), its
// prepared statements, and every SQLite result code that is not success as a StoreError.
#pragma once

#include <string>

#include "store/session.h"
#include "store/store_error.h"

struct sqlite3;

namespace nianbao::store {

// Throws StoreError "<database file>: <action>: <sqlite message>".
[[noreturn]] void throw_sqlite_error(sqlite3* db, const std::string& action);

// The name of the main database file of a handle, for messages.
std::string sqlite_file_name(sqlite3* db);

// Runs SQL on a raw handle (used while a handle is opened and configured, before it is a session).
void execute_sqlite(sqlite3* db, const std::string& sql, const std::string& action);

class SqliteSession final : public Session {
 public:
  // Takes ownership of an open handle.
  explicit SqliteSession(sqlite3* db);
  ~SqliteSession() override;
  SqliteSession(const SqliteSession&) = delete;
  SqliteSession& operator=(const SqliteSession&) = delete;

  Dialect dialect() const override { return Dialect::sqlite; }
  const std::string& name() const override { return name_; }
  std::unique_ptr<PreparedQuery> prepare(std::string_view sql, const std::string& action) override;
  void execute(const std::string& sql, const std::string& action) override;
  void execute_quietly(const std::string& sql) noexcept override;
  void begin_write(const std::string& purpose) override;
  void begin_read(const std::string& purpose) override;
  bool in_transaction() const override;

  sqlite3* handle() const { return db_; }

 private:
  sqlite3* db_;
  std::string name_;
};

}  // namespace nianbao::store
