// The four verified-dump gold documents (平潭 2020–2022 archive dumps with run-together digits, the
// 沭阳 OCR text): no wrong value, every null cell named by a finding, at least 80% of the 798 cells
// recovered, the documents' own arithmetic errors raised, and the dump's labelled title and date read.
#include <gtest/gtest.h>

#include <iostream>

#include "tests/support/dump_score.h"
#include "tests/support/gold.h"

namespace nianbao {
namespace {

struct DumpCase {
  std::string folder;  // relative to fixtures/, with a trailing slash
  std::string document;
  std::string gold;
};

const std::vector<DumpCase>& dump_cases() {
  static const std::vector<DumpCase> cases = {
      {"real/pingtan-archive/zfxxgknb/202103/80595_平潭综合实验区2020年度政府信息公开工作年度报告/", "page.txt",
       "page.expected.json"},
      {"real/pingtan-archive/zfxxgknb/202202/80613_平潭综合实验区2021年度政府信息公开工作年度报告/", "page.txt",
       "page.expected.json"},
      {"real/pingtan-archive/zfxxgknb/202302/80629_平潭综合实验区2022年度政府信息公开工作年度报告/", "page.txt",
       "page.expected.json"},
      {"real/kirogovcompare/", "shuyang-county-2025-ocr.txt", "shuyang-county-2025-ocr.expected.json"},
  };
  return cases;
}

TEST(FlatDumpGold, TheFourDocumentsAreVerifiedDumps) {
  int cells = 0;
  for (const DumpCase& dump : dump_cases()) {
    nlohmann::json gold = testing::read_gold(dump.folder + dump.gold);
    EXPECT_EQ(gold.at("gold_quality"), "verified-dump") << dump.folder;
    EXPECT_EQ(gold.at("document"), dump.document);
    cells += static_cast<int>(gold.at("cells").size());
  }
  EXPECT_EQ(cells, 798);
}

TEST(FlatDumpGold, NoWrongValueEveryNullNamedAndMostCellsRecovered) {
  int cells = 0, right = 0;
  for (const DumpCase& dump : dump_cases()) {
    Report report = testing::extract_fixture(dump.folder + dump.document);
    nlohmann::json gold = testing::read_gold(dump.folder + dump.gold);
    testing::DumpScore score = testing::score_dump(report, gold);
    for (const std::string& wrong : score.wrong) ADD_FAILURE() << dump.document << " (" << dump.folder << "): wrong value " << wrong;
    for (const std::string& key : score.null_unnamed) {
      ADD_FAILURE() << dump.folder << dump.document << ": " << key << " is null and no finding names it";
    }
    std::cout << "[ recovered ] " << dump.folder << dump.document << ": " << score.right << "/" << score.cells
              << " right, " << score.null_named << " null with a finding, " << score.wrong.size() << " wrong\n";
    cells += score.cells;
    right += score.right;
  }
  std::cout << "[ recovered ] verified-dump documents: " << right << "/" << cells << " cells ("
            << (cells ? 100.0 * right / cells : 0.0) << "%)\n";
  EXPECT_EQ(cells, 798);
  EXPECT_GE(right * 10, cells * 8) << "fewer than 80% of the cells recovered";
}

TEST(FlatDumpGold, ArchiveDumpsOfTheVerifiedPagesHaveNoWrongValue) {
  // The archive keeps a page.txt dump (digits run together) beside each verified page.html: read
  // against the page's gold, no value may be wrong and every null must be named by a finding.
  const std::vector<std::string> folders = {
      "real/pingtan-archive/zfxxgknb/202001/80576_平潭综合实验区2019年度政府信息公开工作年度报告/",
      "real/pingtan-archive/zfxxgknb/202403/87885_平潭综合实验区2023年度政府信息公开工作年度报告/",
      "real/pingtan-archive/zfxxgknb/202503/97791_平潭综合实验区2024年度政府信息公开工作年度报告/",
      "real/pingtan-archive/zfxxgknb/202603/105587_平潭综合实验区2025年度政府信息公开工作年度报告/",
  };
  int cells = 0, right = 0;
  for (const std::string& folder : folders) {
    Report report = testing::extract_fixture(folder + "page.txt");
    testing::DumpScore score = testing::score_dump(report, testing::read_gold(folder + "page.expected.json"));
    for (const std::string& wrong : score.wrong) ADD_FAILURE() << folder << "page.txt: wrong value " << wrong;
    for (const std::string& key : score.null_unnamed) ADD_FAILURE() << folder << "page.txt: " << key << " null, unnamed";
    cells += score.cells;
    right += score.right;
  }
  std::cout << "[ recovered ] archive dumps of the verified pages: " << right << "/" << cells << " cells\n";
  EXPECT_GE(right * 10, cells * 8);
}

TEST(FlatDumpGold, ExpectedFindingsRaisedAndYearAndFormatRight) {
  for (const DumpCase& dump : dump_cases()) {
    Report report = testing::extract_fixture(dump.folder + dump.document);
    nlohmann::json gold = testing::read_gold(dump.folder + dump.gold);
    for (const std::string& difference : testing::compare_with_gold(report, gold)) {
      // Null cells are scored above; here only the year, the format and the findings count.
      if (difference.rfind("cell ", 0) == 0 || difference.rfind("missing cell ", 0) == 0) continue;
      ADD_FAILURE() << dump.folder << dump.document << ": " << difference;
    }
  }
}

TEST(FlatDumpGold, RecoveredCellsAreFlaggedAndPointAtTheirDigits) {
  const DumpCase& dump = dump_cases().front();  // 平潭 2020
  std::string bytes = testing::read_fixture(dump.folder + dump.document);
  Report report = testing::extract_fixture(dump.folder + dump.document);
  // 一、本年新收 prints "200 000121": 20 | 0 | 0 | 0 | 0 | 1 | 21 is its only split with 总计 = the sum.
  const Cell& natural = report.cells.at("t3.new_received.natural_person");
  ASSERT_TRUE(natural.value);
  EXPECT_EQ(natural.value->value, 20);
  EXPECT_TRUE(natural.has_flag("split_recovered"));
  ASSERT_GE(natural.at.byte_offset, 0);
  EXPECT_EQ(bytes.substr(static_cast<size_t>(natural.at.byte_offset), 3), "200");
  const Cell& total = report.cells.at("t3.new_received.total");
  ASSERT_TRUE(total.value);
  EXPECT_EQ(total.value->value, 21);
  EXPECT_EQ(bytes.substr(static_cast<size_t>(total.at.byte_offset), 2), "21");
  // 表二 '规范性文件7777166' splits many ways: null, flagged, and named by an S5 finding.
  const Cell& normative = report.cells.at("t2.normative_doc.new_made");
  EXPECT_FALSE(normative.value);
  EXPECT_TRUE(normative.has_flag("split_ambiguous"));
  EXPECT_TRUE(testing::finding_names(report, "t2.normative_doc.new_made"));
  // 行政处罚 '2648-18538': the sign fixes 上一年项目数量 = 2648 in every split; the rest is open.
  ASSERT_TRUE(report.cells.at("t2.penalty.prev_items").value);
  EXPECT_EQ(report.cells.at("t2.penalty.prev_items").value->value, 2648);
  EXPECT_FALSE(report.cells.at("t2.penalty.delta_items").value);
}

TEST(FlatDumpGold, LabelledTitleAndDateWithoutTheirPrefixes) {
  for (size_t i = 0; i < 3; ++i) {
    const DumpCase& dump = dump_cases()[i];
    std::string bytes = testing::read_fixture(dump.folder + dump.document);
    Extraction extraction = extract_document({bytes, dump.document, ""});
    ASSERT_EQ(extraction.status, ExtractStatus::ok);
    ASSERT_EQ(extraction.reports.size(), 1u);
    // The dump's first line is "标题: <title>"; its second "发布时间: YYYY-MM-DD hh:mm".
    std::string first_line = bytes.substr(0, bytes.find('\n'));
    std::string second_line = bytes.substr(first_line.size() + 1, bytes.find('\n', first_line.size() + 1) - first_line.size() - 1);
    std::string title = first_line.substr(first_line.find(' ') + 1);
    std::string date = second_line.substr(second_line.find(' ') + 1, 10);
    EXPECT_EQ(extraction.title, title);
    EXPECT_EQ(extraction.reports.front().title, title);
    EXPECT_EQ(extraction.title.find("标题"), std::string::npos);
    ASSERT_TRUE(extraction.published) << dump.folder;
    EXPECT_EQ(*extraction.published, date);
    EXPECT_EQ(extraction.published_source, kPublishedFromPrinted);
    EXPECT_EQ(extraction.reports.front().published, extraction.published);
  }
}

}  // namespace
}  // namespace nianbao
