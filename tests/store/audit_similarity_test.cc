// The audit's text checks on the real corpus: consecutive reports of one body score well below
// the copy-paste threshold, a report with only the year changed scores 1, the MinHash sketch
// estimates the exact score, and every real 2019+ report has its six sections.
#include "store/audit_similarity.h"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>

#include "extract/extractor.h"
#include "store/audit_format.h"
#include "store_test_support.h"

namespace nianbao::store {
namespace {

using store_test::fixture_bytes;

const std::string kPingtan = "real/pingtan-archive/zfxxgknb/";

std::string report_text(const std::string& relative, const std::string& bytes) {
  Extraction extraction = extract_document({bytes, relative, ""});
  if (extraction.reports.size() != 1) throw std::runtime_error(relative + ": expected one report");
  return extraction.reports.front().text;
}

std::string report_text(const std::string& relative) { return report_text(relative, fixture_bytes(relative)); }

std::vector<uint64_t> shingles_of(const std::string& text) { return text_shingles(narrative_text(text)); }

std::string replace_all(std::string text, const std::string& from, const std::string& to) {
  for (size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) text.replace(at, from.size(), to);
  return text;
}

// The 平潭 reports of 2019 → 2025 (page.html where the archive has it, else page.txt), by year.
std::vector<std::string> pingtan_reports() {
  return {
      kPingtan + "202001/80576_平潭综合实验区2019年度政府信息公开工作年度报告/page.html",
      kPingtan + "202103/80595_平潭综合实验区2020年度政府信息公开工作年度报告/page.txt",
      kPingtan + "202202/80613_平潭综合实验区2021年度政府信息公开工作年度报告/page.txt",
      kPingtan + "202302/80629_平潭综合实验区2022年度政府信息公开工作年度报告/page.txt",
      kPingtan + "202403/87885_平潭综合实验区2023年度政府信息公开工作年度报告/page.html",
      kPingtan + "202503/97791_平潭综合实验区2024年度政府信息公开工作年度报告/page.html",
      kPingtan + "202603/105587_平潭综合实验区2025年度政府信息公开工作年度报告/page.html",
  };
}

TEST(AuditSimilarity, ConsecutiveRealReportsOfOneBodyAreNotCopies) {
  std::vector<std::string> files = pingtan_reports();
  for (size_t i = 1; i < files.size(); ++i) {
    std::vector<uint64_t> previous = shingles_of(report_text(files[i - 1]));
    std::vector<uint64_t> current = shingles_of(report_text(files[i]));
    ASSERT_GT(previous.size(), 1000u) << files[i - 1];
    double score = jaccard_similarity(current, previous);
    EXPECT_GT(score, 0.0) << files[i] << ": the same body's wording is shared a little";
    EXPECT_LT(score, 0.4) << files[i] << " vs " << files[i - 1];
    EXPECT_LT(score, kCopyPasteThreshold) << files[i];
  }
}

TEST(AuditSimilarity, LastYearsReportWithTheYearChangedScoresOne) {
  for (const std::string& file : pingtan_reports()) {
    std::string bytes = fixture_bytes(file);
    std::string next_year = replace_all(replace_all(bytes, "2024年", "2025年"), "2023年", "2024年");
    double score = jaccard_similarity(shingles_of(report_text(file, next_year)), shingles_of(report_text(file, bytes)));
    EXPECT_GE(score, kCopyPasteThreshold) << file;
    EXPECT_DOUBLE_EQ(score, 1.0) << file << ": digits are not narrative";
  }
}

TEST(AuditSimilarity, NarrativeDropsTableRowsDigitsAndPunctuation) {
  EXPECT_EQ(narrative_text("一、总体情况\n2023年，全区收到申请81件。\n行政许可 | 2629 |\nAbc 12"), "一总体情况年全区收到申请件Abc");
  EXPECT_TRUE(text_shingles("总体情况").empty()) << "shorter than one shingle";
  EXPECT_EQ(text_shingles("总体情况年").size(), 1u);
  EXPECT_EQ(text_shingles("甲乙丙丁戊甲乙丙丁戊").size(), 5u) << "distinct shingles only";
  EXPECT_DOUBLE_EQ(jaccard_similarity({1, 2, 3}, {2, 3, 4}), 0.5);
  EXPECT_DOUBLE_EQ(jaccard_similarity({}, {}), 0.0);
}

TEST(AuditSimilarity, TheSketchEstimatesTheExactScore) {
  std::vector<std::string> files = pingtan_reports();
  for (size_t i = 1; i < files.size(); ++i) {
    std::vector<uint64_t> previous = shingles_of(report_text(files[i - 1]));
    std::vector<uint64_t> current = shingles_of(report_text(files[i]));
    double exact = jaccard_similarity(current, previous);
    double estimate = sketch_similarity(minhash_sketch(current), minhash_sketch(previous));
    EXPECT_LT(std::fabs(exact - estimate), 0.15) << files[i] << ": exact " << exact << ", estimate " << estimate;
    EXPECT_EQ(minhash_sketch(current).size(), kSketchSize);
    EXPECT_DOUBLE_EQ(sketch_similarity(minhash_sketch(current), minhash_sketch(current)), 1.0);
  }
}

TEST(AuditSections, EveryRealReportSince2019HasTheSixSections) {
  std::vector<std::string> files = {"seed/fushun-amr-2021.txt", "derived/f2019-pipe.txt", "derived/f2021-pipe.txt"};
  for (const auto& entry : std::filesystem::recursive_directory_iterator(std::string(NIANBAO_FIXTURES_DIR) + "/real")) {
    std::string name = entry.path().filename().string();
    if (!entry.is_regular_file() || name.find(".expected") != std::string::npos || name == "README.md") continue;
    files.push_back(std::filesystem::relative(entry.path(), NIANBAO_FIXTURES_DIR).string());
  }
  int checked = 0;
  for (const std::string& file : files) {
    std::string bytes = fixture_bytes(file);
    Extraction extraction = extract_document({bytes, file, ""});
    if (extraction.role != DocumentRole::report) continue;
    for (const Report& report : extraction.reports) {
      if (report.report_year.value_or(0) < 2019) continue;
      if (file.find("_lists/") != std::string::npos) continue;  // the archive's list page, not a report
      EXPECT_EQ(missing_sections(report.text), std::vector<std::string>{}) << file;
      ++checked;
    }
  }
  EXPECT_GE(checked, 20) << "the real 2019+ reports (pingtan 2019-2025 pages and texts, hongze, huaian, shanghai, shuyang)";
}

TEST(AuditSections, ARemovedHeadingIsMissingAndVariantsCount) {
  std::string text = report_text(kPingtan + "202503/97791_平潭综合实验区2024年度政府信息公开工作年度报告/page.html");
  EXPECT_EQ(missing_sections(replace_all(text, "其他需要报告的事项", "其他")), std::vector<std::string>{"其他需要报告的事项"});
  EXPECT_EQ(missing_sections("一、概述\n二、主动公开政府信息的情况\n三、收到和处理政府信息公开申请情况\n"
                             "四、因政府信息公开工作被申请行政复议、提起行政诉讼情况\n"
                             "五、政府信息公开工作存在的主要问题及改进情况\n六、其他需要报告的事项"),
            std::vector<std::string>{});
  EXPECT_EQ(missing_sections("").size(), official_sections().size());
  EXPECT_EQ(expected_format(2018), std::nullopt);
  EXPECT_EQ(expected_format(2019), "f2019");
  EXPECT_EQ(expected_format(2020), "f2019");
  EXPECT_EQ(expected_format(2021), "f2021");
}

}  // namespace
}  // namespace nianbao::store
