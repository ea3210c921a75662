// The HTML table algorithm in small: a slot matrix filled row by row, each cell placed at the first
// free column and copied over the slots its spans cover. Spans are clamped so a hostile page
// (rowspan=65534 colspan=1000) cannot blow up memory.
#include "extract/html/table_grid.h"

#include <algorithm>
#include <cstdlib>
#include <utility>

#include "extract/html/gumbo_document.h"
#include "extract/html/node_text.h"
#include "extract/text/normalize.h"

namespace nianbao {
namespace {

constexpr int kMaxColumns = 200;
constexpr size_t kMaxSlots = 200000;

int span_value(const GumboNode* cell, const char* name, int limit) {
  std::string text = attribute(cell, name);
  if (text.empty()) return 1;
  long value = std::strtol(text.c_str(), nullptr, 10);
  if (value < 1) return name[0] == 'r' && value == 0 ? limit : 1;  // rowspan=0: to the end
  return static_cast<int>(std::min<long>(value, limit));
}

void add_rows_of(const GumboNode* parent, std::vector<const GumboNode*>& rows, int depth) {
  const GumboVector& children = children_of(parent);
  for (unsigned int i = 0; i < children.length; ++i) {
    const auto* child = static_cast<const GumboNode*>(children.data[i]);
    if (is_element(child, GUMBO_TAG_TR)) {
      rows.push_back(child);
    } else if (depth < 2 && (is_element(child, GUMBO_TAG_TBODY) || is_element(child, GUMBO_TAG_THEAD) ||
                             is_element(child, GUMBO_TAG_TFOOT))) {
      add_rows_of(child, rows, depth + 1);
    }
  }
}

std::vector<const GumboNode*> cells_of(const GumboNode* row) {
  std::vector<const GumboNode*> cells;
  const GumboVector& children = children_of(row);
  for (unsigned int i = 0; i < children.length; ++i) {
    const auto* child = static_cast<const GumboNode*>(children.data[i]);
    if (is_element(child, GUMBO_TAG_TD) || is_element(child, GUMBO_TAG_TH)) cells.push_back(child);
  }
  return cells;
}

GridCell make_cell(const GumboNode* node, const MappedText& decoded, int row, int col) {
  NodeText text = node_text(node);
  GridCell cell;
  cell.text = normalize_string(text.text);
  cell.origin.row = row;
  cell.origin.col = col;
  if (text.first_offset >= 0) cell.origin.byte_offset = decoded.source_offset(static_cast<size_t>(text.first_offset));
  return cell;
}

}  // namespace

std::vector<const GumboNode*> table_rows(const GumboNode* table) {
  std::vector<const GumboNode*> rows;
  add_rows_of(table, rows, 0);
  return rows;
}

Grid build_table_grid(const GumboNode* table, const MappedText& decoded, int index) {
  std::vector<const GumboNode*> rows = table_rows(table);
  const int row_count = static_cast<int>(rows.size());
  std::vector<std::vector<std::optional<GridCell>>> slots(rows.size());
  size_t used_slots = 0;
  for (int r = 0; r < row_count; ++r) {
    int col = 0;
    for (const GumboNode* node : cells_of(rows[static_cast<size_t>(r)])) {
      auto& current = slots[static_cast<size_t>(r)];
      while (col < static_cast<int>(current.size()) && current[static_cast<size_t>(col)]) ++col;
      if (col >= kMaxColumns) break;
      int rowspan = span_value(node, "rowspan", row_count - r);
      int colspan = span_value(node, "colspan", kMaxColumns - col);
      if (used_slots + static_cast<size_t>(rowspan) * static_cast<size_t>(colspan) > kMaxSlots) break;
      GridCell origin = make_cell(node, decoded, r, col);
      for (int dr = 0; dr < rowspan; ++dr) {
        auto& target = slots[static_cast<size_t>(r + dr)];
        if (target.size() < static_cast<size_t>(col + colspan)) target.resize(static_cast<size_t>(col + colspan));
        for (int dc = 0; dc < colspan; ++dc) {
          auto& slot = target[static_cast<size_t>(col + dc)];
          if (slot) continue;  // overlapping spans: the earlier cell keeps the slot
          bool spanned = dr > 0 || dc > 0;
          if (rowspan == 1 && colspan == 1) {
            slot = std::move(origin);  // the usual cell covers one slot: moved, not copied
          } else {
            slot = origin;
          }
          slot->spanned = spanned;
          ++used_slots;
        }
      }
      col += colspan;
    }
  }
  Grid grid;
  grid.index = index;
  size_t width = 0;
  for (const auto& row : slots) width = std::max(width, row.size());
  for (size_t r = 0; r < slots.size(); ++r) {
    std::vector<GridCell> cells;
    cells.reserve(width);
    for (size_t c = 0; c < width; ++c) {
      if (c < slots[r].size() && slots[r][c]) {
        cells.push_back(std::move(*slots[r][c]));
      } else {
        GridCell empty;
        empty.origin.row = static_cast<int>(r);
        empty.origin.col = static_cast<int>(c);
        empty.padded = true;
        cells.push_back(empty);
      }
    }
    grid.rows.push_back(std::move(cells));
  }
  return grid;
}

}  // namespace nianbao
