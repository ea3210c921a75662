// 表四 (行政复议、行政诉讼情况): three header rows and one row of 15 numbers in the order of spec
// §6 (复议, 直接起诉, 复议后起诉 × 维持/纠正/其他/尚未审结/总计); also read when flattened to one line.
#include "extract/model/key_catalog.h"
#include "extract/recognize/recognition.h"
#include "extract/validate/finding_rules.h"

namespace nianbao {

void recognize_table4(const LogicalTable& table, Recognition& out) {
  std::vector<RowCell> values;
  for (const Grid* grid : table.parts) {
    for (size_t r = 0; r < grid->row_count(); ++r) {
      LogicalRow row = read_logical_row(*grid, r);
      bool data_row = row.has_number() || (row.labels.empty() && row.values.size() >= 15);
      if (!data_row) continue;
      std::vector<RowCell> cells = row.values;
      values.insert(values.end(), cells.begin(), cells.end());
    }
  }
  const std::vector<std::string> keys = table4_keys();
  while (values.size() > keys.size() && compact(values.back().text).empty()) values.pop_back();
  if (values.size() != keys.size()) {
    out.warn(kRowValueCountRule,
             "表四 prints " + std::to_string(values.size()) + " value cells, 15 expected; its cells are not read", keys);
    return;
  }
  for (size_t i = 0; i < keys.size(); ++i) out.put(keys[i], values[i]);
}

}  // namespace nianbao
