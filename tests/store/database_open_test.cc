// Opening a database file: creation and migration from an empty file, WAL mode, persistence
// across reopening, step-by-step migration from an older version, and refusal of bad files.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <fstream>

#include "store/database.h"
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
  migrate(raw, 1);
  EXPECT_EQ(read_schema_version(raw), 1);
  sqlite3_close(raw);
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

}  // namespace
}  // namespace nianbao::store
