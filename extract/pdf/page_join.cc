// Repeated-header removal: header rows are compared by their cell texts; a match of the whole
// leading header block removes it and shifts the remaining cells' origin rows.
#include "extract/pdf/page_join.h"

#include <string>

#include "extract/pdf/value_text.h"

namespace nianbao::pdf {
namespace {

bool row_has_value(const std::vector<GridCell>& row) {
  for (const GridCell& cell : row) {
    if (!cell.spanned && is_value_text(cell.text)) return true;
  }
  return false;
}

std::vector<std::string> leading_header_texts(const Grid& grid) {
  std::vector<std::string> texts;
  for (const auto& row : grid.rows) {
    if (row_has_value(row)) break;
    std::string text;
    for (const GridCell& cell : row) {
      if (!cell.spanned) text += cell.text + "|";
    }
    texts.push_back(text);
  }
  return texts;
}

void drop_leading_rows(Grid& grid, size_t count) {
  grid.rows.erase(grid.rows.begin(), grid.rows.begin() + static_cast<long>(count));
  for (auto& row : grid.rows) {
    for (GridCell& cell : row) cell.origin.row -= static_cast<int>(count);
  }
}

}  // namespace

void drop_repeated_headers(std::vector<Grid>& grids) {
  for (size_t i = 1; i < grids.size(); ++i) {
    std::vector<std::string> previous = leading_header_texts(grids[i - 1]);
    std::vector<std::string> current = leading_header_texts(grids[i]);
    if (!current.empty() && current == previous && current.size() < grids[i].rows.size()) {
      drop_leading_rows(grids[i], current.size());
    }
  }
}

}  // namespace nianbao::pdf
