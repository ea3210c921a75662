// The schema of a nianbao PostgreSQL database: the same migration list as the SQLite file
// (store/schema.h), each step written in PostgreSQL (bytea, jsonb, timestamptz, identity columns).
#pragma once

#include <string>
#include <vector>

#include "store/schema.h"

namespace nianbao::store {

// The key of the transaction-scoped advisory lock (pg_advisory_xact_lock) that the bootstrap takes,
// so that two processes opening a new database at once create the version table once. A migrator
// may take the same lock (or `SELECT version FROM nianbao_schema FOR UPDATE`) around each step.
inline constexpr long long kPostgresSchemaLockKey = 0x6e69616e62616f;  // "nianbao"

// Run before step 1 on every open (idempotent, one implicit transaction when sent as one PQexec):
// creates `nianbao_schema (version integer NOT NULL)` holding exactly one row, version 0 on a new
// database. The version there plays the role of SQLite's PRAGMA user_version.
const char* postgres_bootstrap_sql();

// The same versions and purposes as migrations(), in the same order; a database at version N has
// the tables, columns (same names and order), keys, indexes and views (same names and columns) of
// an SQLite file at version N. Text columns are COLLATE "C" (byte order, as SQLite's BINARY);
// JSON columns are jsonb; instants the database stamps are timestamptz.
const std::vector<Migration>& postgres_migrations();

// An SQL expression reading a timestamptz column as SQLite's strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
// wrote it ("2026-01-02T03:04:05.678Z", UTC, milliseconds), for SELECTs whose text reaches users:
// postgres_instant_text("c.corrected_at"). PostgreSQL's own text form is "2026-01-02 03:04:05.678+00".
std::string postgres_instant_text(const std::string& column);

// The SQL of each step (one script per step, for postgres_migrations()).
namespace postgres_sql {
extern const char* const kTables;           // 1: documents, reports, cells, findings, checks
extern const char* const kIndexesAndViews;  // 2: first indexes, cell_values, report_overview
extern const char* const kCrawlState;       // 3: crawl_* tables (crawl_blobs never exists here)
extern const char* const kDataset;          // 4: agencies, report links, cells by report, corrections
extern const char* const kDatasetViews;     // 5: views over agencies/corrections, the panel
extern const char* const kDocumentRoles;    // 6: documents.role/title/published
extern const char* const kPre2019Mapping;   // 7: pre-2019 key map and panel
extern const char* const kCrawlLeases;      // 8: URL leases, crawl_hosts (the shared frontier)
}  // namespace postgres_sql

}  // namespace nianbao::store
