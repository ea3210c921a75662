// A small RAII wrapper over one prepared SQLite statement: bind values by position, step, read
// columns. Every SQLite failure becomes a StoreError naming the database file and the action.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "store/store_error.h"

struct sqlite3;
struct sqlite3_stmt;

namespace nianbao::store {

// Throws StoreError "<database file>: <action>: <sqlite message>".
[[noreturn]] void throw_sqlite_error(sqlite3* db, const std::string& action);

// Runs SQL without parameters (schema scripts, BEGIN/COMMIT); `action` names it in errors.
void execute(sqlite3* db, const std::string& sql, const std::string& action);

// The name of the main database file of a connection, for messages.
std::string database_file(sqlite3* db);

class Statement {
 public:
  Statement(sqlite3* db, std::string_view sql, std::string action);
  ~Statement();
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  // Parameters are numbered from 1, as in SQLite. Text is copied (SQLITE_TRANSIENT).
  Statement& bind(int index, int64_t value);
  Statement& bind(int index, int value) { return bind(index, static_cast<int64_t>(value)); }
  Statement& bind(int index, double value);
  Statement& bind(int index, std::string_view text);
  Statement& bind(int index, const char* text) { return bind(index, std::string_view(text)); }
  Statement& bind(int index, const std::string& text) { return bind(index, std::string_view(text)); }
  Statement& bind_blob(int index, std::string_view bytes);
  Statement& bind_null(int index);
  template <typename T>
  Statement& bind(int index, const std::optional<T>& value) {
    return value ? bind(index, *value) : bind_null(index);
  }

  // true while a row is available; false when done. Throws on any error (e.g. a constraint).
  bool step();
  // Steps a statement that returns no rows, then resets it for the next bindings.
  void run();
  void reset();

  bool is_null(int column) const;
  int64_t column_int64(int column) const;
  int column_int(int column) const { return static_cast<int>(column_int64(column)); }
  double column_double(int column) const;
  std::string column_text(int column) const;
  std::string column_blob(int column) const;
  std::optional<int64_t> column_optional_int64(int column) const;
  std::optional<double> column_optional_double(int column) const;

 private:
  sqlite3* db_;
  sqlite3_stmt* statement_ = nullptr;
  std::string action_;
};

}  // namespace nianbao::store
