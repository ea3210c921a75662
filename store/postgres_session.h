// The PostgreSQL backend of a Session: one libpq connection; statements written with SQLite's
// parameters run as $N statements; values read back as the SQLite backend gives them.
#pragma once

#include <string>

#include "store/postgres_connection.h"
#include "store/session.h"

namespace nianbao::store {

// True for what `--db` takes as a PostgreSQL database: a postgresql:// or postgres:// URI.
bool is_postgres_uri(const std::string& target);

// The advisory lock every writing transaction takes first, so that writers take turns as they do on
// an SQLite file (BEGIN IMMEDIATE) and an ingest never meets another half-way.
inline constexpr long long kWriterLockKey = 0x6e69616e62616fLL;  // "nianbao"

class PostgresSession final : public Session {
 public:
  // Connects (TimeZone UTC, so instants read back as …Z); throws StoreError naming the masked URI.
  explicit PostgresSession(const std::string& uri);

  Dialect dialect() const override { return Dialect::postgresql; }
  const std::string& name() const override { return connection_.display_name(); }
  std::unique_ptr<PreparedQuery> prepare(std::string_view sql, const std::string& action) override;
  void execute(const std::string& sql, const std::string& action) override;
  void execute_quietly(const std::string& sql) noexcept override;
  void begin_write(const std::string& purpose) override;
  void begin_read(const std::string& purpose) override;
  bool in_transaction() const override;

  PgConnection& connection() { return connection_; }

 private:
  PgConnection connection_;
};

}  // namespace nianbao::store
