// `nianbao show`'s layout on a hand-built report: how stated, derived, placeholder, blank and
// absent cells print, source locations, cells outside the official tables, and the findings.
#include "cli/report_layout.h"

#include <gtest/gtest.h>

namespace nianbao::cli {
namespace {

Report layout_report() {
  Report report;
  report.agency = "甲局";
  report.report_year = 2021;
  report.format = Format::f2021;
  report.scope = Scope::own_organ;
  Cell stated;
  stated.value = Number{5949.088667, false};
  stated.raw = "5949.088667";
  stated.at = {0, 12, 1, 400, -1, std::nullopt};
  report.cells["t2.fee.amount_wan"] = stated;
  Cell imputed;
  imputed.raw = "";
  imputed.derived = Number{0, true};
  imputed.flags = {"imputed_zero"};
  report.cells["t3.result.granted.research"] = imputed;
  Cell placeholder;
  placeholder.raw = "/";
  placeholder.flags = {"null_token"};
  placeholder.at = {1, 5, 3, 900, 4, std::nullopt};
  report.cells["t3.result.granted.commercial"] = placeholder;
  Cell blank;
  report.cells["t3.result.granted.other"] = blank;
  Cell both;
  both.value = Number{12, true};
  both.derived = Number{13, true};
  report.cells["t3.result.granted.total"] = both;
  Cell extra;
  extra.value = Number{7, true};
  extra.raw = "7";
  report.cells["extra.t2.其他主动公开文件.issued"] = extra;
  report.findings.push_back({"T3-3", Severity::error, "总计 ≠ 合计", {"t3.result.granted.total"}, Number{0, true},
                             Number{12, true}});
  return report;
}

TEST(StoreCliReportLayout, CellsPrintAsStatedDerivedPlaceholderOrBlank) {
  Report report = layout_report();
  LayoutOptions plain;
  EXPECT_EQ(format_cell(report, "t2.fee.amount_wan", plain), "5949.088667");
  EXPECT_EQ(format_cell(report, "t3.result.granted.research", plain), "(0)");
  EXPECT_EQ(format_cell(report, "t3.result.granted.commercial", plain), "—");
  EXPECT_EQ(format_cell(report, "t3.result.granted.other", plain), "");
  EXPECT_EQ(format_cell(report, "t3.result.granted.total", plain), "12 (13)");
  EXPECT_EQ(format_cell(report, "t3.result.granted.natural_person", plain), "");  // absent
}

TEST(StoreCliReportLayout, SourceOptionAppendsTableRowColumnAndPage) {
  Report report = layout_report();
  LayoutOptions with_source{true};
  EXPECT_EQ(format_cell(report, "t2.fee.amount_wan", with_source), "5949.088667 @0/12/1");
  EXPECT_EQ(format_cell(report, "t3.result.granted.commercial", with_source), "— @1/5/3 p4");
  EXPECT_EQ(format_cell(report, "t3.result.granted.research", with_source), "(0)");  // no location known
}

TEST(StoreCliReportLayout, RendersTablesExtraCellsAndFindings) {
  store::ReportSummary summary;
  summary.source = "a.txt";
  summary.sha256 = std::string(64, 'a');
  summary.errors = 1;
  std::string out = render_report(summary, layout_report(), {});
  EXPECT_NE(out.find("== 甲局 · 2021年 · f2021 · own_organ ==\n"), std::string::npos) << out;
  EXPECT_NE(out.find("第二十条第（八）项\n信息内容        本年收费金额（单位：万元）\n"
                     "行政事业性收费                 5949.088667\n"),
            std::string::npos)
      << out;
  EXPECT_NE(out.find("第二十条第（五）项\n信息内容  本年处理决定数量\n行政许可\n"), std::string::npos) << out;
  EXPECT_NE(out.find("  （一）予以公开"), std::string::npos);
  EXPECT_NE(out.find("其他单元格 (not in the official tables)\nextra.t2.其他主动公开文件.issued  7  7\n"),
            std::string::npos)
      << out;
  EXPECT_NE(out.find("发现 findings\nT3-3  error  总计 ≠ 合计\n"), std::string::npos) << out;
}

TEST(StoreCliReportLayout, ReportsWithoutOfficialTablesListTheirCellsOnly) {
  Report report = layout_report();
  report.format = Format::pre2019;
  std::string out = render_report({}, report, {});
  EXPECT_EQ(out.find("表二"), std::string::npos);
  EXPECT_NE(out.find("t2.fee.amount_wan"), std::string::npos) << out;
}

}  // namespace
}  // namespace nianbao::cli
