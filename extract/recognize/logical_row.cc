// Builds LogicalRows from grid rows: colspan copies folded by origin, the label/value split by
// where the first number sits, rowspan copies of value cells blanked.
#include "extract/recognize/logical_row.h"

#include <algorithm>
#include <iterator>

#include "extract/table/cell_value.h"

namespace nianbao {

std::string compact(const std::string& text) {
  std::string out(text.size(), '\0');
  char* end = out.data();
  for (char c : text) {
    *end = c;
    end += c != ' ' && c != '\n' && c != '\t';
  }
  out.resize(static_cast<size_t>(end - out.data()));
  return out;
}

std::string LogicalRow::label_text() const {
  std::string joined;
  for (const RowCell& cell : labels) joined += compact(cell.text);
  return joined;
}

bool LogicalRow::has_number() const {
  return std::any_of(values.begin(), values.end(),
                     [](const RowCell& cell) { return parse_cell_value(cell.text).kind == CellKind::number; });
}

namespace {

std::vector<RowCell> fold_colspans(const Grid& grid, size_t row) {
  std::vector<RowCell> cells;
  const auto& grid_row = grid.rows[row];
  for (size_t col = 0; col < grid_row.size(); ++col) {
    const GridCell& cell = grid_row[col];
    if (col > 0 && cell.spanned && grid_row[col - 1].origin.row == cell.origin.row &&
        grid_row[col - 1].origin.col == cell.origin.col) {
      continue;
    }
    RowCell folded;
    folded.text = cell.text;
    folded.at.table = grid.index;
    folded.at.row = cell.origin.row;
    folded.at.col = cell.origin.col;
    folded.at.byte_offset = cell.origin.byte_offset;
    folded.at.page = cell.origin.page;
    folded.at.box = cell.origin.box;
    folded.vertical_copy = cell.spanned && cell.origin.row != static_cast<int>(row);
    folded.padded = cell.padded;
    folded.flags = cell.flags;
    cells.push_back(std::move(folded));
  }
  return cells;
}

}  // namespace

LogicalRow read_logical_row(const Grid& grid, size_t row) {
  std::vector<RowCell> cells = fold_colspans(grid, row);
  std::vector<CellKind> kinds;
  kinds.reserve(cells.size());
  for (const RowCell& cell : cells) kinds.push_back(parse_cell_value(cell.text).kind);
  size_t first_number = cells.size();
  for (size_t i = 0; i < cells.size(); ++i) {
    if (kinds[i] == CellKind::number && !cells[i].vertical_copy) {
      first_number = i;
      break;
    }
  }
  size_t label_end = 0;
  for (size_t i = 0; i < first_number; ++i) {
    if (kinds[i] == CellKind::text) label_end = i + 1;
  }
  LogicalRow logical;
  logical.labels.assign(std::make_move_iterator(cells.begin()),
                        std::make_move_iterator(cells.begin() + static_cast<long>(label_end)));
  logical.values.assign(std::make_move_iterator(cells.begin() + static_cast<long>(label_end)),
                        std::make_move_iterator(cells.end()));
  for (RowCell& value : logical.values) {
    if (value.vertical_copy) value.text.clear();
  }
  return logical;
}

}  // namespace nianbao
