// The migrations, oldest first. Never edit a released step: add a new one. Steps 1-2 are release
// 0.1 (tables, indexes, first views); 3-5 the dataset (schema_dataset.cc, schema_views.cc);
// 6 document roles (schema_roles.cc); 7 the pre-2019 key map and panel (schema_pre2019.cc); 8 the
// shared crawl frontier (schema_crawl_leases.cc).
#include "store/schema.h"


#include "store/schema_crawl_leases.h"
#include "store/schema_dataset.h"
#include "store/schema_postgres.h"
#include "store/schema_pre2019.h"
#include "store/schema_roles.h"
#include "store/schema_views.h"
#include "store/statement.h"
#include "store/transaction.h"

namespace nianbao::store {
namespace {

const char* const kCreateTables = R"sql(
CREATE TABLE documents (
  id INTEGER PRIMARY KEY,
  sha256 TEXT NOT NULL UNIQUE CHECK (length(sha256) = 64),
  bytes BLOB NOT NULL,
  size INTEGER NOT NULL CHECK (size = length(bytes)),
  media_type TEXT NOT NULL,
  charset TEXT NOT NULL,
  origin TEXT NOT NULL,
  extract_status TEXT NOT NULL,
  extract_message TEXT NOT NULL,
  first_stored_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
CREATE TABLE document_origins (
  document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  origin TEXT NOT NULL,
  first_seen_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  PRIMARY KEY (document_id, origin)
);
CREATE TABLE reports (
  id INTEGER PRIMARY KEY,
  document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  ordinal INTEGER NOT NULL CHECK (ordinal >= 0),
  agency TEXT NOT NULL,
  report_year INTEGER,
  format TEXT NOT NULL CHECK (format IN ('unknown', 'pre2019', 'f2019', 'f2021', 'not_a_report')),
  scope TEXT NOT NULL CHECK (scope IN ('unknown', 'own_organ', 'region_aggregate')),
  title TEXT NOT NULL,
  published TEXT,
  extractor_version TEXT NOT NULL,
  text TEXT NOT NULL,
  UNIQUE (document_id, ordinal)
);
CREATE TABLE cells (
  id INTEGER PRIMARY KEY,
  report_id INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
  key TEXT NOT NULL CHECK (length(key) > 0),
  value REAL,
  integral INTEGER CHECK (integral IN (0, 1)),
  raw TEXT NOT NULL,
  flags TEXT NOT NULL CHECK (json_valid(flags) AND json_type(flags) = 'array'),
  derived REAL,
  derived_integral INTEGER CHECK (derived_integral IN (0, 1)),
  src_table INTEGER,
  src_row INTEGER,
  src_col INTEGER,
  src_byte_offset INTEGER,
  src_page INTEGER,
  bbox_left REAL,
  bbox_top REAL,
  bbox_right REAL,
  bbox_bottom REAL,
  UNIQUE (report_id, key),
  CHECK ((value IS NULL) = (integral IS NULL)),
  CHECK ((derived IS NULL) = (derived_integral IS NULL))
);
CREATE TABLE findings (
  id INTEGER PRIMARY KEY,
  report_id INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
  ordinal INTEGER NOT NULL,
  rule TEXT NOT NULL CHECK (length(rule) > 0),
  severity TEXT NOT NULL CHECK (severity IN ('info', 'warning', 'error')),
  message TEXT NOT NULL,
  cells TEXT NOT NULL CHECK (json_valid(cells) AND json_type(cells) = 'array'),
  expected REAL,
  expected_integral INTEGER CHECK (expected_integral IN (0, 1)),
  actual REAL,
  actual_integral INTEGER CHECK (actual_integral IN (0, 1)),
  UNIQUE (report_id, ordinal),
  CHECK ((expected IS NULL) = (expected_integral IS NULL)),
  CHECK ((actual IS NULL) = (actual_integral IS NULL))
);
CREATE TABLE checks (
  report_id INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
  rule TEXT NOT NULL CHECK (length(rule) > 0),
  passed INTEGER NOT NULL CHECK (passed >= 0),
  failed INTEGER NOT NULL CHECK (failed >= 0),
  not_assessable INTEGER NOT NULL CHECK (not_assessable >= 0),
  PRIMARY KEY (report_id, rule)
);
)sql";

const char* const kIndexesAndViews = R"sql(
CREATE INDEX reports_by_agency_year ON reports (agency, report_year);
CREATE INDEX cells_by_key ON cells (key);
CREATE INDEX findings_by_rule ON findings (rule);

-- One row per stored cell with the metadata of its report and document.
CREATE VIEW cell_values AS
SELECT r.id AS report_id, r.agency, r.report_year, r.format, r.scope,
       d.sha256, d.origin AS source,
       c.key, c.value, c.integral, c.derived, c.raw, c.flags,
       c.src_table, c.src_row, c.src_col, c.src_byte_offset, c.src_page
FROM cells c
JOIN reports r ON r.id = c.report_id
JOIN documents d ON d.id = r.document_id;

-- One row per report with its document and its finding counts by severity.
CREATE VIEW report_overview AS
SELECT r.id AS report_id, r.agency, r.report_year, r.format, r.scope, r.title, r.published,
       r.extractor_version, d.origin AS source, d.sha256, d.media_type,
       (SELECT count(*) FROM findings f WHERE f.report_id = r.id AND f.severity = 'error') AS errors,
       (SELECT count(*) FROM findings f WHERE f.report_id = r.id AND f.severity = 'warning') AS warnings,
       (SELECT count(*) FROM findings f WHERE f.report_id = r.id AND f.severity = 'info') AS infos
FROM reports r
JOIN documents d ON d.id = r.document_id;
)sql";

void apply(Session& db, const Migration& migration) {
  Transaction transaction(db, "schema migration " + std::to_string(migration.version));
  // Another connection may have applied this step while we waited for the write lock.
  if (read_schema_version(db) >= migration.version) return;
  std::string step = "schema migration " + std::to_string(migration.version) + " (" + migration.purpose + ")";
  execute(db, migration.sql, step);
  // The version takes no bound parameter; the number comes from the migration list, not input.
  execute(db,
          db.dialect() == Dialect::sqlite ? "PRAGMA user_version = " + std::to_string(migration.version)
                                          : "UPDATE nianbao_schema SET version = " + std::to_string(migration.version),
          step);
  transaction.commit();
}

// A PostgreSQL database keeps its version in a one-row table, made on first use (concurrent first
// opens meet on the writer lock).
void bootstrap_postgres(Session& db) {
  Transaction transaction(db, "creating the schema version table");
  execute(db, postgres_bootstrap_sql(), "creating the schema version table");
  transaction.commit();
}

}  // namespace

