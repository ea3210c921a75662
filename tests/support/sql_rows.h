// Reading a database file a test built through the binary with plain SQLite (read-only, apart from
// the store's own reader): the rows of a query as '|'-joined text.
#pragma once

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <string>
#include <vector>

namespace nianbao::testing {

// Rows of `sql` as '|'-joined text ("" for NULL); a bad query fails the test naming it.
inline std::vector<std::string> sql_rows(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr);
  sqlite3_stmt* statement = nullptr;
  std::vector<std::string> rows;
  if (sqlite3_prepare_v2(db, sql.c_str(), -1, &statement, nullptr) != SQLITE_OK) {
    ADD_FAILURE() << "bad query " << sql << ": " << sqlite3_errmsg(db);
  } else {
    while (sqlite3_step(statement) == SQLITE_ROW) {
      std::string row;
      for (int column = 0; column < sqlite3_column_count(statement); ++column) {
        const unsigned char* text = sqlite3_column_text(statement, column);
        row += (column ? "|" : "") + std::string(text ? reinterpret_cast<const char*>(text) : "");
      }
      rows.push_back(row);
    }
  }
  sqlite3_finalize(statement);
  sqlite3_close(db);
  return rows;
}

// The first row of `sql`, "" when there is none.
inline std::string sql_one(const std::string& path, const std::string& sql) {
  std::vector<std::string> rows = sql_rows(path, sql);
  return rows.empty() ? "" : rows[0];
}

}  // namespace nianbao::testing
