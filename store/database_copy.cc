// Copying a nianbao database between an SQLite file and PostgreSQL (either way): catalogs of both,
// tables in foreign-key order, rows in primary-key batches (multi-row INSERTs), identities advanced, verified.
#include "store/database_copy.h"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstdio>
#include <map>
#include <memory>
#include <set>

#include "common/sha256.h"
#include "store/connection.h"
#include "store/schema.h"
#include "store/statement.h"
#include "store/transaction.h"

namespace nianbao::store {
namespace {

// How a column's values are read and bound; from the declared type of either backend.
enum class Kind { integer, real, text, blob, boolean };

struct Column {
  std::string name;
  Kind kind = Kind::text;
};

using Catalog = std::map<std::string, std::vector<Column>>;

// Rows per batch read from the source; documents carry their bytes, so fewer of them at a time.
constexpr int64_t kBatchRows = 500;
constexpr int64_t kBlobBatchRows = 16;

std::string lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

// SQLite declared types (INTEGER, REAL, TEXT, BLOB) and PostgreSQL data_type names (bigint,
// double precision, text, jsonb, timestamptz, bytea, boolean).
Kind kind_of(const std::string& declared_type) {
  std::string type = lower(declared_type);
  if (type.find("blob") != std::string::npos || type == "bytea") return Kind::blob;
  if (type == "boolean") return Kind::boolean;
  if (type.find("int") != std::string::npos) return Kind::integer;
  if (type.find("real") != std::string::npos || type.find("double") != std::string::npos ||
      type.find("float") != std::string::npos || type == "numeric") {
    return Kind::real;
  }
  return Kind::text;
}

std::string quoted(const std::string& name) { return "\"" + name + "\""; }

const char* catalog_sql(Dialect dialect) {
  return dialect == Dialect::sqlite
             ? "SELECT m.name, p.name, p.type FROM sqlite_schema m JOIN pragma_table_info(m.name) p "
               "WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite%' ORDER BY m.name, p.cid"
             : "SELECT CAST(c.table_name AS text), CAST(c.column_name AS text), CAST(c.data_type AS text) "
               "FROM information_schema.columns c JOIN information_schema.tables t "
               "ON t.table_schema = c.table_schema AND t.table_name = c.table_name "
               "WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE' "
               "AND c.table_name <> 'nianbao_schema' ORDER BY 1, c.ordinal_position";
}

Catalog read_catalog(Session& db) {
  Catalog catalog;
  Statement columns(db, catalog_sql(db.dialect()), "listing the tables and their columns");
  while (columns.step())
    catalog[columns.column_text(0)].push_back({columns.column_text(1), kind_of(columns.column_text(2))});
  return catalog;
}

// (child table, parent table, child column) of every foreign key.
struct ForeignKey {
  std::string child;
  std::string parent;
  std::string column;
};

const char* foreign_keys_sql(Dialect dialect) {
  return dialect == Dialect::sqlite
             ? "SELECT m.name, f.\"table\", f.\"from\" FROM sqlite_schema m JOIN pragma_foreign_key_list(m.name) f "
               "WHERE m.type = 'table'"
             : "SELECT CAST(CAST(c.conrelid AS regclass) AS text), CAST(CAST(c.confrelid AS regclass) AS text), "
               "CAST(a.attname AS text) FROM pg_constraint c "
               "JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = ANY (c.conkey) "
               "WHERE c.contype = 'f' AND c.connamespace = (SELECT oid FROM pg_namespace WHERE nspname = "
               "current_schema())";
}

std::vector<ForeignKey> read_foreign_keys(Session& db) {
  std::vector<ForeignKey> keys;
  Statement rows(db, foreign_keys_sql(db.dialect()), "listing the foreign keys");
  while (rows.step()) keys.push_back({rows.column_text(0), rows.column_text(1), rows.column_text(2)});
  return keys;
}

// Parents before children (ties by name); a table's references to itself do not order it.
std::vector<std::string> foreign_key_order(const Catalog& catalog, const std::vector<ForeignKey>& keys,
                                           const std::string& database) {
  std::map<std::string, std::set<std::string>> parents;
  for (const auto& [table, columns] : catalog) parents[table];
  for (const ForeignKey& key : keys) {
    if (key.child != key.parent && catalog.count(key.child) && catalog.count(key.parent)) {
      parents[key.child].insert(key.parent);
    }
  }
  std::vector<std::string> order;
  while (!parents.empty()) {
    auto ready = std::find_if(parents.begin(), parents.end(), [](const auto& entry) { return entry.second.empty(); });
    if (ready == parents.end())
      throw StoreError(database + ": the tables' foreign keys form a cycle; cannot order the copy");
    std::string table = ready->first;
    parents.erase(ready);
    for (auto& [child, waiting] : parents) waiting.erase(table);
    order.push_back(table);
  }
  return order;
}

using PrimaryKeys = std::map<std::string, std::vector<std::string>>;

const char* primary_keys_sql(Dialect dialect) {
  return dialect == Dialect::sqlite ? "SELECT m.name, p.name FROM sqlite_schema m JOIN pragma_table_info(m.name) p "
                                      "WHERE m.type = 'table' AND p.pk > 0 ORDER BY m.name, p.pk"
                                    : "SELECT CAST(c.relname AS text), CAST(a.attname AS text) FROM pg_index i "
                                      "JOIN pg_class c ON c.oid = i.indrelid "
                                      "JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey) "
                                      "WHERE i.indisprimary AND c.relnamespace = (SELECT oid FROM pg_namespace WHERE "
                                      "nspname = current_schema()) "
                                      "ORDER BY 1, array_position(CAST(i.indkey AS int2[]), a.attnum)";
}

// Each table's primary-key columns, in key order.
PrimaryKeys read_primary_keys(Session& db) {
  PrimaryKeys keys;
  Statement rows(db, primary_keys_sql(db.dialect()), "listing the primary keys");
  while (rows.step()) keys[rows.column_text(0)].push_back(rows.column_text(1));
  return keys;
}

bool is_migration_filled(const std::string& table) {
  return std::find(kMigrationFilledTables.begin(), kMigrationFilledTables.end(), table) != kMigrationFilledTables.end();
}

int64_t count_rows(Session& db, const std::string& table) {
  Statement count(db, "SELECT count(*) FROM " + quoted(table), "counting the rows of " + table);
  count.step();
  return count.column_int64(0);
}

std::string with_commas(int64_t number) {
  std::string digits = std::to_string(number);
  std::string text;
  for (size_t index = 0; index < digits.size(); ++index) {
    if (index > 0 && (digits.size() - index) % 3 == 0 && digits[index - 1] != '-') text += ',';
    text += digits[index];
  }
  return text;
}

// The target's columns in the source's order; the two must have the same names.
std::vector<Column> matching_columns(const std::string& table, const std::vector<Column>& source,
                                     const std::vector<Column>& target, const std::string& to) {
  std::vector<Column> aligned;
  for (const Column& column : source) {
    auto found = std::find_if(target.begin(), target.end(), [&](const Column& c) { return c.name == column.name; });
    if (found == target.end())
      throw StoreError(to + ": table " + table + " has no column " + column.name + " (the source has)");
    aligned.push_back(*found);
  }
  if (aligned.size() != target.size()) {
    throw StoreError(to + ": table " + table + " has columns the source's table does not; schemas differ");
  }
  return aligned;
}

// One value read from the source, held until its batch is written.
struct Value {
  bool null = true;
  int64_t integer = 0;
  double real = 0;
  std::string bytes;  // text or blob
};

Value read_value(const Statement& row, int column, Kind kind) {
  Value value;
  if (row.is_null(column)) return value;
  value.null = false;
  switch (kind) {
    case Kind::blob:
      value.bytes = row.column_blob(column);
      break;
    case Kind::real:
      value.real = row.column_double(column);
      break;
    case Kind::integer:
    case Kind::boolean:
      value.integer = row.column_int64(column);
      break;
    case Kind::text:
      value.bytes = row.column_text(column);
      break;
  }
  return value;
}

// Blobs as blobs, doubles as doubles, integers as int64 (as PostgreSQL's boolean where the target
// column is one), text as text (PostgreSQL infers jsonb and timestamptz from the column).
void bind_value(Statement& insert, int index, const Value& value, Kind from_kind, Kind to_kind) {
  if (value.null) {
    insert.bind_null(index);
    return;
  }
  switch (from_kind) {
    case Kind::blob:
      insert.bind_blob(index, value.bytes);
      return;
    case Kind::real:
      insert.bind(index, value.real);
      return;
    case Kind::integer:
    case Kind::boolean:
      if (to_kind == Kind::boolean) {
        insert.bind(index, value.integer ? "true" : "false");
      } else {
        insert.bind(index, value.integer);
      }
      return;
    case Kind::text:
      insert.bind(index, std::string_view(value.bytes));
      return;
  }
}

struct TablePlan {
  std::string table;
  std::vector<Column> source_columns;
  std::vector<Column> target_columns;     // aligned with source_columns
  std::set<std::string> self_references;  // columns referring to the same table: set after its rows
  std::vector<int> key_columns;           // the primary key's columns (indexes into source_columns), in key order
};

int column_index(const TablePlan& plan, const std::string& name) {
  for (size_t index = 0; index < plan.source_columns.size(); ++index) {
    if (plan.source_columns[index].name == name) return static_cast<int>(index);
  }
  return -1;
}

bool has_blob(const TablePlan& plan) {
  return std::any_of(plan.source_columns.begin(), plan.source_columns.end(),
                     [](const Column& c) { return c.kind == Kind::blob; });
}

std::string column_list(const std::vector<Column>& columns) {
  std::string list;
  for (const Column& column : columns) list += (list.empty() ? "" : ", ") + quoted(column.name);
  return list;
}

// "INSERT INTO t (…) VALUES (?1, …), (…), …" for `rows` rows.
std::string insert_sql(const TablePlan& plan, size_t rows) {
  const size_t width = plan.source_columns.size();
  std::string values;
  for (size_t row = 0; row < rows; ++row) {
    values += row ? ", (" : "(";
    for (size_t column = 0; column < width; ++column) {
      values += (column ? ", ?" : "?") + std::to_string(row * width + column + 1);
    }
    values += ")";
  }
  return "INSERT INTO " + quoted(plan.table) + " (" + column_list(plan.source_columns) + ") VALUES " + values;
}

// Parameters per INSERT, within both backends' limits (SQLite 32766, PostgreSQL 65535).
constexpr size_t kMaxParameters = 30000;

// Writes buffered rows with multi-row INSERTs, one prepared statement per row count used.
class BatchInserter {
 public:
  BatchInserter(Session& target, const TablePlan& plan)
      : target_(target),
        plan_(plan),
        rows_per_insert_(std::max<size_t>(1, kMaxParameters / std::max<size_t>(1, plan.source_columns.size()))) {}

