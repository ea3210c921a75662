// agency_name_key: the spellings one agency's name takes in real reports get one key (full-width
// forms, spaces incl. U+3000, brackets, middle dots, Traditional characters, 人民政府), words do not.
#include <gtest/gtest.h>

#include "store/agency_names.h"

namespace nianbao::store {
namespace {

TEST(AgencyNameKey, PeoplesGovernmentIsTheSameAsGovernment) {
  EXPECT_EQ(agency_name_key("上海市人民政府"), agency_name_key("上海市政府"));
  EXPECT_EQ(agency_name_key("上海市人民政府"), "上海市政府");
  EXPECT_EQ(agency_name_key("上海市人民政府办公厅"), "上海市政府办公厅");
  EXPECT_EQ(agency_name_key("淮安市洪泽区人民政府"), agency_name_key("淮安市洪泽区政府"));
  // Also when spaces split the words: they are dropped first.
  EXPECT_EQ(agency_name_key("平潭县人民 政府"), "平潭县政府");
}

TEST(AgencyNameKey, FullWidthAndHalfWidthFormsFold) {
  EXPECT_EQ(agency_name_key("ＸＸ市第１中学"), agency_name_key("xx市第1中学"));
  EXPECT_EQ(agency_name_key("ＸＸ市第１中学"), "xx市第1中学");
  EXPECT_EQ(agency_name_key("上海市科委（市科学技术委员会）"), agency_name_key("上海市科委(市科学技术委员会)"));
  EXPECT_EQ(agency_name_key("⼈民政府"), "政府");  // U+2F08 KANGXI RADICAL MAN → 人
}

TEST(AgencyNameKey, WhitespaceOfEveryKindIsDropped) {
  EXPECT_EQ(agency_name_key("上海市　科学技术委员会"), "上海市科学技术委员会");  // U+3000
  EXPECT_EQ(agency_name_key(" 上海市 科学技术\t委员会\n"), "上海市科学技术委员会");
  EXPECT_EQ(agency_name_key("上海市\u00a0科委"), "上海市科委");  // no-break space
  EXPECT_EQ(agency_name_key("上海市\u200b科委\ufeff"), "上海市科委");  // zero width space, BOM
}

TEST(AgencyNameKey, PunctuationBracketsAndMiddleDotsAreDropped) {
  EXPECT_EQ(agency_name_key("平潭综合实验区（平潭县）"), "平潭综合实验区平潭县");
  EXPECT_EQ(agency_name_key("【上海市科委】"), "上海市科委");
  EXPECT_EQ(agency_name_key("《上海市·科委》"), "上海市科委");
  EXPECT_EQ(agency_name_key("上海市・科委"), "上海市科委");  // U+30FB katakana middle dot
  EXPECT_EQ(agency_name_key("上海市､科委｡"), "上海市科委");  // half-width ideographic comma, full stop
  EXPECT_EQ(agency_name_key("上海市-科委—"), "上海市科委");
}

TEST(AgencyNameKey, TraditionalCharactersBecomeSimplified) {
  EXPECT_EQ(agency_name_key("上海市科學技術委員會"), agency_name_key("上海市科学技术委员会"));
  EXPECT_EQ(agency_name_key("平潭縣人民政府"), "平潭县政府");
}

TEST(AgencyNameKey, AbbreviationsStayDifferentNames) {
  EXPECT_NE(agency_name_key("上海市科委"), agency_name_key("上海市科学技术委员会"));
  EXPECT_NE(agency_name_key("平潭综合实验区"), agency_name_key("平潭县人民政府"));
  EXPECT_EQ(agency_name_key("上海市科委"), "上海市科委");
}

TEST(AgencyNameKey, PunctuationOnlyGivesAnEmptyKey) {
  EXPECT_EQ(agency_name_key(""), "");
  EXPECT_EQ(agency_name_key("（　）·—"), "");
}

}  // namespace
}  // namespace nianbao::store
