// `nianbao compare`'s terminal layout: keys down, agency × year across with a 同比 (year-on-year)
// column, marks for corrected and questioned cells, and a legend naming each column's source.
#pragma once

#include <cstddef>
#include <optional>
#include <string>

#include "store/compare_rows.h"

namespace nianbao::cli {

// The change of a key from the same agency's previous calendar year to this column's year.
struct YearChange {
  bool has_previous_column = false;  // the agency has a column for the previous year
  std::optional<double> absolute;    // nullopt when either year has no value
  std::optional<double> percent;     // nullopt also when the previous value is 0
};

// The column of the same agency for year - 1, if shown.
std::optional<size_t> previous_year_column(const store::CompareResult& result, size_t report_index);

YearChange year_change(const store::CompareResult& result, size_t report_index, const std::string& key);

// "+137 (+169.1%)", "+6 (—)" when the previous value is 0, "—" when either side is missing.
std::string change_text(const YearChange& change);

// A cell as the table prints it: "81", "(2)" for a derived value, "—" for none, then "*" when
// corrected and "!" when a finding names it.
std::string compare_cell_text(const store::ComparedCell* cell);

// The printed label of a canonical key ("一、本年新收政府信息公开申请数量 总计"); "" when unknown.
std::string key_label(const std::string& key);

// The table (a line of agency names over their columns, a header line, one line per key, every
// line of the same display width) followed by a blank line and the legend.
std::string render_compare_table(const store::CompareResult& result);

}  // namespace nianbao::cli
