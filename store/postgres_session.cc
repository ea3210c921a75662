// PostgreSQL statements behind the Session interface. Parameters are typed by what was bound
// (bigint, double precision, bytea; text and NULL left to the server to infer); results come back
// in text format and are given the SQLite backend's spelling: booleans 1/0, doubles as %.15g with
// a ".0" on whole numbers, jsonb compact, timestamptz as 2026-01-31T08:00:00.000Z.
#include "store/postgres_session.h"

#include <libpq-fe.h>

#include <atomic>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <vector>

#include "store/postgres_parameters.h"

namespace nianbao::store {
namespace {

// pg_type oids, fixed in every PostgreSQL release.
constexpr unsigned kBool = 16, kBytea = 17, kInt8 = 20, kJson = 114, kFloat4 = 700, kFloat8 = 701,
                   kTimestamptz = 1184, kNumeric = 1700, kJsonb = 3802;

// SQLite's text of a REAL: "%!.15g" (a whole number keeps ".0").
std::string sqlite_real_text(double value) {
  if (std::isnan(value)) return "";
  if (std::isinf(value)) return value > 0 ? "Inf" : "-Inf";
  char buffer[40];
  std::snprintf(buffer, sizeof buffer, "%.15g", value);
  std::string text = buffer;
  if (text.find_first_of(".en") == std::string::npos) text += ".0";
  return text;
}

std::string shortest_double(double value) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value > 0 ? "Infinity" : "-Infinity";
  char buffer[40];
  auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, value);
  return std::string(buffer, end);
}

// "2026-01-31 08:00:00.5+00" -> "2026-01-31T08:00:00.500Z" (the session's TimeZone is UTC).
std::string iso_instant(const std::string& text) {
  if (text.size() < 19) return text;
  std::string out = text.substr(0, 10) + "T" + text.substr(11, 8);
  std::string fraction;
  size_t at = 19;
  if (at < text.size() && text[at] == '.') {
    ++at;
    while (at < text.size() && std::isdigit(static_cast<unsigned char>(text[at]))) fraction += text[at++];
  }
  fraction.resize(3, '0');
  return out + "." + fraction + "Z";
}

class PostgresQuery final : public PreparedQuery {
 public:
  PostgresQuery(PgConnection& connection, std::string_view sql, std::string action)
      : connection_(connection), action_(std::move(action)) {
    PostgresStatementText translated = to_postgres_parameters(sql);
    sql_ = std::move(translated.sql);
    params_.resize(static_cast<size_t>(translated.parameter_count));
  }

  void bind_int64(int index, int64_t value) override { slot(index) = PgParam::typed(std::to_string(value), kInt8); }
  void bind_double(int index, double value) override { slot(index) = PgParam::typed(shortest_double(value), kFloat8); }
  void bind_text(int index, std::string_view text) override { slot(index) = PgParam::text(std::string(text)); }
  void bind_blob(int index, std::string_view bytes) override { slot(index) = PgParam::bytes(std::string(bytes)); }
  void bind_null(int index) override { slot(index) = PgParam::null(); }

  ~PostgresQuery() override {
    for (const auto& [types, name] : prepared_) connection_.deallocate(name);  // "" is no statement: ignored
  }

  bool step() override {
    if (!result_) {
      result_.emplace(execute());
      row_ = -1;
      changes_ = result_->affected_rows();
    }
    return ++row_ < result_->rows();
  }
  void reset() override {
    result_.reset();
    row_ = -1;
    for (PgParam& param : params_) param = PgParam::null();
  }
  int64_t changes() const override { return changes_; }

