// Test support for the suites that run on both backends: a fresh empty database of either kind
// for one test (an SQLite file in a temporary directory, or a new database on the test's own
// PostgreSQL server) and its rows read back through the store's own access layer.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "store/connection.h"
#include "store/statement.h"
#include "tests/support/postgres_server.h"

namespace nianbao::testing {

enum class Backend { sqlite, postgresql };

inline std::string backend_name(const ::testing::TestParamInfo<Backend>& info) {
  return info.param == Backend::sqlite ? "SQLite" : "PostgreSQL";
}

// INSTANTIATE_TEST_SUITE_P(Backends, MyTest, NIANBAO_BOTH_BACKENDS);
#define NIANBAO_BOTH_BACKENDS                                                                                   \
  ::testing::Values(::nianbao::testing::Backend::sqlite, ::nianbao::testing::Backend::postgresql), \
      ::nianbao::testing::backend_name

// A fresh database for the running test. For PostgreSQL, call NIANBAO_REQUIRE_BACKEND(backend)
// first (it skips or fails the test when the server is absent or did not start).
class BackendDatabase {
 public:
  explicit BackendDatabase(Backend backend) : backend_(backend) {
    if (backend == Backend::sqlite) {
      std::string pattern = (std::filesystem::temp_directory_path() / "nianbao-backend-XXXXXX").string();
      directory_ = mkdtemp(pattern.data()) ? pattern : "";
      target_ = directory_ + "/test.sqlite";
    } else {
      const ::testing::TestInfo* test = ::testing::UnitTest::GetInstance()->current_test_info();
      std::string name = test ? std::string(test->test_suite_name()) + "_" + test->name() : "test";
      target_ = PostgresServer::shared().create_database(name);
    }
  }
  ~BackendDatabase() {
    if (backend_ == Backend::postgresql && !target_.empty()) PostgresServer::shared().drop_database(target_);
    std::error_code ignored;
    if (!directory_.empty()) std::filesystem::remove_all(directory_, ignored);
  }
  BackendDatabase(const BackendDatabase&) = delete;
  BackendDatabase& operator=(const BackendDatabase&) = delete;

  // What --db takes: the file's path or the postgresql:// URI.
  const std::string& target() const { return target_; }
  Backend backend() const { return backend_; }
  // A directory the test may write files into (SQLite: beside the database).
  std::string scratch_directory() {
    if (directory_.empty()) {
      std::string pattern = (std::filesystem::temp_directory_path() / "nianbao-backend-XXXXXX").string();
      directory_ = mkdtemp(pattern.data()) ? pattern : "";
    }
    return directory_;
  }

 private:
  Backend backend_;
  std::string directory_;
  std::string target_;
};

// Skips (PostgreSQL not installed) or fails (installed, not started) a PostgreSQL instance of a
// test; does nothing for SQLite.
#define NIANBAO_REQUIRE_BACKEND(backend)                                   \
  if ((backend) == ::nianbao::testing::Backend::postgresql) {              \
    NIANBAO_REQUIRE_POSTGRES(nianbao_backend_server_);                     \
    (void)nianbao_backend_server_;                                         \
  }

// Rows of `sql` as '|'-joined text ("" for NULL), values spelled as the SQLite backend gives them,
// read through the store's own connection (read-only) to `target`. The SQL must run on both
// backends. A bad query fails the test naming it.
inline std::vector<std::string> backend_rows(const std::string& target, const std::string& sql) {
  std::vector<std::string> rows;
  try {
    store::Connection connection(target, store::OpenMode::read_only);
    store::Statement query(connection.handle(), sql, "test query");
    while (query.step()) {
      std::string row;
      for (int column = 0; column < query.column_count(); ++column) {
        row += (column ? "|" : "") + query.column_text(column);
      }
      rows.push_back(row);
    }
  } catch (const std::exception& error) {
    ADD_FAILURE() << "bad query " << sql << ": " << error.what();
  }
  return rows;
}

inline std::string backend_one(const std::string& target, const std::string& sql) {
  std::vector<std::string> rows = backend_rows(target, sql);
  return rows.empty() ? "" : rows[0];
}

}  // namespace nianbao::testing
