// Text checks (spec §10 T3-8, T4-2, T2-6, T2-7) on real pages: the pages with one prose number
// edited to disagree with 表三 / 表四, the originals, and every verified corpus document (no false alarms).
#include <gtest/gtest.h>

#include <filesystem>
#include <map>

#include "extract/extractor.h"
#include "extract/validate/identity_check.h"
#include "extract/validate/prose_numbers.h"
#include "tests/support/gold.h"

namespace nianbao {
namespace {

const char* kPingtan2025 = "real/pingtan-archive/zfxxgknb/202603/105587_平潭综合实验区2025年度政府信息公开工作年度报告/page.html";
const char* kPingtan2023 = "real/pingtan-archive/zfxxgknb/202403/87885_平潭综合实验区2023年度政府信息公开工作年度报告/page.html";

std::vector<Finding> findings_of(const Report& report, const std::string& rule) {
  std::vector<Finding> found;
  for (const Finding& finding : report.findings) {
    if (finding.rule == rule) found.push_back(finding);
  }
  return found;
}

double stated(const Report& report, const std::string& key) { return report.cells.at(key).value->value; }

// The report of a corpus page whose text `printed` (found exactly once) is edited to `edited`.
Report edited_page(const std::string& relative, const std::string& printed, const std::string& edited) {
  std::string bytes = testing::read_fixture(relative);
  size_t at = bytes.find(printed);
  EXPECT_NE(at, std::string::npos) << printed;
  EXPECT_EQ(bytes.find(printed, at + 1), std::string::npos) << printed << " is printed more than once";
  if (at == std::string::npos) return {};
  bytes.replace(at, printed.size(), edited);
  Extraction extraction = extract_document({bytes, relative + " (edited)", ""});
  EXPECT_EQ(extraction.reports.size(), 1u);
  return extraction.reports.empty() ? Report{} : extraction.reports.front();
}

bool is_text_rule(const std::string& rule) {
  return rule == "T3-8" || rule == "T4-2" || rule == "T2-6" || rule == "T2-7";
}

// The acceptance test of issue 14: 平潭 2025's prose "共收到政府信息公开申请154件" edited to 155.
TEST(TextChecks, ProseDisagreeingWithTable3GivesExactlyOneT3_8QuotingTheSentence) {
  Report report = edited_page(kPingtan2025, "共收到政府信息公开申请</span><span style=\"text-indent: 2em;\">154<",
                              "共收到政府信息公开申请</span><span style=\"text-indent: 2em;\">155<");
  auto found = findings_of(report, "T3-8");
  ASSERT_EQ(found.size(), 1u);
  const Finding& finding = found.front();
  EXPECT_EQ(finding.severity, Severity::warning);
  EXPECT_EQ(finding.cells.front(), "t3.new_received.total");
  EXPECT_EQ(finding.expected->value, stated(report, "t3.new_received.total"));
  EXPECT_EQ(finding.actual->value, 155);
  // The sentence it read, as the normalized text spells it.
  EXPECT_NE(finding.message.find("全区共收到政府信息公开申请155件,共办结148件,结转至2026年6件"), std::string::npos)
      << finding.message;
  EXPECT_EQ(report.checks["T3-8"].failed, 1);
  EXPECT_EQ(report.checks["T3-8"].passed, 2);  // 办结 148 and 结转 6 still agree
}

TEST(TextChecks, TheOriginal2025PageAgreesWithItsTablesOnThreeCounts) {
  Report report = testing::extract_fixture(kPingtan2025);
  EXPECT_TRUE(findings_of(report, "T3-8").empty());
  EXPECT_EQ(report.checks["T3-8"].passed, 3);
  EXPECT_EQ(report.checks["T3-8"].failed, 0);
}

TEST(TextChecks, ProseDisagreeingWithTable4GivesOneT4_2OnTheSuits) {
  Report report = edited_page(kPingtan2023, "行政诉讼案件7件", "行政诉讼案件8件");
  auto found = findings_of(report, "T4-2");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].severity, Severity::warning);
  EXPECT_EQ(found[0].cells, (std::vector<std::string>{"t4.suit_direct.total", "t4.suit_after_review.total"}));
  EXPECT_EQ(found[0].expected->value,
            stated(report, "t4.suit_direct.total") + stated(report, "t4.suit_after_review.total"));
  EXPECT_EQ(found[0].actual->value, 8);
  EXPECT_NE(found[0].message.find("行政复议案件2件、行政诉讼案件8件"), std::string::npos) << found[0].message;
  EXPECT_EQ(report.checks["T4-2"].passed, 1);  // 行政复议 2 agrees

  Report original = testing::extract_fixture(kPingtan2023);
  EXPECT_TRUE(findings_of(original, "T4-2").empty());
  EXPECT_EQ(original.checks["T4-2"].passed, 2);
}

struct VerifiedDocument {
  std::string document;  // relative to fixtures/
  nlohmann::json gold;
};

