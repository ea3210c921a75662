// Issue 14's acceptance for flattened tables: the text made from each verified HTML page of the
// corpus by stripping its markup onto one line (text nodes joined by single spaces, as archives
// dump pages) reads to the same cells as the page itself, and to its gold.
#include <gtest/gtest.h>

#include <filesystem>

#include "tests/support/dump_score.h"
#include "tests/support/gold.h"

namespace nianbao {
namespace {

struct PageCase {
  std::string page;  // relative to fixtures/
  std::string gold;
};

void PrintTo(const PageCase& page_case, std::ostream* out) { *out << page_case.page; }

// Verified gold files whose document is an HTML page with table cells.
std::vector<PageCase> verified_pages() {
  std::vector<PageCase> cases;
  std::filesystem::path root(NIANBAO_FIXTURES_DIR);
  for (const auto& entry : std::filesystem::recursive_directory_iterator(root / "real")) {
    if (!entry.path().filename().string().ends_with(".expected.json")) continue;
    std::string gold_path = std::filesystem::relative(entry.path(), root).string();
    nlohmann::json gold = testing::read_gold(gold_path);
    std::string document = gold.at("document").get<std::string>();
    if (gold.value("gold_quality", "") != "verified" || !document.ends_with(".html") || gold.at("cells").empty()) continue;
    cases.push_back({(std::filesystem::relative(entry.path().parent_path(), root) / document).string(), gold_path});
  }
  std::sort(cases.begin(), cases.end(), [](const PageCase& a, const PageCase& b) { return a.page < b.page; });
  return cases;
}

Report extract_text(const std::string& text, const std::string& origin) {
  Extraction extraction = extract_document({text, origin, ""});
  if (extraction.status != ExtractStatus::ok || extraction.reports.size() != 1) {
    throw std::runtime_error("extraction of the stripped " + origin + " gave no single report: " + extraction.message);
  }
  return extraction.reports.front();
}

TEST(FlatStrippedHtml, TheFourVerifiedPagesWithTablesAreThere) {
  // 平潭 2019, 2023, 2024, 2025.
  EXPECT_EQ(verified_pages().size(), 4u);
}

class StrippedPage : public ::testing::TestWithParam<PageCase> {};

TEST_P(StrippedPage, ReadsToTheSameCellsAsThePage) {
  const PageCase& page_case = GetParam();
  std::string line = testing::strip_markup_to_line(testing::read_fixture(page_case.page));
  ASSERT_EQ(line.find('\n'), std::string::npos);
  Report page = testing::extract_fixture(page_case.page);
  Report flat = extract_text(line, page_case.page + " (stripped)");
  nlohmann::json gold = testing::read_gold(page_case.gold);
  EXPECT_EQ(flat.format, page.format);
  EXPECT_EQ(flat.report_year, page.report_year);
  int compared = 0;
  for (const auto& [key, want] : gold.at("cells").items()) {
    auto from_page = page.cells.find(key);
    auto from_flat = flat.cells.find(key);
    ASSERT_NE(from_page, page.cells.end()) << key;
    if (from_flat == flat.cells.end()) {
      ADD_FAILURE() << page_case.page << ": " << key << " not read from the stripped text";
      continue;
    }
    EXPECT_EQ(from_flat->second.value, from_page->second.value) << page_case.page << ": " << key;
    ++compared;
  }
  EXPECT_EQ(compared, static_cast<int>(gold.at("cells").size()));
  testing::DumpScore score = testing::score_dump(flat, gold);
  EXPECT_EQ(score.right, score.cells) << page_case.page;
  // Provenance: a cell's offset points at its digits in the stripped text.
  const Cell& received = flat.cells.at("t3.new_received.total");
  ASSERT_TRUE(received.value);
  ASSERT_GE(received.at.byte_offset, 0);
  std::string printed = line.substr(static_cast<size_t>(received.at.byte_offset), received.raw.size());
  EXPECT_EQ(printed, received.raw);
}

INSTANTIATE_TEST_SUITE_P(Corpus, StrippedPage, ::testing::ValuesIn(verified_pages()),
                         [](const ::testing::TestParamInfo<PageCase>& info) {
                           std::string name = std::to_string(info.index) + "_";
                           std::string folder = std::filesystem::path(info.param.page).parent_path().filename().string();
                           for (char c : folder) {
                             if (std::isalnum(static_cast<unsigned char>(c))) name.push_back(c);
                           }
                           return name;
                         });

}  // namespace
}  // namespace nianbao
