// The Database facade: opens the file (WAL, foreign keys, busy timeout), migrates it, and runs
// each ingest as one transaction that either stores a document with all its reports or nothing.
#include "store/database.h"

#include <sqlite3.h>

#include <filesystem>

#include "common/sha256.h"
#include "store/document_writer.h"
#include "store/report_reader.h"
#include "store/report_writer.h"
#include "store/schema.h"
#include "store/statement.h"
#include "store/transaction.h"

namespace nianbao::store {
namespace {

constexpr int kBusyTimeoutMs = 10000;

sqlite3* open_connection(const std::string& path, OpenMode mode) {
  if (mode == OpenMode::existing && !std::filesystem::is_regular_file(path)) {
    throw StoreError(path + ": no such database file");
  }
  sqlite3* db = nullptr;
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_FULLMUTEX | (mode == OpenMode::create ? SQLITE_OPEN_CREATE : 0);
  if (sqlite3_open_v2(path.c_str(), &db, flags, nullptr) != SQLITE_OK) {
    std::string reason = db ? sqlite3_errmsg(db) : "out of memory";
    sqlite3_close(db);
    throw StoreError(path + ": cannot open the database: " + reason);
  }
  return db;
}

void switch_to_wal(sqlite3* db) {
  Statement statement(db, "PRAGMA journal_mode = WAL", "switching to WAL mode");
  statement.step();
  std::string mode = statement.column_text(0);
  if (mode != "wal") throw StoreError(database_file(db) + ": switching to WAL mode: journal mode stayed " + mode);
}

void configure(sqlite3* db) {
  sqlite3_busy_timeout(db, kBusyTimeoutMs);
  sqlite3_extended_result_codes(db, 1);
  execute(db, "PRAGMA foreign_keys = ON", "enabling foreign keys");
  switch_to_wal(db);
  migrate(db);
}

}  // namespace

Database::Database(const std::string& path) : Database(path, OpenMode::create) {}

Database::Database(const std::string& path, OpenMode mode) : path_(path), db_(open_connection(path, mode)) {
  try {
    configure(db_);
  } catch (...) {
    sqlite3_close(db_);
    throw;
  }
}

Database::~Database() { sqlite3_close(db_); }

IngestOutcome Database::ingest(std::string_view bytes, const std::string& origin, const Extraction& extraction) {
  IngestOutcome outcome;
  outcome.sha256 = sha256_hex(bytes);
  try {
    Transaction transaction(db_, "ingest of " + origin);
    std::optional<int64_t> existing = find_document(db_, outcome.sha256);
    outcome.document_was_new = !existing;
    outcome.document_id = existing ? *existing : insert_document(db_, bytes, outcome.sha256, origin, extraction);
    record_origin(db_, outcome.document_id, origin);
    if (outcome.document_was_new) {
      for (size_t ordinal = 0; ordinal < extraction.reports.size(); ++ordinal) {
        write_report(db_, outcome.document_id, static_cast<int>(ordinal), extraction.reports[ordinal]);
        ++outcome.reports_stored;
      }
    }
    transaction.commit();
  } catch (const StoreError& error) {
    throw StoreError(std::string(error.what()) + " [ingest of " + origin + " rolled back; nothing stored]");
  } catch (const std::exception& error) {
    throw StoreError(path_ + ": ingest of " + origin + " rolled back; nothing stored: " + error.what());
  }
  return outcome;
}

std::vector<ReportSummary> Database::reports(const ReportFilter& filter) const { return read_summaries(db_, filter); }

std::vector<std::pair<ReportSummary, Report>> Database::load_reports(const ReportFilter& filter) const {
  std::vector<std::pair<ReportSummary, Report>> loaded;
  for (ReportSummary& summary : read_summaries(db_, filter)) {
    Report report = read_report(db_, summary.report_id);
    loaded.emplace_back(std::move(summary), std::move(report));
  }
  return loaded;
}

int Database::schema_version() const { return read_schema_version(db_); }

std::optional<std::string> Database::document_bytes(const std::string& sha256) const {
  Statement statement(db_, "SELECT bytes FROM documents WHERE sha256 = ?1", "reading document " + sha256);
  statement.bind(1, sha256);
  if (!statement.step()) return std::nullopt;
  return statement.column_blob(0);
}

}  // namespace nianbao::store
