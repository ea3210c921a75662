// The libpq RAII layer of postgres_connection.h: connecting, running statements with text and
// binary parameters, reading results, and turning libpq's errors into PgError with SQLSTATE.
#include "store/postgres_connection.h"

#include <libpq-fe.h>

#include <charconv>
#include <regex>
#include <utility>

namespace nianbao::store {
namespace {

constexpr Oid kByteaOid = 17;  // pg_type.oid of bytea (fixed in every PostgreSQL release)

std::string trimmed(std::string text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  return text;
}

std::string field(const PGresult* result, int code) {
  const char* value = result ? PQresultErrorField(result, code) : nullptr;
  return value ? value : "";
}

// libpq's parameter arrays, pointing into `params` (which must outlive them).
struct ParamArrays {
  std::vector<Oid> types;
  std::vector<const char*> values;
  std::vector<int> lengths;
  std::vector<int> formats;

  explicit ParamArrays(const std::vector<PgParam>& params) {
    for (const PgParam& param : params) {
      types.push_back(param.binary ? kByteaOid : param.type);
      values.push_back(param.value ? param.value->data() : nullptr);
      lengths.push_back(param.value ? static_cast<int>(param.value->size()) : 0);
      formats.push_back(param.binary ? 1 : 0);
    }
  }
  int count() const { return static_cast<int>(values.size()); }
};

// Keeps libpq from printing server NOTICEs (e.g. "table ... does not exist, skipping") on stderr.
void ignore_notice(void*, const char*) {}

}  // namespace

std::string mask_password(const std::string& conninfo) {
  static const std::regex userinfo_password(R"(^(postgres(?:ql)?://[^:@/?]*):[^@/?]*@)");
  static const std::regex keyword_password(R"((^|[?&\s])password\s*=\s*('(?:[^'\\]|\\.)*'|[^&\s]*))");
  std::string masked = std::regex_replace(conninfo, userinfo_password, "$1:***@");
  return std::regex_replace(masked, keyword_password, "$1password=***");
}

PgResult::~PgResult() { PQclear(result_); }

PgResult& PgResult::operator=(PgResult&& other) noexcept {
  if (this != &other) {
    PQclear(result_);
    result_ = std::exchange(other.result_, nullptr);
  }
  return *this;
}

int PgResult::rows() const { return PQntuples(result_); }
int PgResult::columns() const { return PQnfields(result_); }

std::string PgResult::column_name(int column) const {
  const char* name = PQfname(result_, column);
  return name ? name : "";
}

int64_t PgResult::affected_rows() const {
  const char* count = PQcmdTuples(result_);
  return count && *count ? std::stoll(count) : 0;
}

void PgResult::check_cell(int row, int column) const {
  if (row < 0 || row >= rows() || column < 0 || column >= columns())
    throw PgError("PostgreSQL result: no cell at row " + std::to_string(row) + ", column " + std::to_string(column) +
                      " (the result has " + std::to_string(rows()) + " rows and " + std::to_string(columns()) +
                      " columns)",
                  "");
}

bool PgResult::is_null(int row, int column) const {
  check_cell(row, column);
  return PQgetisnull(result_, row, column) == 1;
}

std::string PgResult::text(int row, int column) const {
  check_cell(row, column);
  return std::string(PQgetvalue(result_, row, column), static_cast<size_t>(PQgetlength(result_, row, column)));
}

std::optional<std::string> PgResult::optional_text(int row, int column) const {
  if (is_null(row, column)) return std::nullopt;
  return text(row, column);
}

int64_t PgResult::integer(int row, int column) const {
  std::string value = text(row, column);
  int64_t number = 0;
  auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), number);
  if (error != std::errc() || end != value.data() + value.size() || PQfformat(result_, column) != 0)
    throw PgError("PostgreSQL result: column " + column_name(column) + " of row " + std::to_string(row) +
                      " is not a text-format integer: '" + value + "'",
                  "");
  return number;
}

std::string PgResult::bytes(int row, int column) const {
  check_cell(row, column);
  if (PQftype(result_, column) != kByteaOid)
    throw PgError("PostgreSQL result: column " + column_name(column) + " is not bytea", "");
  if (PQfformat(result_, column) == 1) return text(row, column);
  size_t length = 0;
  unsigned char* decoded =
      PQunescapeBytea(reinterpret_cast<const unsigned char*>(PQgetvalue(result_, row, column)), &length);
  if (!decoded) throw PgError("PostgreSQL result: cannot decode the bytea of column " + column_name(column), "");
  std::string bytes(reinterpret_cast<const char*>(decoded), length);
  PQfreemem(decoded);
  return bytes;
}

