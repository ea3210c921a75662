// A cell is emitted only where every reading the row's and the table's arithmetic leave gives it
// the same printed value; the rest stay null with the flag "split_ambiguous" and one finding per row.
#include "extract/table/flat_cells.h"

namespace nianbao {
namespace {

constexpr size_t kCandidatesShown = 6;

std::string printed_tokens(const std::vector<RunToken>& tokens) {
  std::string text;
  for (const RunToken& token : tokens) text += (text.empty() ? "" : " ") + token.text;
  return text;
}

bool same_cell(const std::optional<SplitPiece>& a, const std::optional<SplitPiece>& b) {
  if (a.has_value() != b.has_value()) return false;
  return !a || a->text == b->text;
}

GridCell cell_of(const std::optional<SplitPiece>& piece, bool placed_among_blanks, const MappedText& text) {
  GridCell cell;
  if (!piece) return cell;
  cell.text = piece->text;
  cell.origin.byte_offset = text.source_offset(piece->offset);
  if (piece->cut) cell.flags.push_back("split_recovered");
  if (placed_among_blanks) cell.flags.push_back("placement_recovered");
  return cell;
}

std::string candidates_text(const SettledRow& row) {
  std::string text;
  size_t shown = 0;
  for (size_t index : row.surviving) {
    if (shown++ == kCandidatesShown) {
      text += " …";
      break;
    }
    text += (text.empty() ? "" : "; ") + describe_reading(row.readings[index]);
  }
  return text;
}

Finding unsettled(const SettledRow& row, const std::vector<std::string>& null_keys, const std::string& rule) {
  std::string printed = "'";
  printed += printed_tokens(row.tokens);
  printed += '\'';
  std::string message;
  if (row.truncated) {
    message = "the values " + printed + " allow too many readings to search; the row's cells are left null";
  } else if (row.surviving.empty()) {
    message = "no reading of " + printed + " as the row's " + std::to_string(row.keys.size()) +
              " cells fits its layout and the table's identities; its cells are left null";
  } else {
    message = "the values " + printed + " read " + std::to_string(row.surviving.size()) +
              " ways that the row's layout and the table's identities allow (" + candidates_text(row) +
              "); the cells they disagree on are left null";
  }
  return {rule, Severity::warning, null_keys.front() + ": " + message, null_keys, std::nullopt, std::nullopt};
}

}  // namespace

std::vector<GridCell> resolved_cells(const SettledRow& row, const MappedText& text, const std::string& rule,
                                     std::vector<Finding>& findings) {
  const size_t columns = row.keys.size();
  std::vector<GridCell> cells(columns);
  std::vector<std::string> null_keys;
  bool settled = !row.truncated && !row.surviving.empty();
  for (size_t column = 0; column < columns; ++column) {
    bool agreed = settled;
    for (size_t index : row.surviving) {
      if (!agreed) break;
      agreed = same_cell(row.readings[index].cells[column], row.readings[row.surviving.front()].cells[column]);
    }
    if (agreed) {
      const RowReading& reading = row.readings[row.surviving.front()];
      bool among_blanks = reading.has_blanks() && reading.cells[column].has_value();
      cells[column] = cell_of(reading.cells[column], among_blanks, text);
    } else {
      cells[column].flags.push_back("split_ambiguous");
      if (!row.tokens.empty()) cells[column].origin.byte_offset = text.source_offset(row.tokens.front().offset);
      null_keys.push_back(row.keys[column]);
    }
  }
  if (!null_keys.empty()) findings.push_back(unsettled(row, null_keys, rule));
  return cells;
}

}  // namespace nianbao
