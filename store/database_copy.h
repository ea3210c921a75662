// Moving a whole nianbao database between backends (SQLite file <-> PostgreSQL): every table with
// its ids, in foreign-key order, in one target transaction, then verified by counts and sha256.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "store/session.h"

namespace nianbao::store {

// Tables the migrations fill themselves (a new database already holds their rows): the copy
// replaces their rows with the source's instead of requiring them empty.
inline const std::vector<std::string> kMigrationFilledTables = {"panel_metrics", "pre2019_key_map"};

struct TableCopy {
  std::string table;
  int64_t rows = 0;
};

struct CopySummary {
  std::vector<TableCopy> tables;  // in the order copied (parents before children)
  int64_t rows = 0;               // all tables
  int64_t documents = 0;          // documents whose bytes were hashed on the target
  bool sha256_verified = false;
};

// "copied 12 tables, 3,456 rows, 40 documents, sha256 verified"
std::string describe(const CopySummary& summary);

// Copies the database at `from` (opened read-only: an SQLite file or a postgresql:// URI) into
// `to` (created when missing, migrated to this program's schema), which must hold no rows (apart
// from kMigrationFilledTables): a non-empty target is refused, naming it and a table with rows.
// Everything is written in one transaction on `to` and verified before the commit (row counts per
// table; every document's bytes hashed on the target equal its sha256 column and the source's),
// so any failure throws StoreError (naming the database, table and row) and leaves `to` as it was.
CopySummary copy_database(const std::string& from, const std::string& to);

// The tables of the database (views and the schema-version table left out), by name.
std::vector<std::string> list_tables(Session& db);

// Every row of `table` as one line of text, values spelled the same on both backends (NULL as
// "NULL", doubles exactly as %.17g, blobs as their sha256), sorted: two databases hold the same
// rows exactly when their dumps are equal. For verifying and comparing copies.
std::vector<std::string> table_dump(Session& db, const std::string& table);

}  // namespace nianbao::store
