// Reads 表二, 表三 and 表四 off a flattened line: labels of the format's layout located in order
// (key catalogue, confirmed by label_match), the value run after each label cut into cells by the
// split search under the row's sums and the table's identities, then laid out as ordinary grids.
#include "extract/table/flat_table_reader.h"

#include <map>

#include "extract/model/key_catalog.h"
#include "extract/recognize/format_detector.h"
#include "extract/recognize/label_match.h"
#include "extract/recover/split_search.h"
#include "extract/table/flat_cells.h"
#include "extract/table/flat_text.h"

namespace nianbao {
namespace {

constexpr size_t kRowWindow = 700;       // compact bytes between one row's label and the next
constexpr size_t kMinimumTable3Rows = 8;  // fewer labelled runs than this is prose, not a table

// Where a row of the layout was found and what it printed.
struct FoundRow {
  size_t catalog = 0;  // index in the catalogue
  LabelSpan label;
  std::string before;  // text printed between the previous row's values and this label
  std::vector<RunToken> tokens;
  size_t run_stop = 0;  // text byte where the values ended
};

std::string trimmed(const std::string& text, size_t begin, size_t end) {
  while (begin < end && text[begin] == ' ') ++begin;
  while (end > begin && text[end - 1] == ' ') --end;
  return text.substr(begin, end - begin);
}

GridCell text_cell(const std::string& content, size_t offset, const MappedText& text) {
  GridCell cell;
  cell.text = content;
  cell.origin.byte_offset = text.source_offset(offset);
  return cell;
}

void number_cells(Grid& grid) {
  size_t width = 0;
  for (const auto& row : grid.rows) width = std::max(width, row.size());
  for (size_t r = 0; r < grid.rows.size(); ++r) {
    while (grid.rows[r].size() < width) {
      GridCell padding;
      padding.padded = true;
      grid.rows[r].push_back(padding);
    }
    for (size_t c = 0; c < width; ++c) {
      grid.rows[r][c].origin.row = static_cast<int>(r);
      grid.rows[r][c].origin.col = static_cast<int>(c);
    }
  }
}

// Locates `patterns` in order from `from` (the first within `first_window` compact bytes, each next
// within kRowWindow of the previous); each run of values ends where the next label begins.
std::vector<FoundRow> locate_rows(const FlatLine& line, const std::vector<LabelPattern>& patterns, size_t from,
                                  size_t first_window) {
  std::vector<FoundRow> found;
  size_t cursor = from;
  for (size_t i = 0; i < patterns.size(); ++i) {
    std::vector<std::string> stops;
    for (size_t next = i + 1; next < patterns.size() && stops.size() < 3; ++next) {
      if (patterns[next].keyword.size() > 6) stops.push_back(patterns[next].keyword);
    }
    size_t window = found.empty() ? first_window : kRowWindow;
    auto span = locate_label(line, patterns[i], cursor, window, stops);
    if (!span) continue;
    found.push_back({i, *span, "", {}, 0});
    cursor = span->end;
  }
  const std::string& text = *line.text;
  size_t previous_stop = found.empty() ? line.begin : line.text_begin(found.front().label.begin);
  for (size_t i = 0; i < found.size(); ++i) {
    size_t begin = line.text_end(found[i].label.end);
    size_t limit = i + 1 < found.size() ? line.text_begin(found[i + 1].label.begin) : line.end;
    found[i].before = trimmed(text, previous_stop, line.text_begin(found[i].label.begin));
    found[i].tokens = scan_value_run(text, begin, limit, &found[i].run_stop);
    previous_stop = found[i].run_stop;
  }
  return found;
}

std::string label_text(const FlatLine& line, const LabelSpan& span) {
  return line.compact.substr(span.begin, span.end - span.begin);
}

// ---- 表三 ----

const std::map<std::string, std::string>& table3_keywords() {
  static const std::map<std::string, std::string> keywords = {
      {"new_received", "本年新收"}, {"carried_over", "上年结转"}, {"result.granted", "予以公开"},
      {"result.partial", "部分公开"}, {"result.denied.state_secret", "国家秘密"},
      {"result.denied.law_prohibited", "禁止公开"}, {"result.denied.security_stability", "安全一稳定"},
      {"result.denied.third_party", "第三方"}, {"result.denied.internal_affairs", "内部事务"},
      {"result.denied.process_info", "过程性"}, {"result.denied.enforcement_file", "执法案卷"},
      {"result.denied.admin_query", "行政查询"}, {"result.unable.not_held", "不掌握"},
      {"result.unable.needs_creation", "另行制作"}, {"result.unable.still_unclear", "仍不明确"},
      {"result.not_processed.petition", "信访"}, {"result.not_processed.duplicate", "重复申请"},
      {"result.not_processed.publication", "公开出版物"}, {"result.not_processed.mass_repeat", "大量反复"},
      {"result.not_processed.confirm_reissue", "重新出具"}, {"result.other", "其他处理"},
      {"result.other.no_correction", "逾期不补正"}, {"result.other.fee_unpaid", "缴纳费用"},
      {"result.other.misc", "其他"}, {"result.total", "总计"}, {"carry_forward", "结转下年度"},
  };
  return keywords;
}

std::string group_of(const std::string& row_key) {
  for (const char* group : {"denied", "unable", "not_processed", "other"}) {
    if (row_key.rfind(std::string("result.") + group + ".", 0) == 0) return group;
  }
  return row_key == "result.total" ? "total" : "";
}

std::vector<LabelPattern> table3_patterns(Format format) {
  std::vector<LabelPattern> patterns;
  for (const Table3Row& row : table3_rows(format)) {
    patterns.push_back({table3_keywords().at(row.row), compact_label(row.label)});
  }
  return patterns;
}

RowLayout table3_layout() {
  RowLayout layout;
  layout.columns.assign(7, ColumnKind::count);
  layout.sums.push_back({6, {0, 1, 2, 3, 4, 5}});
  return layout;
}

// T3-1 (一 + 二 = 三 + 四) and T3-2 (（七）总计 = the results), row indexes into the catalogue.
std::vector<TableIdentity> table3_identities(Format format) {
  std::map<std::string, size_t> index;
  const auto& rows = table3_rows(format);
  for (size_t i = 0; i < rows.size(); ++i) index[rows[i].row] = i;
  std::vector<TableIdentity> identities;
  identities.push_back({{index["new_received"], index["carried_over"]}, {index["result.total"], index["carry_forward"]}});
  TableIdentity results{{index["result.total"]}, {}};
  for (size_t i = 0; i < rows.size(); ++i) {
    if (rows[i].row.rfind("result.", 0) == 0 && rows[i].row != "result.total") results.minus.push_back(i);
  }
  identities.push_back(results);
  return identities;
}

bool confirms_row(const std::string& label, const std::string& row_key) {
  auto matched = match_table3_row(label, group_of(row_key));
  return matched && *matched == row_key;
}

std::vector<FoundRow> locate_table3(const FlatLine& line, Format format) {
  std::vector<LabelPattern> patterns = table3_patterns(format);
  const auto& rows = table3_rows(format);
  // Every occurrence of the first label followed by values is a possible start (prose may quote it).
  for (size_t from = 0; from < line.compact.size();) {
    auto anchor = locate_label(line, patterns.front(), from, std::string::npos, {});
    if (!anchor) break;
    std::vector<FoundRow> found = locate_rows(line, patterns, anchor->begin, patterns.front().label.size() + 8);
    std::vector<FoundRow> confirmed;
    for (FoundRow& row : found) {
      if (confirms_row(label_text(line, row.label), rows[row.catalog].row)) confirmed.push_back(std::move(row));
    }
    if (confirmed.size() >= kMinimumTable3Rows) return confirmed;
    from = anchor->end;
  }
  return {};
}

PositionedGrid table3_grid(const FlatLine& line, Format format, const std::vector<FoundRow>& found,
                           const MappedText& text, std::vector<Finding>& findings) {
  const auto& rows = table3_rows(format);
  RowLayout layout = table3_layout();
  std::vector<std::vector<RowReading>> readings(rows.size());
  std::vector<RowReadings> read(found.size());
  for (size_t i = 0; i < found.size(); ++i) {
    read[i] = read_row_splits(found[i].tokens, layout);
    readings[found[i].catalog] = read[i].readings;
  }
  TableChoice choice = choose_readings(readings, 7, table3_identities(format));
  PositionedGrid positioned;
  for (size_t i = 0; i < found.size(); ++i) {
    const FoundRow& row = found[i];
    SettledRow resolved{read[i].readings, choice.surviving[row.catalog], row.tokens, {}, read[i].truncated};
    for (const std::string& column : table3_columns()) resolved.keys.push_back("t3." + rows[row.catalog].row + "." + column);
    std::vector<GridCell> cells;
    cells.push_back(text_cell(row.before, line.text_begin(row.label.begin), text));
    cells.push_back(text_cell(label_text(line, row.label), line.text_begin(row.label.begin), text));
    for (GridCell& cell : resolved_cells(resolved, text, kFlatRule, findings)) cells.push_back(std::move(cell));
    positioned.grid.rows.push_back(std::move(cells));
  }
  number_cells(positioned.grid);
  positioned.begin = line.text_begin(found.front().label.begin);
  positioned.end = found.back().run_stop;
  return positioned;
}

// ---- 表二 ----

std::string table2_keyword(const std::string& row_key, const std::string& label) {
  if (row_key == "normative_doc") return compact_label("规范性文件");
  if (row_key == "other_service") return compact_label("对外管理服务");
  if (row_key == "fee") return compact_label("事业性收费");
  if (row_key == "procurement") return compact_label("集中采购");
  return compact_label(label);
}

ColumnKind table2_kind(const std::string& column) {
  if (column == "delta_items") return ColumnKind::signed_count;
  if (column == "amount" || column == "amount_wan") return ColumnKind::amount;
  return ColumnKind::count;
}

std::optional<PositionedGrid> table2_grid(const FlatLine& line, Format format, const MappedText& text,
                                          std::vector<Finding>& findings) {
  const std::string caption = compact_label("第二十条");
  // The table opens with a 第二十条 caption directly followed by its 信息内容 header.
  size_t anchor = line.compact.find(caption);
  while (anchor != std::string::npos &&
         line.compact.substr(anchor, 80).find(compact_label("信息内容")) == std::string::npos) {
    anchor = line.compact.find(caption, anchor + caption.size());
  }
  if (anchor == std::string::npos) return std::nullopt;
  const auto& rows = table2_rows(format);
  std::vector<LabelPattern> patterns;
  for (const Table2Row& row : rows) patterns.push_back({table2_keyword(row.row, row.label), compact_label(row.label)});
  std::vector<FoundRow> located = locate_rows(line, patterns, anchor, 400);
  std::vector<FoundRow> found;
  for (FoundRow& row : located) {
    auto matched = match_table2_row(label_text(line, row.label));
    if (matched && *matched == rows[row.catalog].row) found.push_back(std::move(row));
  }
  if (found.size() < 2) return std::nullopt;
  PositionedGrid positioned;
  size_t previous_stop = line.text_begin(anchor);
  for (const FoundRow& row : found) {
    const Table2Row& catalog = rows[row.catalog];
    std::string before = trimmed(*line.text, previous_stop, line.text_begin(row.label.begin));
    if (!before.empty()) positioned.grid.rows.push_back({text_cell(before, previous_stop, text)});
    RowLayout layout;
    for (const std::string& column : catalog.columns) layout.columns.push_back(table2_kind(column));
    RowReadings read = read_row_splits(row.tokens, layout);
    SettledRow resolved{read.readings, {}, row.tokens, {}, read.truncated};
    for (size_t i = 0; i < read.readings.size(); ++i) resolved.surviving.push_back(i);
    for (const std::string& column : catalog.columns) resolved.keys.push_back("t2." + catalog.row + "." + column);
    std::vector<GridCell> cells{text_cell(label_text(line, row.label), line.text_begin(row.label.begin), text)};
    for (GridCell& cell : resolved_cells(resolved, text, kFlatRule, findings)) cells.push_back(std::move(cell));
    positioned.grid.rows.push_back(std::move(cells));
    previous_stop = row.run_stop;
  }
  number_cells(positioned.grid);
  positioned.begin = line.text_begin(anchor);
  positioned.end = found.back().run_stop;
  return positioned;
}

// ---- 表四 ----

RowLayout table4_layout() {
  RowLayout layout;
  layout.columns.assign(15, ColumnKind::count);
  layout.sums = {{4, {0, 1, 2, 3}}, {9, {5, 6, 7, 8}}, {14, {10, 11, 12, 13}}};
  return layout;
}

std::optional<PositionedGrid> table4_grid(const FlatLine& line, size_t from, const MappedText& text,
                                          std::vector<Finding>& findings) {
  size_t review = line.compact.find(compact_label("行政复议"), from);
  if (review == std::string::npos) return std::nullopt;
  size_t header = line.compact.find(compact_label("结果维持"), review);
  if (header == std::string::npos || header - review > 200) return std::nullopt;
  size_t values = header;
  while (values < line.compact.size() && !starts_value(line.compact, values)) ++values;
  if (values == line.compact.size() || values - header > 400) return std::nullopt;
  size_t stop = 0;
  std::vector<RunToken> tokens = scan_value_run(*line.text, line.text_begin(values), line.end, &stop);
  if (tokens.empty()) return std::nullopt;
  RowReadings read = read_row_splits(tokens, table4_layout());
  SettledRow resolved{read.readings, {}, tokens, table4_keys(), read.truncated};
  for (size_t i = 0; i < read.readings.size(); ++i) resolved.surviving.push_back(i);
  PositionedGrid positioned;
  size_t header_begin = line.text_begin(review);
  positioned.grid.rows.push_back({text_cell(trimmed(*line.text, header_begin, line.text_begin(values)), header_begin, text)});
  positioned.grid.rows.push_back(resolved_cells(resolved, text, kFlatRule, findings));
  number_cells(positioned.grid);
  positioned.begin = header_begin;
  positioned.end = stop;
  return positioned;
}

// A line holding pipes (a page footer "使用帮助 | 联系我们" after a flattened body) is read only when
// 表三 itself is flattened in it: rows of a real pipe table stand one per line.
void read_line(const MappedText& text, size_t begin, size_t end, bool has_pipes, FlatTables& tables) {
  FlatLine line = FlatLine::of(text.utf8, begin, end);
  Format format = detect_format(line.compact, "");
  if (format != Format::f2019 && format != Format::f2021) return;
  std::vector<FoundRow> table3 = locate_table3(line, format);
  if (has_pipes && table3.empty()) return;
  std::vector<Finding> findings;
  if (auto grid = table2_grid(line, format, text, findings)) tables.grids.push_back(std::move(*grid));
  size_t table4_from = 0;
  if (!table3.empty()) {
    tables.grids.push_back(table3_grid(line, format, table3, text, findings));
    table4_from = table3.back().label.end;
  }
  if (auto grid = table4_grid(line, table4_from, text, findings)) tables.grids.push_back(std::move(*grid));
  tables.findings.insert(tables.findings.end(), findings.begin(), findings.end());
}

}  // namespace

FlatTables read_flat_tables(const MappedText& text) {
  FlatTables tables;
  const std::string& all = text.utf8;
  for (size_t start = 0; start < all.size();) {
    size_t end = all.find('\n', start);
    if (end == std::string::npos) end = all.size();
    std::string_view line(all.data() + start, end - start);
    if (line.size() > 60) read_line(text, start, end, line.find('|') != std::string_view::npos, tables);
    start = end + 1;
  }
  return tables;
}

}  // namespace nianbao
