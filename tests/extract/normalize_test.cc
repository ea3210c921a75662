// Unit tests of text normalization: NFKC (full-width digits and brackets), Traditional→Simplified,
// pinyin annotations removed only after Han characters, whitespace folding, offsets kept throughout.
#include "extract/text/normalize.h"

#include <gtest/gtest.h>

#include "common/text/decode.h"

namespace nianbao {
namespace {

TEST(Normalize, TraditionalWithPinyinNoiseBecomesSimplified) {
  EXPECT_EQ(normalize_string("統(tǒng)計"), "统计");
  EXPECT_EQ(normalize_string("規(guī)範性文件"), "规范性文件");
  EXPECT_EQ(normalize_string("監(jiān)督管理局"), "监督管理局");
  EXPECT_EQ(normalize_string("撫順市市場監督管理局"), "抚顺市市场监督管理局");
}

TEST(Normalize, PinyinWithoutToneMarksIsRemovedAfterHan) {
  EXPECT_EQ(normalize_string("公開(kai)"), "公开");
  EXPECT_EQ(normalize_string("文(wen)件"), "文件");
}

TEST(Normalize, BracketsThatAreNotPinyinAreKept) {
  EXPECT_EQ(normalize_string("(一)予以公开"), "(一)予以公开");
  EXPECT_EQ(normalize_string("（一）予以公开"), "(一)予以公开");
  EXPECT_EQ(normalize_string("年度报告(PDF)"), "年度报告(PDF)");
  EXPECT_EQ(normalize_string("本年收费金额(单位:万元)"), "本年收费金额(单位:万元)");
  // Not after a Han character: kept.
  EXPECT_EQ(normalize_string("see (wen) here"), "see (wen) here");
  // Digits in brackets are a note, not pinyin.
  EXPECT_EQ(normalize_string("申请(2)"), "申请(2)");
}

TEST(Normalize, FullWidthDigitsAndPunctuationBecomeAscii) {
  EXPECT_EQ(normalize_string("１２３"), "123");
  EXPECT_EQ(normalize_string("第二十条第（九）项"), "第二十条第(九)项");
  EXPECT_EQ(normalize_string("本年收费金额（单位：万元）"), "本年收费金额(单位:万元)");
  EXPECT_EQ(normalize_string("１，２３４"), "1,234");
}

TEST(Normalize, WhitespaceIsFolded) {
  EXPECT_EQ(normalize_string("商业  企业"), "商业 企业");
  EXPECT_EQ(normalize_string("a\t\t b"), "a b");
  EXPECT_EQ(normalize_string("总\u3000计"), "总 计");  // ideographic space
  EXPECT_EQ(normalize_string("行一   \n行二"), "行一\n行二");  // trailing spaces of a line dropped
  EXPECT_EQ(normalize_string("a\r\nb"), "a\nb");
  EXPECT_EQ(normalize_string("零\u200b宽"), "零宽");  // zero-width space removed
}

TEST(NormalizeStages, EachStageKeepsSourceOffsets) {
  std::vector<MappedChar> chars = {{U'統', 0}, {U'(', 3}, {U't', 4}, {U'ǒ', 5}, {U'n', 7}, {U'g', 8}, {U')', 9},
                                   {U'計', 10}};
  std::vector<MappedChar> simplified = apply_traditional_to_simplified(chars);
  ASSERT_EQ(simplified.size(), chars.size());
  EXPECT_EQ(simplified[0].cp, U'统');
  EXPECT_EQ(simplified[7].cp, U'计');
  std::vector<MappedChar> clean = remove_pinyin_annotations(simplified);
  ASSERT_EQ(clean.size(), 2u);
  EXPECT_EQ(clean[0].source, 0u);
  EXPECT_EQ(clean[1].cp, U'计');
  EXPECT_EQ(clean[1].source, 10u);
}

TEST(NormalizeText, OffsetsPointAtTheOriginalBytesAfterEveryStage) {
  // Traditional + pinyin + full-width digits: the normalized "3948" must point at the source "３９４８".
  std::string source = "行政許(xǔ)可 | ３９４８ |";
  DecodedText decoded = decode_to_utf8(source, "");
  MappedText normalized = normalize_text(decoded.text);
  EXPECT_EQ(normalized.utf8, "行政许可 | 3948 |");
  size_t digits = normalized.utf8.find("3948");
  ASSERT_NE(digits, std::string::npos);
  int64_t at = normalized.source_offset(digits);
  EXPECT_EQ(at, static_cast<int64_t>(source.find("３")));
  EXPECT_EQ(normalized.source_offset(digits + 3), static_cast<int64_t>(source.find("８")));
  size_t han = normalized.utf8.find("可");
  EXPECT_EQ(normalized.source_offset(han), static_cast<int64_t>(source.find("可")));
  EXPECT_EQ(normalized.source_offsets.size(), normalized.utf8.size());
}

}  // namespace
}  // namespace nianbao
