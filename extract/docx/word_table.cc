// Table expansion. Columns are grid columns (after gridBefore and gridSpan), so a vMerge
// continuation finds its restart cell directly above in the same grid column.
#include "extract/docx/word_table.h"

#include <algorithm>
#include <charconv>
#include <string>

#include "extract/docx/word_xml.h"
#include "extract/text/normalize.h"

namespace nianbao::docx {
namespace {

int int_val(const xmlNode* property, int fallback) {
  std::optional<std::string> value = word_val(property);
  if (!value) return fallback;
  int number = fallback;
  auto [end, error] = std::from_chars(value->data(), value->data() + value->size(), number);
  if (error != std::errc() || end == value->data()) return fallback;
  return number;
}

int grid_span(const xmlNode* cell) {
  int span = int_val(word_child(word_child(cell, "tcPr"), "gridSpan"), 1);
  return std::clamp(span, 1, kMaxGridSpan);
}

int grid_before(const xmlNode* row) {
  int before = int_val(word_child(word_child(row, "trPr"), "gridBefore"), 0);
  return std::clamp(before, 0, kMaxGridSpan);
}

// w:vMerge without a value, or with "continue", continues the merge above.
bool continues_merge(const xmlNode* cell) {
  const xmlNode* merge = word_child(word_child(cell, "tcPr"), "vMerge");
  if (!merge) return false;
  std::optional<std::string> value = word_val(merge);
  return !value || *value == "continue";
}

GridCell empty_cell(int row, int col) {
  GridCell cell;
  cell.origin.row = row;
  cell.origin.col = col;
  return cell;
}

// The cells of one w:tr, before padding to the table width.
std::vector<GridCell> read_row(const xmlNode* row, int row_index, const std::vector<std::vector<GridCell>>& above) {
  std::vector<GridCell> cells;
  for (int i = 0; i < grid_before(row); ++i) cells.push_back(empty_cell(row_index, static_cast<int>(cells.size())));
  for (const xmlNode* cell = row->children; cell && cells.size() < kMaxColumns; cell = cell->next) {
    if (!is_word_element(cell, "tc")) continue;
    size_t col = cells.size();
    GridCell first;
    if (continues_merge(cell) && !above.empty() && col < above.back().size()) {
      first = above.back()[col];
      first.spanned = true;
    } else {
      first.text = normalize_string(word_text(cell));
      first.origin.row = row_index;
      first.origin.col = static_cast<int>(col);
    }
    cells.push_back(first);
    for (int extra = 1; extra < grid_span(cell) && cells.size() < kMaxColumns; ++extra) {
      GridCell copy = first;
      copy.spanned = true;
      cells.push_back(copy);
    }
  }
  return cells;
}

}  // namespace

Grid read_word_table(const xmlNode* table) {
  Grid grid;
  for (const xmlNode* row = table->children; row && grid.rows.size() < kMaxRows; row = row->next) {
    if (!is_word_element(row, "tr")) continue;
    grid.rows.push_back(read_row(row, static_cast<int>(grid.rows.size()), grid.rows));
  }
  size_t width = 1;
  for (const auto& row : grid.rows) width = std::max(width, row.size());
  for (size_t r = 0; r < grid.rows.size(); ++r) {
    while (grid.rows[r].size() < width) {
      grid.rows[r].push_back(empty_cell(static_cast<int>(r), static_cast<int>(grid.rows[r].size())));
    }
  }
  return grid;
}

}  // namespace nianbao::docx
