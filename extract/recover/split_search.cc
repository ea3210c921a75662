// The split search: every way to cut a row's tokens into its columns (no leading zeros, a sign only
// in a signed column, decimals and a unit only in an amount column), kept when the row's sums hold;
// then the readings of ambiguous rows that the table's identities leave, by backtracking.
#include "extract/recover/split_search.h"

#include <cmath>
#include <cstdlib>

namespace nianbao {
namespace {

constexpr size_t kNodeLimit = 200000;  // cuts tried per row before the search gives up

bool is_digit(char c) { return c >= '0' && c <= '9'; }

bool is_placeholder(const std::string& token) {
  for (const char* placeholder : {"-", "--", "—", "——", "/", "无"}) {
    if (token == placeholder) return true;
  }
  return false;
}

// Units a number may carry at the very end of its token.
size_t unit_length(const std::string& token, size_t at) {
  std::string rest = token.substr(at);
  for (const char* unit : {"万元", "元", "件", "项", "条"}) {
    if (rest == unit) return rest.size();
  }
  return 0;
}

// End positions (exclusive) of the numbers of `kind` that can start at `at` in `token`.
std::vector<size_t> number_ends(const std::string& token, size_t at, ColumnKind kind) {
  std::vector<size_t> ends;
  size_t digits_at = at;
  if (kind == ColumnKind::signed_count && at < token.size() && (token[at] == '-' || token[at] == '+')) ++digits_at;
  if (digits_at >= token.size() || !is_digit(token[digits_at])) return ends;
  size_t integer_end = digits_at + 1;
  if (token[digits_at] != '0') {
    while (integer_end < token.size() && is_digit(token[integer_end])) ++integer_end;
  }
  auto add = [&](size_t end) {
    size_t unit = unit_length(token, end);
    ends.push_back(end + unit);
  };
  size_t longest = token[digits_at] == '0' ? digits_at + 1 : integer_end;
  for (size_t end = digits_at + 1; end <= longest; ++end) add(end);
  if (kind == ColumnKind::amount && longest < token.size() && token[longest] == '.') {
    for (size_t end = longest + 2; end <= token.size() && is_digit(token[end - 1]); ++end) add(end);
  }
  return ends;
}

double piece_value(const std::string& text) { return std::strtod(text.c_str(), nullptr); }

struct Search {
  const std::vector<RunToken>& tokens;
  const RowLayout& layout;
  bool allow_blanks;
  size_t limit;
  std::vector<RowReading> found;
  bool truncated = false;
  RowReading current;
  size_t nodes = 0;

  void run(size_t column, size_t token, size_t at) {
    if (found.size() >= limit || ++nodes > kNodeLimit) {
      truncated = true;
      return;
    }
    while (token < tokens.size() && at >= tokens[token].text.size()) ++token, at = 0;
    if (column == layout.columns.size()) {
      if (token == tokens.size()) found.push_back(current);
      return;
    }
    if (token < tokens.size()) place_piece(column, token, at);
    if (allow_blanks) {
      current.cells[column].reset();
      run(column + 1, token, at);
    }
  }

  void place_piece(size_t column, size_t token, size_t at) {
    const std::string& text = tokens[token].text;
    if (at == 0 && is_placeholder(text)) {
      current.cells[column] = SplitPiece{text, tokens[token].offset, std::nullopt, false};
      run(column + 1, token + 1, 0);
      return;
    }
    for (size_t end : number_ends(text, at, layout.columns[column])) {
      std::string piece = text.substr(at, end - at);
      bool cut = at > 0 || end < text.size();
      current.cells[column] = SplitPiece{piece, tokens[token].offset + at, piece_value(piece), cut};
      run(column + 1, token, end);
    }
  }
};

double cell_number(const std::optional<SplitPiece>& cell) { return cell && cell->value ? *cell->value : 0.0; }

bool sums_hold(const RowReading& reading, const RowLayout& layout) {
  for (const RowSum& sum : layout.sums) {
    double parts = 0;
    for (size_t part : sum.parts) parts += cell_number(reading.cells[part]);
    if (std::fabs(parts - cell_number(reading.cells[sum.total])) > 1e-6) return false;
  }
  return true;
}

RowReadings search(const std::vector<RunToken>& tokens, const RowLayout& layout, bool allow_blanks, size_t limit) {
  Search search{tokens, layout, allow_blanks, limit, {}, false, {}, 0};
  search.current.cells.assign(layout.columns.size(), std::nullopt);
  search.run(0, 0, 0);
  return {std::move(search.found), search.truncated};
}

}  // namespace

bool RowReading::has_blanks() const {
  for (const auto& cell : cells) {
    if (!cell) return true;
  }
  return false;
}

bool RowReading::operator==(const RowReading& other) const {
  if (cells.size() != other.cells.size()) return false;
  for (size_t i = 0; i < cells.size(); ++i) {
    if (cells[i].has_value() != other.cells[i].has_value()) return false;
    if (cells[i] && (cells[i]->text != other.cells[i]->text || cells[i]->offset != other.cells[i]->offset)) return false;
  }
  return true;
}

RowReadings read_row_splits(const std::vector<RunToken>& tokens, const RowLayout& layout, size_t limit) {
  // A row whose digits can fill every column prints every column; only a row too short for that
  // lost some of its blank cells.
  RowReadings structural = search(tokens, layout, false, limit);
  if (structural.readings.empty()) structural = search(tokens, layout, true, limit);
  bool every_column = !structural.readings.empty() && !structural.readings.front().has_blanks();
  // One way to cut the digits into every column: that is the row, whatever its sums say (a total
  // that does not add up is the document's own error, for the validator to report).
  if (every_column && structural.readings.size() == 1) return structural;
  RowReadings kept;
  kept.truncated = structural.truncated;
  for (RowReading& reading : structural.readings) {
    if (sums_hold(reading, layout)) kept.readings.push_back(std::move(reading));
  }
  return kept;
}

namespace {

struct Backtrack {
  const std::vector<std::vector<RowReading>>& rows;
  size_t columns;
  std::vector<std::vector<const TableIdentity*>> checks;  // per row: identities complete at that row
  std::vector<size_t> order;                               // ambiguous rows, in index order
  std::vector<size_t> chosen;                              // reading index per row
  std::vector<std::vector<bool>> seen;                     // per row, per reading: in a solution
  size_t nodes = 0;
  size_t node_limit;
  bool exhausted = false;

