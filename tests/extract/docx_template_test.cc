// Acceptance for the DOCX reader: the official blank 2021 template is format f2021 with all 200
// cells null and no error finding; its w:gridSpan and w:vMerge cells come out as spanned copies.
#include <gtest/gtest.h>

#include "extract/readers/docx_reader.h"
#include "tests/support/gold.h"

namespace nianbao {
namespace {

using testing::compare_with_gold;
using testing::extract_fixture;
using testing::read_fixture;
using testing::read_gold;

constexpr const char* kTemplate = "real/govnianbao/template-2021-format-blank.docx";

TEST(DocxTemplate, BlankTemplateIsFormat2021WithEveryCellNull) {
  Report report = extract_fixture(kTemplate);
  nlohmann::json gold = read_gold("real/govnianbao/template-2021-format-blank.expected.json");
  for (const std::string& difference : compare_with_gold(report, gold)) ADD_FAILURE() << difference;
  EXPECT_EQ(report.format, Format::f2021);
  EXPECT_EQ(report.cells.size(), 200u);
  for (const auto& [key, cell] : report.cells) EXPECT_FALSE(cell.value.has_value()) << key;
  EXPECT_EQ(report.count_findings(Severity::error), 0);
}

TEST(DocxTemplate, ThreeTablesInDocumentOrder) {
  ReaderResult result = read_docx_document(read_fixture(kTemplate));
  ASSERT_EQ(result.status, ExtractStatus::ok) << result.message;
  ASSERT_EQ(result.document.grids.size(), 3u);
  for (size_t i = 0; i < 3; ++i) EXPECT_EQ(result.document.grids[i].index, static_cast<int>(i));
  EXPECT_EQ(result.document.grids[1].row_count(), 28u);  // 表三 after expansion
  EXPECT_EQ(result.document.grids[1].column_count(), 10u);
  EXPECT_EQ(result.document.grids[2].column_count(), 15u);  // 表四
  EXPECT_NE(result.document.text.utf8.find("政府信息公开行政复议"), std::string::npos);
}

TEST(DocxTemplate, VerticalMergeBecomesSpannedCopiesPointingAtTheFirstCell) {
  ReaderResult result = read_docx_document(read_fixture(kTemplate));
  const Grid& table3 = result.document.grids.at(1);
  // "三、本年度办理结果" restarts a vertical merge in row 5, column 0, continued down to （七）总计.
  const GridCell& first = table3.rows.at(5).at(0);
  EXPECT_EQ(first.text, "三、本年度办理结果");
  EXPECT_FALSE(first.spanned);
  const GridCell& continued = table3.rows.at(12).at(0);
  EXPECT_TRUE(continued.spanned);
  EXPECT_EQ(continued.text, "三、本年度办理结果");
  EXPECT_EQ(continued.origin.row, 5);
  EXPECT_EQ(continued.origin.col, 0);
}

TEST(DocxTemplate, GridSpanBecomesSpannedCopiesInTheSameRow) {
  ReaderResult result = read_docx_document(read_fixture(kTemplate));
  const Grid& table2 = result.document.grids.at(0);
  const auto& caption = table2.rows.at(0);  // 第二十条第（一）项 spans all four columns
  EXPECT_EQ(caption.at(0).text, "第二十条第(一)项");
  for (size_t c = 1; c < caption.size(); ++c) {
    EXPECT_TRUE(caption[c].spanned);
    EXPECT_EQ(caption[c].origin.col, 0);
    EXPECT_EQ(caption[c].origin.row, 0);
  }
}

}  // namespace
}  // namespace nianbao