PgConnection::PgConnection(const std::string& conninfo)
    : connection_(PQconnectdb(conninfo.c_str())), display_name_(mask_password(conninfo)) {
  if (!connection_) throw PgError("PostgreSQL " + display_name_ + ": cannot connect: out of memory", "");
  if (PQstatus(connection_) != CONNECTION_OK) {
    std::string message = "PostgreSQL " + display_name_ + ": cannot connect: " + trimmed(PQerrorMessage(connection_));
    PQfinish(connection_);
    throw PgError(message, "");
  }
  PQsetNoticeProcessor(connection_, ignore_notice, nullptr);
  if (PQsetClientEncoding(connection_, "UTF8") != 0) {
    std::string message =
        "PostgreSQL " + display_name_ + ": cannot set client_encoding UTF8: " + trimmed(PQerrorMessage(connection_));
    PQfinish(connection_);
    throw PgError(message, "");
  }
}

PgConnection::~PgConnection() { PQfinish(connection_); }

PgResult PgConnection::checked(PGresult* raw, const std::string& action, const std::string& sql) {
  PgResult result(raw);
  ExecStatusType status = raw ? PQresultStatus(raw) : PGRES_FATAL_ERROR;
  if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK || status == PGRES_EMPTY_QUERY) return result;
  std::string sqlstate = field(raw, PG_DIAG_SQLSTATE);
  std::string message = field(raw, PG_DIAG_MESSAGE_PRIMARY);
  if (message.empty()) message = trimmed(raw ? PQresultErrorMessage(raw) : PQerrorMessage(connection_));
  if (message.empty()) message = std::string("unexpected result status ") + PQresStatus(status);
  std::string text = "PostgreSQL " + display_name_ + ": " + action + ": SQLSTATE " +
                     (sqlstate.empty() ? "(none)" : sqlstate) + ": " + message;
  if (std::string detail = field(raw, PG_DIAG_MESSAGE_DETAIL); !detail.empty()) text += "; DETAIL: " + detail;
  if (std::string hint = field(raw, PG_DIAG_MESSAGE_HINT); !hint.empty()) text += "; HINT: " + hint;
  throw PgError(text + " in statement: " + sql, sqlstate);
}

PgResult PgConnection::exec(const std::string& sql) { return checked(PQexec(connection_, sql.c_str()), "exec", sql); }

PgResult PgConnection::exec_params(const std::string& sql, const std::vector<PgParam>& params, PgFormat format,
                                   const std::string& action) {
  ParamArrays arrays(params);
  return checked(PQexecParams(connection_, sql.c_str(), arrays.count(), arrays.types.data(), arrays.values.data(),
                              arrays.lengths.data(), arrays.formats.data(), static_cast<int>(format)),
                 action, sql);
}

PgResult PgConnection::exec_for(const std::string& sql, const std::string& action) {
  return checked(PQexec(connection_, sql.c_str()), action, sql);
}

void PgConnection::prepare(const std::string& name, const std::string& sql, const std::vector<bool>& bytea_params) {
  std::vector<Oid> types;
  for (bool bytea : bytea_params) types.push_back(bytea ? kByteaOid : 0);
  checked(PQprepare(connection_, name.c_str(), sql.c_str(), static_cast<int>(types.size()), types.data()),
          "prepare " + name, sql);
  prepared_[name] = sql;
}

void PgConnection::prepare_with_types(const std::string& name, const std::string& sql, const std::vector<unsigned>& types,
                                      const std::string& action) {
  std::vector<Oid> oids(types.begin(), types.end());
  checked(PQprepare(connection_, name.c_str(), sql.c_str(), static_cast<int>(oids.size()), oids.data()), action, sql);
  prepared_[name] = sql;
}

void PgConnection::deallocate(const std::string& name) noexcept {
  if (prepared_.erase(name) == 0) return;
  PQclear(PQexec(connection_, ("DEALLOCATE " + name).c_str()));
}

PgResult PgConnection::exec_prepared(const std::string& name, const std::vector<PgParam>& params, PgFormat format,
                                     const std::string& action) {
  auto found = prepared_.find(name);
  if (found == prepared_.end())
    throw PgError("PostgreSQL " + display_name_ + ": exec_prepared " + name + ": no statement prepared by that name",
                  "");
  ParamArrays arrays(params);
  return checked(PQexecPrepared(connection_, name.c_str(), arrays.count(), arrays.values.data(), arrays.lengths.data(),
                                arrays.formats.data(), static_cast<int>(format)),
                 action.empty() ? "exec_prepared " + name : action, found->second);
}

}  // namespace nianbao::store
