// One open session with the database, whichever backend holds it (an SQLite file or a PostgreSQL
// server): what every store function takes, so the store's SQL runs the same way on both.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace nianbao::store {

enum class Dialect { sqlite, postgresql };

// One prepared statement of a backend. Parameters are numbered from 1; columns from 0. Every
// failure throws StoreError naming the database and the action given at preparation.
class PreparedQuery {
 public:
  virtual ~PreparedQuery() = default;
  virtual void bind_int64(int index, int64_t value) = 0;
  virtual void bind_double(int index, double value) = 0;
  virtual void bind_text(int index, std::string_view text) = 0;
  // An empty blob is a zero-length blob, never NULL.
  virtual void bind_blob(int index, std::string_view bytes) = 0;
  virtual void bind_null(int index) = 0;
  // true while a row is available; false when done.
  virtual bool step() = 0;
  // Ready for new bindings (the old ones are cleared).
  virtual void reset() = 0;
  // Rows changed by the last completed step (INSERT, UPDATE, DELETE).
  virtual int64_t changes() const = 0;

  // Columns of the rows (valid once step() has returned a row).
  virtual int column_count() const = 0;
  virtual bool is_null(int column) const = 0;
  virtual int64_t column_int64(int column) const = 0;
  virtual double column_double(int column) const = 0;
  virtual std::string column_text(int column) const = 0;
  virtual std::string column_blob(int column) const = 0;
};

class Session {
 public:
  virtual ~Session() = default;

  virtual Dialect dialect() const = 0;
  // The database for messages: the SQLite file, or the PostgreSQL URI without its password.
  virtual const std::string& name() const = 0;

  // `sql` uses SQLite's parameter spelling (?NNN or ?); a PostgreSQL session translates it.
  virtual std::unique_ptr<PreparedQuery> prepare(std::string_view sql, const std::string& action) = 0;
  // Runs SQL without parameters (several statements allowed); `action` names it in errors.
  virtual void execute(const std::string& sql, const std::string& action) = 0;
  // Same, but never throws: for ROLLBACK on the way out of a failure.
  virtual void execute_quietly(const std::string& sql) noexcept = 0;

  // BEGIN taking the write lock up front (SQLite: IMMEDIATE), so that a concurrent writer waits at
  // the start rather than failing half-way.
  virtual void begin_write(const std::string& purpose) = 0;
  // BEGIN of a transaction that only reads and sees one snapshot throughout (PostgreSQL:
  // REPEATABLE READ; an SQLite read transaction is one snapshot already).
  virtual void begin_read(const std::string& purpose) = 0;
  // True inside a transaction (BEGIN … not yet committed or rolled back).
  virtual bool in_transaction() const = 0;
};

}  // namespace nianbao::store
