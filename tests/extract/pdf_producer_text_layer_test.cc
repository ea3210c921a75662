// Fonts without a ToUnicode map: poppler returns glyph ids (control characters) instead of text;
// such a PDF is needs_ocr with a message saying why, and real text is never mistaken for it.
#include <gtest/gtest.h>

#include "extract/extractor.h"
#include "extract/pdf/text_layer.h"
#include "tests/support/gold.h"

namespace nianbao {
namespace {

TEST(PdfProducerTextLayer, GlyphIdsAreUnmappedChineseAndNumbersAreNot) {
  EXPECT_TRUE(pdf::is_unmapped_text(std::string("\x03\x11\x05\x1e\x02\x07\x0e\x15", 8)));
  EXPECT_TRUE(pdf::is_unmapped_text("\xEE\x80\x81\xEE\x80\x82\xEE\x80\x83 abc"));  // private use
  EXPECT_FALSE(pdf::is_unmapped_text("一、本年新收政府信息公开申请数量 217 1 0 0 0 0 218"));
  EXPECT_FALSE(pdf::is_unmapped_text("Government Information Disclosure 2024"));
  EXPECT_FALSE(pdf::is_unmapped_text(""));
}

TEST(PdfProducerTextLayer, FontWithoutToUnicodeMakesThePdfNeedOcr) {
  std::string bytes = testing::read_fixture("pdf-producers/no-tounicode.pdf");
  Extraction extraction = extract_document({bytes, "no-tounicode.pdf", ""});
  EXPECT_EQ(extraction.status, ExtractStatus::needs_ocr);
  EXPECT_NE(extraction.message.find("without a Unicode map"), std::string::npos) << extraction.message;
  EXPECT_NE(extraction.message.find("page(s) 1"), std::string::npos) << extraction.message;
  EXPECT_TRUE(extraction.reports.empty());
}

TEST(PdfProducerTextLayer, PrintedReportsKeepTheirTextLayer) {
  std::string bytes = testing::read_fixture("pdf-producers/pingtan-2024-chromium.pdf");
  Extraction extraction = extract_document({bytes, "pingtan-2024-chromium.pdf", ""});
  EXPECT_EQ(extraction.status, ExtractStatus::ok) << extraction.message;
}

}  // namespace
}  // namespace nianbao
