// The nianbao SQLite file: documents (content-addressed, byte-exact), the reports extracted from
// them, their cells with provenance, findings, agencies and corrections. Knows nothing of the crawler.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "extract/extractor.h"
#include "store/connection.h"
#include "store/store_error.h"

#include "store/session.h"

namespace nianbao::store {

// Where a document came from beyond its origin: the crawl seed (or `ingest --agency`) whose agency
// a report takes when it prints none, and whose region narrows an ambiguous name.
struct IngestContext {
  std::string seed_agency, seed_region_code, seed_level;
};

struct IngestOutcome {
  int64_t document_id = 0;
  std::string sha256;
  bool document_was_new = false;  // false: the same bytes were stored before (stored once)
  int reports_stored = 0;         // reports written by this call (0 when already present)
};

// One row of `nianbao reports`.
struct ReportSummary {
  int64_t report_id = 0;
  std::string agency;
  std::optional<int> report_year;
  Format format = Format::unknown;
  Scope scope = Scope::unknown;
  std::string source;  // the document's origin (path or URL)
  std::string sha256;
  int errors = 0, warnings = 0, infos = 0;
};

struct ReportFilter {
  std::optional<std::string> agency;  // substring match
  std::optional<int> year;
};

// A stored document whose reports an extractor should (re)make.
struct StoredDocument {
  int64_t document_id = 0;
  std::string sha256, origin, charset, extractor_version;
};

class Database {
 public:
  // Opens or creates the file (WAL, synchronous=NORMAL) and applies pending migrations.
  explicit Database(const std::string& path);
  // Same, but with OpenMode::existing a missing file is a StoreError instead of a new database.
  Database(const std::string& path, OpenMode mode);
  // Commits a batch still open (see begin_batch).
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  // Stores the document once per sha256 (with its role, title and publication date) and, atomically
  // with it, the reports extracted from it (none unless its role is report), linked to their
  // agency; copies and cross-year findings of that agency are brought up to date. Bytes the
  // crawler stored unextracted ('raw') get their role and reports now. On any failure this
  // document is rolled back and StoreError is thrown: nothing stored before is lost.
  IngestOutcome ingest(std::string_view bytes, const std::string& origin, const Extraction& extraction,
                       const IngestContext& context = {});

  // Batching for bulk work: between begin_batch() and commit_batch() every ingest/replace runs in
  // a savepoint of one transaction (a failed document rolls back alone), so the file is synced once
  // per batch instead of once per document. The copies and cross-year findings of the agencies a
  // batch touched are refreshed once, at commit_batch(), in the same transaction.
  void begin_batch();
  void commit_batch();
  bool batch_open() const { return batch_open_; }

  // For a writer that commits each document at once but receives many (the crawl's delivery):
  // while deferring, the copies and cross-year findings of the agencies written are not refreshed
  // at each ingest (which re-reads all of the agency's reports) but by refresh_deferred(), which
  // the caller runs every few seconds and at the end. Stopping to defer refreshes what is pending.
  void defer_refresh(bool deferring);
  // Refreshes the agencies written since the last refresh, each in its own transaction.
  void refresh_deferred();

  // Documents to re-extract: those read by another extractor version than this one (all read
  // documents with `all`). Crawl bodies never extracted ('raw') are not listed.
  std::vector<StoredDocument> documents_to_reextract(bool all) const;
  // Replaces the role and reports of a stored document by a new extraction, keeping report ids (by
  // ordinal), corrections, seeds and agency links; a document no longer a report loses its reports
  // (refused when one carries a correction), one that became a report gains them. Returns the
  // number of reports written. An extraction whose status is not ok is refused (StoreError): the
  // stored reports stay.
  int replace_extraction(int64_t document_id, const Extraction& extraction);

  std::vector<ReportSummary> reports(const ReportFilter& filter = {}) const;
  // Full reports (cells, findings, checks) for `show` and exports.
  std::vector<std::pair<ReportSummary, Report>> load_reports(const ReportFilter& filter = {}) const;

  int schema_version() const;
  // The stored bytes of a document, exactly as ingested; nullopt when no such document.
  std::optional<std::string> document_bytes(const std::string& sha256) const;
  std::optional<std::string> document_bytes(int64_t document_id) const;
  const std::string& path() const { return connection_.path(); }
  Session& handle() const { return connection_.handle(); }

 private:
  template <typename Body>
  void atomically(const std::string& purpose, Body body);

  // Refreshes now, or at commit_batch() inside a batch.
  void refresh_after_write(const std::set<int64_t>& agency_ids);

  Connection connection_;
  bool batch_open_ = false;
  bool deferring_refresh_ = false;
  std::set<int64_t> agencies_to_refresh_;
};

}  // namespace nianbao::store
