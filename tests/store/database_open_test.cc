// Opening a database file: creation and migration from an empty file, WAL mode, persistence
// across reopening, step-by-step migration from an older version, refusal of bad and foreign
// files (left unchanged), and read-only opening (no journal change, no migration, no writes).
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "store/database.h"
#include "store/sqlite_session.h"
#include "store/statement.h"
#include "store/schema.h"
#include "store_test_support.h"

namespace nianbao::store {
namespace {

using store_test::query_int;
using store_test::query_text;
using store_test::TempDir;

TEST(StoreOpen, MigratesAnEmptyFileToTheLatestSchemaInWalMode) {
  TempDir dir;
  std::string path = dir.file("new.sqlite");
  Database db(path);
  EXPECT_EQ(db.schema_version(), latest_schema_version());
  EXPECT_EQ(latest_schema_version(), static_cast<int>(migrations().size()));
  EXPECT_EQ(query_int(path, "PRAGMA user_version"), latest_schema_version());
  Statement synchronous(db.handle(), "PRAGMA synchronous", "test");
  ASSERT_TRUE(synchronous.step());
  EXPECT_EQ(synchronous.column_int(0), 1);  // NORMAL: synced at checkpoints, safe in WAL mode
  EXPECT_EQ(query_text(path, "PRAGMA journal_mode"), "wal");
  for (const char* table : {"documents", "document_origins", "reports", "cells", "findings", "checks", "agencies",
                            "agency_aliases", "agency_succession", "corrections", "crawl_urls", "crawl_fetches"}) {
    EXPECT_EQ(query_int(path, std::string("SELECT count(*) FROM sqlite_schema WHERE type='table' AND name='") +
                                  table + "'"),
              1)
        << table;
  }
  EXPECT_EQ(query_int(path, "SELECT count(*) FROM sqlite_schema WHERE type='view' AND name IN "
                            "('cell_values','report_overview')"),
            2);
}

TEST(StoreOpen, ReopenedFileKeepsItsDataAndVersion) {
  TempDir dir;
  std::string path = dir.file("kept.sqlite");
  std::string sha;
  {
    Database db(path);
    sha = db.ingest("bytes of a report", "a.txt", store_test::sample_extraction({store_test::sample_report("甲局", 2021)}))
              .sha256;
  }
  Database reopened(path, OpenMode::existing);
  EXPECT_EQ(reopened.schema_version(), latest_schema_version());
  EXPECT_EQ(query_text(path, "PRAGMA journal_mode"), "wal");
  ASSERT_EQ(reopened.reports().size(), 1u);
  EXPECT_EQ(reopened.reports()[0].agency, "甲局");
  EXPECT_EQ(reopened.document_bytes(sha), "bytes of a report");
}

TEST(StoreOpen, MigratesAVersionOneFileOneStepForward) {
  TempDir dir;
  std::string path = dir.file("v1.sqlite");
  sqlite3* raw = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &raw), SQLITE_OK);
  {
    SqliteSession session(raw);
    migrate(session, 1);
    EXPECT_EQ(read_schema_version(session), 1);
  }
  EXPECT_EQ(query_int(path, "SELECT count(*) FROM sqlite_schema WHERE name='cell_values'"), 0);

  Database db(path);
  EXPECT_EQ(db.schema_version(), latest_schema_version());
  EXPECT_EQ(query_int(path, "SELECT count(*) FROM sqlite_schema WHERE name='cell_values'"), 1);
}

TEST(StoreOpen, RefusesAFileFromANewerNianbao) {
  TempDir dir;
  std::string path = dir.file("future.sqlite");
  sqlite3* raw = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &raw), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(raw, "PRAGMA user_version = 99", nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(raw);
  try {
    Database db(path);
    FAIL() << "a version-99 file was opened";
  } catch (const StoreError& error) {
    EXPECT_NE(std::string(error.what()).find(path), std::string::npos) << error.what();
    EXPECT_NE(std::string(error.what()).find("99"), std::string::npos) << error.what();
  }
}

TEST(StoreOpen, ExistingModeDoesNotCreateAMissingFile) {
  TempDir dir;
  std::string path = dir.file("absent.sqlite");
  try {
    Database db(path, OpenMode::existing);
    FAIL() << "a missing file was opened";
  } catch (const StoreError& error) {
    EXPECT_NE(std::string(error.what()).find(path), std::string::npos) << error.what();
  }
  EXPECT_FALSE(std::filesystem::exists(path));
}

