// DOCX inputs that are broken: truncated or bit-flipped archives, an archive without
// word/document.xml, malformed XML, hostile spans. Each answers unreadable with a reason or reads.
#include <gtest/gtest.h>

#include "extract/docx/word_document.h"
#include "extract/docx/word_table.h"
#include "extract/docx/zip_archive.h"
#include "extract/extractor.h"
#include "extract/readers/docx_reader.h"
#include "tests/support/gold.h"

namespace nianbao {
namespace {

using testing::read_fixture;

constexpr const char* kTemplate = "real/govnianbao/template-2021-format-blank.docx";

std::string wrap_body(const std::string& body) {
  return "<?xml version=\"1.0\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
         "<w:body>" + body + "</w:body></w:document>";
}

std::string cell(const std::string& text, const std::string& properties = "") {
  return "<w:tc><w:tcPr>" + properties + "</w:tcPr><w:p><w:r><w:t>" + text + "</w:t></w:r></w:p></w:tc>";
}

TEST(DocxRobustness, TruncatedArchiveIsUnreadableWithAReason) {
  std::string bytes = read_fixture(kTemplate);
  for (size_t length : {size_t{4}, size_t{30}, size_t{200}, bytes.size() / 2, bytes.size() - 22, bytes.size() - 1}) {
    ReaderResult result = read_docx_document(std::string_view(bytes).substr(0, length));
    EXPECT_EQ(result.status, ExtractStatus::unreadable) << length;
    EXPECT_NE(result.message.find("DOCX"), std::string::npos) << result.message;
  }
}

TEST(DocxRobustness, FlippedBytesNeverCrash) {
  std::string original = read_fixture(kTemplate);
  for (size_t step = 0; step < 16; ++step) {
    std::string bytes = original;
    size_t at = 4 + (bytes.size() - 5) * step / 16;
    for (size_t i = at; i < std::min(bytes.size(), at + 32); ++i) bytes[i] = static_cast<char>(bytes[i] ^ 0xA5);
    Extraction extraction = extract_document({bytes, "flipped.docx", ""});
    EXPECT_TRUE(extraction.status == ExtractStatus::ok || extraction.status == ExtractStatus::unreadable ||
                extraction.status == ExtractStatus::unsupported)
        << at << ": " << extraction.message;
  }
}

TEST(DocxRobustness, ArchiveWithoutDocumentXmlNamesTheMissingMember) {
  Extraction extraction = extract_document({read_fixture("bad/docx_no_document_xml.docx"), "nodoc.docx", ""});
  EXPECT_EQ(extraction.status, ExtractStatus::unreadable);
  EXPECT_NE(extraction.message.find("word/document.xml"), std::string::npos) << extraction.message;
  EXPECT_NE(extraction.message.find("nodoc.docx"), std::string::npos);
}

TEST(DocxRobustness, CutOffXmlIsUnreadable) {
  Extraction extraction = extract_document({read_fixture("bad/docx_broken_xml.docx"), "cut.docx", ""});
  EXPECT_EQ(extraction.status, ExtractStatus::unreadable);
  EXPECT_NE(extraction.message.find("not well-formed"), std::string::npos) << extraction.message;
}

TEST(DocxRobustness, ZipMemberLargerThanTheCapIsRefused) {
  docx::ZipMember member = docx::read_zip_member(read_fixture(kTemplate), "word/document.xml", 1000);
  EXPECT_FALSE(member.ok);
  EXPECT_NE(member.error.find("larger than"), std::string::npos) << member.error;
}

TEST(DocxWordTable, GridSpanAndVerticalMergeExpand) {
  std::string xml = wrap_body("<w:p><w:r><w:t>表头</w:t></w:r></w:p><w:tbl>"
                              "<w:tr>" + cell("结果", "<w:vMerge w:val=\"restart\"/>") +
                              cell("行政复议", "<w:gridSpan w:val=\"2\"/>") + "</w:tr>"
                              "<w:tr>" + cell("", "<w:vMerge/>") + cell("1") + cell("２") + "</w:tr></w:tbl>");
  docx::WordBody body = docx::read_word_body(xml);
  ASSERT_TRUE(body.ok) << body.error;
  ASSERT_EQ(body.grids.size(), 1u);
  const Grid& grid = body.grids[0];
  ASSERT_EQ(grid.row_count(), 2u);
  ASSERT_EQ(grid.column_count(), 3u);
  EXPECT_TRUE(grid.rows[0][2].spanned);
  EXPECT_EQ(grid.rows[0][2].text, "行政复议");
  EXPECT_EQ(grid.rows[0][2].origin.col, 1);
  EXPECT_TRUE(grid.rows[1][0].spanned);
  EXPECT_EQ(grid.rows[1][0].text, "结果");
  EXPECT_EQ(grid.rows[1][0].origin.row, 0);
  EXPECT_EQ(grid.rows[1][2].text, "2");  // normalized: full-width digit
  EXPECT_EQ(body.text.substr(0, 7), "表头\n");
}

TEST(DocxWordTable, HostileSpansAreClampedAndRowsStayRectangular) {
  std::string xml = wrap_body("<w:tbl><w:tr><w:trPr><w:gridBefore w:val=\"-5\"/></w:trPr>" +
                              cell("a", "<w:gridSpan w:val=\"99999999\"/>") + cell("b", "<w:gridSpan w:val=\"x\"/>") +
                              "</w:tr><w:tr>" + cell("c", "<w:vMerge w:val=\"continue\"/>") + "</w:tr>"
                              "<w:tr>" + cell("d", "<w:vMerge/>") + "</w:tr></w:tbl>");
  docx::WordBody body = docx::read_word_body(xml);
  ASSERT_TRUE(body.ok);
  const Grid& grid = body.grids.at(0);
  EXPECT_EQ(grid.column_count(), static_cast<size_t>(docx::kMaxGridSpan) + 1);
  for (const auto& row : grid.rows) EXPECT_EQ(row.size(), grid.column_count());
  EXPECT_EQ(grid.rows[1][0].text, "a");  // continues the cell above
  EXPECT_TRUE(grid.rows[2][0].spanned);
}

TEST(DocxWordTable, MergeContinuationWithNothingAboveIsAPlainCell) {
  docx::WordBody body = docx::read_word_body(wrap_body("<w:tbl><w:tr>" + cell("x", "<w:vMerge/>") + "</w:tr></w:tbl>"));
  ASSERT_TRUE(body.ok);
  EXPECT_EQ(body.grids.at(0).rows.at(0).at(0).text, "x");
  EXPECT_FALSE(body.grids.at(0).rows.at(0).at(0).spanned);
}

TEST(DocxWordTable, MalformedXmlIsAnErrorNotACrash) {
  for (std::string xml : {std::string(""), std::string("<w:document"), std::string("\xff\xfe<"),
                          wrap_body("<w:tbl><w:tr>") , std::string(300, '<')}) {
    docx::WordBody body = docx::read_word_body(xml);
    EXPECT_FALSE(body.ok);
    EXPECT_FALSE(body.error.empty());
  }
}

}  // namespace
}  // namespace nianbao
