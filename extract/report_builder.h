// From what a reader found to a Report: format and metadata, the three standard tables mapped to
// canonical keys, derived values, and the consistency findings.
#pragma once

#include "extract/model/report.h"
#include "extract/readers/read_document.h"

namespace nianbao {

// The rule id of the finding raised when a report of 2019 or later prints none of its tables'
// headers: its format is then taken from its year (2019–2020 f2019, 2021+ f2021).
inline constexpr const char* kTablesUnreadRule = "tables_unread";

// A report and the format its own vocabulary shows (detect_format's answer, before a 2019+ year
// replaces a pre-2019 one): the role classifier weighs the printed vocabulary, not the year.
struct BuiltReport {
  Report report;
  Format printed_format = Format::unknown;
};

BuiltReport build_report_with_evidence(const ReadDocument& document);

// build_report_with_evidence(document).report.
Report build_report(const ReadDocument& document);

// The format a report of `year` uses when its headers cannot tell: f2019 for 2019–2020, f2021 from
// 2021; nullopt before 2019 (a pre-2019 report).
std::optional<Format> format_of_year(int year);

}  // namespace nianbao
