// Printed labels → canonical key parts, by keywords with the synonyms and variants of spec §11
// (规范性文件/行政规范性文件, 其他/其他组织, 总计/合计, typos seen in real reports).
#pragma once

#include <optional>
#include <string>

#include "extract/model/report.h"

namespace nianbao {

// 表二 row label (行政许可 …) → row key part (license …).
std::optional<std::string> match_table2_row(const std::string& compact_label);

// 表二 column header (本年制发件数 …) → column key part (issued …).
std::optional<std::string> match_table2_column(const std::string& compact_label);

// 表三 level-2 group a label opens: granted, partial, denied, unable, not_processed, other, total.
std::optional<std::string> match_table3_group(const std::string& compact_label);

// 表三 row key part for one label cell, given the group the row sits in (from this row or an
// earlier one). Returns nullopt when the cell names no row.
std::optional<std::string> match_table3_row(const std::string& compact_label, const std::string& group);

// 表三 applicant column header → column key part (natural_person … total).
std::optional<std::string> match_table3_column(const std::string& compact_label);

}  // namespace nianbao
