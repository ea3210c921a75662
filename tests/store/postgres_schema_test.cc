// The PostgreSQL schema (store/schema_postgres.h) against the SQLite one (store/schema.h): at every
// version the same tables, columns, keys, indexes and views, and the same rows from every view.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <sqlite3.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "common/sha256.h"
#include "store/postgres_connection.h"
#include "store/schema.h"
#include "store/schema_postgres.h"
#include "store/sqlite_session.h"
#include "tests/store/store_test_support.h"
#include "tests/support/postgres_server.h"

namespace nianbao::store {
namespace {

using Row = std::vector<std::optional<std::string>>;

// ---- reading either database as text -------------------------------------------------------------

std::vector<Row> sqlite_rows(sqlite3* db, const std::string& sql) {
  sqlite3_stmt* statement = nullptr;
  if (sqlite3_prepare_v2(db, sql.c_str(), -1, &statement, nullptr) != SQLITE_OK) {
    ADD_FAILURE() << "SQLite refused " << sql << ": " << sqlite3_errmsg(db);
    return {};
  }
  std::vector<Row> rows;
  int code = SQLITE_ROW;
  while ((code = sqlite3_step(statement)) == SQLITE_ROW) {
    Row row;
    for (int column = 0; column < sqlite3_column_count(statement); ++column) {
      const unsigned char* text = sqlite3_column_text(statement, column);
      row.push_back(text ? std::optional<std::string>(reinterpret_cast<const char*>(text)) : std::nullopt);
    }
    rows.push_back(std::move(row));
  }
  if (code != SQLITE_DONE) ADD_FAILURE() << "SQLite failed on " << sql << ": " << sqlite3_errmsg(db);
  sqlite3_finalize(statement);
  return rows;
}

std::vector<Row> postgres_rows(PgConnection& db, const std::string& sql, const std::vector<PgParam>& params = {}) {
  PgResult result = db.exec_params(sql, params);
  std::vector<Row> rows;
  for (int row = 0; row < result.rows(); ++row) {
    Row values;
    for (int column = 0; column < result.columns(); ++column) values.push_back(result.optional_text(row, column));
    rows.push_back(std::move(values));
  }
  return rows;
}

std::vector<std::string> first_column(const std::vector<Row>& rows) {
  std::vector<std::string> values;
  for (const Row& row : rows) values.push_back(row.at(0).value_or("NULL"));
  return values;
}

// A value as both backends must agree on it: numbers to 15 significant digits (SQLite prints REAL
// with %.15g and 3.0 as "3.0"; PostgreSQL prints the shortest exact form), JSON re-serialised
// (jsonb prints ["a", "b"], SQLite keeps the text as written), NULL as "NULL".
std::string normalised(const std::optional<std::string>& value) {
  if (!value) return "NULL";
  const std::string& text = *value;
  if (!text.empty() && (text.front() == '[' || text.front() == '{')) {
    nlohmann::json parsed = nlohmann::json::parse(text, nullptr, false);
    if (!parsed.is_discarded()) return parsed.dump();
  }
  if (!text.empty() && text.find_first_not_of("0123456789.eE+-") == std::string::npos) {
    char* end = nullptr;
    double number = std::strtod(text.c_str(), &end);
    if (end == text.c_str() + text.size()) {
      char formatted[64];
      std::snprintf(formatted, sizeof formatted, "%.15g", number);
      return formatted;
    }
  }
  return text;
}

// The rows of a query as sorted '|'-joined normalised lines (views have no defined order).
std::vector<std::string> as_lines(const std::vector<Row>& rows) {
  std::vector<std::string> lines;
  for (const Row& row : rows) {
    std::string line;
    for (size_t column = 0; column < row.size(); ++column) line += (column ? "|" : "") + normalised(row[column]);
    lines.push_back(line);
  }
  std::sort(lines.begin(), lines.end());
  return lines;
}

// "only in SQLite: …; only in PostgreSQL: …" for two sorted line lists, "" when equal.
std::string difference(const std::vector<std::string>& sqlite_lines, const std::vector<std::string>& postgres_lines) {
  std::multiset<std::string> only_sqlite(sqlite_lines.begin(), sqlite_lines.end());
  std::multiset<std::string> only_postgres(postgres_lines.begin(), postgres_lines.end());
  for (const std::string& line : postgres_lines) {
    auto found = only_sqlite.find(line);
    if (found != only_sqlite.end()) {
      only_sqlite.erase(found);
      only_postgres.erase(only_postgres.find(line));
    }
  }
  std::string message;
  for (const std::string& line : only_sqlite) message += "\n  only in SQLite:     " + line;
  for (const std::string& line : only_postgres) message += "\n  only in PostgreSQL: " + line;
  return message;
}

std::string quoted(const std::string& name) { return "'" + name + "'"; }

// ---- the schema of each backend as lines ---------------------------------------------------------
// "table T column N NAME [NOT NULL]", "table T primary key A,B", "table T unique A,B",
// "table T foreign key A -> U(B) on delete X", "index I on T(A,B)", "view V column N NAME".

// The PostgreSQL type a column of the SQLite schema must have: INTEGER -> bigint (identity when it
// is the rowid), REAL -> double precision, BLOB -> bytea, TEXT -> text COLLATE "C", jsonb when the
// table checks it with json_valid, timestamptz when SQLite stamps it with strftime('now').
std::string expected_postgres_type(const std::string& table, const std::string& table_sql, const Row& column) {
  const std::string& name = *column[1];
  const std::string& type = *column[4];
  bool rowid = type == "INTEGER" && *column[3] == "1" &&
               table_sql.find("INTEGER PRIMARY KEY") != std::string::npos &&
               table_sql.find("WITHOUT ROWID") == std::string::npos;
  if (rowid) return "bigint identity";
  if (type == "INTEGER") return "bigint";
  if (type == "REAL") return "double precision";
  if (type == "BLOB") return "bytea";
  if (table_sql.find("json_valid(" + name + ")") != std::string::npos) return "jsonb";
  // crawl_fetches.fetched_at has no default: the store's INSERT stamps it with strftime('now').
  bool stamped = column[5].value_or("").find("strftime(") != std::string::npos ||
                 (table == "crawl_fetches" && name == "fetched_at");
  if (stamped) return "timestamp with time zone";
  return "text collate C";
}

// A default as PostgreSQL shows it once its cast is dropped; SQLite's strftime('now') is now().
std::string sqlite_default(const std::optional<std::string>& value) {
  if (!value) return "";
  if (value->find("strftime(") != std::string::npos) return " default now()";
  return " default " + *value;
}

std::vector<std::string> sqlite_schema_lines(sqlite3* db) {
  std::vector<std::string> lines;
  for (const Row& table_row : sqlite_rows(
           db, "SELECT name, sql FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")) {
    const std::string& table = *table_row[0];
    std::vector<std::pair<int, std::string>> key;
    for (const Row& column : sqlite_rows(db, "SELECT cid, name, \"notnull\", pk, type, dflt_value FROM pragma_table_info(" +
                                                 quoted(table) + ")")) {
      int pk = std::stoi(*column[3]);
      bool not_null = *column[2] == "1" || pk > 0;  // a key column is NOT NULL on PostgreSQL
      lines.push_back("table " + table + " column " + *column[0] + " " + *column[1] + " " +
                      expected_postgres_type(table, *table_row[1], column) + (not_null ? " NOT NULL" : "") +
                      sqlite_default(column[5]));
      if (pk > 0) key.emplace_back(pk, *column[1]);
    }
    std::sort(key.begin(), key.end());
    std::string key_columns;
    for (const auto& [position, name] : key) key_columns += (key_columns.empty() ? "" : ",") + name;
    if (!key_columns.empty()) lines.push_back("table " + table + " primary key " + key_columns);
    for (const std::string& index : first_column(sqlite_rows(
             db, "SELECT name FROM pragma_index_list(" + quoted(table) + ") WHERE origin = 'u'"))) {
      std::string columns;
      for (const std::string& name : first_column(sqlite_rows(
               db, "SELECT name FROM pragma_index_info(" + quoted(index) + ") ORDER BY seqno")))
        columns += (columns.empty() ? "" : ",") + name;
      lines.push_back("table " + table + " unique " + columns);
    }
    for (const Row& key_row : sqlite_rows(db, "SELECT \"from\", \"table\", \"to\", on_delete FROM pragma_foreign_key_list(" +
                                                   quoted(table) + ")"))
      lines.push_back("table " + table + " foreign key " + *key_row[0] + " -> " + *key_row[1] + "(" +
                      key_row[2].value_or("?") + ") on delete " + *key_row[3]);
  }
  for (const Row& index : sqlite_rows(db, "SELECT name, tbl_name FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL")) {
    std::string columns;
    for (const std::string& name : first_column(sqlite_rows(
             db, "SELECT name FROM pragma_index_info(" + quoted(*index[0]) + ") ORDER BY seqno")))
      columns += (columns.empty() ? "" : ",") + name;
    lines.push_back("index " + *index[0] + " on " + *index[1] + "(" + columns + ")");
  }
  for (const std::string& view : first_column(sqlite_rows(db, "SELECT name FROM sqlite_schema WHERE type = 'view'"))) {
    for (const Row& column : sqlite_rows(db, "SELECT cid, name FROM pragma_table_info(" + quoted(view) + ")"))
      lines.push_back("view " + view + " column " + *column[0] + " " + *column[1]);
  }
  std::sort(lines.begin(), lines.end());
  return lines;
}

// The attribute names of an array of attribute numbers of a relation, in array order.
const char* const kAttributeNames =
    "array_to_string(ARRAY(SELECT a.attname FROM unnest(%s) WITH ORDINALITY k(attnum, n)"
    " JOIN pg_attribute a ON a.attrelid = %s AND a.attnum = k.attnum ORDER BY k.n), ',')";

std::string attribute_names(const std::string& numbers, const std::string& relation) {
  char sql[512];
  std::snprintf(sql, sizeof sql, kAttributeNames, numbers.c_str(), relation.c_str());
  return sql;
}

std::vector<std::string> postgres_schema_lines(PgConnection& db) {
  std::vector<std::string> lines;
  auto relations = [&](const char* type) {
    return first_column(postgres_rows(
        db, "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()"
            " AND table_type = $1 AND table_name <> 'nianbao_schema'",
        {PgParam::text(type)}));
  };
  // ordinal_position counts dropped columns too: the row number is SQLite's cid. The default loses
  // its cast ('' rather than ''::text).
  const std::string columns_sql =
      "SELECT row_number() OVER (ORDER BY ordinal_position) - 1, column_name, is_nullable, data_type"
      "       || CASE WHEN is_identity = 'YES' THEN ' identity' ELSE '' END"
      "       || CASE WHEN collation_name IS NOT NULL THEN ' collate ' || collation_name ELSE '' END,"
      "       regexp_replace(column_default, '::[a-z ]+$', '')"
      " FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1"
      " ORDER BY ordinal_position";
  for (const std::string& table : relations("BASE TABLE")) {
    for (const Row& column : postgres_rows(db, columns_sql, {PgParam::text(table)}))
      lines.push_back("table " + table + " column " + *column[0] + " " + *column[1] + " " + *column[3] +
                      (*column[2] == "NO" ? " NOT NULL" : "") + (column[4] ? " default " + *column[4] : ""));
    for (const Row& constraint : postgres_rows(
             db, "SELECT contype, " + attribute_names("c.conkey", "c.conrelid") + ", confrelid::regclass::text, " +
                     attribute_names("c.confkey", "c.confrelid") +
                     ", CASE confdeltype WHEN 'c' THEN 'CASCADE' WHEN 'a' THEN 'NO ACTION' ELSE confdeltype::text END"
                     " FROM pg_constraint c WHERE c.conrelid = to_regclass($1) AND contype IN ('p', 'u', 'f')",
             {PgParam::text(table)})) {
      const std::string& type = *constraint[0];
      if (type == "p") lines.push_back("table " + table + " primary key " + *constraint[1]);
      if (type == "u") lines.push_back("table " + table + " unique " + *constraint[1]);
      if (type == "f")
        lines.push_back("table " + table + " foreign key " + *constraint[1] + " -> " + *constraint[2] + "(" +
                        *constraint[3] + ") on delete " + *constraint[4]);
    }
  }
  for (const Row& index : postgres_rows(
           db, "SELECT i.relname, t.relname, " + attribute_names("x.indkey::int2[]", "x.indrelid") +
                   " FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid"
                   " WHERE t.relnamespace = current_schema()::regnamespace AND t.relname <> 'nianbao_schema'"
                   " AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid"
                   "                 AND c.contype IN ('p', 'u'))"))
    lines.push_back("index " + *index[0] + " on " + *index[1] + "(" + *index[2] + ")");
  for (const std::string& view : relations("VIEW")) {
    for (const Row& column : postgres_rows(db, columns_sql, {PgParam::text(view)}))
      lines.push_back("view " + view + " column " + *column[0] + " " + *column[1]);
  }
  std::sort(lines.begin(), lines.end());
  return lines;
}

// ---- one database of each kind -------------------------------------------------------------------

// A fresh SQLite file opened without migrating, so the test moves it one version at a time.
class SqliteFile {
 public:
  explicit SqliteFile(const std::string& path) {
    sqlite3* raw = nullptr;
    if (sqlite3_open_v2(path.c_str(), &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) != SQLITE_OK)
      throw StoreError("cannot create " + path);
    session_ = std::make_unique<SqliteSession>(raw);
  }
  void migrate_to(int version) { migrate(*session_, version); }
  sqlite3* handle() const { return session_->handle(); }

