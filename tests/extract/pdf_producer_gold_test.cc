// Acceptance for issue 13: PDFs of the verified 平潭 pages printed by Chromium and LibreOffice (and the
// blank template via LibreOffice) read to their source document's gold, never with a wrong value.
#include <gtest/gtest.h>

#include <cmath>

#include "tests/support/gold.h"

namespace nianbao {
namespace {

using testing::compare_with_gold;
using testing::extract_fixture;
using testing::read_gold;

struct Score {
  size_t gold_cells = 0;
  size_t exact = 0;
  size_t wrong = 0;  // a number where the gold has another number or null: the failure that must not happen
};

Score score(const Report& report, const nlohmann::json& gold) {
  Score result;
  for (const auto& [key, want] : gold.at("cells").items()) {
    ++result.gold_cells;
    auto found = report.cells.find(key);
    bool stated = found != report.cells.end() && found->second.value.has_value();
    double got = stated ? found->second.value->value : 0;  // no optional copy: g++ 12 -Os warns falsely
    if (want.is_null() ? !stated : stated && std::fabs(got - want.get<double>()) < 1e-9) {
      ++result.exact;
    } else if (stated) {
      ++result.wrong;
    }
  }
  return result;
}

// Every difference to the gold is reported; returns the score for the caller's totals.
Score expect_matches_gold(const std::string& name) {
  std::string document = "pdf-producers/" + name + ".pdf";
  Report report = extract_fixture(document);
  nlohmann::json gold = read_gold("pdf-producers/" + name + ".expected.json");
  for (const std::string& difference : compare_with_gold(report, gold)) ADD_FAILURE() << document << ": " << difference;
  Score result = score(report, gold);
  EXPECT_EQ(result.wrong, 0u) << document;
  EXPECT_EQ(result.exact, result.gold_cells) << document;
  return result;
}

TEST(PdfProducerChromium, FourPingtanPagesReadToTheirGold798Of798) {
  size_t exact = 0, cells = 0;
  for (const char* year : {"2019", "2023", "2024", "2025"}) {
    Score result = expect_matches_gold(std::string("pingtan-") + year + "-chromium");
    exact += result.exact;
    cells += result.gold_cells;
  }
  EXPECT_EQ(cells, 798u);
  EXPECT_EQ(exact, 798u);
}

TEST(PdfProducerChromium, BlankedApplicantColumnsStayNullAndValuesStayUnderTheirHeaders) {
  Score result = expect_matches_gold("pingtan-2024-blanked-chromium");
  EXPECT_EQ(result.gold_cells, 200u);
  Report report = extract_fixture("pdf-producers/pingtan-2024-blanked-chromium.pdf");
  // 新收政府信息公开申请: 自然人 217, 商业企业 1, the other organisations blank, 总计 218.
  EXPECT_EQ(report.cells.at("t3.new_received.natural_person").value->value, 217);
  EXPECT_EQ(report.cells.at("t3.new_received.commercial").value->value, 1);
  EXPECT_FALSE(report.cells.at("t3.new_received.research").value.has_value());
  EXPECT_FALSE(report.cells.at("t3.new_received.other").value.has_value());
  EXPECT_EQ(report.cells.at("t3.new_received.total").value->value, 218);
}

// The blanked page printed without any table border: columns come from the header words alone.
// Every printed value sits under its header and every blank stays null. The label （六）其他处理,
// centred across its three sub-rows, lands on the middle row's baseline: that row is read as the
// sub-row its printed order gives (2.…缴纳费用), said by an info finding, never as the 2019 single row.
TEST(PdfProducerChromium, BlankedPageWithoutBordersReadsToItsGold) {
  Score result = expect_matches_gold("pingtan-2024-blanked-noborders-chromium");
  EXPECT_EQ(result.gold_cells, 200u);
  Report report = extract_fixture("pdf-producers/pingtan-2024-blanked-noborders-chromium.pdf");
  EXPECT_FALSE(report.cells.count("t3.result.other.natural_person"));
  EXPECT_TRUE(report.cells.at("t3.result.other.fee_unpaid.natural_person").has_flag("row_by_order"));
  EXPECT_EQ(report.count_findings(Severity::error), 0);
  EXPECT_EQ(report.cells.at("t3.new_received.commercial").value->value, 1);
  EXPECT_EQ(report.cells.at("t3.new_received.total").value->value, 218);
  EXPECT_EQ(report.cells.at("t3.result.denied.state_secret.total").value->value, 4);
}

TEST(PdfProducerLibreOffice, PingtanPageConvertedByWriterReadsToItsGold) {
  Score result = expect_matches_gold("pingtan-2023-libreoffice");
  EXPECT_EQ(result.gold_cells, 200u);
  // 3.危及“三安全一稳定” is cut by the page break after "稳": the row is still recognized.
  Report report = extract_fixture("pdf-producers/pingtan-2023-libreoffice.pdf");
  EXPECT_FALSE(report.cells.count("extra.t3.result.denied.security_stability.total"));
  EXPECT_TRUE(report.cells.at("t3.result.denied.security_stability.total").value.has_value());
}

TEST(PdfProducerLibreOffice, BlankTemplateDocxConvertedToPdfHasEveryCellNull) {
  Score result = expect_matches_gold("template-2021-libreoffice");
  EXPECT_EQ(result.gold_cells, 200u);
}

}  // namespace
}  // namespace nianbao
