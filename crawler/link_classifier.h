// Rules that tell what a link leads to, from its text and URL alone: a report page (by title), the
// report column (by column name), the 政府信息公开 hub, or an attachment (by URL shape).
#pragma once

#include <string>
#include <string_view>

namespace nianbao::crawler {

// "…2023年…政府信息公开工作年度报告", "…2013年信息公开年度报告", "…2018年…年报".
bool is_report_title(std::string_view text);

// A column of reports: 政府信息公开年报 / 政府信息公开年度报告 / 信息公开年报 / 公开年报 / 工作年度报告,
// but not one report (a title with a year) and not the 政府网站年度报表 column.
bool is_report_column_name(std::string_view text);

// The disclosure hub that usually holds the report column: 政府信息公开 / 信息公开 / 政务公开.
bool is_disclosure_hub_name(std::string_view text);

// Attachment URLs: .pdf/.doc/.docx/.wps/.xls/.xlsx/.rtf/.ofd files, Hanweb downfile.jsp, /attachment/.
bool is_attachment_url(std::string_view absolute_url);

// "report year" written in a title (the first 4-digit year followed by 年), 0 when none.
int report_year_in_title(std::string_view text);

}  // namespace nianbao::crawler
