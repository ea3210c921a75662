// Agency, scope and year of every corpus document with a gold file, read from titles and opening
// text (PDF title pages split over two lines, wrapped Markdown titles, pages with ArticleTitle).
#include <gtest/gtest.h>

#include <filesystem>
#include <map>

#include "tests/support/gold.h"

namespace nianbao {
namespace {

// Where the gold's agency is not what the document names itself, and why.
const std::map<std::string, std::string> kKnownAgencyDifferences = {
    // The title says 平潭综合实验区管委会; the gold names the zone.
    {"80791_平潭综合实验区管委会2014年度政府信息公开工作年度报告", "平潭综合实验区管委会"},
    // A letter, signed at its end; not a report, agency not read.
    {"80787_关于2014年政府信息公开工作要点落实情况的函", ""},
    // The OCR text itself misreads 沭阳 as 沐阳.
    {"shuyang-county-2025-ocr", "沐阳县人民政府"},
    // The blank template names no agency.
    {"template-2021-format-blank", ""},
};

TEST(CorpusMetadata, AgencyScopeAndYearOfEveryGoldDocument) {
  std::filesystem::path root(NIANBAO_FIXTURES_DIR);
  int compared = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(root / "real")) {
    std::string name = entry.path().filename().string();
    if (!name.ends_with(".expected.json")) continue;
    std::string relative = std::filesystem::relative(entry.path(), root).string();
    nlohmann::json gold = testing::read_gold(relative);
    std::filesystem::path document = std::filesystem::relative(entry.path().parent_path(), root) /
                                     gold.at("document").get<std::string>();
    Report report = testing::extract_fixture(document.string());
    std::string key = name == "page.expected.json" ? entry.path().parent_path().filename().string()
                                                   : name.substr(0, name.size() - std::string(".expected.json").size());
    std::string want_agency = gold.at("agency").is_null() ? "" : gold.at("agency").get<std::string>();
    auto known = kKnownAgencyDifferences.find(key);
    if (known != kKnownAgencyDifferences.end()) want_agency = known->second;
    EXPECT_EQ(report.agency, want_agency) << document;
    if (!want_agency.empty()) {
      EXPECT_EQ(to_string(report.scope), gold.at("scope").get<std::string>()) << document;
    }
    if (!gold.at("report_year").is_null()) {
      EXPECT_EQ(report.report_year, gold.at("report_year").get<int>()) << document;
    }
    ++compared;
  }
  EXPECT_EQ(compared, 27);
}

}  // namespace
}  // namespace nianbao
