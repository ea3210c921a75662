// Classifies grids by the labels printed in them (never by position in the document) and joins a
// grid to the table before it when it continues it: same kind, or an unlabelled run of values.
#include "extract/recognize/table_classifier.h"

#include "extract/recognize/logical_row.h"

namespace nianbao {
namespace {

std::string grid_text(const Grid& grid) {
  std::string text;
  for (const auto& row : grid.rows) {
    for (const auto& cell : row) {
      if (!cell.spanned) text += compact(cell.text);
    }
  }
  return text;
}

bool contains(const std::string& text, const char* needle) { return text.find(needle) != std::string::npos; }

bool has_numeric_rows(const Grid& grid) {
  for (size_t r = 0; r < grid.row_count(); ++r) {
    if (read_logical_row(grid, r).has_number()) return true;
  }
  return false;
}

TableKind classify_text(const std::string& text) {
  bool t3 = contains(text, "申请人情况") || contains(text, "本年新收") || contains(text, "本年度办理结果") ||
            contains(text, "结转下年度") || (contains(text, "予以公开") && contains(text, "不予公开"));
  bool t2 = contains(text, "第二十条") || contains(text, "信息内容") ||
            (contains(text, "行政许可") && contains(text, "行政处罚"));
  bool t4 = contains(text, "行政复议") &&
            (contains(text, "行政诉讼") || contains(text, "尚未审结") || contains(text, "结果维持"));
  if (t3) return TableKind::t3;
  if (t2) return TableKind::t2;
  if (t4) return TableKind::t4;
  return TableKind::none;
}

}  // namespace

// 表四 flattened: one row of its 15 numbers and nothing else.
bool is_flattened_table4(const Grid& grid) {
  for (size_t r = 0; r < grid.row_count(); ++r) {
    LogicalRow row = read_logical_row(grid, r);
    if (row.labels.empty() && row.values.size() == 15 && row.has_number()) return true;
  }
  return false;
}

TableKind classify_grid(const Grid& grid) {
  TableKind kind = classify_text(grid_text(grid));
  if (kind != TableKind::none) return kind;
  // A fragment without its labels (Markdown made from a PDF, a table split by Word): its heading
  // may say what it is.
  if (!grid.caption.empty()) kind = classify_text(compact(grid.caption));
  if (kind == TableKind::none && is_flattened_table4(grid)) kind = TableKind::t4;
  return kind;
}

std::vector<LogicalTable> stitch_tables(const std::vector<Grid>& grids) {
  std::vector<LogicalTable> tables;
  for (const Grid& grid : grids) {
    TableKind kind = classify_grid(grid);
    bool continues_previous = !tables.empty() && (kind == tables.back().kind ||
                                                  (kind == TableKind::none && has_numeric_rows(grid)));
    if (continues_previous) {
      tables.back().parts.push_back(&grid);
    } else if (kind != TableKind::none) {
      tables.push_back({kind, {&grid}});
    }
  }
  return tables;
}

}  // namespace nianbao
