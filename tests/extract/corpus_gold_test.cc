// Every HTML, text and Markdown document of the corpus whose gold file is "verified" extracts to
// exactly its expected cells, year, format and findings (issue 3's acceptance). PDF/DOCX: elsewhere.
#include <gtest/gtest.h>

#include <filesystem>

#include "tests/support/gold.h"

namespace nianbao {
namespace {

struct GoldCase {
  std::string gold;      // relative to fixtures/
  std::string document;  // relative to fixtures/
};

void PrintTo(const GoldCase& gold_case, std::ostream* out) { *out << gold_case.document; }

std::vector<GoldCase> verified_text_cases() {
  std::vector<GoldCase> cases;
  std::filesystem::path root = std::filesystem::path(NIANBAO_FIXTURES_DIR);
  for (const auto& entry : std::filesystem::recursive_directory_iterator(root / "real")) {
    std::string name = entry.path().filename().string();
    if (!name.ends_with(".expected.json")) continue;
    nlohmann::json gold = nlohmann::json::parse(testing::read_fixture(std::filesystem::relative(entry.path(), root)));
    if (gold.value("gold_quality", "") != "verified") continue;
    std::string document = gold.at("document").get<std::string>();
    if (!document.ends_with(".html") && !document.ends_with(".txt") && !document.ends_with(".md")) continue;
    std::filesystem::path folder = std::filesystem::relative(entry.path().parent_path(), root);
    cases.push_back({std::filesystem::relative(entry.path(), root).string(), (folder / document).string()});
  }
  std::sort(cases.begin(), cases.end(), [](const GoldCase& a, const GoldCase& b) { return a.document < b.document; });
  return cases;
}

TEST(CorpusGold, AllVerifiedTextAndHtmlDocumentsArePresent) {
  // 17 Pingtan pages (pre-2019, the letter, 2019 and 2021 formats) and the 上海市科委 Markdown.
  EXPECT_EQ(verified_text_cases().size(), 18u);
}

class VerifiedDocument : public ::testing::TestWithParam<GoldCase> {};

TEST_P(VerifiedDocument, MatchesItsGold) {
  const GoldCase& gold_case = GetParam();
  Report report = testing::extract_fixture(gold_case.document);
  std::vector<std::string> differences = testing::compare_with_gold(report, testing::read_gold(gold_case.gold));
  for (const std::string& difference : differences) ADD_FAILURE() << gold_case.document << ": " << difference;
}

INSTANTIATE_TEST_SUITE_P(Corpus, VerifiedDocument, ::testing::ValuesIn(verified_text_cases()),
                         [](const ::testing::TestParamInfo<GoldCase>& info) {
                           std::string name = std::to_string(info.index) + "_";
                           for (char c : std::filesystem::path(info.param.document).parent_path().filename().string()) {
                             if (std::isalnum(static_cast<unsigned char>(c))) name.push_back(c);
                           }
                           for (char c : std::filesystem::path(info.param.document).stem().string()) {
                             if (std::isalnum(static_cast<unsigned char>(c))) name.push_back(c);
                           }
                           return name;
                         });

}  // namespace
}  // namespace nianbao
