// What a table cell's text says: a number (with its unit or annotation stripped), a placeholder
// meaning "nothing" (`-`, `—`, `/`, `无` …), a blank, or text. Spec §8, §10.1 V4 and §11.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "extract/model/report.h"

namespace nianbao {

enum class CellKind { number, null_token, blank, text };

struct CellValue {
  CellKind kind = CellKind::blank;
  std::optional<Number> number;
  std::string unit;                // 元, 万元, 件 … when printed inside the cell
  std::vector<std::string> flags;  // unit_stripped, annotation_stripped, plus_sign, thousands_separator
};

// Parses normalized cell text (NFKC already applied: ASCII digits and brackets).
CellValue parse_cell_value(std::string_view text);

// True for a cell that belongs in a value column: a number, a placeholder or a blank.
bool is_value_cell(std::string_view text);

}  // namespace nianbao
