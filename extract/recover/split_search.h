// Recovering the cells of table rows whose numbers were run together ("6000017") or whose blank
// cells vanished ("5 3 8" for seven columns): every reading the row's layout and arithmetic allow.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace nianbao {

// A printed token of a value run: text between spaces, with its byte index in the normalized text.
// Spaces are hard boundaries: a token is split into cells, never joined with another.
struct RunToken {
  std::string text;
  size_t offset = 0;
};

// What a column may hold: a count (unsigned integer), a signed integer (本年增/减), or an amount
// (decimals, a unit 元/万元 at the end of its token).
enum class ColumnKind { count, signed_count, amount };

// One cell of a reading: the printed text it takes (a number or a placeholder such as "-"), where
// that text starts, its value (nullopt for a placeholder), and whether a token was cut to make it.
struct SplitPiece {
  std::string text;
  size_t offset = 0;
  std::optional<double> value;
  bool cut = false;
};

// One reading of a row: a piece or a vanished blank (nullopt) for every column.
struct RowReading {
  std::vector<std::optional<SplitPiece>> cells;
  bool has_blanks() const;
  bool operator==(const RowReading& other) const;
};

// total = sum of parts, over column indexes of one row (T3-3: 6 = 0+…+5; T4-1 per group).
struct RowSum {
  size_t total = 0;
  std::vector<size_t> parts;
};

struct RowLayout {
  std::vector<ColumnKind> columns;
  std::vector<RowSum> sums;  // the row's own identities; blanks and placeholders count as 0
};

// The readings of `tokens` under `layout` that satisfy its sums: first those that print every
// column; only when none exists, those where some columns vanished (blanks). At most `limit`
// readings are returned; `truncated` says the search stopped there (or tried too many cuts).
struct RowReadings {
  std::vector<RowReading> readings;
  bool truncated = false;
};
RowReadings read_row_splits(const std::vector<RunToken>& tokens, const RowLayout& layout, size_t limit = 4096);

// An identity across rows of a table, column by column: Σ plus rows = Σ minus rows.
struct TableIdentity {
  std::vector<size_t> plus;
  std::vector<size_t> minus;
};

// The readings of each row that take part in at least one choice (one reading per row) where every
// identity holds in every column. Rows without readings are left out of identities that name them.
// `exhausted` says the search hit `node_limit` (then every row keeps all its readings).
struct TableChoice {
  std::vector<std::vector<size_t>> surviving;  // per row: indexes into its readings
  bool exhausted = false;
};
TableChoice choose_readings(const std::vector<std::vector<RowReading>>& rows, size_t columns,
                            const std::vector<TableIdentity>& identities, size_t node_limit = 2000000);

// "6|0|0|0|0|0|17": a reading as its cells separated by bars, vanished blanks shown as "_".
std::string describe_reading(const RowReading& reading);

}  // namespace nianbao
