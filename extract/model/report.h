// The records the extractor produces for one report: metadata, canonical cells with their source
// location, and the findings of the consistency rules (spec §10). Plain data; no I/O.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "extract/model/grid.h"

namespace nianbao {

enum class Format { unknown, pre2019, f2019, f2021, not_a_report };
enum class Scope { unknown, own_organ, region_aggregate };
enum class Severity { info, warning, error };

const char* to_string(Format format);
const char* to_string(Scope scope);
const char* to_string(Severity severity);
std::optional<Format> format_from_string(const std::string& text);
std::optional<Scope> scope_from_string(const std::string& text);

// A number as a cell prints it: counts are integral, money may carry decimals.
struct Number {
  double value = 0;
  bool integral = true;
  bool operator==(const Number&) const = default;
};

// Where a canonical cell was read: which table of the document, which row/column of its grid.
struct CellLocation {
  int table = -1;
  int row = -1;
  int col = -1;
  int64_t byte_offset = -1;
  int page = -1;
  std::optional<BoundingBox> box;
};

// One canonical cell (`t3.result.granted.total` …). `value` is what the document states: a number,
// or nothing for a blank or placeholder. Whatever the program infers goes to `derived`, with a flag.
struct Cell {
  std::optional<Number> value;
  std::string raw;                 // the cell text as normalized, before number parsing
  std::vector<std::string> flags;  // e.g. "null_token", "unit_stripped", "imputed_zero"
  std::optional<Number> derived;   // an imputed zero or a derived total, never a stated value
  CellLocation at;

  bool has_flag(const std::string& flag) const;
  void add_flag(const std::string& flag);
};

// A consistency rule that failed (or a cell-level problem): spec §10 rule ids ("T3-1", "V1" …).
struct Finding {
  std::string rule;
  Severity severity = Severity::error;
  std::string message;
  std::vector<std::string> cells;  // canonical keys; for identities the total cell comes first
  std::optional<Number> expected;  // for identities: the sum of the other cells
  std::optional<Number> actual;    // for identities: the printed total
};

// How often a rule held, failed, or could not be assessed because a cell was absent or blank.
struct RuleTally {
  int passed = 0;
  int failed = 0;
  int not_assessable = 0;
};

struct Report {
  std::string title;
  std::string agency;
  std::optional<int> report_year;
  Format format = Format::unknown;
  Scope scope = Scope::unknown;
  std::optional<std::string> published;  // publication date, YYYY-MM-DD, where the page gives it
  std::string published_source;           // where `published` was read: "meta", "printed", or empty
  std::map<std::string, Cell> cells;      // canonical key -> cell
  std::vector<Finding> findings;
  std::map<std::string, RuleTally> checks;  // rule id -> tally
  std::string text;                         // normalized full text (prose and tables)

  int count_findings(Severity severity) const;
};

}  // namespace nianbao
