// One pass over the statement: copy quoted parts and comments as they are, rewrite each `?NNN`
// as `$NNN` and each bare `?` as the next number after the highest seen so far (SQLite's rule).
#include "store/postgres_parameters.h"

#include <algorithm>
#include <cctype>

namespace nianbao::store {
namespace {

// Index just past a quoted part starting at `at` (quote char `quote`, doubled to escape).
size_t skip_quoted(std::string_view sql, size_t at, char quote) {
  for (size_t i = at + 1; i < sql.size(); ++i) {
    if (sql[i] != quote) continue;
    if (i + 1 < sql.size() && sql[i + 1] == quote) {
      ++i;
      continue;
    }
    return i + 1;
  }
  return sql.size();
}

size_t skip_comment(std::string_view sql, size_t at) {
  if (sql.compare(at, 2, "--") == 0) {
    size_t end = sql.find('\n', at);
    return end == std::string_view::npos ? sql.size() : end;
  }
  size_t end = sql.find("*/", at + 2);
  return end == std::string_view::npos ? sql.size() : end + 2;
}

}  // namespace

PostgresStatementText to_postgres_parameters(std::string_view sql) {
  PostgresStatementText out;
  out.sql.reserve(sql.size() + 8);
  for (size_t at = 0; at < sql.size();) {
    char ch = sql[at];
    if (ch == '\'' || ch == '"') {
      size_t end = skip_quoted(sql, at, ch);
      out.sql.append(sql.substr(at, end - at));
      at = end;
    } else if (sql.compare(at, 2, "--") == 0 || sql.compare(at, 2, "/*") == 0) {
      size_t end = skip_comment(sql, at);
      out.sql.append(sql.substr(at, end - at));
      at = end;
    } else if (ch == '?') {
      size_t digits = at + 1;
      while (digits < sql.size() && std::isdigit(static_cast<unsigned char>(sql[digits]))) ++digits;
      int number = digits > at + 1 ? std::stoi(std::string(sql.substr(at + 1, digits - at - 1)))
                                   : out.parameter_count + 1;
      out.parameter_count = std::max(out.parameter_count, number);
      out.sql += '$' + std::to_string(number);
      at = digits;
    } else {
      out.sql += ch;
      ++at;
    }
  }
  return out;
}

}  // namespace nianbao::store
