// A thin RAII layer over libpq's C API: one connection (PgConnection), one result (PgResult),
// statements with text or binary (bytea) parameters. Every failure is a PgError naming the server.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "store/store_error.h"

struct pg_conn;
struct pg_result;

namespace nianbao::store {

// A failure reported by PostgreSQL or libpq. what() reads
// "PostgreSQL <masked uri>: <action>: SQLSTATE <code>: <message> [DETAIL/HINT] in statement: <sql>";
// sqlstate() is the five-character code ("" for failures without one, e.g. a refused connection),
// so callers can tell a unique violation (23505) or a serialization failure (40001) apart.
class PgError : public StoreError {
 public:
  PgError(const std::string& message, std::string sqlstate) : StoreError(message), sqlstate_(std::move(sqlstate)) {}
  const std::string& sqlstate() const { return sqlstate_; }

 private:
  std::string sqlstate_;
};

// A connection string (URI or keyword=value) with any password replaced by "***", for messages:
// postgresql://user:secret@host/db -> postgresql://user:***@host/db; password=secret -> password=***.
std::string mask_password(const std::string& conninfo);

// One statement parameter: NULL, text (PostgreSQL infers the type from the statement), or bytes
// sent in binary format as bytea (any byte value, no escaping).
struct PgParam {
  static PgParam null() { return PgParam{}; }
  static PgParam text(std::string value) { return PgParam{std::move(value), false}; }
  static PgParam bytes(std::string value) { return PgParam{std::move(value), true}; }
  static PgParam integer(int64_t value) { return text(std::to_string(value)); }
  // Text of a value whose type is given (a pg_type oid: 20 bigint, 701 double precision …).
  static PgParam typed(std::string value, unsigned type) { return PgParam{std::move(value), false, type}; }

  std::optional<std::string> value;
  bool binary = false;  // true: sent as bytea in binary format
  unsigned type = 0;    // 0: the server infers the type from the statement
};

// Whether result values come back as text (the default: every type readable as a string, bytea
// as "\x..." hex, which bytes() decodes) or in binary format (bytea as raw bytes).
enum class PgFormat { text = 0, binary = 1 };

// Owns one PGresult. Rows and columns count from 0.
class PgResult {
 public:
  explicit PgResult(pg_result* result) : result_(result) {}
  ~PgResult();
  PgResult(PgResult&& other) noexcept : result_(other.result_) { other.result_ = nullptr; }
  PgResult& operator=(PgResult&& other) noexcept;
  PgResult(const PgResult&) = delete;
  PgResult& operator=(const PgResult&) = delete;

  int rows() const;
  int columns() const;
  std::string column_name(int column) const;
  // Rows a command touched (INSERT/UPDATE/DELETE/...), 0 when the command does not say.
  int64_t affected_rows() const;

  bool is_null(int row, int column) const;
  // The value as it came (text form, or raw bytes for a binary-format result); "" for NULL.
  std::string text(int row, int column) const;
  std::optional<std::string> optional_text(int row, int column) const;
  int64_t integer(int row, int column) const;  // text-format integers; throws PgError on anything else
  // A bytea value's bytes, whichever the result format; throws PgError when the column is not bytea.
  std::string bytes(int row, int column) const;

  pg_result* get() const { return result_; }

 private:
  void check_cell(int row, int column) const;
  pg_result* result_;
};

class PgConnection {
 public:
  // Connects (PQconnectdb: a postgresql:// URI or keyword=value string; libpq's PG* environment
  // variables fill in what it leaves out) with client_encoding UTF8. Throws PgError with the masked
  // URI and libpq's message when the server cannot be reached or refuses the connection.
  explicit PgConnection(const std::string& conninfo);
  ~PgConnection();
  PgConnection(const PgConnection&) = delete;
  PgConnection& operator=(const PgConnection&) = delete;

  // Runs SQL without parameters; may hold several statements separated by ';' (schema scripts),
  // in which case the last one's result is returned.
  PgResult exec(const std::string& sql);
  // One statement with $1, $2, ... parameters.
  // `action` names the statement's purpose in errors.
  PgResult exec_params(const std::string& sql, const std::vector<PgParam>& params, PgFormat format = PgFormat::text,
                       const std::string& action = "exec_params");
  // Same as exec, with `action` in errors.
  PgResult exec_for(const std::string& sql, const std::string& action);
  // Prepares a named statement once per connection (PQprepare). Parameter types are inferred from
  // the statement, except those marked in `bytea_params` (index 0 is $1), declared bytea so that
  // PgParam::bytes values can go anywhere.
  void prepare(const std::string& name, const std::string& sql, const std::vector<bool>& bytea_params = {});
  // The same with every parameter's type given (a pg_type oid, 0: inferred), as PgParam::type holds.
  void prepare_with_types(const std::string& name, const std::string& sql, const std::vector<unsigned>& types,
                          const std::string& action);
  bool is_prepared(const std::string& name) const { return prepared_.count(name) > 0; }
  // `action` names the statement in errors ("" : "exec_prepared NAME").
  PgResult exec_prepared(const std::string& name, const std::vector<PgParam>& params,
                         PgFormat format = PgFormat::text, const std::string& action = "");
  // Frees a prepared statement on the server; never throws (a failure leaves it to the session's end).
  void deallocate(const std::string& name) noexcept;

  pg_conn* handle() const { return connection_; }
  // The connection string with the password masked, for messages.
  const std::string& display_name() const { return display_name_; }

 private:
  PgResult checked(pg_result* result, const std::string& action, const std::string& sql);

  pg_conn* connection_ = nullptr;
  std::string display_name_;
  std::map<std::string, std::string> prepared_;  // name -> SQL, for error messages
};

}  // namespace nianbao::store
