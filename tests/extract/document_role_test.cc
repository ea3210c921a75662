// Document roles on real-looking pages: a notice, an interpretation, a landing page, an unrelated
// article (fixtures/roles), every report of the corpus, and every page of the demo portal.
#include "extract/recognize/document_role.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>

#include "extract/recognize/metadata.h"
#include "extract/report_builder.h"
#include "tests/support/gold.h"

namespace nianbao {
namespace {

namespace fs = std::filesystem;
using testing::read_fixture;

const std::string kLetter2014 =
    "real/pingtan-archive/zfxxgknb/201412/80787_关于2014年政府信息公开工作要点落实情况的函/page.html";

Extraction extract(const std::string& relative) {
  std::string bytes = read_fixture(relative);
  Extraction extraction = extract_document({bytes, relative, ""});
  EXPECT_EQ(extraction.status, ExtractStatus::ok) << relative << ": " << extraction.message;
  return extraction;
}

bool has_finding(const Report& report, const std::string& rule) {
  for (const Finding& finding : report.findings) {
    if (finding.rule == rule) return true;
  }
  return false;
}

// Every document file under fixtures/<folder> (gold files, notes and READMEs left out).
std::vector<std::string> documents_under(const std::string& folder) {
  std::vector<std::string> documents;
  fs::path root(NIANBAO_FIXTURES_DIR);
  for (const auto& entry : fs::recursive_directory_iterator(root / folder)) {
    if (!entry.is_regular_file()) continue;
    std::string extension = entry.path().extension().string();
    if (entry.path().filename() == "README.md") continue;
    if (extension != ".txt" && extension != ".html" && extension != ".htm" && extension != ".md" &&
        extension != ".pdf" && extension != ".docx") {
      continue;
    }
    documents.push_back(fs::relative(entry.path(), root).string());
  }
  std::sort(documents.begin(), documents.end());
  return documents;
}

TEST(DocumentRole, ANoticeAboutCompilingReportsIsANotice) {
  Extraction extraction = extract("roles/notice-2023-report-compilation.html");  // GBK bytes
  EXPECT_EQ(extraction.role, DocumentRole::notice);
  EXPECT_TRUE(extraction.reports.empty());
  EXPECT_EQ(extraction.title, "关于做好2023年度政府信息公开工作年度报告编制和发布工作的通知");
  EXPECT_EQ(extraction.published, "2023-12-18");
  EXPECT_EQ(extraction.published_source, kPublishedFromMeta);
}

TEST(DocumentRole, AnInterpretationOfAReportIsAnInterpretationThoughItPrintsATable) {
  Extraction extraction = extract("roles/interpretation-2022-report.html");
  EXPECT_EQ(extraction.role, DocumentRole::interpretation);
  EXPECT_TRUE(extraction.reports.empty());
  EXPECT_EQ(extraction.title, "图解:某区2022年政府信息公开工作年度报告");  // the title normalized (NFKC)
  EXPECT_EQ(extraction.published, "2023-03-28");
  EXPECT_EQ(extraction.published_source, kPublishedFromMeta);
}

TEST(DocumentRole, APageLinkingTheReportAsAnAttachmentIsALandingPageDatedByWhatItPrints) {
  Extraction extraction = extract("roles/landing-2022-report.html");
  EXPECT_EQ(extraction.role, DocumentRole::landing);
  EXPECT_TRUE(extraction.reports.empty());
  EXPECT_EQ(extraction.title, "某县2022年政府信息公开工作年度报告");
  EXPECT_EQ(extraction.published, "2023-01-30");  // 发布日期：2023-01-30, no PubDate meta
  EXPECT_EQ(extraction.published_source, kPublishedFromPrinted);
}

TEST(DocumentRole, AnUnrelatedArticleQuotingTheGovernmentWorkReportIsOther) {
  Extraction extraction = extract("roles/article-unrelated.html");
  EXPECT_EQ(extraction.role, DocumentRole::other);
  EXPECT_TRUE(extraction.reports.empty());
  EXPECT_EQ(extraction.title, "我区召开2024年一季度经济运行分析会");
  EXPECT_EQ(extraction.published, "2024-04-12");
}

// The 2021 report publishes its tables as images: a report of format f2021 (from its year, never
// pre2019) with the finding that its tables could not be read, and no S1 "no table could be read".
TEST(DocumentRole, A2021ReportWhoseTablesAreUnreadableIsF2021WithAFinding) {
  Extraction extraction = extract("roles/report-2021-tables-as-images.html");
  ASSERT_EQ(extraction.role, DocumentRole::report);
  ASSERT_EQ(extraction.reports.size(), 1u);
  const Report& report = extraction.reports.front();
  EXPECT_EQ(report.report_year, 2021);
  EXPECT_EQ(report.format, Format::f2021);
  EXPECT_TRUE(report.cells.empty());
  ASSERT_TRUE(has_finding(report, kTablesUnreadRule));
  EXPECT_FALSE(has_finding(report, "S1"));
  EXPECT_FALSE(has_finding(report, "V4"));
  for (const Finding& finding : report.findings) {
    if (finding.rule != kTablesUnreadRule) continue;
    EXPECT_EQ(finding.severity, Severity::warning);
    EXPECT_NE(finding.message.find("2021"), std::string::npos) << finding.message;
    EXPECT_NE(finding.message.find("f2021"), std::string::npos) << finding.message;
  }
  EXPECT_EQ(report.published, "2022-01-26");
  EXPECT_EQ(report.published_source, kPublishedFromMeta);
  EXPECT_EQ(extraction.title, report.title);
}

// The letter of the corpus (its gold says not_a_report) answers the 2014 work points: a notice,
// no report; its title still gives the year the gold names.
TEST(DocumentRole, TheCorpusLetterIsANoticeWithoutAReport) {
  for (const std::string& copy : {kLetter2014, fs::path(kLetter2014).replace_filename("page.txt").string()}) {
    SCOPED_TRACE(copy);
    Extraction extraction = extract(copy);
    EXPECT_EQ(extraction.role, DocumentRole::notice);
    EXPECT_TRUE(extraction.reports.empty());
    EXPECT_EQ(extraction.title, "关于2014年政府信息公开工作要点落实情况的函");
    EXPECT_EQ(read_metadata("", extraction.title).report_year, 2014);
  }
}

// Every document of the seed, derived, HTML and real-corpus fixtures is a report (one record, the
// same one build_report gives), except the letter (a notice) and the archive's list page (other).
TEST(DocumentRole, EveryCorpusReportStaysAReport) {
  const std::map<std::string, DocumentRole> not_reports = {
      {kLetter2014, DocumentRole::notice},
      {fs::path(kLetter2014).replace_filename("page.txt").string(), DocumentRole::notice},
      {"real/pingtan-archive/zfxxgknb/_lists/index.html", DocumentRole::other},
      {"real/pingtan-archive/zfxxgknb/_lists/index.txt", DocumentRole::other},
  };
  int reports = 0;
  for (const char* folder : {"seed", "derived", "html", "real"}) {
    for (const std::string& document : documents_under(folder)) {
      SCOPED_TRACE(document);
      Extraction extraction = extract(document);
      auto expected = not_reports.find(document);
      if (expected != not_reports.end()) {
        EXPECT_EQ(to_string(extraction.role), std::string(to_string(expected->second)));
        EXPECT_TRUE(extraction.reports.empty());
        continue;
      }
      EXPECT_EQ(to_string(extraction.role), std::string("report"));
      ASSERT_EQ(extraction.reports.size(), 1u);
      const Report& report = extraction.reports.front();
      EXPECT_NE(report.format, Format::not_a_report);
      if (report.report_year && *report.report_year >= 2019) {
        EXPECT_NE(report.format, Format::pre2019);
      }
      ++reports;
    }
  }
  EXPECT_EQ(reports, 38);
}

// What each page of the demo portal is. The TRS 2019–2021 and 演示局 2019–2020 pages print a
// report's headings but no table: reports, their format from their year, with the finding; the
// pages whose report is the attachment they link are landing pages.
TEST(DocumentRole, TheDemoPortalPagesAreClassifiedByWhatTheyAre) {
  const std::map<std::string, std::string> landing = {
      {"/trs/xxgk/xxgknb/202301/t20230131_3001.html", "2022"},
      {"/trs/xxgk/xxgknb/202401/t20240130_4001.html", "2023"},
      {"/hanweb/art/2022/1/25/art_1229_5004.html", "2021"},
  };
  const std::map<std::string, Format> tables_unread = {
      {"/trs/xxgk/xxgknb/202001/t20200121_0901.html", Format::f2019},
      {"/trs/xxgk/xxgknb/202101/t20210129_1001.html", Format::f2019},
      {"/trs/xxgk/xxgknb/202201/t20220128_2001.html", Format::f2021},
      {"/hanweb/art/2020/1/22/art_1229_5002.html", Format::f2019},
      {"/hanweb/art/2021/1/25/art_1229_5003.html", Format::f2019},
  };
  std::ifstream listing(testing::fixture_path("portal/expected_documents.tsv"));
  std::string line;
  std::getline(listing, line);  // header
  int pages = 0;
  while (std::getline(listing, line)) {
    std::string path = line.substr(0, line.find('\t'));
    bool original_portals = path.rfind("/trs/", 0) == 0 || path.rfind("/hanweb/", 0) == 0 || path.rfind("/pingtan/", 0) == 0;
    if (!original_portals) continue;  // columns added later carry their own expectations
    std::string kind = line.substr(path.size() + 1, line.find('\t', path.size() + 1) - path.size() - 1);
    SCOPED_TRACE(path);
    Extraction extraction = extract("portal/site" + path);
    ++pages;
    if (landing.count(path)) {
      EXPECT_EQ(to_string(extraction.role), std::string("landing"));
      EXPECT_TRUE(extraction.reports.empty());
      EXPECT_NE(extraction.title.find(landing.at(path)), std::string::npos) << extraction.title;
      continue;
    }
    EXPECT_EQ(to_string(extraction.role), std::string("report")) << kind;
    ASSERT_EQ(extraction.reports.size(), 1u);
    const Report& report = extraction.reports.front();
    if (report.report_year && *report.report_year >= 2019) {
      EXPECT_NE(report.format, Format::pre2019);
    }
    auto unread = tables_unread.find(path);
    if (unread != tables_unread.end()) {
      EXPECT_EQ(report.format, unread->second);
      EXPECT_TRUE(has_finding(report, kTablesUnreadRule));
    } else {
      EXPECT_FALSE(has_finding(report, kTablesUnreadRule));
    }
  }
  EXPECT_EQ(pages, 35);
}

// Pages of the demo portal the crawler does not deliver: guides, a website report form, a notice
// about disclosure work, and the TRS column's list pages.
TEST(DocumentRole, TheDemoPortalPagesThatAreNotReports) {
  const std::map<std::string, DocumentRole> pages = {
      {"portal/site/trs/xxgk/xxgknb/202205/t20220510_2101.html", DocumentRole::other},  // 公开指南
      {"portal/site/trs/xxgk/xxgknb/202201/t20220120_1990.html", DocumentRole::other},  // 网站年度报表
      {"portal/site/hanweb/art/2023/6/1/art_1229_5005.html", DocumentRole::other},      // 公开指南
      {"portal/site/hanweb/art/2024/12/30/art_1229_5007.html", DocumentRole::notice},   // 政务公开通知
      {"portal/site/trs/xxgk/xxgknb/index.html", DocumentRole::other},                  // list page
      {"portal/site/trs/xxgk/xxgknb/index_1.html", DocumentRole::other},                // list page
  };
  for (const auto& [page, role] : pages) {
    SCOPED_TRACE(page);
    Extraction extraction = extract(page);
    EXPECT_EQ(to_string(extraction.role), std::string(to_string(role)));
    EXPECT_TRUE(extraction.reports.empty());
  }
}

// The classifier's rules on the evidence a reader gives, where no fixture isolates one.
TEST(DocumentRole, PrintedTablesMakeAReportWhateverTheTitleAndABlankTemplateDoesNot) {
  std::string text = "关于印发2021年政府信息公开工作年度报告格式的通知\n信息内容|本年制发件数|本年废止件数|现行有效件数|";
  RoleEvidence blank_template{"关于印发2021年政府信息公开工作年度报告格式的通知", &text, Format::f2021, 0, nullptr};
  EXPECT_EQ(classify_document(blank_template), DocumentRole::notice);
  RoleEvidence cover_letter_with_tables = blank_template;
  cover_letter_with_tables.stated_cells = 186;
  EXPECT_EQ(classify_document(cover_letter_with_tables), DocumentRole::report);
}

TEST(DocumentRole, AnAttachmentIsRecognizedByItsFileNameInTheLinkOrItsText) {
  std::string text = "某局2020年政府信息公开工作年度报告\n报告全文见附件。\n附件：年度报告";
  std::vector<DocumentLink> by_query = {{"/module/download/downfile.jsp?classid=0&filename=abc.PDF&x=1", "附件"}};
  std::vector<DocumentLink> by_anchor = {{"/download?id=7", "某局2020年年报.docx"}};
  std::vector<DocumentLink> a_page = {{"/art/2021/1/1/art_1_2.html", "某局2020年政府信息公开工作年度报告"},
                                      {"/files/guide.docx.html", "公开指南"}};
  RoleEvidence evidence{"某局2020年政府信息公开工作年度报告", &text, Format::pre2019, 0, &by_query};
  EXPECT_EQ(classify_document(evidence), DocumentRole::landing);
  evidence.links = &by_anchor;
  EXPECT_EQ(classify_document(evidence), DocumentRole::landing);
  evidence.links = &a_page;
  EXPECT_EQ(classify_document(evidence), DocumentRole::report);
}

TEST(DocumentRole, ATitleNamesAReportButNotAReportForm) {
  EXPECT_TRUE(names_an_annual_report("演示局2018年政府信息公开工作年报"));
  EXPECT_TRUE(names_an_annual_report("某市 2023 年政府信息公开工作 年度报告"));
  EXPECT_FALSE(names_an_annual_report("洪泽区2021年政府网站工作年度报表"));
  EXPECT_EQ(first_heading("\n  标题: 关于2014年政府信息公开工作要点落实情况的函\n发布时间: 2014-12-10"),
            "关于2014年政府信息公开工作要点落实情况的函");
}

}  // namespace
}  // namespace nianbao
