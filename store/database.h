// The nianbao SQLite file: documents (content-addressed, byte-exact), the reports extracted from
// them, their cells with provenance and their findings. Knows nothing of the crawler.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "extract/extractor.h"
#include "store/store_error.h"

struct sqlite3;

namespace nianbao::store {

// Whether opening may create a missing file (`ingest`) or must find one (`reports`, `show`).
enum class OpenMode { create, existing };

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

class Database {
 public:
  // Opens or creates the file, switches it to WAL and applies pending migrations.
  explicit Database(const std::string& path);
  // Same, but with OpenMode::existing a missing file is a StoreError instead of a new database.
  Database(const std::string& path, OpenMode mode);
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  // Stores the document once per sha256 and, in the same transaction, the reports extracted from
  // it. On any failure the transaction is rolled back and StoreError is thrown: nothing stored
  // before is lost.
  IngestOutcome ingest(std::string_view bytes, const std::string& origin, const Extraction& extraction);

  std::vector<ReportSummary> reports(const ReportFilter& filter = {}) const;
  // Full reports (cells, findings, checks) for `show` and exports.
  std::vector<std::pair<ReportSummary, Report>> load_reports(const ReportFilter& filter = {}) const;

  int schema_version() const;
  // The stored bytes of a document, exactly as ingested; nullopt when no such document.
  std::optional<std::string> document_bytes(const std::string& sha256) const;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
  sqlite3* db_ = nullptr;
};

}  // namespace nianbao::store
