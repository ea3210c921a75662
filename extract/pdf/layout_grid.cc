// Layout grid (tables without rulings): rows from value lines, label blocks attached by vertical
// centre, values under the header words' columns (else the widest row's), spans as spanned copies.
#include "extract/pdf/layout_grid.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>

#include "extract/pdf/vertical_labels.h"

namespace nianbao::pdf {
namespace {

// A printed row under construction: label fragments (joined into cells later) and value cells.
struct LayoutRow {
  double top = 0, bottom = 0;
  bool header = false;
  std::vector<Fragment> labels;  // header rows: every fragment, one cell each
  std::vector<Fragment> values;
  double center() const { return (top + bottom) / 2; }
};

bool line_has_value(const Line& line) {
  return std::any_of(line.fragments.begin(), line.fragments.end(), [](const Fragment& f) { return f.value; });
}

LayoutRow value_row(const Line& line) {
  LayoutRow row{line.top, line.bottom, false, {}, {}};
  double first_value = std::numeric_limits<double>::max();
  for (const Fragment& fragment : line.fragments) {
    if (fragment.value) first_value = std::min(first_value, fragment.box.left);
  }
  for (const Fragment& fragment : line.fragments) {
    (fragment.box.right <= first_value + 1 && !fragment.value ? row.labels : row.values).push_back(fragment);
  }
  return row;
}

LayoutRow header_row(double top, double bottom, std::vector<Fragment> fragments) {
  std::sort(fragments.begin(), fragments.end(),
            [](const Fragment& a, const Fragment& b) { return a.box.left < b.box.left; });
  return LayoutRow{top, bottom, true, std::move(fragments), {}};
}

bool overlaps_horizontally(const BoundingBox& a, const BoundingBox& b) {
  return std::min(a.right, b.right) - std::max(a.left, b.left) > 0;
}

// Floating label fragments stacked within 1.2 line heights in the same column become one block.
std::vector<std::vector<Fragment>> floating_blocks(std::vector<Fragment> floating) {
  std::sort(floating.begin(), floating.end(), [](const Fragment& a, const Fragment& b) { return a.box.top < b.box.top; });
  std::vector<std::vector<Fragment>> blocks;
  for (Fragment& fragment : floating) {
    auto block = std::find_if(blocks.begin(), blocks.end(), [&](const std::vector<Fragment>& candidate) {
      const Fragment& last = candidate.back();
      double gap = fragment.box.top - last.box.bottom;
      return overlaps_horizontally(last.box, fragment.box) && gap < 1.2 * fragment.height();
    });
    if (block == blocks.end()) {
      blocks.push_back({std::move(fragment)});
    } else {
      block->push_back(std::move(fragment));
    }
  }
  return blocks;
}

double block_top(const std::vector<Fragment>& block) { return block.front().box.top; }
double block_bottom(const std::vector<Fragment>& block) {
  double bottom = block.front().box.bottom;
  for (const Fragment& fragment : block) bottom = std::max(bottom, fragment.box.bottom);
  return bottom;
}

// Index of the value row nearest to the block's centre, or -1 when it lies too far from any.
int nearest_value_row(const std::vector<LayoutRow>& rows, const std::vector<Fragment>& block, bool vertical) {
  double top = block_top(block), bottom = block_bottom(block), center = (top + bottom) / 2;
  double line_height = block.front().height();
  int best = -1;
  double best_distance = std::numeric_limits<double>::max();
  for (size_t i = 0; i < rows.size(); ++i) {
    if (rows[i].header) continue;
    double distance = std::fabs(rows[i].center() - center);
    double gap = std::max(rows[i].top - bottom, top - rows[i].bottom);
    if (distance < best_distance && (vertical || gap <= 2 * line_height)) {
      best = static_cast<int>(i);
      best_distance = distance;
    }
  }
  return best;
}

struct Classified {
  std::vector<LayoutRow> rows;    // value rows and header lines, top to bottom
  std::vector<Fragment> floating;  // label-area fragments of lines without values
};

Classified classify_lines(const Region& region) {
  Classified out;
  double first_value_top = std::numeric_limits<double>::max();
  double value_left = std::numeric_limits<double>::max();
  for (const Line& line : region.lines) {
    for (const Fragment& fragment : line.fragments) {
      if (!fragment.value) continue;
      first_value_top = std::min(first_value_top, line.top);
      value_left = std::min(value_left, fragment.box.left);
    }
  }
  for (const Line& line : region.lines) {
    if (line_has_value(line)) {
      out.rows.push_back(value_row(line));
      continue;
    }
    bool above_values = line.bottom <= first_value_top;
    bool in_value_area = std::any_of(line.fragments.begin(), line.fragments.end(),
                                     [&](const Fragment& f) { return f.box.right > value_left + 2; });
    if (above_values || in_value_area) {
      out.rows.push_back(header_row(line.top, line.bottom, line.fragments));
    } else {
      out.floating.insert(out.floating.end(), line.fragments.begin(), line.fragments.end());
    }
  }
  return out;
}

// Vertical labels are looked for among all label fragments, anchored or floating; the stacked
// fragments leave their rows (or the floating list) and come back as one joined fragment each.
std::vector<Fragment> extract_vertical_labels(Classified& classified) {
  std::vector<Fragment> candidates = classified.floating;
  std::vector<std::pair<size_t, size_t>> owners;  // (row, label) of each anchored candidate
  size_t floating_count = candidates.size();
  for (size_t r = 0; r < classified.rows.size(); ++r) {
    if (classified.rows[r].header) continue;
    for (size_t l = 0; l < classified.rows[r].labels.size(); ++l) {
      candidates.push_back(classified.rows[r].labels[l]);
      owners.emplace_back(r, l);
    }
  }
  std::vector<bool> stacked(candidates.size(), false);
  std::vector<Fragment> stacks;
  for (const std::vector<size_t>& members : find_vertical_stacks(candidates)) {
    for (size_t i : members) stacked[i] = true;
    stacks.push_back(join_stack(members, candidates));
  }
  std::vector<Fragment> floating;
  for (size_t i = 0; i < floating_count; ++i) {
    if (!stacked[i]) floating.push_back(candidates[i]);
  }
  classified.floating = std::move(floating);
  for (size_t i = owners.size(); i-- > 0;) {
    if (!stacked[floating_count + i]) continue;
    auto& labels = classified.rows[owners[i].first].labels;
    labels.erase(labels.begin() + static_cast<long>(owners[i].second));
  }
  return stacks;
}

void attach_floating(Classified& classified, const std::vector<Fragment>& stacks) {
  std::vector<LayoutRow> unattached;
  for (const std::vector<Fragment>& block : floating_blocks(classified.floating)) {
    int row = nearest_value_row(classified.rows, block, false);
    if (row < 0) {
      unattached.push_back(header_row(block_top(block), block_bottom(block), block));
      continue;
    }
    auto& labels = classified.rows[static_cast<size_t>(row)].labels;
    labels.insert(labels.end(), block.begin(), block.end());
  }
  for (const Fragment& stack : stacks) {
    int row = nearest_value_row(classified.rows, {stack}, true);
    if (row >= 0) classified.rows[static_cast<size_t>(row)].labels.push_back(stack);
  }
  classified.rows.insert(classified.rows.end(), unattached.begin(), unattached.end());
  std::stable_sort(classified.rows.begin(), classified.rows.end(),
                   [](const LayoutRow& a, const LayoutRow& b) { return a.top < b.top; });
}

// Label fragments of a value row that overlap horizontally form one cell, read top to bottom.
std::vector<Fragment> label_cells(std::vector<Fragment> labels) {
  std::sort(labels.begin(), labels.end(), [](const Fragment& a, const Fragment& b) { return a.box.top < b.box.top; });
  std::vector<Fragment> cells;
  for (const Fragment& label : labels) {
    auto cell = std::find_if(cells.begin(), cells.end(),
                             [&](const Fragment& candidate) { return overlaps_horizontally(candidate.box, label.box); });
    if (cell == cells.end()) {
      cells.push_back(label);
      continue;
    }
    cell->text += label.text;
    cell->box = {std::min(cell->box.left, label.box.left), std::min(cell->box.top, label.box.top),
                 std::max(cell->box.right, label.box.right), std::max(cell->box.bottom, label.box.bottom)};
  }
  std::sort(cells.begin(), cells.end(), [](const Fragment& a, const Fragment& b) { return a.box.left < b.box.left; });
  return cells;
}

// A value slot of a row: the value placed there, or a note that a value could not be placed.
struct Slot {
  std::optional<Fragment> value;
  bool uncertain = false;
};
using PlacedRows = std::vector<std::vector<Slot>>;

// Header columns of a band: the header fragments over the value area, narrowest first; one that
// overlaps a column joins it (stacked characters of one header), one that overlaps two or more is
// a spanning header (法人或其他组织) and is skipped.
std::vector<ColumnSpan> header_columns(const std::vector<LayoutRow>& rows, size_t from, size_t to, double value_left) {
  std::vector<BoundingBox> words;  // a header fragment may join words of neighbouring columns
  for (size_t r = from; r < to; ++r) {
    if (!rows[r].header) continue;
    for (const Fragment& fragment : rows[r].labels) {
      std::vector<BoundingBox> boxes = fragment.words.empty() ? std::vector<BoundingBox>{fragment.box} : fragment.words;
      for (const BoundingBox& box : boxes) {
        if (box.right > value_left + 2 && box.left > value_left - 20) words.push_back(box);
      }
    }
  }
  std::sort(words.begin(), words.end(), [](const BoundingBox& a, const BoundingBox& b) {
    return a.right - a.left < b.right - b.left;
  });
  std::vector<ColumnSpan> columns;
  for (const BoundingBox& word : words) {
    std::vector<size_t> overlapping;
    for (size_t c = 0; c < columns.size(); ++c) {
      if (std::min(columns[c].right, word.right) - std::max(columns[c].left, word.left) > 0) overlapping.push_back(c);
    }
    if (overlapping.empty()) columns.push_back({word.left, word.right});
    if (overlapping.size() == 1) {
      ColumnSpan& column = columns[overlapping.front()];
      column = {std::min(column.left, word.left), std::max(column.right, word.right)};
    }
  }
  std::sort(columns.begin(), columns.end(), [](const ColumnSpan& a, const ColumnSpan& b) { return a.left < b.left; });
  return columns;
}

// Places each value under the header column whose centre is nearest; a value reaching past the
// midpoint to a neighbouring column, lying beyond the outer columns, or meeting another value in
// the same column is not placed: its slot is marked uncertain.
std::vector<Slot> place_by_columns(std::vector<Fragment> values, const std::vector<ColumnSpan>& columns) {
  std::vector<Slot> slots(columns.size());
  double spacing = columns.size() > 1 ? (columns.back().center() - columns.front().center()) / double(columns.size() - 1)
                                      : columns.front().right - columns.front().left + 20;
  for (const Fragment& value : values) {
    size_t best = 0;
    for (size_t c = 1; c < columns.size(); ++c) {
      if (std::fabs(columns[c].center() - value.center_x()) < std::fabs(columns[best].center() - value.center_x())) best = c;
    }
    double low = best > 0 ? (columns[best - 1].center() + columns[best].center()) / 2 : columns[best].center() - spacing / 2;
    double high = best + 1 < columns.size() ? (columns[best].center() + columns[best + 1].center()) / 2
                                            : columns[best].center() + spacing / 2;
    bool fits = value.box.left >= low && value.box.right <= high;
    if (!fits || slots[best].value || slots[best].uncertain) {
      slots[best].value.reset();
      slots[best].uncertain = true;
      continue;
    }
    slots[best].value = value;
  }
  return slots;
}

// Without header columns: the band's widest row defines the column centres and a shorter row's
// values go to the nearest free centre — fitted, so flagged uncertain (kept, for the safety net).
std::vector<Slot> place_by_widest_row(std::vector<Fragment> values, const std::vector<double>& centers) {
  std::vector<Slot> slots(centers.size());
  for (size_t v = 0; v < values.size(); ++v) {
    size_t column = v;
    if (values.size() < centers.size()) {
      double best = std::numeric_limits<double>::max();
      for (size_t c = 0; c < centers.size(); ++c) {
        double distance = std::fabs(centers[c] - values[v].center_x());
        if (distance < best && !slots[c].value) {
          best = distance;
          column = c;
        }
      }
    }
    slots[column].value = values[v];
    slots[column].uncertain = values.size() < centers.size();
  }
  return slots;
}

// Value cells of each row placed into the columns of its band (rows between two header rows):
// header columns when the headers above the band name at least as many columns as its widest
// row has values (else those `inherited` from the table before), else the widest row's centres.
PlacedRows place_values(const std::vector<LayoutRow>& rows, std::vector<ColumnSpan>& inherited) {
  PlacedRows placed(rows.size());
  size_t band_start = 0, headers_from = 0;
  while (band_start < rows.size()) {
    if (rows[band_start].header) {
      ++band_start;
      continue;
    }
    size_t band_end = band_start;
    while (band_end < rows.size() && !rows[band_end].header) ++band_end;
    size_t widest = band_start;
    double value_left = std::numeric_limits<double>::max();
    for (size_t r = band_start; r < band_end; ++r) {
      if (rows[r].values.size() > rows[widest].values.size()) widest = r;
      for (const Fragment& value : rows[r].values) value_left = std::min(value_left, value.box.left);
    }
    std::vector<ColumnSpan> columns = header_columns(rows, headers_from, band_start, value_left);
    if (columns.size() >= rows[widest].values.size() && !columns.empty()) {
      inherited = columns;
    } else if (inherited.size() >= rows[widest].values.size() && !inherited.empty()) {
      columns = inherited;
    } else {
      columns.clear();
    }
    std::vector<double> centers;
    for (const Fragment& value : rows[widest].values) centers.push_back(value.center_x());
    for (size_t r = band_start; r < band_end; ++r) {
      std::vector<Fragment> values = rows[r].values;
      std::sort(values.begin(), values.end(), [](const Fragment& a, const Fragment& b) { return a.box.left < b.box.left; });
      placed[r] = columns.empty() ? place_by_widest_row(values, centers) : place_by_columns(values, columns);
    }
    band_start = headers_from = band_end;
  }
  return placed;
}

GridCell cell_from(const Fragment& fragment, int row, int col) {
  GridCell cell;
  cell.text = fragment.text;
  cell.origin.row = row;
  cell.origin.col = col;
  cell.origin.page = fragment.page;
  cell.origin.box = fragment.box;
  return cell;
}

GridCell empty_cell(int row, int col, int page) {
  GridCell cell;
  cell.origin.row = row;
  cell.origin.col = col;
  cell.origin.page = page;
  return cell;
}

GridCell spanned_copy(const GridCell& original) {
  GridCell copy = original;
  copy.spanned = true;
  return copy;
}

void fill_to(std::vector<GridCell>& cells, size_t width, int row, int page) {
  while (cells.size() < width) {
    cells.push_back(cells.empty() ? empty_cell(row, 0, page) : spanned_copy(cells.back()));
  }
}

}  // namespace

Grid build_layout_grid(const Region& region, std::vector<ColumnSpan>& header_columns) {
  Classified classified = classify_lines(region);
  std::vector<Fragment> stacks = extract_vertical_labels(classified);
  attach_floating(classified, stacks);
  const std::vector<LayoutRow>& rows = classified.rows;
  std::vector<std::vector<Fragment>> labels(rows.size());
  size_t label_width = 0, header_width = 0;
  for (size_t r = 0; r < rows.size(); ++r) {
    labels[r] = rows[r].header ? rows[r].labels : label_cells(rows[r].labels);
    if (rows[r].header) header_width = std::max(header_width, labels[r].size());
    if (!rows[r].header) label_width = std::max(label_width, labels[r].size());
  }
  PlacedRows values = place_values(rows, header_columns);
  size_t value_width = 0;
  for (const auto& row_values : values) value_width = std::max(value_width, row_values.size());
  size_t width = std::max({label_width + value_width, header_width, size_t{1}});

  Grid grid;
  for (size_t r = 0; r < rows.size(); ++r) {
    int row = static_cast<int>(r);
    std::vector<GridCell> cells;
    for (const Fragment& label : labels[r]) cells.push_back(cell_from(label, row, static_cast<int>(cells.size())));
    if (!rows[r].header) {
      fill_to(cells, label_width, row, region.page);
      for (const Slot& slot : values[r]) {
        int col = static_cast<int>(cells.size());
        cells.push_back(slot.value ? cell_from(*slot.value, row, col) : empty_cell(row, col, region.page));
        if (slot.uncertain) cells.back().flags.push_back("placement_uncertain");
      }
    }
    fill_to(cells, width, row, region.page);
    grid.rows.push_back(std::move(cells));
  }
  return grid;
}

}  // namespace nianbao::pdf

namespace nianbao::pdf {

Grid build_layout_grid(const Region& region) {
  std::vector<ColumnSpan> none;
  return build_layout_grid(region, none);
}

}  // namespace nianbao::pdf
