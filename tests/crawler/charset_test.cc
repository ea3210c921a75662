// Charset decoding: GB2312/GBK labels decode as GB18030, a wrong header charset loses to the page's
// meta, a Latin-1 header never wins over a clean GB18030 decode, BOMs are honoured.
#include <gtest/gtest.h>

#include "common/text/decode.h"
#include "common/text/html_charset.h"
#include "crawler/charset.h"
#include "tests/crawler/test_support.h"

namespace nianbao::crawler {
namespace {

const std::string kTrsList = "portal/site/trs/xxgk/xxgknb/index.html";  // GBK bytes, meta charset=gb2312

TEST(Charset, GbkLabelsAreDecodedAsGb18030) {
  EXPECT_EQ(nianbao::canonical_charset("gb2312"), "GB18030");
  EXPECT_EQ(nianbao::canonical_charset("GBK"), "GB18030");
  EXPECT_EQ(nianbao::canonical_charset("x-gbk"), "GB18030");
  EXPECT_EQ(charset_from_content_type("text/html; charset=\"GBK\""), "GB18030");
}

TEST(Charset, MetaScanToleratesMalformedHttpEquiv) {
  EXPECT_EQ(nianbao::meta_charset_labels("<meta httpequiv=ContentType content=text/html;charset=gb2312>"),
            std::vector<std::string>{"gb2312"});
  EXPECT_EQ(nianbao::meta_charset_labels("<META charset=utf-8>"), std::vector<std::string>{"utf-8"});
}

TEST(Charset, WrongUtf8HeaderLosesToMetaOnGbkPage) {
  std::string bytes = testing::read_bytes(testing::fixture_path(kTrsList));
  DecodedPage text = decode_page(bytes, "text/html; charset=utf-8");
  EXPECT_EQ(text.charset, "GB18030");
  EXPECT_NE(text.utf8.find("政府信息公开年报"), std::string::npos);
}

TEST(Charset, Latin1HeaderDoesNotMaskGbk) {
  std::string bytes = testing::read_bytes(testing::fixture_path(kTrsList));
  DecodedPage text = decode_page(bytes, "text/html; charset=iso-8859-1");
  EXPECT_EQ(text.charset, "GB18030");
  EXPECT_NE(text.utf8.find("淮安市洪泽区人民政府"), std::string::npos);
}

TEST(Charset, NoDeclarationAtAllIsDetected) {
  std::string bytes = testing::read_bytes(testing::fixture_path(kTrsList));
  size_t meta = bytes.find("charset=gb2312");
  ASSERT_NE(meta, std::string::npos);
  bytes.replace(meta, 14, "xxxxxxxxxxxxxx");
  DecodedPage text = decode_page(bytes, "text/html");
  EXPECT_EQ(text.charset, "GB18030");
  EXPECT_NE(text.utf8.find("政府信息公开年报"), std::string::npos);
}

TEST(Charset, Utf8BomIsStripped) {
  DecodedPage text = decode_page("\xEF\xBB\xBF<p>年报</p>", "text/html; charset=gbk");
  EXPECT_EQ(text.charset, "UTF-8");
  EXPECT_EQ(text.utf8, "<p>年报</p>");
}

}  // namespace
}  // namespace nianbao::crawler