  double value(size_t row, size_t column) const {
    return cell_number(rows[row][chosen[row]].cells[column]);
  }

  bool holds(const TableIdentity& identity) const {
    for (size_t column = 0; column < columns; ++column) {
      double balance = 0;
      for (size_t row : identity.plus) balance += value(row, column);
      for (size_t row : identity.minus) balance -= value(row, column);
      if (std::fabs(balance) > 1e-6) return false;
    }
    return true;
  }

  void run(size_t depth) {
    if (exhausted) return;
    if (++nodes > node_limit) {
      exhausted = true;
      return;
    }
    if (depth == order.size()) {
      for (size_t row : order) seen[row][chosen[row]] = true;
      return;
    }
    size_t row = order[depth];
    for (size_t reading = 0; reading < rows[row].size(); ++reading) {
      chosen[row] = reading;
      bool ok = true;
      for (const TableIdentity* identity : checks[row]) ok = ok && holds(*identity);
      if (ok) run(depth + 1);
    }
  }
};

bool names_unreadable_row(const TableIdentity& identity, const std::vector<std::vector<RowReading>>& rows) {
  for (size_t row : identity.plus) {
    if (row >= rows.size() || rows[row].empty()) return true;
  }
  for (size_t row : identity.minus) {
    if (row >= rows.size() || rows[row].empty()) return true;
  }
  return false;
}

}  // namespace

TableChoice choose_readings(const std::vector<std::vector<RowReading>>& rows, size_t columns,
                            const std::vector<TableIdentity>& identities, size_t node_limit) {
  TableChoice choice;
  choice.surviving.resize(rows.size());
  Backtrack search{rows, columns, {}, {}, {}, {}, 0, node_limit, false};
  search.checks.resize(rows.size());
  search.chosen.assign(rows.size(), 0);
  search.seen.resize(rows.size());
  for (size_t row = 0; row < rows.size(); ++row) {
    search.seen[row].assign(rows[row].size(), false);
    if (rows[row].size() > 1) search.order.push_back(row);
  }
  for (const TableIdentity& identity : identities) {
    if (names_unreadable_row(identity, rows)) continue;
    size_t last_ambiguous = rows.size();
    for (const auto* side : {&identity.plus, &identity.minus}) {
      for (size_t row : *side) {
        if (rows[row].size() > 1 && (last_ambiguous == rows.size() || row > last_ambiguous)) last_ambiguous = row;
      }
    }
    // An identity of rows that each have one reading decides nothing (and may be the document's
    // own arithmetic error): it is left to the validator.
    if (last_ambiguous != rows.size()) search.checks[last_ambiguous].push_back(&identity);
  }
  if (!search.order.empty()) search.run(0);
  choice.exhausted = search.exhausted;
  for (size_t row = 0; row < rows.size(); ++row) {
    for (size_t reading = 0; reading < rows[row].size(); ++reading) {
      bool keep = rows[row].size() == 1 || choice.exhausted || search.seen[row][reading];
      if (keep) choice.surviving[row].push_back(reading);
    }
  }
  return choice;
}

std::string describe_reading(const RowReading& reading) {
  std::string text;
  for (size_t i = 0; i < reading.cells.size(); ++i) {
    if (i > 0) text += "|";
    text += reading.cells[i] ? reading.cells[i]->text : "_";
  }
  return text;
}

}  // namespace nianbao