std::vector<VerifiedDocument> verified_documents() {
  std::vector<VerifiedDocument> documents;
  std::filesystem::path root(NIANBAO_FIXTURES_DIR);
  for (const auto& entry : std::filesystem::recursive_directory_iterator(root / "real")) {
    if (!entry.path().filename().string().ends_with(".expected.json")) continue;
    nlohmann::json gold = testing::read_gold(std::filesystem::relative(entry.path(), root).string());
    if (gold.value("gold_quality", "") != "verified") continue;
    std::filesystem::path folder = std::filesystem::relative(entry.path().parent_path(), root);
    documents.push_back({(folder / gold.at("document").get<std::string>()).string(), gold});
  }
  return documents;
}

std::string notes_of(const nlohmann::json& gold) {
  std::string notes;
  for (const auto& note : gold.value("notes", nlohmann::json::array())) notes += note.get<std::string>() + "\n";
  return notes;
}

// A text finding on a verified document is a false alarm unless the gold's notes record that the
// prose disagrees, with the number the prose quotes (洪泽区 2024: "受理 … 17 件" against 95).
TEST(TextChecks, VerifiedCorpusDocumentsRaiseOnlyTheDisagreementsTheirGoldNotes) {
  std::map<std::string, int> passed;
  int documents = 0;
  for (const VerifiedDocument& verified : verified_documents()) {
    Report report = testing::extract_fixture(verified.document);
    ++documents;
    std::string notes = notes_of(verified.gold);
    for (const Finding& finding : report.findings) {
      if (!is_text_rule(finding.rule)) continue;
      bool noted = notes.find("DISAGREES") != std::string::npos && finding.actual &&
                   notes.find(RuleRunner::format_number(finding.actual->value) + " 件") != std::string::npos;
      EXPECT_TRUE(noted) << verified.document << ": " << finding.rule << " " << finding.message;
    }
    for (const auto& [rule, tally] : report.checks) {
      if (is_text_rule(rule)) passed[rule] += tally.passed;
    }
  }
  EXPECT_GE(documents, 20);
  // The checks really ran: the 平潭 pages, 上海市科委, 淮安市 and 洪泽区 quote their counts.
  EXPECT_GE(passed["T3-8"], 8);
  EXPECT_GE(passed["T4-2"], 3);
  EXPECT_GE(passed["T2-6"], 8);
}

TEST(TextChecks, TheNotedHongze2024DisagreementIsOneT3_8QuotingItsSentence) {
  Report report = testing::extract_fixture("real/kirogovcompare/hongze-district-2024.pdf");
  auto found = findings_of(report, "T3-8");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].actual->value, 17);
  EXPECT_EQ(found[0].cells.front(), "t3.new_received.total");
  EXPECT_NE(found[0].message.find("区政府办代表区政府受理政府信息公开申请 17 件"), std::string::npos) << found[0].message;
}

TEST(ProseNumbers, ArabicAndCommonChineseNumerals) {
  EXPECT_EQ(parse_count("154"), 154);
  EXPECT_EQ(parse_count("0"), 0);
  EXPECT_EQ(parse_count("一"), 1);
  EXPECT_EQ(parse_count("两"), 2);
  EXPECT_EQ(parse_count("十"), 10);
  EXPECT_EQ(parse_count("十五"), 15);
  EXPECT_EQ(parse_count("二十"), 20);
  EXPECT_EQ(parse_count("一百二十"), 120);
  EXPECT_EQ(parse_count("一百零五"), 105);
  EXPECT_EQ(parse_count("两千零五"), 2005);
  EXPECT_EQ(parse_count("一万二千三百四十五"), 12345);
  EXPECT_EQ(parse_count(""), std::nullopt);
  EXPECT_EQ(parse_count("若干"), std::nullopt);
}

TEST(ProseNumbers, SentencesLeaveTablesOutAndJoinBrokenLines) {
  std::string text =
      "全年收到政府信息公开申请 34 件,上年结转政府信息公开\n申请 2 件。所有申请均已办理完成;\n"
      "| 一、本年新收政府信息公开申请数量 | 34 |\n"
      "二、主动公开政府信息情况\n\n其他。\n";
  std::vector<std::string> sentences = prose_sentences(text);
  ASSERT_GE(sentences.size(), 2u);
  EXPECT_EQ(sentences[0], "全年收到政府信息公开申请 34 件,上年结转政府信息公开申请 2 件");
  EXPECT_EQ(sentences[1], "所有申请均已办理完成");
  for (const std::string& sentence : sentences) EXPECT_EQ(sentence.find('|'), std::string::npos) << sentence;
}

TEST(ProseNumbers, QuotesAreCutOnACharacterBoundary) {
  std::string sentence = "收到政府信息公开申请一百二十件";
  std::string cut = quote(sentence, 10);
  EXPECT_EQ(cut, "收到政…");  // 9 bytes of whole characters, then the mark
}

}  // namespace
}  // namespace nianbao
