// Charset handling of HTML pages: a GBK page whose <meta> claims UTF-8, and a UTF-8 page with a BOM
// whose <meta> claims GBK, both decode right and extract to the same cells as the original page.
#include <gtest/gtest.h>

#include "common/text/html_charset.h"
#include "tests/support/gold.h"

namespace nianbao {
namespace {

const char* kPingtan2023 = "real/pingtan-archive/zfxxgknb/202403/87885_平潭综合实验区2023年度政府信息公开工作年度报告/";

TEST(HtmlCharset, GbkPageWithAWrongMetaDecodesAsGb18030) {
  std::string bytes = testing::read_fixture("html/pingtan-2023-gbk-wrong-meta.html");
  EXPECT_EQ(meta_charset_labels(bytes), std::vector<std::string>{"utf-8"});
  DecodedText decoded = decode_html(bytes, "");
  EXPECT_EQ(decoded.charset, "GB18030");
  EXPECT_TRUE(decoded.declared_was_wrong);
  EXPECT_NE(decoded.text.utf8.find("平潭综合实验区2023年度政府信息公开工作年度报告"), std::string::npos);
}

TEST(HtmlCharset, BomBeatsALyingMeta) {
  std::string bytes = testing::read_fixture("html/pingtan-2023-utf8-bom-gbk-meta.html");
  DecodedText decoded = decode_html(bytes, "gbk");
  EXPECT_EQ(decoded.charset, "UTF-8");
  EXPECT_EQ(decoded.charset_basis, "bom");
  EXPECT_EQ(decoded.text.source_offsets.front(), 3u);  // the first character sits after the BOM
}

TEST(HtmlCharset, HttpHintIsUsedWhenItDecodesAndSkippedWhenItLies) {
  std::string gbk = testing::read_fixture("html/pingtan-2023-gbk-wrong-meta.html");
  EXPECT_EQ(decode_html(gbk, "GBK").charset_basis, "declared");
  std::string utf8 = testing::read_fixture(std::string(kPingtan2023) + "page.html");
  DecodedText decoded = decode_html(utf8, "gb2312");  // the header lies; valid UTF-8 wins
  EXPECT_EQ(decoded.charset, "UTF-8");
  EXPECT_TRUE(decoded.declared_was_wrong);
}

class ReencodedPage : public ::testing::TestWithParam<const char*> {};

TEST_P(ReencodedPage, ExtractsTheSameCellsAsTheOriginal) {
  Report report = testing::extract_fixture(GetParam());
  nlohmann::json gold = testing::read_gold(std::string(kPingtan2023) + "page.expected.json");
  for (const std::string& difference : testing::compare_with_gold(report, gold)) ADD_FAILURE() << difference;
  EXPECT_EQ(report.cells.size(), 200u);
}

INSTANTIATE_TEST_SUITE_P(Charsets, ReencodedPage,
                         ::testing::Values("html/pingtan-2023-gbk-wrong-meta.html",
                                           "html/pingtan-2023-utf8-bom-gbk-meta.html"));

}  // namespace
}  // namespace nianbao
