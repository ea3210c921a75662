// Telling an empty file, a nianbao database and another program's SQLite file apart, and refusing
// what a writer (a foreign file) or a reader (also an empty, older or newer file) cannot use.
#include "store/file_kind.h"

#include <algorithm>

#include "store/schema.h"
#include "store/statement.h"

namespace nianbao::store {
namespace {

// The tables and objects of the database's schema (PostgreSQL: the connection's current schema,
// without the version table: a database another process has just bootstrapped and not yet migrated
// is still empty, not foreign).
const char* objects_sql(Dialect dialect) {
  return dialect == Dialect::sqlite ? "SELECT count(*) FROM sqlite_schema"
                                    : "SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema()"
                                      " AND table_name <> 'nianbao_schema'";
}

const char* tables_sql(Dialect dialect) {
  return dialect == Dialect::sqlite
             ? "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite%' ORDER BY name"
             : "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() "
               "AND table_type = 'BASE TABLE' AND table_name <> 'nianbao_schema' ORDER BY table_name";
}

FileContents read_snapshot(Session& db) {
  FileContents contents;
  contents.version = read_schema_version(db);
  Statement objects(db, objects_sql(db.dialect()), "reading the schema");
  objects.step();
  contents.schema_objects = objects.column_int(0);
  Statement tables(db, tables_sql(db.dialect()), "listing the tables");
  while (tables.step()) contents.tables.push_back(tables.column_text(0));
  return contents;
}

bool has_table(const FileContents& contents, const std::string& name) {
  return std::find(contents.tables.begin(), contents.tables.end(), name) != contents.tables.end();
}

bool is_empty(const FileContents& contents) { return contents.schema_objects == 0; }

// Every nianbao schema since version 1 (release 0.1 files are at 2) has these two tables.
bool is_nianbao(const FileContents& contents) {
  return contents.version >= 1 && has_table(contents, "documents") && has_table(contents, "reports");
}

std::string table_names(const std::vector<std::string>& tables) {
  constexpr size_t kShown = 5;
  std::string text;
  for (size_t index = 0; index < tables.size() && index < kShown; ++index) text += (index ? ", " : "") + tables[index];
  if (tables.size() > kShown) text += ", …";
  return text;
}

}  // namespace

FileContents read_contents(Session& db) {
  db.begin_read("reading what the database holds");
  try {
    FileContents contents = read_snapshot(db);
    execute(db, "COMMIT", "reading what the file holds");
    return contents;
  } catch (...) {
    db.execute_quietly("ROLLBACK");
    throw;
  }
}

void refuse_foreign_file(const std::string& path, const FileContents& contents) {
  if (is_empty(contents) || is_nianbao(contents)) return;
  std::string found = contents.tables.empty()
                          ? std::to_string(contents.schema_objects) + " schema objects but no table"
                          : std::to_string(contents.tables.size()) + (contents.tables.size() == 1 ? " table" : " tables") +
                                " (" + table_names(contents.tables) + ")";
  throw StoreError(path + ": not a nianbao database: it holds " + found + " and schema version (user_version) " +
                   std::to_string(contents.version) +
                   " but no nianbao documents/reports tables; refused and left unchanged (use a nianbao "
                   "database, a new file name or an empty file)");
}

void require_readable_version(const std::string& path, const FileContents& contents) {
  refuse_foreign_file(path, contents);
  int latest = latest_schema_version();
  if (is_empty(contents)) {
    throw StoreError(path + ": empty database, nothing stored yet (`nianbao ingest` or `nianbao crawl` fills it)");
  }
  if (contents.version > latest) {
    throw StoreError(path + ": schema version " + std::to_string(contents.version) +
                     " is newer than this nianbao supports (" + std::to_string(latest) + ")");
  }
  if (contents.version < latest) {
    throw StoreError(path + ": schema version " + std::to_string(contents.version) + " is older than this nianbao's (" +
                     std::to_string(latest) +
                     ") and a read-only command does not upgrade a file: run a write command on it first "
                     "(e.g. `nianbao ingest`, `crawl`, `reextract` or `agencies import` with this --db), as a user "
                     "who may write it; that upgrades it in place and keeps every row");
  }
}

}  // namespace nianbao::store
