// store::copy_database on values the fixtures rarely hold: doubles that need 17 digits, NULLs,
// bytes with NUL and 0xFF, empty blobs, self-references (agencies.parent_id to a later row).
#include "store/database_copy.h"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <string>
#include <vector>

#include "common/sha256.h"
#include "store/connection.h"
#include "store/statement.h"
#include "tests/support/backend_database.h"

namespace nianbao::store {
namespace {

using nianbao::testing::Backend;
using nianbao::testing::BackendDatabase;

const double kDoubles[] = {0.1 + 0.2, 1e-300, -123456789.123456789, 4503599627370497.0, 5e-324};

void insert_document(Session& db, int64_t id, const std::string& bytes) {
  Statement insert(db,
                   "INSERT INTO documents (id, sha256, bytes, size, media_type, charset, origin, extract_status, "
                   "extract_message) VALUES (?1, ?2, ?3, ?4, 'application/octet-stream', '', ?5, 'raw', '')",
                   "test: a document");
  insert.bind(1, id).bind(2, sha256_hex(bytes)).bind_blob(3, bytes).bind(4, static_cast<int64_t>(bytes.size()));
  insert.bind(5, "test:" + std::to_string(id)).run();
}

// Odd values in several tables of a fresh SQLite file.
void fill(const std::string& file) {
  Connection connection(file, OpenMode::create);
  Session& db = connection.handle();
  insert_document(db, 3, std::string("\0\x01\xff\xfe tail", 9));
  insert_document(db, 7, "");
  // More documents than one batch of rows holding bytes, so the copy reads several batches.
  for (int64_t id = 10; id < 50; ++id)
    insert_document(db, id, std::string(static_cast<size_t>(id) * 1000, static_cast<char>(id)));
  int64_t run = 1;
  for (double value : kDoubles) {
    Statement insert(db, "INSERT INTO crawl_runs (id, started_at, finished_at) VALUES (?1, ?2, ?3)", "test: a run");
    insert.bind(1, run++).bind(2, value);
    if (run % 2) {
      insert.bind_null(3);
    } else {
      insert.bind(3, -value);
    }
    insert.run();
  }
  // The parent is inserted after its child: a copy in id order must set parent_id afterwards.
  execute(db,
          "INSERT INTO agencies (id, name, name_key, parent_id) VALUES (5, 'child', 'child', NULL);"
          "INSERT INTO agencies (id, name, name_key, parent_id) VALUES (9, 'parent', 'parent', NULL);"
          "UPDATE agencies SET parent_id = 9 WHERE id = 5;",
          "test: agencies");
}

std::vector<std::string> dump(const std::string& target, const std::string& table) {
  Connection connection(target, OpenMode::read_only);
  return table_dump(connection.handle(), table);
}

class DatabaseCopy : public ::testing::TestWithParam<Backend> {};

TEST_P(DatabaseCopy, OddValuesSurviveTheCopyAndTheCopyBack) {
  NIANBAO_REQUIRE_BACKEND(GetParam());
  BackendDatabase scratch(Backend::sqlite);
  const std::string original = scratch.scratch_directory() + "/original.sqlite";
  const std::string back = scratch.scratch_directory() + "/back.sqlite";
  fill(original);
  BackendDatabase target(GetParam());

  CopySummary there = copy_database(original, target.target());
  EXPECT_EQ(there.documents, 42);
  EXPECT_TRUE(there.sha256_verified);
  CopySummary again = copy_database(target.target(), back);
  EXPECT_EQ(again.rows, there.rows);
  EXPECT_EQ(describe(again), describe(there));

  Connection source(original, OpenMode::read_only);
  for (const std::string& table : list_tables(source.handle())) {
    std::vector<std::string> rows = table_dump(source.handle(), table);
    EXPECT_EQ(dump(target.target(), table), rows) << table;
    EXPECT_EQ(dump(back, table), rows) << table;
  }

  // The exact doubles and the NULLs, read back from the copy that went through both backends.
  Connection copied(back, OpenMode::read_only);
  Statement runs(copied.handle(), "SELECT id, started_at, finished_at FROM crawl_runs ORDER BY id", "test: runs");
  for (double value : kDoubles) {
    ASSERT_TRUE(runs.step());
    EXPECT_EQ(runs.column_double(1), value);
    EXPECT_EQ(runs.is_null(2), runs.column_int64(0) % 2 == 0) << "run " << runs.column_int64(0);
  }
  Statement bytes(copied.handle(), "SELECT id, bytes FROM documents ORDER BY id", "test: bytes");
  ASSERT_TRUE(bytes.step());
  EXPECT_EQ(bytes.column_blob(1), std::string("\0\x01\xff\xfe tail", 9));
  ASSERT_TRUE(bytes.step());
  EXPECT_EQ(bytes.column_int64(0), 7);
  EXPECT_EQ(bytes.column_blob(1), "");
  EXPECT_EQ(nianbao::testing::backend_one(target.target(), "SELECT parent_id FROM agencies WHERE id = 5"), "9");
}

// kMigrationFilledTables must name exactly the tables a new database already has rows in.
TEST_P(DatabaseCopy, TheMigrationFilledTablesAreTheOnesANewDatabaseHasRowsIn) {
  NIANBAO_REQUIRE_BACKEND(GetParam());
  BackendDatabase fresh(GetParam());
  Connection connection(fresh.target(), OpenMode::create);
  std::vector<std::string> filled;
  for (const std::string& table : list_tables(connection.handle())) {
    if (!table_dump(connection.handle(), table).empty()) filled.push_back(table);
  }
  EXPECT_EQ(filled, kMigrationFilledTables);
}

INSTANTIATE_TEST_SUITE_P(Backends, DatabaseCopy, NIANBAO_BOTH_BACKENDS);

}  // namespace
}  // namespace nianbao::store
