// A person's corrections of stored cells: the printed value stays, the correction (value, reason,
// who, when) is kept beside it, survives re-extraction and shows in views and exports.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/session.h"

namespace nianbao::store {

struct CorrectionRequest {
  int64_t report_id = 0;
  std::string key;              // canonical key, e.g. t3.new_received.total
  std::optional<double> value;  // nullopt: the cell should be blank
  std::string reason;
  std::string corrected_by;
};

struct CorrectionRow {
  int64_t id = 0, report_id = 0;
  std::string agency;  // canonical name when linked, else the printed name
  std::optional<int> report_year;
  std::string key;
  std::optional<double> printed_value;  // the document's value (nullopt: blank or no such cell)
  std::optional<double> value;          // the correction
  std::string reason, corrected_by, corrected_at, source;
  bool in_force = false;  // the latest correction of its cell
};

// Records a correction. Throws StoreError when the report does not exist, the key is not a key of
// its format (nor a stored cell of it), or the reason or the person is empty.
int64_t add_correction(Session& db, const CorrectionRequest& request);

// Every correction, newest last; only those of `report_id` when given.
std::vector<CorrectionRow> list_corrections(Session& db, std::optional<int64_t> report_id = std::nullopt);

}  // namespace nianbao::store
