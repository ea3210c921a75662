// The store writes SQL once, with SQLite's parameter spelling (?NNN, or ? numbered in order); this
// turns it into PostgreSQL's $N, leaving quoted strings, quoted names and comments alone.
#pragma once

#include <string>
#include <string_view>

namespace nianbao::store {

struct PostgresStatementText {
  std::string sql;          // with $N parameters
  int parameter_count = 0;  // the highest N
};

PostgresStatementText to_postgres_parameters(std::string_view sqlite_sql);

}  // namespace nianbao::store
