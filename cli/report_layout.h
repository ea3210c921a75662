// `nianbao show`'s rendering of one stored report in the official table layout: 表二 blocks with
// their column headers, 表三 rows × the seven applicant columns, 表四 as three groups of five.
#pragma once

#include <string>

#include "store/database.h"

namespace nianbao::cli {

struct LayoutOptions {
  bool with_source = false;  // append "@table/row/col" to every cell that has a location
};

// How one cell prints: the stated number; "(n)" for a derived value with nothing stated;
// "—" for a placeholder (a null token); blank for a blank or absent cell.
std::string format_cell(const Report& report, const std::string& key, const LayoutOptions& options);

// The whole report: a heading, the three tables, any cells outside them, and the findings.
std::string render_report(const store::ReportSummary& summary, const Report& report, const LayoutOptions& options);

}  // namespace nianbao::cli
