// A thin RAII layer over the SQLite C API for the crawler's own connection: open in WAL mode with a
// busy timeout, prepared statements with typed binds, and errors that name the file and the SQL.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace nianbao::crawler {

class CrawlDbError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class Statement {
 public:
  Statement(sqlite3* db, const std::string& sql, const std::string& path);
  ~Statement();
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  Statement& bind(int index, std::string_view text);
  Statement& bind_blob(int index, std::string_view bytes);
  Statement& bind(int index, int64_t value);
  Statement& bind(int index, double value);
  Statement& bind_null(int index);
  bool step();  // true while a row is available
  void run();   // step to completion
  std::string text(int column) const;
  std::string blob(int column) const;
  int64_t integer(int column) const;
  double real(int column) const;
  bool is_null(int column) const;

 private:
  sqlite3* db_;
  sqlite3_stmt* statement_ = nullptr;
  std::string sql_, path_;
};

class SqliteHandle {
 public:
  explicit SqliteHandle(const std::string& path);
  ~SqliteHandle();
  SqliteHandle(const SqliteHandle&) = delete;
  SqliteHandle& operator=(const SqliteHandle&) = delete;

  void execute(const std::string& sql);
  Statement prepare(const std::string& sql) { return Statement(db_, sql, path_); }
  int64_t last_insert_id() const { return sqlite3_last_insert_rowid(db_); }
  int changes() const { return sqlite3_changes(db_); }
  const std::string& path() const { return path_; }

 private:
  sqlite3* db_ = nullptr;
  std::string path_;
};

// BEGIN IMMEDIATE … COMMIT, rolled back if destroyed before commit().
class Transaction {
 public:
  explicit Transaction(SqliteHandle& db) : db_(db) { db_.execute("BEGIN IMMEDIATE"); }
  ~Transaction();
  void commit();

 private:
  SqliteHandle& db_;
  bool done_ = false;
};

}  // namespace nianbao::crawler