TEST(StoreOpen, ANonDatabaseFileIsAStoreErrorNamingIt) {
  TempDir dir;
  std::string path = dir.file("not-sqlite.sqlite");
  std::ofstream(path) << "this is not an SQLite database, just some text long enough to have a header ..........";
  try {
    Database db(path);
    FAIL() << "a text file was opened as a database";
  } catch (const StoreError& error) {
    EXPECT_NE(std::string(error.what()).find(path), std::string::npos) << error.what();
  }
}


// ---- foreign files ----

std::string file_bytes(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  std::stringstream buffer;
  buffer << file.rdbuf();
  return buffer.str();
}

// Another program's database: rollback journal, its own tables and rows.
void write_foreign_database(const std::string& path, int user_version) {
  sqlite3* raw = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &raw), SQLITE_OK);
  std::string sql = "CREATE TABLE people (id INTEGER PRIMARY KEY, name TEXT); CREATE TABLE pets (owner INTEGER, kind TEXT);"
                    "INSERT INTO people (name) VALUES ('Li'), ('Wang'); INSERT INTO pets VALUES (1, 'cat');"
                    "PRAGMA user_version = " + std::to_string(user_version);
  ASSERT_EQ(sqlite3_exec(raw, sql.c_str(), nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(raw);
}

void expect_refused_unchanged(const std::string& path, OpenMode mode) {
  std::string before = file_bytes(path);
  ASSERT_FALSE(before.empty());
  try {
    Connection connection(path, mode);
    FAIL() << "a foreign database was opened";
  } catch (const StoreError& error) {
    std::string message = error.what();
    EXPECT_NE(message.find(path), std::string::npos) << message;
    EXPECT_NE(message.find("not a nianbao database"), std::string::npos) << message;
    EXPECT_NE(message.find("2 tables (people, pets)"), std::string::npos) << message;
  }
  EXPECT_EQ(file_bytes(path), before);
  EXPECT_FALSE(std::filesystem::exists(path + "-wal"));
  EXPECT_EQ(query_text(path, "PRAGMA journal_mode"), "delete");
  EXPECT_EQ(query_int(path, "SELECT count(*) FROM sqlite_schema"), 2);
}

TEST(StoreOpen, AForeignDatabaseIsRefusedAndLeftByteForByte) {
  TempDir dir;
  std::string path = dir.file("other-program.sqlite");
  write_foreign_database(path, 0);
  expect_refused_unchanged(path, OpenMode::create);
  expect_refused_unchanged(path, OpenMode::existing);
  expect_refused_unchanged(path, OpenMode::read_only);
}

TEST(StoreOpen, AForeignDatabaseWithItsOwnUserVersionIsRefusedToo) {
  TempDir dir;
  std::string path = dir.file("versioned.sqlite");
  write_foreign_database(path, 3);
  expect_refused_unchanged(path, OpenMode::create);
}

TEST(StoreOpen, AnEmptySqliteFileIsAccepted) {
  TempDir dir;
  std::string zero_bytes = dir.file("zero.sqlite");
  std::ofstream(zero_bytes).close();
  { Database db(zero_bytes, OpenMode::existing); EXPECT_EQ(db.schema_version(), latest_schema_version()); }

  // Formatted pages but no schema object left: empty as well.
  std::string emptied = dir.file("emptied.sqlite");
  sqlite3* raw = nullptr;
  ASSERT_EQ(sqlite3_open(emptied.c_str(), &raw), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(raw, "CREATE TABLE t (x); DROP TABLE t;", nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(raw);
  ASSERT_GT(std::filesystem::file_size(emptied), 0u);
  Database db(emptied, OpenMode::existing);
  EXPECT_EQ(db.schema_version(), latest_schema_version());
  EXPECT_EQ(query_text(emptied, "PRAGMA journal_mode"), "wal");
}

TEST(StoreOpen, TheReleaseFixtureIsANianbaoDatabase) {
  TempDir dir;
  std::string path = dir.file("release.sqlite");
  std::filesystem::copy_file(std::string(NIANBAO_FIXTURES_DIR) + "/store/release-0.1.sqlite", path);
  ASSERT_EQ(query_int(path, "PRAGMA user_version"), 2);
  Database db(path, OpenMode::existing);
  EXPECT_EQ(db.schema_version(), latest_schema_version());
}

// ---- read-only opening ----

// A nianbao database in rollback-journal mode, so that a journal-mode change would show.
std::string make_rollback_mode_database(const TempDir& dir) {
  std::string path = dir.file("rollback.sqlite");
  {
    Database db(path);
    db.ingest("bytes of a report", "a.txt", store_test::sample_extraction({store_test::sample_report("甲局", 2021)}));
  }
  sqlite3* raw = nullptr;
  sqlite3_open(path.c_str(), &raw);
  sqlite3_exec(raw, "PRAGMA journal_mode = DELETE", nullptr, nullptr, nullptr);
  sqlite3_close(raw);
  return path;
}

TEST(StoreOpenReadOnly, OpensReadOnlyWithoutChangingTheFile) {
  TempDir dir;
  std::string path = make_rollback_mode_database(dir);
  ASSERT_EQ(query_text(path, "PRAGMA journal_mode"), "delete");
  std::string before = file_bytes(path);
  {
    Database db(path, OpenMode::read_only);
    EXPECT_EQ(sqlite3_db_readonly(dynamic_cast<SqliteSession&>(db.handle()).handle(), "main"), 1);
    ASSERT_EQ(db.reports().size(), 1u);
    EXPECT_EQ(db.reports()[0].agency, "甲局");
    EXPECT_EQ(db.document_bytes(db.reports()[0].sha256), "bytes of a report");
    EXPECT_THROW(execute(db.handle(), "DELETE FROM documents", "test"), StoreError);
  }
  EXPECT_EQ(query_text(path, "PRAGMA journal_mode"), "delete");
  EXPECT_EQ(file_bytes(path), before);
}

TEST(StoreOpenReadOnly, ReadsAWalModeFile) {
  TempDir dir;
  std::string path = dir.file("wal.sqlite");
  { Database db(path); db.ingest("a report", "a.txt", store_test::sample_extraction({store_test::sample_report("乙局", 2022)})); }
  Connection connection(path, OpenMode::read_only);
  EXPECT_TRUE(connection.read_only());
  EXPECT_EQ(read_schema_version(connection.handle()), latest_schema_version());
  Statement documents(connection.handle(), "SELECT count(*) FROM documents", "test");
  ASSERT_TRUE(documents.step());
  EXPECT_EQ(documents.column_int(0), 1);
}

TEST(StoreOpenReadOnly, AnOlderSchemaIsNotMigratedAndTheMessageSaysWhatToRun) {
  TempDir dir;
  std::string path = dir.file("release.sqlite");
  std::filesystem::copy_file(std::string(NIANBAO_FIXTURES_DIR) + "/store/release-0.1.sqlite", path);
  std::string before = file_bytes(path);
  try {
    Connection connection(path, OpenMode::read_only);
    FAIL() << "an older file was opened read-only";
  } catch (const StoreError& error) {
    std::string message = error.what();
    EXPECT_NE(message.find(path), std::string::npos) << message;
    EXPECT_NE(message.find("schema version 2 is older"), std::string::npos) << message;
    EXPECT_NE(message.find("run a write command"), std::string::npos) << message;
  }
  EXPECT_EQ(file_bytes(path), before);
  EXPECT_EQ(query_int(path, "PRAGMA user_version"), 2);
}

TEST(StoreOpenReadOnly, AMissingOrEmptyFileIsAnErrorAndNothingIsCreated) {
  TempDir dir;
  std::string missing = dir.file("absent.sqlite");
  EXPECT_THROW(Connection(missing, OpenMode::read_only), StoreError);
  EXPECT_FALSE(std::filesystem::exists(missing));

  std::string empty = dir.file("empty.sqlite");
  std::ofstream(empty).close();
  try {
    Connection connection(empty, OpenMode::read_only);
    FAIL() << "an empty file was opened read-only";
  } catch (const StoreError& error) {
    EXPECT_NE(std::string(error.what()).find("empty database"), std::string::npos) << error.what();
  }
  EXPECT_EQ(std::filesystem::file_size(empty), 0u);
}

TEST(StoreOpenReadOnly, AFileFromANewerNianbaoIsRefused) {
  TempDir dir;
  std::string path = dir.file("future.sqlite");
  { Database db(path); }
  sqlite3* raw = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &raw), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(raw, "PRAGMA user_version = 99", nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(raw);
  try {
    Connection connection(path, OpenMode::read_only);
    FAIL() << "a version-99 file was opened";
  } catch (const StoreError& error) {
    EXPECT_NE(std::string(error.what()).find("99"), std::string::npos) << error.what();
  }
}

}  // namespace
}  // namespace nianbao::store