 private:
  std::unique_ptr<SqliteSession> session_;
};

// A fresh PostgreSQL database: bootstrap, then each step with its version, one PQexec (one
// transaction) per step, as the lead's migrate does.
class PostgresDatabase {
 public:
  explicit PostgresDatabase(const std::string& uri) : connection_(uri) { connection_.exec(postgres_bootstrap_sql()); }
  void migrate_to(int version) {
    for (const Migration& step : postgres_migrations()) {
      if (step.version <= applied_ || step.version > version) continue;
      connection_.exec(step.sql + ";\nUPDATE nianbao_schema SET version = " + std::to_string(step.version));
      applied_ = step.version;
    }
  }
  PgConnection& connection() { return connection_; }

 private:
  PgConnection connection_;
  int applied_ = 0;
};

std::string test_name() {
  const ::testing::TestInfo* info = ::testing::UnitTest::GetInstance()->current_test_info();
  return std::string("schema_") + info->name();
}

TEST(PostgresSchema, HasTheSameVersionsAndPurposesAsTheSqliteMigrations) {
  const std::vector<Migration>& sqlite_steps = migrations();
  const std::vector<Migration>& postgres_steps = postgres_migrations();
  ASSERT_EQ(postgres_steps.size(), sqlite_steps.size()) << "a migration has no PostgreSQL twin";
  for (size_t i = 0; i < sqlite_steps.size(); ++i) {
    EXPECT_EQ(postgres_steps[i].version, sqlite_steps[i].version);
    EXPECT_EQ(postgres_steps[i].purpose, sqlite_steps[i].purpose);
    EXPECT_FALSE(postgres_steps[i].sql.empty()) << "step " << postgres_steps[i].version;
    EXPECT_EQ(postgres_steps[i].sql.find("WITHOUT ROWID"), std::string::npos) << "step " << postgres_steps[i].version;
  }
}

TEST(PostgresSchema, BootstrapKeepsOneVersionRowAndCanRunAgain) {
  NIANBAO_REQUIRE_POSTGRES(server);
  PgConnection db(server.create_database(test_name()));
  db.exec(postgres_bootstrap_sql());
  db.exec("UPDATE nianbao_schema SET version = 3");
  db.exec(postgres_bootstrap_sql());  // every open runs it: the version stays
  EXPECT_EQ(db.exec("SELECT count(*), max(version) FROM nianbao_schema").text(0, 1), "3");
  EXPECT_EQ(db.exec("SELECT count(*) FROM nianbao_schema").integer(0, 0), 1);
  try {
    db.exec("INSERT INTO nianbao_schema (version) VALUES (4)");
    ADD_FAILURE() << "a second version row was accepted";
  } catch (const PgError& error) {
    EXPECT_EQ(error.sqlstate(), "23505") << error.what();
  }
}

// At every version: the same schema, and every view answers on the empty database.
TEST(PostgresSchema, EveryVersionHasTheTablesColumnsKeysIndexesAndViewsOfTheSqliteFile) {
  NIANBAO_REQUIRE_POSTGRES(server);
  store_test::TempDir dir;
  SqliteFile sqlite(dir.file("schema.sqlite"));
  PostgresDatabase postgres(server.create_database(test_name()));
  for (const Migration& step : migrations()) {
    SCOPED_TRACE("schema version " + std::to_string(step.version) + " (" + step.purpose + ")");
    sqlite.migrate_to(step.version);
    postgres.migrate_to(step.version);
    std::vector<std::string> sqlite_lines = sqlite_schema_lines(sqlite.handle());
    std::vector<std::string> postgres_lines = postgres_schema_lines(postgres.connection());
    ASSERT_GT(sqlite_lines.size(), 20u);
    std::string differences = difference(sqlite_lines, postgres_lines);
    EXPECT_TRUE(differences.empty()) << differences;
    for (const std::string& view : first_column(postgres_rows(
             postgres.connection(), "SELECT table_name FROM information_schema.views WHERE table_schema = current_schema()"))) {
      EXPECT_NO_THROW(postgres.connection().exec("SELECT * FROM " + view + " LIMIT 1")) << view;
    }
  }
  EXPECT_EQ(postgres.connection().exec("SELECT version FROM nianbao_schema").integer(0, 0), latest_schema_version());
}

// ---- the same rows in both -----------------------------------------------------------------------

std::string every_byte_value() {
  std::string bytes;
  for (int value = 0; value < 256; ++value) bytes.push_back(static_cast<char>(value));
  return bytes;
}

// Agencies, documents, reports of each format (a copy, two candidates for one year, one unlinked),
// cells with flags, findings, checks and corrections: enough that every view has rows, sums with
// a missing part, ratios that are not whole, corrections that replace, blank and add a value.
const char* const kRows[] = {
    "INSERT INTO agencies (id, name, name_key, region_code, level, parent_id, since, until) VALUES"
    " (1, '平潭县人民政府', '平潭县人民政府', '350128', 'county', NULL, '2010', NULL),"
    " (2, '平潭县财政局', '平潭县财政局', '350128', 'department', 1, NULL, NULL)",
    "INSERT INTO agency_aliases (agency_id, alias, name_key) VALUES (1, '平潭综合实验区', '平潭综合实验区')",
    "INSERT INTO agency_succession (predecessor_id, successor_id, effective, note) VALUES (2, 1, '2020-01-01', 'merged')",
    "INSERT INTO document_origins (document_id, origin, first_seen_at) VALUES"
    " (2, 'https://example.gov.cn/2019.html', '2026-01-01T08:00:00.125Z')",
    "INSERT INTO reports (id, document_id, ordinal, agency, report_year, format, scope, title, published,"
    " extractor_version, text, agency_id, agency_match, copy_of, published_source) VALUES"
    " (1, 1, 0, '平潭县人民政府', 2021, 'f2021', 'own_organ', '2021年度报告', '2022-01-20', '1.0.0', '全文', 1, 'exact', NULL, 'printed'),"
    " (2, 1, 1, '平潭县人民政府', 2021, 'f2021', 'own_organ', '2021年度报告（副本）', NULL, '1.0.0', '全文', 1, 'exact', 1, NULL),"
    " (3, 2, 0, '平潭县财政局', 2019, 'f2019', 'own_organ', '2019年度报告', '2020-01-31', '1.0.0', '全文', 2, 'alias', NULL, 'meta'),"
    " (4, 3, 0, '平潭县人民政府', 2017, 'pre2019', 'own_organ', '2017年度报告', NULL, '1.0.0', '全文', 1, 'exact', NULL, NULL),"
    " (5, 1, 2, '某个未登记的机关', 2021, 'f2021', 'own_organ', '2021年度报告', NULL, '1.0.0', '', NULL, 'unmatched', NULL, NULL),"
    " (6, 2, 1, '平潭县人民政府', 2021, 'f2021', 'own_organ', '另一份2021年度报告', NULL, '1.0.0', '', 1, 'exact', NULL, NULL)",
    "INSERT INTO cells (report_id, key, value, integral, raw, flags, derived, derived_integral, src_table, src_row,"
    " src_col, src_byte_offset, src_page, bbox_left, bbox_top, bbox_right, bbox_bottom) VALUES"
    " (1, 't3.new_received.total', 7, 1, '7', '[\"a\"]', NULL, NULL, 3, 2, 9, 1024, 2, 10.5, 20.25, 30, 40),"
    " (1, 't3.carried_over.total', 2, 1, '2', '[]', NULL, NULL, 3, 3, 9, 1100, 2, NULL, NULL, NULL, NULL),"
    " (1, 't3.result.total.total', 3, 1, '3', '[]', NULL, NULL, 3, 20, 9, NULL, NULL, NULL, NULL, NULL, NULL),"
    " (1, 't3.result.granted.total', 1, 1, '1', '[\"a\", \"placement_uncertain\"]', NULL, NULL, 3, 4, 9, NULL, NULL, NULL, NULL, NULL, NULL),"
    " (1, 't3.result.partial.total', 1, 1, '1', '[]', NULL, NULL, 3, 5, 9, NULL, NULL, NULL, NULL, NULL, NULL),"
    " (1, 't3.result.other.no_correction.total', 1, 1, '1', '[\"split_recovered\"]', NULL, NULL, 3, 17, 9, NULL, NULL, NULL, NULL, NULL, NULL),"
    " (1, 't3.result.other.fee_unpaid.total', NULL, NULL, '', '[\"a\"]', 0, 1, 3, 18, 9, NULL, NULL, NULL, NULL, NULL, NULL),"
    " (1, 't3.result.other.misc.total', 2.5, 0, '2.5', '[]', NULL, NULL, 3, 19, 9, NULL, NULL, NULL, NULL, NULL, NULL),"
    " (1, 't3.result.other.no_correction.natural_person', 4, 1, '4', '[]', NULL, NULL, 3, 17, 2, NULL, NULL, NULL, NULL, NULL, NULL),"
    " (1, 't4.review.total', 3, 1, '3', '[]', NULL, NULL, 4, 1, 5, NULL, NULL, NULL, NULL, NULL, NULL),"
    " (1, 't4.review.corrected', 1, 1, '1', '[]', NULL, NULL, 4, 1, 2, NULL, NULL, NULL, NULL, NULL, NULL),"
    " (1, 't2.fee.amount_wan', 0.1, 0, '0.1', '[]', NULL, NULL, 2, 8, 2, NULL, NULL, NULL, NULL, NULL, NULL),"
    " (2, 't3.new_received.total', 7, 1, '7', '[]', NULL, NULL, 3, 2, 9, NULL, NULL, NULL, NULL, NULL, NULL),"
    " (3, 't3.new_received.total', 11, 1, '11', '[]', NULL, NULL, 3, 2, 9, NULL, NULL, NULL, NULL, NULL, NULL),"
    " (3, 't3.result.total.total', 9, 1, '9', '[]', NULL, NULL, 3, 20, 9, NULL, NULL, NULL, NULL, NULL, NULL),"
    " (3, 't3.result.other.total', 1, 1, '1', '[\"a\"]', NULL, NULL, 3, 17, 9, NULL, NULL, NULL, NULL, NULL, NULL),"
    " (3, 't2.regulation.new_made', 5, 1, '5', '[]', NULL, NULL, 2, 1, 2, NULL, NULL, NULL, NULL, NULL, NULL),"
    " (4, 'pre.req.received', 20, 1, '20', '[]', NULL, NULL, 1, 1, 1, NULL, 1, NULL, NULL, NULL, NULL),"
    " (4, 'pre.req.not_exist', 2, 1, '2', '[]', NULL, NULL, 1, 2, 1, NULL, 1, NULL, NULL, NULL, NULL),"
    " (4, 'pre.req.not_this_organ', 1, 1, '1', '[]', NULL, NULL, 1, 3, 1, NULL, 1, NULL, NULL, NULL, NULL),"
    " (4, 'pre.req.unclear', NULL, NULL, '', '[]', 4, 1, 1, 4, 1, NULL, 1, NULL, NULL, NULL, NULL),"
    " (4, 'pre.review.total', 1, 1, '1', '[]', NULL, NULL, 1, 5, 1, NULL, 1, NULL, NULL, NULL, NULL),"
    " (5, 't3.new_received.total', 1, 1, '1', '[]', NULL, NULL, 3, 2, 9, NULL, NULL, NULL, NULL, NULL, NULL),"
    " (6, 't3.new_received.total', 70, 1, '70', '[]', NULL, NULL, 3, 2, 9, NULL, NULL, NULL, NULL, NULL, NULL)",
    "INSERT INTO findings (id, report_id, ordinal, rule, severity, message, cells, expected, expected_integral, actual,"
    " actual_integral, origin) VALUES"
    " (1, 1, 0, 'T3-1', 'warning', '合计不符', '[\"t3.result.total.total\", \"t3.result.granted.total\"]', 3, 1, 2, 1, 'extract'),"
    " (2, 6, 0, 'T3-2', 'error', 'a row is missing', '[]', NULL, NULL, NULL, NULL, 'extract'),"
    " (3, 3, 0, 'Y-1', 'info', 'year over year', '[]', 1.5, 0, NULL, NULL, 'cross_report'),"
    " (4, 3, 1, 'T3-9', 'error', 'cross report', '[]', NULL, NULL, NULL, NULL, 'cross_report')",
    "INSERT INTO checks (report_id, rule, passed, failed, not_assessable) VALUES (1, 'T3-1', 4, 1, 0), (3, 'T3-1', 5, 0, 2)",
    "INSERT INTO corrections (id, report_id, key, value, reason, corrected_by, corrected_at) VALUES"
    " (1, 3, 't3.new_received.total', 10, 'misread', 'analyst', '2026-01-02T03:04:05.678Z'),"
    " (2, 3, 't3.new_received.total', 12, 'misread again', 'analyst', '2026-01-03T03:04:05.000Z'),"
    " (3, 3, 't3.result.granted.total', 6, 'missing cell', 'analyst', '2026-01-04T00:00:00.001Z'),"
    " (4, 1, 't3.result.other.misc.total', NULL, 'not a number', 'analyst', '2026-01-05T12:00:00.500Z'),"
    " (5, 4, 'pre.review.upheld', 1, 'from the text', 'analyst', '2026-01-06T00:00:00.000Z'),"
    " (6, 4, 'pre.req.not_exist', 3, 'misread', 'analyst', '2026-01-07T00:00:00.000Z')",
    "INSERT INTO crawl_runs (id, started_at, finished_at) VALUES (1, 1764470000.25, NULL)",
    "INSERT INTO crawl_fetches (run_id, url_id, url, method, outcome, fetched_at) VALUES"
    " (1, 1, 'https://example.gov.cn/', 'GET', 'stored', '2026-01-01T00:00:00.000Z')",
};

// A document: its bytes go in through each backend's binding (SQL has no common blob literal).
struct DocumentRow {
  int id;
  std::string bytes;
  std::string values;  // the SQL values after id, sha256, bytes, size
};

std::vector<DocumentRow> document_rows() {
  return {
      {1, every_byte_value(),
       "'application/pdf', '', 'https://example.gov.cn/2021.pdf', 'ok', '', '1.0.0', 'report', '2021年报',"
       " '2022-01-20', 'printed', '2026-01-01T00:00:00.000Z'"},
      {2, "<html>2019</html>",
       "'text/html', 'utf-8', 'https://example.gov.cn/2019.html', 'ok', '', '1.0.0', 'report', '2019年报',"
       " '2020-01-31', 'meta', '2026-01-01T08:00:00.125Z'"},
      {3, std::string("\0\xff", 2),
       "'application/pdf', '', 'https://example.gov.cn/2017.pdf', 'ok', '', '1.0.0', 'report', '2017年报', NULL, NULL,"
       " '2026-01-01T23:59:59.999Z'"},
  };
}

std::string document_insert(const DocumentRow& document, const std::string& placeholder) {
  return "INSERT INTO documents (id, sha256, bytes, size, media_type, charset, origin, extract_status, extract_message,"
         " extractor_version, role, title, published, published_source, first_stored_at) VALUES (" +
         std::to_string(document.id) + ", '" + sha256_hex(document.bytes) + "', " + placeholder + ", " +
         std::to_string(document.bytes.size()) + ", " + document.values + ")";
}

void insert_rows(SqliteFile& sqlite, PostgresDatabase& postgres) {
  for (const DocumentRow& document : document_rows()) {
    std::string sql = document_insert(document, "?1");
    sqlite3_stmt* statement = nullptr;
    ASSERT_EQ(sqlite3_prepare_v2(sqlite.handle(), sql.c_str(), -1, &statement, nullptr), SQLITE_OK)
        << sqlite3_errmsg(sqlite.handle());
    sqlite3_bind_blob(statement, 1, document.bytes.data(), static_cast<int>(document.bytes.size()), SQLITE_TRANSIENT);
    EXPECT_EQ(sqlite3_step(statement), SQLITE_DONE) << sqlite3_errmsg(sqlite.handle());
    sqlite3_finalize(statement);
    postgres.connection().exec_params(document_insert(document, "$1"), {PgParam::bytes(document.bytes)});
  }
  for (const char* row_sql : kRows) {
    char* error = nullptr;
    EXPECT_EQ(sqlite3_exec(sqlite.handle(), row_sql, nullptr, nullptr, &error), SQLITE_OK)
        << (error ? error : "") << " in " << row_sql;
    sqlite3_free(error);
    EXPECT_NO_THROW(postgres.connection().exec(row_sql)) << row_sql;
  }
}

// SELECT * of a table or view, with blobs as lowercase hex.
std::string sqlite_select_all(sqlite3* db, const std::string& relation) {
  std::string columns;
  for (const Row& column : sqlite_rows(db, "SELECT name, type FROM pragma_table_info(" + quoted(relation) + ")")) {
    std::string name = "\"" + *column[0] + "\"";
    if (*column[1] == "BLOB") name = "lower(hex(" + name + "))";
    columns += (columns.empty() ? "" : ", ") + name;
  }
  return "SELECT " + columns + " FROM " + relation;
}

// SELECT * with each timestamptz column printed as SQLite's strftime('%Y-%m-%dT%H:%M:%fZ') prints it
// and bytea as lowercase hex.
std::string postgres_select_all(PgConnection& db, const std::string& relation) {
  std::string columns;
  for (const Row& column : postgres_rows(
           db, "SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = current_schema()"
               " AND table_name = $1 ORDER BY ordinal_position",
           {PgParam::text(relation)})) {
    std::string name = "\"" + *column[0] + "\"";
    if (*column[1] == "timestamp with time zone")
      name = postgres_instant_text(name);
    if (*column[1] == "bytea") name = "encode(" + name + ", 'hex')";
    columns += (columns.empty() ? "" : ", ") + name;
  }
  return "SELECT " + columns + " FROM " + relation;
}

class PostgresSchemaRows : public ::testing::Test {
 protected:
  void SetUp() override {
    NIANBAO_REQUIRE_POSTGRES(server);
    sqlite_.emplace(dir_.file("rows.sqlite"));
    postgres_.emplace(server.create_database(test_name()));
    sqlite_->migrate_to(latest_schema_version());
    postgres_->migrate_to(latest_schema_version());
  }
  store_test::TempDir dir_;
  std::optional<SqliteFile> sqlite_;
  std::optional<PostgresDatabase> postgres_;
};

TEST_F(PostgresSchemaRows, EveryViewAndEveryTableGivesTheSameRowsOnBoth) {
  insert_rows(*sqlite_, *postgres_);
  std::vector<std::string> relations = first_column(sqlite_rows(
      sqlite_->handle(), "SELECT name FROM sqlite_schema WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite_%'"
                         " ORDER BY type DESC, name"));
  ASSERT_GE(relations.size(), 9u);
  for (const std::string& relation : relations) {
    SCOPED_TRACE(relation);
    std::vector<std::string> sqlite_lines = as_lines(sqlite_rows(sqlite_->handle(), sqlite_select_all(sqlite_->handle(), relation)));
    std::vector<std::string> postgres_lines =
        as_lines(postgres_rows(postgres_->connection(), postgres_select_all(postgres_->connection(), relation)));
    std::string differences = difference(sqlite_lines, postgres_lines);
    EXPECT_TRUE(differences.empty()) << differences;
  }
  // The rows really reach every view (a view answering nothing on both would prove nothing).
  for (const char* view : {"cell_values", "report_overview", "current_corrections", "panel_reports", "panel",
                           "panel_indicators", "pre2019_reports", "pre2019_panel", "panel_with_pre2019"}) {
    EXPECT_GT(sqlite_rows(sqlite_->handle(), std::string("SELECT * FROM ") + view).size(), 0u) << view;
  }
}

// SQLite's storage class of a PostgreSQL type, so that a value read through either backend has the
// same kind (a backend formatting numbers by column type then prints "3.0" or "3" as SQLite does).
std::string storage_class(const std::string& postgres_type) {
  if (postgres_type == "bigint" || postgres_type == "integer") return "integer";
  if (postgres_type == "double precision") return "real";
  if (postgres_type == "bytea") return "blob";
  return "text";  // text, jsonb, timestamptz
}

TEST_F(PostgresSchemaRows, EveryColumnHoldsTheKindOfValueSqliteGives) {
  insert_rows(*sqlite_, *postgres_);
  std::vector<Row> columns = postgres_rows(
      postgres_->connection(),
      "SELECT c.table_name, c.column_name, c.data_type FROM information_schema.columns c"
      " WHERE c.table_schema = current_schema() AND c.table_name <> 'nianbao_schema' ORDER BY 1, c.ordinal_position");
  ASSERT_GT(columns.size(), 100u);
  std::set<std::string> kinds_seen;
  for (const Row& column : columns) {
    std::string expected = storage_class(*column[2]);
    for (const std::string& kind : first_column(sqlite_rows(
             sqlite_->handle(), "SELECT DISTINCT typeof(\"" + *column[1] + "\") FROM " + *column[0]))) {
      if (kind == "null") continue;
      kinds_seen.insert(kind);
      EXPECT_EQ(kind, expected) << *column[0] << "." << *column[1] << " is " << *column[2] << " on PostgreSQL";
    }
  }
  EXPECT_EQ(kinds_seen, (std::set<std::string>{"blob", "integer", "real", "text"}));
}

// The checks refuse the same bad rows on both (each statement alone, on the filled database).
TEST_F(PostgresSchemaRows, TheSameBadRowsAreRefusedOnBoth) {
  insert_rows(*sqlite_, *postgres_);
  const char* const bad_rows[] = {
      "INSERT INTO cells (report_id, key, raw, flags) VALUES (1, 'x.flags_object', '', '{\"a\": 1}')",
      "INSERT INTO cells (report_id, key, value, raw, flags) VALUES (1, 'x.no_integral', 1, '1', '[]')",
      "INSERT INTO cells (report_id, key, raw, flags) VALUES (1, 't3.new_received.total', '', '[]')",
      "INSERT INTO cells (report_id, key, raw, flags) VALUES (1, '', '', '[]')",
      "INSERT INTO findings (report_id, ordinal, rule, severity, message, cells) VALUES (1, 9, 'R', 'fatal', '', '[]')",
      "INSERT INTO findings (report_id, ordinal, rule, severity, message, cells) VALUES (1, 9, 'R', 'info', '', '\"a\"')",
      "UPDATE reports SET format = 'f2020' WHERE id = 1",
      "UPDATE documents SET role = 'landing page' WHERE id = 2",
      "UPDATE documents SET published_source = 'guess' WHERE id = 2",
      "UPDATE documents SET size = 7 WHERE id = 2",
      "INSERT INTO agency_succession (predecessor_id, successor_id) VALUES (1, 1)",
      "INSERT INTO agencies (name, name_key, region_code) VALUES ('平潭县人民政府', 'x', '350128')",
      "INSERT INTO panel_metrics (format, metric, key, comparability, source_keys, note)"
      " VALUES ('f2021', 'm', NULL, 'same', '[]', '')",
      "INSERT INTO pre2019_key_map (pre_key, metric, mapping_quality, note) VALUES ('pre.x', 'm', 'great', '')",
      "INSERT INTO document_origins (document_id, origin) VALUES (2, 'https://example.gov.cn/2019.html')",
  };
  for (const char* sql : bad_rows) {
    char* error = nullptr;
    EXPECT_NE(sqlite3_exec(sqlite_->handle(), sql, nullptr, nullptr, &error), SQLITE_OK) << "SQLite accepted " << sql;
    sqlite3_free(error);
    EXPECT_THROW(postgres_->connection().exec(sql), PgError) << "PostgreSQL accepted " << sql;
  }
  // And a good row is accepted by both, so the refusals above are the checks, not the statement form.
  const char* good = "INSERT INTO cells (report_id, key, raw, flags) VALUES (1, 'x.good', '', '[\"a\"]')";
  EXPECT_EQ(sqlite3_exec(sqlite_->handle(), good, nullptr, nullptr, nullptr), SQLITE_OK);
  EXPECT_NO_THROW(postgres_->connection().exec(good));
}

// A stamp the database writes itself (DEFAULT now() / strftime('now')) reads the same way on both
// through postgres_instant_text: UTC, milliseconds, 'T' and 'Z', within a minute of each other.
TEST_F(PostgresSchemaRows, DefaultStampsReadInSqlitesFormat) {
  insert_rows(*sqlite_, *postgres_);
  const char* insert =
      "INSERT INTO corrections (id, report_id, key, value, reason, corrected_by) VALUES (9, 1, 'x.stamp', 1, 'r', 'me')";
  ASSERT_EQ(sqlite3_exec(sqlite_->handle(), insert, nullptr, nullptr, nullptr), SQLITE_OK);
  postgres_->connection().exec(insert);
  std::string sqlite_stamp = *sqlite_rows(sqlite_->handle(), "SELECT corrected_at FROM corrections WHERE id = 9").at(0).at(0);
  std::string postgres_stamp =
      postgres_->connection()
          .exec("SELECT " + postgres_instant_text("corrected_at") + " FROM corrections WHERE id = 9")
          .text(0, 0);
  const std::string shape = "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\\.[0-9]{3}Z$";
  for (const std::string& stamp : {sqlite_stamp, postgres_stamp}) {
    EXPECT_EQ(postgres_->connection().exec_params("SELECT $1 ~ $2", {PgParam::text(stamp), PgParam::text(shape)}).text(0, 0),
              "t")
        << stamp;
  }
  double seconds_apart = std::stod(
      postgres_->connection()
          .exec_params("SELECT abs(extract(epoch FROM $1::timestamptz - $2::timestamptz))",
                       {PgParam::text(sqlite_stamp), PgParam::text(postgres_stamp)})
          .text(0, 0));
  EXPECT_LT(seconds_apart, 60.0) << sqlite_stamp << " vs " << postgres_stamp;
}

}  // namespace
}  // namespace nianbao::store
