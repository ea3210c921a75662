// A prepared statement on either backend: bind values by position, step, read columns. Every
// failure becomes a StoreError naming the database and the action.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "store/session.h"
#include "store/store_error.h"

namespace nianbao::store {

// Runs SQL without parameters (schema scripts, BEGIN/COMMIT); `action` names it in errors.
void execute(Session& db, const std::string& sql, const std::string& action);

// The database's name (file or URI), for messages.
inline const std::string& database_file(Session& db) { return db.name(); }

class Statement {
 public:
  // `sql` spells parameters as SQLite does (?NNN or ?), on both backends.
  Statement(Session& db, std::string_view sql, std::string action);
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  // Parameters are numbered from 1. Text is copied.
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
  // Rows changed by the last completed run or step to the end.
  int64_t changes() const;

  int column_count() const;
  bool is_null(int column) const;
  int64_t column_int64(int column) const;
  int column_int(int column) const { return static_cast<int>(column_int64(column)); }
  double column_double(int column) const;
  std::string column_text(int column) const;
  std::string column_blob(int column) const;
  std::optional<int64_t> column_optional_int64(int column) const;
  std::optional<double> column_optional_double(int column) const;

 private:
  std::unique_ptr<PreparedQuery> query_;
};

}  // namespace nianbao::store