  int column_count() const override { return result_ ? result_->columns() : 0; }
  bool is_null(int column) const override { return result_->is_null(row_, column); }
  int64_t column_int64(int column) const override {
    if (is_null(column)) return 0;
    std::string text = result_->text(row_, column);
    if (type(column) == kBool) return text == "t" ? 1 : 0;
    if (type(column) == kFloat8 || type(column) == kFloat4 || type(column) == kNumeric) {
      return static_cast<int64_t>(std::strtod(text.c_str(), nullptr));
    }
    return std::strtoll(text.c_str(), nullptr, 10);
  }
  double column_double(int column) const override {
    if (is_null(column)) return 0;
    if (type(column) == kBool) return result_->text(row_, column) == "t" ? 1 : 0;
    return std::strtod(result_->text(row_, column).c_str(), nullptr);
  }
  std::string column_text(int column) const override {
    if (is_null(column)) return "";
    std::string text = result_->text(row_, column);
    switch (type(column)) {
      case kBool: return text == "t" ? "1" : "0";
      case kFloat4:
      case kFloat8: return sqlite_real_text(std::strtod(text.c_str(), nullptr));
      case kNumeric:
        return text.find('.') == std::string::npos ? text : sqlite_real_text(std::strtod(text.c_str(), nullptr));
      case kJson:
      case kJsonb: return nlohmann::json::parse(text).dump();
      case kTimestamptz: return iso_instant(text);
      case kBytea: return result_->bytes(row_, column);
      default: return text;
    }
  }
  std::string column_blob(int column) const override {
    if (is_null(column)) return "";
    return type(column) == kBytea ? result_->bytes(row_, column) : column_text(column);
  }

 private:
  PgParam& slot(int index) {
    if (index < 1 || static_cast<size_t>(index) > params_.size()) {
      throw StoreError("PostgreSQL " + connection_.display_name() + ": " + action_ + ": parameter " +
                       std::to_string(index) + " is not in the statement (" + std::to_string(params_.size()) +
                       " parameters)");
    }
    return params_[static_cast<size_t>(index - 1)];
  }
  unsigned type(int column) const { return PQftype(result_->get(), column); }

  // A statement run once is sent with its text (one round trip; the server parses and plans it). Run
  // again with parameters of the same types (a kept statement, a loop over rows), it is prepared on
  // the server under a name of its own and executed by name from then on: no parse and plan per row.
  PgResult execute() {
    std::vector<unsigned> types;
    types.reserve(params_.size());
    for (const PgParam& param : params_) types.push_back(param.binary ? kBytea : param.type);
    auto [known, first_run] = prepared_.try_emplace(std::move(types));
    if (first_run) return connection_.exec_params(sql_, params_, PgFormat::text, action_);
    if (known->second.empty()) {
      std::string name = "nianbao_" + std::to_string(next_statement_number_++);
      connection_.prepare_with_types(name, sql_, known->first, action_);
      known->second = std::move(name);
    }
    return connection_.exec_prepared(known->second, params_, PgFormat::text, action_);
  }

  static inline std::atomic<uint64_t> next_statement_number_{1};

  PgConnection& connection_;
  std::string action_;
  std::string sql_;
  std::vector<PgParam> params_;
  // Parameter types -> the server statement's name ("" after the one run sent as text).
  std::map<std::vector<unsigned>, std::string> prepared_;
  std::optional<PgResult> result_;
  int row_ = -1;
  int64_t changes_ = 0;
};

}  // namespace

bool is_postgres_uri(const std::string& target) {
  return target.rfind("postgresql://", 0) == 0 || target.rfind("postgres://", 0) == 0;
}

PostgresSession::PostgresSession(const std::string& uri) : connection_(uri) {
  connection_.exec_for("SET TimeZone = 'UTC'", "setting the session's time zone");
}

std::unique_ptr<PreparedQuery> PostgresSession::prepare(std::string_view sql, const std::string& action) {
  return std::make_unique<PostgresQuery>(connection_, sql, action);
}

void PostgresSession::execute(const std::string& sql, const std::string& action) { connection_.exec_for(sql, action); }

void PostgresSession::execute_quietly(const std::string& sql) noexcept {
  PQclear(PQexec(connection_.handle(), sql.c_str()));
}

void PostgresSession::begin_write(const std::string& purpose) {
  execute("BEGIN; SELECT pg_advisory_xact_lock(" + std::to_string(kWriterLockKey) + ")",
          "beginning the transaction for " + purpose);
}

void PostgresSession::begin_read(const std::string& purpose) {
  execute("BEGIN ISOLATION LEVEL REPEATABLE READ", "beginning " + purpose);
}

bool PostgresSession::in_transaction() const { return PQtransactionStatus(connection_.handle()) != PQTRANS_IDLE; }

}  // namespace nianbao::store
