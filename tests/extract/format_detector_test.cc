// Unit tests of format detection (spec §1): 2021 vs 2019 vs pre-2019 vs not a report, decided from
// the header labels a document prints, never from the year it names.
#include "extract/recognize/format_detector.h"

#include <gtest/gtest.h>

namespace nianbao {
namespace {

TEST(FormatDetector, Table2021Headers) {
  EXPECT_EQ(detect_format("信息内容|本年制发件数|本年废止件数|现行有效件数|", ""), Format::f2021);
  EXPECT_EQ(detect_format("信息内容|本年收费金额(单位:万元)|", ""), Format::f2021);
  EXPECT_EQ(detect_format("1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请|0|", ""), Format::f2021);
}

TEST(FormatDetector, Table2019Headers) {
  EXPECT_EQ(detect_format("信息内容|本年新制作数量|本年新公开数量|对外公开总数量|", ""), Format::f2019);
  EXPECT_EQ(detect_format("信息内容|上一年项目数量|本年增/减|处理决定数量|", ""), Format::f2019);
  EXPECT_EQ(detect_format("第二十条第(九)项|\n政府集中采购|", ""), Format::f2019);
  EXPECT_EQ(detect_format("其他对外管理服务事项|3|0|12|", ""), Format::f2019);
}

TEST(FormatDetector, HeadersWinOverTheYear) {
  // A 2022 report that reuses the 2019 template is still f2019; a 2020 report on the new one is f2021.
  EXPECT_EQ(detect_format("某局2022年政府信息公开工作年度报告\n信息内容|本年新制作数量|本年新公开数量|对外公开总数量|",
                          "某局2022年政府信息公开工作年度报告"),
            Format::f2019);
  EXPECT_EQ(detect_format("某局2020年政府信息公开工作年度报告\n信息内容|本年制发件数|本年废止件数|现行有效件数|",
                          "某局2020年政府信息公开工作年度报告"),
            Format::f2021);
}

TEST(FormatDetector, SpacedLabelsStillMatch) {
  EXPECT_EQ(detect_format("信息内容 | 本年 制发 件数 | 本年 废止件数 |", ""), Format::f2021);
}

TEST(FormatDetector, OldVocabularyIsPre2019) {
  std::string text =
      "某市人民政府2016年政府信息公开工作年度报告\n一、概述\n二、主动公开政府信息情况\n"
      "三、依申请公开政府信息情况\n四、政府信息公开的收费及减免情况\n";
  EXPECT_EQ(detect_format(text, ""), Format::pre2019);
}

// The detector's not_a_report means "no report vocabulary": the role classifier decides what such a
// document is (tests/extract/document_role_test.cc) and it yields no report record at all.
TEST(FormatDetector, ALetterIsNotAReport) {
  EXPECT_EQ(detect_format("关于做好政府信息公开工作的通知\n各区县人民政府:现将有关事项通知如下。", ""),
            Format::not_a_report);
  EXPECT_EQ(detect_format("", ""), Format::not_a_report);
}

}  // namespace
}  // namespace nianbao
