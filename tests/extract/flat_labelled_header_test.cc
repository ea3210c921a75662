// The labelled opening lines of archive dumps (标题:, 发布时间:) read without their prefixes: the
// title as printed, the date as YYYY-MM-DD whatever its spelling; nothing when the lines are absent.
#include <gtest/gtest.h>

#include "extract/recognize/metadata.h"

namespace nianbao {
namespace {

TEST(FlatLabelledHeader, TitleAndDateOfAnArchiveDump) {
  LabelledHeader header = read_labelled_header(
      "标题: 平潭综合实验区2020年度政府信息公开工作年度报告\n发布时间: 2021-03-05 08:58\n文号: \n发布机构: \n正文");
  EXPECT_EQ(header.title, "平潭综合实验区2020年度政府信息公开工作年度报告");
  ASSERT_TRUE(header.published);
  EXPECT_EQ(*header.published, "2021-03-05");
}

TEST(FlatLabelledHeader, DateSpellingsAndFullWidthColons) {
  EXPECT_EQ(read_labelled_header("发布日期：2021年3月5日\n").published, std::optional<std::string>("2021-03-05"));
  EXPECT_EQ(read_labelled_header("发布时间:2022/12/1\n").published, std::optional<std::string>("2022-12-01"));
  EXPECT_EQ(read_labelled_header("公开日期: 2023.02.20 15:07\n").published, std::optional<std::string>("2023-02-20"));
  EXPECT_FALSE(read_labelled_header("发布时间: 2023-13-40\n").published) << "no month 13";
}

TEST(FlatLabelledHeader, NothingWhereTheDumpLabelsNothing) {
  LabelledHeader header = read_labelled_header("平潭综合实验区2020年度政府信息公开工作年度报告\n2021年3月5日发布\n");
  EXPECT_TRUE(header.title.empty());
  EXPECT_FALSE(header.published);
  // A 发布时间 far below the opening lines is body text, not the dump's header.
  std::string body(20, '\n');
  EXPECT_FALSE(read_labelled_header(body + "发布时间: 2021-03-05\n").published);
}

}  // namespace
}  // namespace nianbao