const std::vector<Migration>& migrations() {
  static const std::vector<Migration> steps = {
      {1, "documents, reports, cells, findings, checks", kCreateTables},
      {2, "indexes and the cell_values / report_overview views", kIndexesAndViews},
      {3, "crawl state in the migration list; crawl bodies into documents", kCrawlStateSql},
      {4, "agencies, report links and copies, corrections", kDatasetSql},
      {5, "views: cells and reports with agencies and corrections, the panel", kDatasetViewsSql},
      {6, "document roles, titles and publication dates (with their source)", kDocumentRolesSql},
      {7, "pre-2019 key map (spec §9.4) and the panel with pre-2019 years", kPre2019MappingSql},
      {8, "crawl frontier shared by several workers: URL leases, per-host politeness", kCrawlLeasesSql},
  };
  return steps;
}

int latest_schema_version() { return migrations().back().version; }

const std::vector<Migration>& migrations_for(Dialect dialect) {
  return dialect == Dialect::sqlite ? migrations() : postgres_migrations();
}

int read_schema_version(Session& db) {
  if (db.dialect() == Dialect::postgresql) {
    Statement exists(db, "SELECT to_regclass('nianbao_schema') IS NOT NULL", "looking for the schema version table");
    exists.step();
    if (exists.column_int(0) == 0) return 0;
    Statement statement(db, "SELECT max(version) FROM nianbao_schema", "reading the schema version");
    statement.step();
    return statement.column_int(0);
  }
  Statement statement(db, "PRAGMA user_version", "reading the schema version");
  statement.step();
  return statement.column_int(0);
}

void migrate(Session& db, int target_version) {
  int current = read_schema_version(db);
  if (current > latest_schema_version()) {
    throw StoreError(database_file(db) + ": schema version " + std::to_string(current) +
                     " is newer than this nianbao supports (" + std::to_string(latest_schema_version()) + ")");
  }
  if (db.dialect() == Dialect::postgresql && current == 0) bootstrap_postgres(db);
  for (const Migration& migration : migrations_for(db.dialect())) {
    if (migration.version > current && migration.version <= target_version) apply(db, migration);
  }
}

}  // namespace nianbao::store
