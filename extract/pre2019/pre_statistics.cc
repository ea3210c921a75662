// Table over prose (spec §9.5): a row the table prints is read from the table only (the prose
// figure may choose between fused splits but never replaces a row); prose fills keys the table
// does not print. Nothing is summed.
#include "extract/pre2019/pre_statistics.h"

#include <set>

#include "extract/pre2019/fused_split.h"
#include "extract/pre2019/pre_prose.h"
#include "extract/pre2019/pre_table.h"

namespace nianbao {
namespace {

Cell make_cell(int64_t value, const std::string& raw, size_t offset, const MappedText& text) {
  Cell cell;
  cell.value = Number{static_cast<double>(value), true};
  cell.raw = raw;
  cell.at.byte_offset = text.source_offset(offset);
  return cell;
}

Finding ambiguous_split(const std::string& key, const ResolvedRow& row) {
  Finding finding;
  finding.rule = kPreSplitRule;
  finding.severity = Severity::warning;
  finding.cells = {key};
  std::string splits;
  for (const ValueSplit& split : row.remaining) {
    if (!splits.empty()) splits += ", ";
    splits += std::to_string(split.year) + " | " + std::to_string(split.cumulative);
  }
  finding.message = key + ": the statistics table fuses the year and cumulative values into one run that splits as " +
                    splits + " (year | cumulative); nothing decides between them, so the cell is left empty";
  return finding;
}

void add_table_cells(const PreTable& table, const std::map<std::string, ResolvedRow>& rows, const MappedText& text,
                     PreStatistics& statistics) {
  std::map<std::string, Cell>& cells = statistics.cells;
  for (const auto& [key, row] : rows) {
    if (!row.split && row.remaining.size() > 1) statistics.findings.push_back(ambiguous_split(key, row));
    if (!row.split) continue;
    Cell cell = make_cell(row.split->year, row.split->year_digits, row.split->year_offset, text);
    if (table.fused) cell.add_flag("split_recovered");
    cells.emplace(key, std::move(cell));
  }
}

void add_prose_cells(const std::map<std::string, ProseFigure>& figures, const std::set<std::string>& printed_rows,
                     const MappedText& text, std::map<std::string, Cell>& cells) {
  for (const auto& [key, figure] : figures) {
    if (printed_rows.count(key)) continue;
    Cell cell = make_cell(figure.value, figure.raw, figure.offset, text);
    cell.add_flag("prose");
    if (figure.negation) cell.add_flag("negation");
    if (figure.converted) cell.add_flag("unit_converted");
    cells.emplace(key, std::move(cell));
  }
}

}  // namespace

PreStatistics read_pre_statistics(const MappedText& text) {
  PreStatistics statistics;
  std::optional<PreTable> table = read_pre_table(text.utf8);
  std::map<std::string, ProseFigure> figures =
      read_pre_prose(text.utf8, table ? table->start : text.utf8.size());
  std::set<std::string> printed_rows;
  if (table) {
    std::map<std::string, int64_t> stated;
    for (const auto& [key, figure] : figures) stated.emplace(key, figure.value);
    add_table_cells(*table, resolve_splits(*table, stated), text, statistics);
    for (const PreTableRow& row : table->rows) printed_rows.insert(std::string(row.label->key));
  }
  add_prose_cells(figures, printed_rows, text, statistics.cells);
  return statistics;
}

}  // namespace nianbao
