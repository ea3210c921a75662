// The query behind `nianbao compare`: the value in force of chosen keys for chosen agencies and
// years, from primary copies only, with each cell's correction and the findings that name it.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "extract/model/report.h"
#include "store/store_error.h"

#include "store/session.h"

namespace nianbao::store {

// An --agency that names no agency id, canonical name, alias or printed report agency, or names
// several registered agencies at once. Its message names the agency as typed and the file.
class AgencyNotFound : public StoreError {
 public:
  using StoreError::StoreError;
};

struct CompareRequest {
  std::vector<std::string> agencies;      // as typed: id, canonical name, alias or printed name
  std::optional<int> first_year;          // inclusive; nullopt: no lower bound
  std::optional<int> last_year;           // inclusive; nullopt: no upper bound
  std::vector<std::string> key_patterns;  // SQLite GLOB patterns; empty: headline_keys()
};

// The nine headline metrics compared when no --keys is given.
const std::vector<std::string>& headline_keys();

// Every canonical key of both formats in official table order (t2, t3, t4; a 2019-only row or
// column beside its 2021 neighbours; t3.result.other before its 2021 sub-rows).
const std::vector<std::string>& catalog_key_order();

// One --agency, resolved.
struct ComparedAgency {
  std::string query;                // as typed
  std::string name;                 // canonical name, or the printed name when unregistered
  std::optional<int64_t> agency_id;  // nullopt: matched by printed name only
};

// One column source: the primary report of an agency for a year.
struct ComparedReport {
  size_t agency_index = 0;  // into CompareResult::agencies
  int64_t report_id = 0;
  int year = 0;
  Format format = Format::unknown;
  Scope scope = Scope::unknown;
  std::string printed_agency;
  std::string title;
  std::string source;  // the document's origin: URL or file path
  std::string sha256;
};

// A finding that names a cell.
struct CellFinding {
  std::string rule;
  Severity severity = Severity::error;
  std::string message;
};

// One key of one report. `value` is the value in force: the correction when one exists, else the
// printed value, else the derived one (is_derived). `summed` marks the 2021 t3.result.other.<col>
// computed from its three sub-rows (spec §7); its marks are those of the sub-rows.
struct ComparedCell {
  std::optional<double> value;
  std::optional<double> printed;
  std::optional<double> derived;
  std::optional<double> corrected;  // meaningful when is_corrected (nullopt: corrected to blank)
  std::string correction_reason;
  bool is_corrected = false;
  bool is_derived = false;
  bool summed = false;
  std::vector<CellFinding> findings;
};

// Primary reports left out: a second one for an agency and year, or one without any chosen key.
struct OmittedReport {
  size_t agency_index = 0;
  int64_t report_id = 0;
  int year = 0;
  std::string reason;
};

struct CompareResult {
  std::vector<ComparedAgency> agencies;
  std::vector<ComparedReport> reports;  // by agency (request order), then year
  std::vector<std::string> keys;        // rows, in catalog order; unknown keys after, sorted
  std::map<std::pair<size_t, std::string>, ComparedCell> cells;  // (index into reports, key)
  std::vector<OmittedReport> omitted;

  // The cell of reports[report_index] for `key`; nullptr when the report has nothing for it.
  const ComparedCell* cell(size_t report_index, const std::string& key) const;
};

// Throws AgencyNotFound for an agency that matches nothing (or several registered agencies), and
// StoreError for any database failure.
CompareResult read_compare_rows(Session& db, const CompareRequest& request);

}  // namespace nianbao::store
