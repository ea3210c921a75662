// The format a report of a year must use and the six sections it must have (spec §1, §3, §7):
// the wrong_format judgement of the audit, apart from the tables (completeness findings).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace nianbao::store {

// The reports.format a report of `report_year` must have: f2019 for 2019 and 2020 (格式（试行）,
// 国办公开办函〔2019〕60号), f2021 from 2021 (国办公开办函〔2021〕30号); nullopt before 2019, when
// no national layout existed (any format is accepted then).
std::optional<std::string> expected_format(int report_year);

// The six numbered sections (spec §3) by their official heading.
const std::vector<std::string>& official_sections();

// The official headings of the sections `report_text` lacks. A section counts as present when its
// heading or a known variant appears anywhere in the text once spaces, digits and punctuation are
// removed (一、总体情况 / 概述; 因政府信息公开工作被申请行政复议、提起行政诉讼情况; 政府信息公开工作存在的
// 主要问题及改进情况 …), so wording that real reports use never flags.
std::vector<std::string> missing_sections(std::string_view report_text);
// The same on a text already normalized by narrative_text (audit_similarity.h).
std::vector<std::string> missing_sections_in_narrative(const std::string& narrative);

}  // namespace nianbao::store
