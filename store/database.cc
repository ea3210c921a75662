// The Database facade: each ingest or re-extraction is atomic (a transaction, or a savepoint inside
// a batch), writes the document and its reports, links them to agencies and refreshes that agency.
#include "store/database.h"


#include "common/sha256.h"
#include "store/agency_refresh.h"
#include "store/document_writer.h"
#include "store/report_reader.h"
#include "store/report_writer.h"
#include "store/schema.h"
#include "store/statement.h"
#include "store/transaction.h"

namespace nianbao::store {
namespace {

SeedColumns seed_columns(const IngestContext& context) {
  return {context.seed_agency, context.seed_region_code, context.seed_level};
}

std::vector<int64_t> write_reports(Session& db, int64_t document_id, const Extraction& extraction,
                                   const IngestContext& context) {
  std::vector<int64_t> report_ids;
  for (size_t ordinal = 0; ordinal < extraction.reports.size(); ++ordinal) {
    report_ids.push_back(
        write_report(db, document_id, static_cast<int>(ordinal), extraction.reports[ordinal], seed_columns(context)));
  }
  return report_ids;
}

// Report ids of a document by ordinal.
std::vector<std::pair<int, int64_t>> stored_reports(Session& db, int64_t document_id) {
  Statement statement(db, "SELECT ordinal, id FROM reports WHERE document_id = ?1 ORDER BY ordinal",
                      "listing the reports of document " + std::to_string(document_id));
  statement.bind(1, document_id);
  std::vector<std::pair<int, int64_t>> reports;
  while (statement.step()) reports.emplace_back(statement.column_int(0), statement.column_int64(1));
  return reports;
}

// A report the new extraction no longer yields. Corrections on it block the re-extraction: a
// person's correction is never dropped silently.
void delete_vanished_report(Session& db, int64_t report_id) {
  Statement corrections(db, "SELECT count(*) FROM corrections WHERE report_id = ?1", "counting corrections");
  corrections.bind(1, report_id).step();
  if (corrections.column_int64(0) > 0) {
    throw StoreError(database_file(db) + ": report " + std::to_string(report_id) +
                     " has corrections but the new extraction no longer yields it; re-extraction refused");
  }
  Statement unlink(db, "UPDATE reports SET copy_of = NULL WHERE copy_of = ?1", "unlinking copies");
  unlink.bind(1, report_id).run();
  Statement remove(db, "DELETE FROM reports WHERE id = ?1", "deleting report " + std::to_string(report_id));
  remove.bind(1, report_id).run();
}

IngestContext stored_seed(Session& db, int64_t document_id) {
  Statement statement(db,
                      "SELECT seed_agency, seed_region_code, seed_level FROM reports WHERE document_id = ?1 "
                      "ORDER BY ordinal LIMIT 1",
                      "reading the seed of document " + std::to_string(document_id));
  statement.bind(1, document_id);
  if (!statement.step()) return {};
  return {statement.column_text(0), statement.column_text(1), statement.column_text(2)};
}

}  // namespace

Database::Database(const std::string& path) : Database(path, OpenMode::create) {}

Database::Database(const std::string& path, OpenMode mode) : connection_(path, mode) {}

Database::~Database() {
  if (!batch_open_) return;
  try {
    commit_batch();
  } catch (const std::exception&) {
    // Documents are committed by commit_batch() before it reports a failed refresh; a destructor
    // cannot report it. Callers that care call commit_batch() themselves.
  }
}

void Database::begin_batch() {
  if (batch_open_) return;
  handle().begin_write("a batch");
  batch_open_ = true;
}

void Database::commit_batch() {
  if (!batch_open_) return;
  std::set<int64_t> agencies = std::move(agencies_to_refresh_);
  agencies_to_refresh_.clear();
  std::string failed;
  for (int64_t agency_id : agencies) {
    try {
      atomically("refresh of agency " + std::to_string(agency_id), [&] { refresh_agencies(handle(), {agency_id}); });
    } catch (const std::exception& error) {
      failed += std::string(failed.empty() ? "" : "; ") + error.what();
    }
  }
  execute(handle(), "COMMIT", "committing a batch");
  batch_open_ = false;
  if (!failed.empty()) {
    throw StoreError(path() + ": documents committed, but copies/cross-year findings not refreshed: " + failed);
  }
}

void Database::defer_refresh(bool deferring) {
  if (!deferring && deferring_refresh_ && !batch_open_) refresh_deferred();
  deferring_refresh_ = deferring;
}

void Database::refresh_deferred() {
  if (batch_open_) return;  // the batch refreshes at its commit
  std::set<int64_t> agencies = std::move(agencies_to_refresh_);
  agencies_to_refresh_.clear();
  for (int64_t agency_id : agencies) {
    atomically("refresh of agency " + std::to_string(agency_id), [&] { refresh_agencies(handle(), {agency_id}); });
  }
}

void Database::refresh_after_write(const std::set<int64_t>& agency_ids) {
  if (batch_open_ || deferring_refresh_) {
    agencies_to_refresh_.insert(agency_ids.begin(), agency_ids.end());
  } else {
    refresh_agencies(handle(), agency_ids);
  }
}

template <typename Body>
void Database::atomically(const std::string& purpose, Body body) {
  if (!batch_open_) {
    Transaction transaction(handle(), purpose);
    body();
    transaction.commit();
    return;
  }
  execute(handle(), "SAVEPOINT document", "opening a savepoint for " + purpose);
  try {
    body();
  } catch (...) {
    handle().execute_quietly("ROLLBACK TO document; RELEASE document");
    throw;
  }
  execute(handle(), "RELEASE document", "releasing the savepoint of " + purpose);
}

IngestOutcome Database::ingest(std::string_view bytes, const std::string& origin, const Extraction& extraction,
                               const IngestContext& context) {
  IngestOutcome outcome;
  outcome.sha256 = sha256_hex(bytes);
  Session& db = handle();
  try {
    atomically("ingest of " + origin, [&] {
      std::optional<DocumentRow> existing = find_document(db, outcome.sha256);
      outcome.document_was_new = !existing;
      bool extract_now = !existing || existing->extract_status == "raw";
      outcome.document_id = existing ? existing->id : insert_document(db, bytes, outcome.sha256, origin, extraction);
      if (existing && extract_now) mark_extracted(db, existing->id, extraction);
      record_origin(db, outcome.document_id, origin);
      if (!extract_now) return;
      std::vector<int64_t> report_ids = write_reports(db, outcome.document_id, extraction, context);
      outcome.reports_stored = static_cast<int>(report_ids.size());
      refresh_after_write(link_reports(db, report_ids));
    });
  } catch (const StoreError& error) {
    throw StoreError(std::string(error.what()) + " [ingest of " + origin + " rolled back; nothing stored]");
  } catch (const std::exception& error) {
    throw StoreError(path() + ": ingest of " + origin + " rolled back; nothing stored: " + error.what());
  }
  return outcome;
}

std::vector<StoredDocument> Database::documents_to_reextract(bool all) const {
  Statement statement(handle(),
                      "SELECT id, sha256, origin, charset, COALESCE(extractor_version, '') FROM documents "
                      "WHERE extract_status <> 'raw' AND (?1 = 1 OR extractor_version IS NULL OR extractor_version <> ?2) "
                      "ORDER BY id",
                      "listing documents to re-extract");
  statement.bind(1, all ? 1 : 0).bind(2, kExtractorVersion);
  std::vector<StoredDocument> documents;
  while (statement.step()) {
    documents.push_back({statement.column_int64(0), statement.column_text(1), statement.column_text(2),
                         statement.column_text(3), statement.column_text(4)});
  }
  return documents;
}

int Database::replace_extraction(int64_t document_id, const Extraction& extraction) {
  if (extraction.status != ExtractStatus::ok) {
    // A document this extractor cannot read keeps the reports an earlier one made.
    throw StoreError(path() + ": document " + std::to_string(document_id) +
                     " not re-extracted, the stored reports stay: " + to_string(extraction.status) +
                     (extraction.message.empty() ? "" : ": " + extraction.message));
  }
  Session& db = handle();
  int written = 0;
  std::string purpose = "re-extraction of document " + std::to_string(document_id);
  try {
    atomically(purpose, [&] {
      std::vector<std::pair<int, int64_t>> stored = stored_reports(db, document_id);
      IngestContext seed = stored_seed(db, document_id);
      std::vector<int64_t> touched;
      for (size_t ordinal = 0; ordinal < extraction.reports.size(); ++ordinal) {
        const Report& report = extraction.reports[ordinal];
        if (ordinal < stored.size()) {
          rewrite_report(db, stored[ordinal].second, report);
          touched.push_back(stored[ordinal].second);
        } else {
          touched.push_back(write_report(db, document_id, static_cast<int>(ordinal), report, seed_columns(seed)));
        }
        ++written;
      }
      std::set<int64_t> agencies = link_reports(db, touched);
      for (size_t index = extraction.reports.size(); index < stored.size(); ++index) {
        if (std::optional<int64_t> agency = report_agency(db, stored[index].second)) agencies.insert(*agency);
        delete_vanished_report(db, stored[index].second);
      }
      mark_extracted(db, document_id, extraction);
      refresh_after_write(agencies);
    });
  } catch (const StoreError& error) {
    throw StoreError(std::string(error.what()) + " [" + purpose + " rolled back; the old reports stay]");
  } catch (const std::exception& error) {
    throw StoreError(path() + ": " + purpose + " rolled back; the old reports stay: " + error.what());
  }
  return written;
}

std::vector<ReportSummary> Database::reports(const ReportFilter& filter) const {
  return read_summaries(handle(), filter);
}

std::vector<std::pair<ReportSummary, Report>> Database::load_reports(const ReportFilter& filter) const {
  std::vector<std::pair<ReportSummary, Report>> loaded;
  for (ReportSummary& summary : read_summaries(handle(), filter)) {
    Report report = read_report(handle(), summary.report_id);
    loaded.emplace_back(std::move(summary), std::move(report));
  }
  return loaded;
}

int Database::schema_version() const { return read_schema_version(handle()); }

std::optional<std::string> Database::document_bytes(const std::string& sha256) const {
  Statement statement(handle(), "SELECT bytes FROM documents WHERE sha256 = ?1", "reading document " + sha256);
  statement.bind(1, sha256);
  if (!statement.step()) return std::nullopt;
  return statement.column_blob(0);
}

std::optional<std::string> Database::document_bytes(int64_t document_id) const {
  Statement statement(handle(), "SELECT bytes FROM documents WHERE id = ?1",
                      "reading document " + std::to_string(document_id));
  statement.bind(1, document_id);
  if (!statement.step()) return std::nullopt;
  return statement.column_blob(0);
}

}  // namespace nianbao::store
