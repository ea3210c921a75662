// What the table recognizers build up: canonical cells and the findings met on the way (a cell
// printed twice, a row with too many values …). One Recognition per report.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "extract/model/report.h"
#include "extract/recognize/logical_row.h"
#include "extract/recognize/table_classifier.h"

namespace nianbao {

struct Recognition {
  std::map<std::string, Cell> cells;
  std::vector<Finding> findings;

  // Stores the cell read from `source` under `key`; a key already read keeps its first value and
  // one warning per key (S4) says how often and where it was printed.
  void put(const std::string& key, const RowCell& source);
  // Adds a warning unless the same rule already said the same thing (one finding per fact).
  void warn(const std::string& rule, const std::string& message, std::vector<std::string> cells = {});

 private:
  // Where a key printed more than once was read, and which finding reports it.
  struct Repeat {
    size_t finding = 0;
    std::vector<CellLocation> places;
  };
  std::map<std::string, Repeat> repeats_;
  void note_repeat(const std::string& key, const CellLocation& first, const CellLocation& again);
};

// Turns "三、本年度办理结果" style text into a key-safe fragment for extra.* keys.
std::string extra_key_part(const std::string& label);

std::string describe(const CellLocation& at);

void recognize_table2(const LogicalTable& table, Format format, Recognition& out);
void recognize_table3(const LogicalTable& table, Format format, Recognition& out);
void recognize_table4(const LogicalTable& table, Recognition& out);

}  // namespace nianbao
