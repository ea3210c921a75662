// The row labels of the old 政府信息公开情况统计表 (spec §9.3, §9.5) and the pre.* key each feeds,
// with the row it is a part of (其中 rows), so a fused digit run can be checked against its parent.
#pragma once

#include <string_view>
#include <vector>

namespace nianbao {

struct PreRowLabel {
  std::string_view label;   // as printed after normalization, without its row number (1. / 1、)
  std::string_view key;     // pre.* key; empty for a row that has no §9.3 key (read, not stored)
  std::string_view parent;  // the key of the row this one is a part of (其中…), empty for none
};

// Longest labels first, so that a label is never matched by a shorter one inside it.
const std::vector<PreRowLabel>& pre_row_labels();

// The label printed at the start of `text`, or nullptr.
const PreRowLabel* pre_row_label_at(std::string_view text);

}  // namespace nianbao
