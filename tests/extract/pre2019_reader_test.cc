// The pre-2019 statistics reader on small texts: Chinese numerals, the year column beside the
// cumulative one, fused runs split only where the table leaves one split, negations, units.
#include <gtest/gtest.h>

#include "extract/extractor.h"
#include "extract/pre2019/chinese_numerals.h"
#include "extract/pre2019/pre_statistics.h"

namespace nianbao {
namespace {

MappedText plain(const std::string& utf8) {
  MappedText text;
  text.utf8 = utf8;
  text.identity = true;
  return text;
}

std::optional<double> value_of(const std::map<std::string, Cell>& cells, const std::string& key) {
  auto found = cells.find(key);
  if (found == cells.end() || !found->second.value) return std::nullopt;
  return found->second.value->value;
}

const std::string kHeader = "政府信息公开情况统计表 指标名称 计量单位 2015年度 历年累计 ";

TEST(ChineseNumerals, ReadsUnitsDigitRunsAndTwo) {
  EXPECT_EQ(parse_chinese_numeral("一百二十三"), 123);
  EXPECT_EQ(parse_chinese_numeral("两"), 2);
  EXPECT_EQ(parse_chinese_numeral("十二"), 12);
  EXPECT_EQ(parse_chinese_numeral("二〇一二"), 2012);
  EXPECT_EQ(parse_chinese_numeral("二○一二"), 2012);
  EXPECT_EQ(parse_chinese_numeral("一万零五"), 10005);
  EXPECT_EQ(parse_chinese_numeral("三千零四十"), 3040);
  EXPECT_EQ(parse_chinese_numeral("〇"), 0);
  EXPECT_EQ(parse_chinese_numeral("十二条"), std::nullopt);
  EXPECT_EQ(parse_chinese_numeral(""), std::nullopt);
}

TEST(PreStatistics, TakesTheYearColumnNeverTheCumulativeOne) {
  auto cells = read_pre_statistics(plain(kHeader + "主动公开信息数 条 425 1516 行政复议数 件 2 7")).cells;
  EXPECT_EQ(value_of(cells, "pre.active.items"), 425);
  EXPECT_EQ(value_of(cells, "pre.review.total"), 2);
  auto swapped = read_pre_statistics(
      plain("政府信息公开情况统计表 指标名称 计量单位 历年累计 2015年度 主动公开信息数 条 1516 425")).cells;
  EXPECT_EQ(value_of(swapped, "pre.active.items"), 425);
}

TEST(PreStatistics, ProvenanceIsTheByteOffsetOfTheNumber) {
  std::string text = kHeader + "主动公开信息数 条 425 1516";
  auto cells = read_pre_statistics(plain(text)).cells;
  ASSERT_TRUE(cells.count("pre.active.items"));
  EXPECT_EQ(cells.at("pre.active.items").at.byte_offset, static_cast<int64_t>(text.find("425")));
  EXPECT_EQ(cells.at("pre.active.items").raw, "425");
}

TEST(PreStatistics, AFusedRunWithSeveralSplitsStaysUnread) {
  // 4251516 = 4|251516, 42|51516 or 425|1516: nothing in the table decides.
  PreStatistics read = read_pre_statistics(plain(kHeader + "主动公开信息数条4251516行政复议数件00"));
  const auto& cells = read.cells;
  EXPECT_FALSE(cells.count("pre.active.items"));
  ASSERT_EQ(read.findings.size(), 1u);
  EXPECT_EQ(read.findings[0].rule, kPreSplitRule);
  EXPECT_EQ(read.findings[0].severity, Severity::warning);
  EXPECT_EQ(read.findings[0].cells, std::vector<std::string>{"pre.active.items"});
  EXPECT_NE(read.findings[0].message.find("4 | 251516, 42 | 51516, 425 | 1516"), std::string::npos);
  EXPECT_EQ(value_of(cells, "pre.review.total"), 0);  // 00 has one split
  EXPECT_TRUE(cells.at("pre.review.total").has_flag("split_recovered"));
}

TEST(PreStatistics, TheProseOrAPartRowDecidesAFusedSplit) {
  auto by_prose = read_pre_statistics(
      plain("2011年主动公开政府信息425条。" + kHeader + "主动公开信息数条4251516其中:1.网站公开条41815092.政府公报公开条77")).cells;
  EXPECT_EQ(value_of(by_prose, "pre.active.items"), 425);
  // The website row is within its parent (cumulative 1509 <= 1516): 418, not 4 or 41.
  EXPECT_EQ(value_of(by_prose, "pre.active.by_channel.website"), 418);
  EXPECT_EQ(value_of(by_prose, "pre.active.by_channel.gazette"), 7);
  // 2121 = 2|121 or 21|21; its part 1818 can only be 18|18, which 2|121 cannot hold.
  auto by_part = read_pre_statistics(plain(kHeader + "受理依申请公开信息总数条2121其中:1.当面申请数条1818")).cells;
  EXPECT_EQ(value_of(by_part, "pre.req.received"), 21);
  EXPECT_EQ(value_of(by_part, "pre.req.by_channel.in_person"), 18);
}

TEST(PreStatistics, OneValueOfTwoPrintedIsNotGuessed) {
  auto cells = read_pre_statistics(plain(kHeader + "主动公开信息数 条 7 9 其中:1、网站公开 条 7 9 2、政府公报公开 条 0 受理")).cells;
  EXPECT_EQ(value_of(cells, "pre.active.by_channel.website"), 7);
  EXPECT_FALSE(cells.count("pre.active.by_channel.gazette"));
}

TEST(PreStatistics, TheTableWinsOverProseThatDisagrees) {
  auto cells = read_pre_statistics(plain("2012年主动公开政府信息1913条。" + kHeader + "主动公开信息数 条 739 4359")).cells;
  EXPECT_EQ(value_of(cells, "pre.active.items"), 739);
  EXPECT_FALSE(cells.at("pre.active.items").has_flag("prose"));
}

TEST(PreStatistics, ExplicitNegationsAreZero) {
  auto cells = read_pre_statistics(plain(
      "2015年全区未收到有关政府信息公开申请。依申请提供政府信息暂不收费。"
      "未收到有关政府信息公开行政复议、提起行政诉讼的申请。我局无不予公开政府信息情况。")).cells;
  EXPECT_EQ(value_of(cells, "pre.req.received"), 0);
  EXPECT_EQ(value_of(cells, "pre.fees.collected"), 0);
  EXPECT_EQ(value_of(cells, "pre.review.total"), 0);
  EXPECT_EQ(value_of(cells, "pre.suit.total"), 0);
  EXPECT_EQ(value_of(cells, "pre.req.denied"), 0);
  EXPECT_TRUE(cells.at("pre.req.received").has_flag("negation"));
  // A review applied for is not an application for information.
  auto review_only = read_pre_statistics(plain("未收到有关政府信息公开行政复议申请。")).cells;
  EXPECT_FALSE(review_only.count("pre.req.received"));
  EXPECT_EQ(value_of(review_only, "pre.review.total"), 0);
}

TEST(PreStatistics, ProseCountsChineseNumeralsAndMoneyInYuan) {
  auto cells = read_pre_statistics(plain(
      "2013年新增主动公开政府信息四十五条。共收到有关政府信息公开的申请21条,其中当面申请数18条。"
      "兼职人员两人。安排政府信息公开工作专项经费3万元。")).cells;
  EXPECT_EQ(value_of(cells, "pre.active.items"), 45);
  EXPECT_EQ(value_of(cells, "pre.req.received"), 21);
  EXPECT_EQ(value_of(cells, "pre.req.by_channel.in_person"), 18);
  EXPECT_EQ(value_of(cells, "pre.staff.part_time"), 2);
  EXPECT_EQ(value_of(cells, "pre.budget"), 30000);
  EXPECT_TRUE(cells.at("pre.budget").has_flag("unit_converted"));
  EXPECT_TRUE(cells.at("pre.budget").has_flag("prose"));
}

TEST(PreStatistics, ACumulativeProseFigureIsNeverTheYears) {
  auto cells = read_pre_statistics(plain("截至2015年底,累计主动公开政府信息12000条。2015年主动公开政府信息2949条。")).cells;
  EXPECT_EQ(value_of(cells, "pre.active.items"), 2949);
}

TEST(PreStatistics, ANumberWithoutItsUnitIsNotAStatistic) {
  auto cells = read_pre_statistics(plain("主动公开政府信息2949的数量增加。")).cells;
  EXPECT_FALSE(cells.count("pre.active.items"));
}

TEST(PreStatistics, OnlyReportsOfThePre2019FormatGetPreCells) {
  std::string report =
      "某县人民政府2015年政府信息公开工作年度报告\n一、概述\n2015年主动公开政府信息2949条。"
      "全年未收到政府信息公开申请。依申请提供政府信息暂不收费。\n";
  Extraction extraction = extract_document({report, "synthetic-2015.txt", ""});
  ASSERT_EQ(extraction.role, DocumentRole::report);
  ASSERT_EQ(extraction.reports.size(), 1u);
  EXPECT_EQ(extraction.reports[0].format, Format::pre2019);
  EXPECT_EQ(value_of(extraction.reports[0].cells, "pre.active.items"), 2949);
  EXPECT_EQ(value_of(extraction.reports[0].cells, "pre.req.received"), 0);
}

}  // namespace
}  // namespace nianbao