  void insert(const std::vector<std::vector<Value>>& rows) {
    for (size_t start = 0; start < rows.size(); start += rows_per_insert_) {
      size_t count = std::min(rows_per_insert_, rows.size() - start);
      Statement& insert = statement(count);
      const size_t width = plan_.source_columns.size();
      for (size_t row = 0; row < count; ++row) {
        for (size_t column = 0; column < width; ++column) {
          bind_value(insert, static_cast<int>(row * width + column + 1), rows[start + row][column],
                     plan_.source_columns[column].kind, plan_.target_columns[column].kind);
        }
      }
      insert.run();
    }
  }

 private:
  Statement& statement(size_t rows) {
    std::unique_ptr<Statement>& prepared = statements_[rows];
    if (!prepared)
      prepared = std::make_unique<Statement>(target_, insert_sql(plan_, rows), "copying rows into " + plan_.table);
    return *prepared;
  }

  Session& target_;
  const TablePlan& plan_;
  size_t rows_per_insert_;
  std::map<size_t, std::unique_ptr<Statement>> statements_;
};

// The primary key of the last row copied, to read the next batch after it.
struct KeyPosition {
  std::vector<std::string> texts;
  std::vector<int64_t> integers;
  std::string describe() const {
    std::string text;
    for (size_t index = 0; index < texts.size(); ++index) text += (index ? ", " : "") + texts[index];
    return text;
  }
};

KeyPosition key_of(const Statement& row, const TablePlan& plan) {
  KeyPosition key;
  for (int index : plan.key_columns) {
    key.integers.push_back(plan.source_columns[index].kind == Kind::integer ? row.column_int64(index) : 0);
    key.texts.push_back(plan.source_columns[index].kind == Kind::integer ? std::to_string(row.column_int64(index))
                                                                         : row.column_text(index));
  }
  return key;
}

void bind_key(Statement& rows, const TablePlan& plan, const KeyPosition& key) {
  for (size_t index = 0; index < plan.key_columns.size(); ++index) {
    if (plan.source_columns[plan.key_columns[index]].kind == Kind::integer) {
      rows.bind(static_cast<int>(index + 1), key.integers[index]);
    } else {
      rows.bind(static_cast<int>(index + 1), key.texts[index]);
    }
  }
}

// Reads the rows of one batch and inserts them (self-references left NULL); returns how many,
// and the key of the last one read.
int64_t insert_batch(Statement& rows, BatchInserter& inserter, const TablePlan& plan, KeyPosition& last) {
  std::vector<std::vector<Value>> buffered;
  while (rows.step()) {
    std::vector<Value> values;
    for (size_t index = 0; index < plan.source_columns.size(); ++index) {
      const bool deferred = plan.self_references.count(plan.source_columns[index].name) > 0;
      values.push_back(deferred ? Value{} : read_value(rows, static_cast<int>(index), plan.source_columns[index].kind));
    }
    buffered.push_back(std::move(values));
    last = key_of(rows, plan);
  }
  inserter.insert(buffered);
  return static_cast<int64_t>(buffered.size());
}

// A backend's message with the statement it quotes cut short: a batch INSERT has thousands of
// parameters, and the failing row is in the message's DETAIL already.
std::string without_long_statement(const std::string& message) {
  constexpr size_t kShownStatement = 160;
  const std::string marker = "in statement: ";
  size_t at = message.find(marker);
  if (at == std::string::npos || message.size() - at - marker.size() <= kShownStatement) return message;
  return message.substr(0, at + marker.size() + kShownStatement) + " …";
}

// "SELECT … FROM t [WHERE (k1, k2) > (?1, ?2)] ORDER BY k1, k2 LIMIT n": keyset batches, so a
// PostgreSQL source (whose results arrive whole) never holds more than one batch in memory.
std::string batch_sql(const TablePlan& plan, bool after_key, int64_t batch) {
  std::string keys;
  std::string parameters;
  for (size_t index = 0; index < plan.key_columns.size(); ++index) {
    keys += (index ? ", " : "") + quoted(plan.source_columns[plan.key_columns[index]].name);
    parameters += (index ? ", ?" : "?") + std::to_string(index + 1);
  }
  return "SELECT " + column_list(plan.source_columns) + " FROM " + quoted(plan.table) +
         (after_key ? " WHERE (" + keys + ") > (" + parameters + ")" : "") + " ORDER BY " + keys + " LIMIT " +
         std::to_string(batch);
}

int64_t copy_rows(Session& source, Session& target, const TablePlan& plan) {
  if (!plan.self_references.empty() && column_index(plan, "id") < 0) {
    throw StoreError(target.name() + ": table " + plan.table + " refers to itself but has no id column to set it by");
  }
  BatchInserter insert(target, plan);
  int64_t copied = 0;
  KeyPosition last;
  try {
    if (plan.key_columns.empty()) {  // no primary key: one pass
      Statement rows(source, "SELECT " + column_list(plan.source_columns) + " FROM " + quoted(plan.table),
                     "reading the rows of " + plan.table);
      return insert_batch(rows, insert, plan, last);
    }
    const int64_t batch = has_blob(plan) ? kBlobBatchRows : kBatchRows;
    Statement first(source, batch_sql(plan, false, batch), "reading the rows of " + plan.table);
    int64_t in_batch = insert_batch(first, insert, plan, last);
    copied += in_batch;
    if (in_batch < batch) return copied;
    Statement next(source, batch_sql(plan, true, batch), "reading the rows of " + plan.table);
    do {
      next.reset();
      bind_key(next, plan, last);
      in_batch = insert_batch(next, insert, plan, last);
      copied += in_batch;
    } while (in_batch == batch);
  } catch (const StoreError& error) {
    throw StoreError(
        "copying table " + plan.table +
        (last.texts.empty() ? std::string() : " (batch ending at the row with key (" + last.describe() + "))") + ": " +
        without_long_statement(error.what()));
  }
  return copied;
}

// Sets the columns that refer to the same table, now that all of its rows exist.
void set_self_references(Session& source, Session& target, const TablePlan& plan) {
  for (const std::string& column : plan.self_references) {
    Statement values(source,
                     "SELECT id, " + quoted(column) + " FROM " + quoted(plan.table) + " WHERE " + quoted(column) +
                         " IS NOT NULL ORDER BY id",
                     "reading " + plan.table + "." + column);
    Statement update(target, "UPDATE " + quoted(plan.table) + " SET " + quoted(column) + " = ?1 WHERE id = ?2",
                     "setting " + plan.table + "." + column);
    while (values.step()) update.bind(1, values.column_int64(1)).bind(2, values.column_int64(0)).run();
  }
}

// PostgreSQL: explicit ids do not move an identity's sequence; the next generated id follows max(id).
void advance_identities(Session& target) {
  if (target.dialect() != Dialect::postgresql) return;
  std::vector<std::pair<std::string, std::string>> identities;
  Statement columns(target,
                    "SELECT CAST(table_name AS text), CAST(column_name AS text) FROM information_schema.columns "
                    "WHERE table_schema = current_schema() AND is_identity = 'YES' ORDER BY 1",
                    "listing the identity columns");
  while (columns.step()) identities.emplace_back(columns.column_text(0), columns.column_text(1));
  for (const auto& [table, column] : identities) {
    Statement advance(target,
                      "SELECT setval(pg_get_serial_sequence('" + quoted(table) + "', '" + column + "'), COALESCE(max(" +
                          quoted(column) + "), 0) + 1, false) FROM " + quoted(table),
                      "advancing the id sequence of " + table);
    advance.step();
  }
}

void refuse_non_empty(Session& target, const std::vector<std::string>& tables) {
  for (const std::string& table : tables) {
    if (is_migration_filled(table)) continue;
    int64_t rows = count_rows(target, table);
    if (rows > 0) {
      throw StoreError(target.name() + ": not empty: table " + table + " holds " + with_commas(rows) +
                       (rows == 1 ? " row" : " rows") +
                       "; nianbao copy writes only into a new or empty nianbao database (give a new file or an "
                       "empty PostgreSQL database); left unchanged");
    }
  }
}

std::vector<TablePlan> plan_tables(const Catalog& source, const Catalog& target, const std::vector<ForeignKey>& keys,
                                   const PrimaryKeys& primary_keys, const std::string& from, const std::string& to) {
  for (const auto& [table, columns] : target) {
    if (!source.count(table)) throw StoreError(from + ": has no table " + table + " (" + to + " has); schemas differ");
  }
  std::vector<TablePlan> plans;
  for (const std::string& table : foreign_key_order(target, keys, to)) {
    auto found = source.find(table);
    if (found == source.end()) throw StoreError(from + ": has no table " + table + " (" + to + " has); schemas differ");
    TablePlan plan{table, found->second, matching_columns(table, found->second, target.at(table), to), {}, {}};
    for (const ForeignKey& key : keys) {
      if (key.child == table && key.parent == table) plan.self_references.insert(key.column);
    }
    auto primary_key = primary_keys.find(table);
    if (primary_key != primary_keys.end()) {
      for (const std::string& column : primary_key->second) plan.key_columns.push_back(column_index(plan, column));
    }
    if (std::count(plan.key_columns.begin(), plan.key_columns.end(), -1)) {
      throw StoreError(from + ": table " + table + ": a primary-key column is not among its columns");
    }
    plans.push_back(std::move(plan));
  }
  for (const auto& [table, columns] : source) {
    if (!target.count(table)) throw StoreError(to + ": has no table " + table + " (" + from + " has); schemas differ");
  }
  return plans;
}

void verify_counts(Session& source, Session& target, const std::vector<TablePlan>& plans, CopySummary& summary) {
  for (const TablePlan& plan : plans) {
    int64_t expected = count_rows(source, plan.table);
    int64_t found = count_rows(target, plan.table);
    if (expected != found) {
      throw StoreError(target.name() + ": table " + plan.table + " holds " + std::to_string(found) +
                       " rows after the copy, " + source.name() + " " + std::to_string(expected));
    }
    summary.tables.push_back({plan.table, found});
    summary.rows += found;
  }
}

// Every document's bytes, read back from the target, hash to its sha256 column and the source's.
int64_t verify_documents(Session& source, Session& target) {
  std::map<int64_t, std::string> source_sha256;
  Statement listed(source, "SELECT id, sha256 FROM documents", "reading the documents' sha256");
  while (listed.step()) source_sha256[listed.column_int64(0)] = listed.column_text(1);
  Statement stored(
      target,
      "SELECT id, sha256, bytes FROM documents WHERE id > ?1 ORDER BY id LIMIT " + std::to_string(kBlobBatchRows),
      "reading the copied documents back");
  int64_t verified = 0;
  int64_t last_id = INT64_MIN;
  for (int64_t in_batch = kBlobBatchRows; in_batch == kBlobBatchRows;) {
    stored.reset();
    stored.bind(1, last_id);
    for (in_batch = 0; stored.step(); ++in_batch, ++verified) {
      last_id = stored.column_int64(0);
      std::string computed = sha256_hex(stored.column_blob(2));
      auto expected = source_sha256.find(last_id);
      if (computed != stored.column_text(1) || expected == source_sha256.end() || expected->second != computed) {
        throw StoreError(target.name() + ": document " + std::to_string(last_id) + " copied wrong: its bytes hash to " +
                         computed + ", its sha256 column says " + stored.column_text(1) + ", the source's " +
                         (expected == source_sha256.end() ? std::string("(missing)") : expected->second));
      }
    }
  }
  if (verified != static_cast<int64_t>(source_sha256.size())) {
    throw StoreError(target.name() + ": " + std::to_string(verified) + " documents after the copy, source " +
                     std::to_string(source_sha256.size()));
  }
  return verified;
}

std::string dump_value(const Statement& row, int column, Kind kind) {
  if (row.is_null(column)) return "NULL";
  switch (kind) {
    case Kind::blob:
      return "blob:" + sha256_hex(row.column_blob(column));
    case Kind::real: {
      char buffer[40];
      std::snprintf(buffer, sizeof buffer, "%.17g", row.column_double(column));
      return buffer;
    }
    case Kind::integer:
    case Kind::boolean:
      return std::to_string(row.column_int64(column));
    case Kind::text:
      break;
  }
  std::string text = row.column_text(column);
  return std::to_string(text.size()) + ":" + text;
}

}  // namespace

std::string describe(const CopySummary& summary) {
  return "copied " + with_commas(static_cast<int64_t>(summary.tables.size())) + " tables, " +
         with_commas(summary.rows) + " rows, " + with_commas(summary.documents) + " documents" +
         (summary.sha256_verified ? ", sha256 verified" : "");
}

std::vector<std::string> list_tables(Session& db) {
  std::vector<std::string> tables;
  for (const auto& [table, columns] : read_catalog(db)) tables.push_back(table);
  return tables;
}

std::vector<std::string> table_dump(Session& db, const std::string& table) {
  Catalog catalog = read_catalog(db);
  auto found = catalog.find(table);
  if (found == catalog.end()) throw StoreError(db.name() + ": no table " + table);
  Statement rows(db, "SELECT " + column_list(found->second) + " FROM " + quoted(table), "dumping " + table);
  std::vector<std::string> lines;
  while (rows.step()) {
    std::string line;
    for (size_t index = 0; index < found->second.size(); ++index) {
      line += (index ? "\t" : "") + dump_value(rows, static_cast<int>(index), found->second[index].kind);
    }
    lines.push_back(line);
  }
  std::sort(lines.begin(), lines.end());
  return lines;
}

CopySummary copy_database(const std::string& from, const std::string& to) {
  if (from == to) throw StoreError(to + ": copying a database onto itself; give another --to");
  Connection source(from, OpenMode::read_only);
  Connection target(to, OpenMode::create);
  Session& reader = source.handle();
  Session& writer = target.handle();
  if (read_schema_version(reader) != read_schema_version(writer)) {
    throw StoreError(to + ": schema version " + std::to_string(read_schema_version(writer)) + ", " + from + " " +
                     std::to_string(read_schema_version(reader)) + "; a copy needs the same version on both");
  }
  CopySummary summary;
  reader.begin_read("copying " + from + " to " + to);
  try {
    Transaction transaction(writer, "copy from " + from);
    std::vector<TablePlan> plans = plan_tables(read_catalog(reader), read_catalog(writer), read_foreign_keys(writer),
                                               read_primary_keys(reader), from, to);
    std::vector<std::string> tables;
    for (const TablePlan& plan : plans) tables.push_back(plan.table);
    refuse_non_empty(writer, tables);
    for (const TablePlan& plan : plans) {
      if (is_migration_filled(plan.table))
        execute(writer, "DELETE FROM " + quoted(plan.table), "emptying " + plan.table);
    }
    for (const TablePlan& plan : plans) {
      copy_rows(reader, writer, plan);
      set_self_references(reader, writer, plan);
    }
    advance_identities(writer);
    verify_counts(reader, writer, plans, summary);
    summary.documents = verify_documents(reader, writer);
    summary.sha256_verified = true;
    transaction.commit();
  } catch (...) {
    reader.execute_quietly("ROLLBACK");
    throw;
  }
  execute(reader, "COMMIT", "ending the read of " + from);
  return summary;
}

}  // namespace nianbao::store
