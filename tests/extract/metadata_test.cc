// Unit tests of report metadata: title, agency, report year and scope from the title and the
// opening text; self-references such as 我局 are never taken for the agency.
#include "extract/recognize/metadata.h"

#include <gtest/gtest.h>

namespace nianbao {
namespace {

TEST(Metadata, TitleLineGivesAgencyAndYear) {
  ReportMetadata metadata = read_metadata(
      "抚顺市生态环境局2021年政府信息公开工作年度报告\n根据《条例》要求编制本报告。\n", "");
  EXPECT_EQ(metadata.title, "抚顺市生态环境局2021年政府信息公开工作年度报告");
  EXPECT_EQ(metadata.agency, "抚顺市生态环境局");
  EXPECT_EQ(metadata.report_year, 2021);
  EXPECT_EQ(metadata.scope, Scope::own_organ);
}

TEST(Metadata, TitleHintIsPreferred) {
  ReportMetadata metadata =
      read_metadata("正文第一行\n我局2019年工作情况如下。\n", "上海市人民政府办公厅2019年政府信息公开工作年度报告");
  EXPECT_EQ(metadata.title, "上海市人民政府办公厅2019年政府信息公开工作年度报告");
  EXPECT_EQ(metadata.agency, "上海市人民政府办公厅");
  EXPECT_EQ(metadata.report_year, 2019);
  EXPECT_EQ(metadata.scope, Scope::own_organ);
}

TEST(Metadata, GovernmentReportIsARegionAggregate) {
  ReportMetadata metadata = read_metadata("", "平潭综合实验区2020年度政府信息公开工作年度报告");
  EXPECT_EQ(metadata.agency, "平潭综合实验区");
  EXPECT_EQ(metadata.report_year, 2020);
  EXPECT_EQ(metadata.scope, Scope::region_aggregate);
}

TEST(Metadata, WithoutTitleTheOpeningTextNamesTheAgency) {
  // The seed has no title line: the agency is the body named right before "2021年度".
  ReportMetadata metadata = read_metadata(
      "根据《条例》,我局积极推进政务公开。\n抚顺市市场监督管理局2021年度全年共主动公开各类政府信息1433条。\n", "");
  EXPECT_EQ(metadata.agency, "抚顺市市场监督管理局");
  EXPECT_EQ(metadata.report_year, 2021);
}

TEST(Metadata, SelfReferencesAreNotAgencies) {
  ReportMetadata metadata = read_metadata("我局2021年共收到申请3件。本局2021年度工作平稳。\n", "");
  EXPECT_NE(metadata.agency.rfind("我", 0), 0u);
  EXPECT_NE(metadata.agency.rfind("本", 0), 0u);
}

TEST(Metadata, StatisticalPeriodGivesTheYear) {
  ReportMetadata metadata =
      read_metadata("本报告中所列数据的统计期限自2020年1月1日起至2020年12月31日止。2021年3月发布。\n", "");
  EXPECT_EQ(metadata.report_year, 2020);
}

TEST(Metadata, NoYearNoAgency) {
  ReportMetadata metadata = read_metadata("没有年份也没有机关名称的一段文字。\n", "");
  EXPECT_FALSE(metadata.report_year.has_value());
  EXPECT_EQ(metadata.agency, "");
  EXPECT_EQ(metadata.scope, Scope::unknown);
}

TEST(ScopeOfAgency, DepartmentsAndGovernments) {
  EXPECT_EQ(scope_of_agency("抚顺市市场监督管理局"), Scope::own_organ);
  EXPECT_EQ(scope_of_agency("上海市人民政府办公厅"), Scope::own_organ);
  EXPECT_EQ(scope_of_agency("上海市人民政府"), Scope::region_aggregate);
  EXPECT_EQ(scope_of_agency("淮安市洪泽区人民政府"), Scope::region_aggregate);
  EXPECT_EQ(scope_of_agency("北京市发展和改革委员会"), Scope::own_organ);
  EXPECT_EQ(scope_of_agency(""), Scope::unknown);
}

}  // namespace
}  // namespace nianbao
