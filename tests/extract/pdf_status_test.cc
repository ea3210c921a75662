// What the PDF path answers for inputs it cannot read: a scanned PDF is needs_ocr, an old .doc is
// unsupported (distinct, clear messages), and corrupt or truncated PDFs never crash or throw.
#include <gtest/gtest.h>

#include "extract/extractor.h"
#include "extract/readers/pdf_reader.h"
#include "tests/support/gold.h"

namespace nianbao {
namespace {

using testing::read_fixture;

Extraction extract_bytes(const std::string& bytes, const std::string& origin) {
  return extract_document({bytes, origin, ""});
}

TEST(PdfStatus, ScannedImageOnlyPdfNeedsOcr) {
  Extraction extraction = extract_bytes(read_fixture("bad/pdf_scanned_image_only.pdf"), "scan.pdf");
  EXPECT_EQ(extraction.status, ExtractStatus::needs_ocr);
  EXPECT_EQ(extraction.media_type, "application/pdf");
  EXPECT_NE(extraction.message.find("scan.pdf"), std::string::npos);
  EXPECT_NE(extraction.message.find("no text layer"), std::string::npos) << extraction.message;
  EXPECT_TRUE(extraction.reports.empty());
}

TEST(PdfStatus, OldWordDocumentIsUnsupportedWithADifferentMessage) {
  Extraction doc = extract_bytes(read_fixture("bad/docx_legacy_word97.doc"), "old.doc");
  Extraction scan = extract_bytes(read_fixture("bad/pdf_scanned_image_only.pdf"), "scan.pdf");
  EXPECT_EQ(doc.status, ExtractStatus::unsupported);
  EXPECT_NE(doc.message.find(".doc"), std::string::npos) << doc.message;
  EXPECT_NE(doc.message, scan.message);
  EXPECT_NE(doc.status, scan.status);
}

TEST(PdfStatus, PdfHeaderWithoutABodyIsUnreadable) {
  Extraction extraction = extract_bytes(read_fixture("bad/pdf_not_really.pdf"), "junk.pdf");
  EXPECT_EQ(extraction.status, ExtractStatus::unreadable);
  EXPECT_NE(extraction.message.find("PDF"), std::string::npos) << extraction.message;
}

TEST(PdfStatus, EmptyBytesAfterTheMagicAreUnreadableNotOk) {
  ReaderResult result = read_pdf_document("%PDF-");
  EXPECT_EQ(result.status, ExtractStatus::unreadable);
  EXPECT_FALSE(result.message.empty());
}

// Truncations at several lengths: the reader answers a status; it never crashes or throws.
TEST(PdfRobustness, TruncatedRealPdfsNeverCrash) {
  std::string bytes = read_fixture("real/kirogovcompare/hongze-district-2023.pdf");
  int answered = 0;
  for (size_t length : {size_t{5}, size_t{64}, size_t{1000}, bytes.size() / 4, bytes.size() / 2,
                        bytes.size() - 1000, bytes.size() - 1}) {
    ReaderResult result = read_pdf_document(std::string_view(bytes).substr(0, length));
    EXPECT_TRUE(result.status == ExtractStatus::ok || result.status == ExtractStatus::unreadable ||
                result.status == ExtractStatus::needs_ocr)
        << length;
    if (result.status != ExtractStatus::ok) {
      EXPECT_FALSE(result.message.empty()) << length;
    }
    ++answered;
  }
  EXPECT_EQ(answered, 7);
}

TEST(PdfRobustness, FlippedBytesNeverCrash) {
  std::string original = read_fixture("real/kirogovcompare/hongze-district-2024.pdf");
  for (size_t step = 0; step < 12; ++step) {
    std::string bytes = original;
    size_t at = 9 + (bytes.size() - 10) * step / 12;
    for (size_t i = at; i < std::min(bytes.size(), at + 64); ++i) bytes[i] = static_cast<char>(bytes[i] ^ 0x5A);
    Extraction extraction = extract_bytes(bytes, "flipped.pdf");
    EXPECT_TRUE(extraction.status == ExtractStatus::ok || extraction.status == ExtractStatus::unreadable ||
                extraction.status == ExtractStatus::needs_ocr)
        << at;
  }
}

}  // namespace
}  // namespace nianbao
