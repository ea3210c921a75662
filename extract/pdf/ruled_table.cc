// Ruled tables: crossing rulings form a table, their positions (clustered within 2pt) the column and
// row edges; neighbouring atomic cells with no ruling between them are one merged cell.
#include "extract/pdf/ruled_table.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "extract/pdf/page_lines.h"
#include "extract/pdf/value_text.h"
#include "extract/text/normalize.h"

namespace nianbao::pdf {
namespace {

constexpr double kCluster = 2, kTouch = 2.5, kStraddle = 1.5;
const char* const kUncertain = "placement_uncertain";

struct UnionFind {
  std::vector<size_t> parent;
  explicit UnionFind(size_t size) : parent(size) { std::iota(parent.begin(), parent.end(), size_t{0}); }
  size_t find(size_t i) { return parent[i] == i ? i : parent[i] = find(parent[i]); }
  void join(size_t a, size_t b) { parent[find(a)] = find(b); }
};

bool crosses(const Ruling& h, const Ruling& v) {
  return v.x0 >= h.x0 - kTouch && v.x0 <= h.x1 + kTouch && h.y0 >= v.y0 - kTouch && h.y0 <= v.y1 + kTouch;
}

// Groups of rulings connected by crossings.
std::vector<std::vector<Ruling>> connected_rulings(const std::vector<Ruling>& rulings) {
  UnionFind groups(rulings.size());
  for (size_t a = 0; a < rulings.size(); ++a) {
    for (size_t b = a + 1; b < rulings.size(); ++b) {
      if (rulings[a].horizontal() == rulings[b].horizontal()) continue;
      const Ruling& h = rulings[a].horizontal() ? rulings[a] : rulings[b];
      const Ruling& v = rulings[a].horizontal() ? rulings[b] : rulings[a];
      if (crosses(h, v)) groups.join(a, b);
    }
  }
  std::vector<std::vector<Ruling>> components(rulings.size());
  for (size_t i = 0; i < rulings.size(); ++i) components[groups.find(i)].push_back(rulings[i]);
  std::erase_if(components, [](const std::vector<Ruling>& group) { return group.empty(); });
  return components;
}

std::vector<double> cluster(std::vector<double> positions) {
  std::sort(positions.begin(), positions.end());
  std::vector<double> centers;
  size_t start = 0;
  for (size_t i = 1; i <= positions.size(); ++i) {
    if (i < positions.size() && positions[i] - positions[i - 1] <= kCluster) continue;
    centers.push_back(std::accumulate(positions.begin() + static_cast<long>(start), positions.begin() + static_cast<long>(i), 0.0) /
                      static_cast<double>(i - start));
    start = i;
  }
  return centers;
}

// The cell structure of one table: edges, and for every atomic cell the id of its merged cell.
struct Layout {
  std::vector<double> xs, ys;
  std::vector<size_t> merged;  // row-major, (ys.size()-1) × (xs.size()-1)
  size_t columns() const { return xs.size() - 1; }
  size_t rows() const { return ys.size() - 1; }
  size_t at(size_t row, size_t col) const { return merged[row * columns() + col]; }
};

bool has_ruling(const std::vector<Ruling>& rulings, bool horizontal, double across, double along) {
  return std::any_of(rulings.begin(), rulings.end(), [&](const Ruling& r) {
    if (r.horizontal() != horizontal) return false;
    if (horizontal) return std::fabs(r.y0 - across) <= kCluster && along >= r.x0 && along <= r.x1;
    return std::fabs(r.x0 - across) <= kCluster && along >= r.y0 && along <= r.y1;
  });
}

BoundingBox outer_box(const std::vector<Ruling>& rulings) {
  BoundingBox box{1e9, 1e9, -1e9, -1e9};
  for (const Ruling& r : rulings) {
    box = {std::min(box.left, r.x0), std::min(box.top, r.y0), std::max(box.right, r.x1), std::max(box.bottom, r.y1)};
  }
  return box;
}

// A table cut by a page break has no border on the cut side (the row's border is on the other
// page): where the other direction's rulings reach past the last ruling, the page edge is one.
std::vector<Ruling> close_open_sides(std::vector<Ruling> rulings) {
  BoundingBox box = outer_box(rulings);
  auto near = [&](bool horizontal, double across) {
    return std::any_of(rulings.begin(), rulings.end(), [&](const Ruling& r) {
      return r.horizontal() == horizontal && std::fabs((horizontal ? r.y0 : r.x0) - across) <= kCluster;
    });
  };
  std::vector<Ruling> sides;
  for (double y : {box.top, box.bottom}) {
    if (!near(true, y)) sides.push_back({box.left, y, box.right, y});
  }
  for (double x : {box.left, box.right}) {
    if (!near(false, x)) sides.push_back({x, box.top, x, box.bottom});
  }
  rulings.insert(rulings.end(), sides.begin(), sides.end());
  return rulings;
}

Layout cell_layout(const std::vector<Ruling>& given) {
  std::vector<Ruling> rulings = close_open_sides(given);
  Layout layout;
  std::vector<double> xs, ys;
  for (const Ruling& r : rulings) (r.horizontal() ? ys : xs).push_back(r.horizontal() ? r.y0 : r.x0);
  layout.xs = cluster(xs);
  layout.ys = cluster(ys);
  if (layout.xs.size() < 2 || layout.ys.size() < 2) return layout;
  size_t rows = layout.rows(), cols = layout.columns();
  UnionFind cells(rows * cols);
  for (size_t r = 0; r < rows; ++r) {
    double middle_y = (layout.ys[r] + layout.ys[r + 1]) / 2;
    for (size_t c = 0; c < cols; ++c) {
      double middle_x = (layout.xs[c] + layout.xs[c + 1]) / 2;
      if (c + 1 < cols && !has_ruling(rulings, false, layout.xs[c + 1], middle_y)) {
        cells.join(r * cols + c, r * cols + c + 1);
      }
      if (r + 1 < rows && !has_ruling(rulings, true, layout.ys[r + 1], middle_x)) {
        cells.join(r * cols + c, (r + 1) * cols + c);
      }
    }
  }
  // a merged cell is named by its first (top-left) atomic cell: row-major order visits it first
  std::vector<size_t> first_of(rows * cols, rows * cols);
  for (size_t i = 0; i < rows * cols; ++i) {
    size_t root = cells.find(i);
    if (first_of[root] == rows * cols) first_of[root] = i;
    layout.merged.push_back(first_of[root]);
  }
  return layout;
}

// Index of the interval [edges[i], edges[i+1]) holding `position`, or -1.
long interval_of(const std::vector<double>& edges, double position) {
  for (size_t i = 0; i + 1 < edges.size(); ++i) {
    if (position >= edges[i] && position < edges[i + 1]) return static_cast<long>(i);
  }
  return -1;
}

// The rectangle of a merged cell in points.
BoundingBox merged_rect(const Layout& layout, size_t id) {
  BoundingBox rect{1e9, 1e9, -1e9, -1e9};
  for (size_t r = 0; r < layout.rows(); ++r) {
    for (size_t c = 0; c < layout.columns(); ++c) {
      if (layout.at(r, c) != id) continue;
      rect = {std::min(rect.left, layout.xs[c]), std::min(rect.top, layout.ys[r]),
              std::max(rect.right, layout.xs[c + 1]), std::max(rect.bottom, layout.ys[r + 1])};
    }
  }
  return rect;
}

struct CellWords {
  std::vector<PageWord> words;
  bool uncertain = false;
};

// The cell's words read as lines: fragments of a line joined by a space, lines without one.
std::string cell_text(const std::vector<PageWord>& words, int page_number, BoundingBox& box) {
  PageWords cell{page_number, 0, 0, words, {}};
  std::string text;
  box = {1e9, 1e9, -1e9, -1e9};
  for (const Line& line : build_lines(cell)) {
    for (size_t i = 0; i < line.fragments.size(); ++i) {
      text += (i ? " " : "") + line.fragments[i].text;
      const BoundingBox& part = line.fragments[i].box;
      box = {std::min(box.left, part.left), std::min(box.top, part.top), std::max(box.right, part.right),
             std::max(box.bottom, part.bottom)};
    }
  }
  return text;
}

bool inside(const BoundingBox& outer, double x, double y) {
  return x >= outer.left && x <= outer.right && y >= outer.top && y <= outer.bottom;
}

Grid build_grid(const Layout& layout, std::vector<CellWords>& cells, int page_number) {
  Grid grid;
  for (size_t r = 0; r < layout.rows(); ++r) {
    std::vector<GridCell> row;
    for (size_t c = 0; c < layout.columns(); ++c) {
      size_t id = layout.at(r, c);
      size_t first_row = id / layout.columns(), first_col = id % layout.columns();
      GridCell cell;
      cell.origin.row = static_cast<int>(first_row);
      cell.origin.col = static_cast<int>(first_col);
      cell.origin.page = page_number;
      cell.spanned = first_row != r || first_col != c;
      BoundingBox box;
      if (!cells[id].words.empty()) {
        cell.text = cell_text(cells[id].words, page_number, box);
        if (!cell.text.empty()) cell.origin.box = box;
      }
      if (cells[id].uncertain) cell.flags.push_back(kUncertain);
      row.push_back(std::move(cell));
    }
    grid.rows.push_back(std::move(row));
  }
  return grid;
}

bool is_continuation(const GridCell& cell, size_t row, size_t col, bool of_rows) {
  return cell.spanned && (of_rows ? cell.origin.row < static_cast<int>(row) : cell.origin.col < static_cast<int>(col));
}

// A row (or column) in which no cell starts adds nothing: a ruling that split no cell made it.
void drop_redundant_lines(Grid& grid, bool rows) {
  size_t count = rows ? grid.rows.size() : grid.column_count();
  for (size_t line = count; line-- > 1;) {
    bool redundant = true;
    for (size_t other = 0; other < (rows ? grid.column_count() : grid.rows.size()); ++other) {
      size_t r = rows ? line : other, c = rows ? other : line;
      redundant = redundant && is_continuation(grid.rows[r][c], r, c, rows);
    }
    if (!redundant) continue;
    if (rows) grid.rows.erase(grid.rows.begin() + static_cast<long>(line));
    for (auto& row : grid.rows) {
      if (!rows) row.erase(row.begin() + static_cast<long>(line));
      for (GridCell& cell : row) {
        int& origin = rows ? cell.origin.row : cell.origin.col;
        if (origin > static_cast<int>(line)) --origin;
      }
    }
  }
}

bool is_value_cell(const GridCell& cell) { return !cell.spanned && is_value_text(cell.text); }

// An empty cell in the label part of a value row (left of the first value column) belongs to the
// label on its left: some producers draw a border through a label cell that spans two columns.
void absorb_empty_label_cells(Grid& grid) {
  size_t first_value = grid.column_count();
  for (const auto& row : grid.rows) {
    for (size_t c = 0; c < row.size(); ++c) {
      if (is_value_cell(row[c])) first_value = std::min(first_value, c);
    }
  }
  for (auto& row : grid.rows) {
    if (std::none_of(row.begin(), row.end(), is_value_cell)) continue;
    for (size_t c = 1; c < first_value; ++c) {
      if (!row[c].text.empty() || !row[c].flags.empty() || row[c - 1].text.empty()) continue;
      row[c] = row[c - 1];
      row[c].spanned = true;
    }
  }
}

// Puts the word into its cell, or flags every cell a straddling value overlaps.
void place_word(const Layout& layout, const PageWord& word, std::vector<CellWords>& cells) {
  double center_x = (word.box.left + word.box.right) / 2, center_y = (word.box.top + word.box.bottom) / 2;
  long col = interval_of(layout.xs, center_x), row = interval_of(layout.ys, center_y);
  if (col < 0 || row < 0) return;
  size_t id = layout.at(static_cast<size_t>(row), static_cast<size_t>(col));
  BoundingBox rect = merged_rect(layout, id);
  bool straddles = word.box.left < rect.left - kStraddle || word.box.right > rect.right + kStraddle;
  if (!straddles || !is_value_text(normalize_string(word.text))) {
    cells[id].words.push_back(word);
    return;
  }
  for (size_t c = 0; c < layout.columns(); ++c) {
    bool overlaps = std::min(word.box.right, layout.xs[c + 1]) - std::max(word.box.left, layout.xs[c]) > kStraddle;
    if (overlaps) cells[layout.at(static_cast<size_t>(row), c)].uncertain = true;
  }
}

}  // namespace

std::vector<RuledTable> find_ruled_tables(const PageWords& page) {
  std::vector<RuledTable> tables;
  for (const std::vector<Ruling>& group : connected_rulings(page.rulings)) {
    Layout layout = cell_layout(group);
    if (layout.xs.size() < 3 || layout.ys.size() < 2) continue;  // at least two columns (a row alone may
                                                                    // end a table on the next page)
    RuledTable table;
    table.box = outer_box(group);
    std::vector<CellWords> cells(layout.rows() * layout.columns());
    for (size_t i = 0; i < page.words.size(); ++i) {
      const PageWord& word = page.words[i];
      double center_x = (word.box.left + word.box.right) / 2, center_y = (word.box.top + word.box.bottom) / 2;
      if (!inside(table.box, center_x, center_y)) continue;
      table.words.push_back(i);
      place_word(layout, word, cells);
    }
    if (table.words.empty()) continue;
    table.grid = build_grid(layout, cells, page.page);
    drop_redundant_lines(table.grid, true);
    drop_redundant_lines(table.grid, false);
    absorb_empty_label_cells(table.grid);
    tables.push_back(std::move(table));
  }
  std::sort(tables.begin(), tables.end(),
            [](const RuledTable& a, const RuledTable& b) { return a.box.top < b.box.top; });
  return tables;
}

}  // namespace nianbao::pdf
