// Split-row joining: only the label columns (left of the first value column) may carry text in
// the continuing row; its texts are appended to the origin cells of the previous grid's last row.
#include "extract/pdf/split_rows.h"

#include <algorithm>
#include <optional>
#include <string>

#include "extract/pdf/value_text.h"

namespace nianbao::pdf {
namespace {

bool is_value_cell(const GridCell& cell) { return !cell.spanned && is_value_text(cell.text); }

std::optional<size_t> first_value_column(const Grid& grid) {
  std::optional<size_t> first;
  for (const auto& row : grid.rows) {
    for (size_t c = 0; c < row.size(); ++c) {
      if (is_value_cell(row[c]) && (!first || c < *first)) first = c;
    }
  }
  return first;
}

int first_page(const Grid& grid) {
  for (const auto& row : grid.rows) {
    for (const GridCell& cell : row) {
      if (cell.origin.page > 0) return cell.origin.page;
    }
  }
  return -1;
}

int last_page(const Grid& grid) {
  int page = -1;
  for (const auto& row : grid.rows) {
    for (const GridCell& cell : row) page = std::max(page, cell.origin.page);
  }
  return page;
}

bool continues_previous_row(const Grid& previous, const Grid& grid) {
  if (previous.rows.empty() || grid.rows.size() < 2 || previous.column_count() != grid.column_count()) return false;
  if (first_page(grid) <= last_page(previous)) return false;
  std::optional<size_t> values = first_value_column(grid);
  if (!values || *values == 0) return false;
  const auto& row = grid.rows.front();
  bool has_label = false;
  for (size_t c = 0; c < row.size(); ++c) {
    if (c >= *values && !row[c].text.empty()) return false;
    has_label = has_label || (!row[c].spanned && !row[c].text.empty());
  }
  return has_label;
}

// Appends `rest` to the cell at (row, col) of `grid` and to every spanned copy of it.
void append_to_origin(Grid& grid, int row, int col, const std::string& rest) {
  for (auto& cells : grid.rows) {
    for (GridCell& cell : cells) {
      if (cell.origin.row == row && cell.origin.col == col) cell.text += rest;
    }
  }
}

// Removes the first row; cells below that continued it (rowspan) start their cell anew.
void drop_first_row(Grid& grid) {
  grid.rows.erase(grid.rows.begin());
  for (size_t r = 0; r < grid.rows.size(); ++r) {
    for (size_t c = 0; c < grid.rows[r].size(); ++c) {
      GridCell& cell = grid.rows[r][c];
      if (cell.origin.row == 0) {
        cell.origin.row = 0;
        if (r == 0 && cell.origin.col == static_cast<int>(c)) cell.spanned = false;
      } else {
        --cell.origin.row;
      }
    }
  }
}

}  // namespace

void join_split_rows(std::vector<Grid>& grids) {
  for (size_t i = 1; i < grids.size(); ++i) {
    Grid& previous = grids[i - 1];
    Grid& grid = grids[i];
    if (!continues_previous_row(previous, grid)) continue;
    const auto& row = grid.rows.front();
    const auto& last = previous.rows.back();
    for (size_t c = 0; c < row.size(); ++c) {
      if (row[c].spanned || row[c].text.empty()) continue;
      append_to_origin(previous, last[c].origin.row, last[c].origin.col, row[c].text);
    }
    drop_first_row(grid);
  }
}

}  // namespace nianbao::pdf
