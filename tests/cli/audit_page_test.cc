// The audit page's structure: a synthetic audit (several regions, levels, every flag kind, names
// with <, & and quotes) rendered and parsed back with libxml2; counts, links and text must survive.
#include "cli/audit_page.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>

#include "cli/audit_svg.h"
#include "cli/html_escape.h"
#include "tests/support/html_dom.h"
#include "tests/support/synthetic_audit.h"

namespace nianbao::cli {
namespace {

using store::AuditedBody;
using store::AuditFlag;
using store::AuditFlagKind;
using store::AuditResult;
using store::Timeliness;
using testing::bodies_with;
using testing::flags_of_kind;
using testing::HtmlDom;
using testing::key_of;

constexpr int kReportYear = 2022;
const std::string tricky_name = "O'Brien & \"Sons\" <Bureau> 局";
const std::string tricky_evidence = "cells <b>t3.total</b> & \"一+二\" ≠ '三+四': 12 vs 13";

AuditedBody body(int64_t id, std::string name, std::string region, std::string level, Timeliness timeliness) {
  return testing::audited_body(id, std::move(name), std::move(region), std::move(level), timeliness, kReportYear);
}

AuditFlag flag(const AuditedBody& of, AuditFlagKind kind, std::string evidence, std::string url, std::string sha = "") {
  return testing::audit_flag(of, kReportYear, kind, std::move(evidence), {std::move(url), std::move(sha), "application/pdf"});
}

// Seven bodies in three regions and two levels; every flag kind at least once.
AuditResult synthetic_audit() {
  AuditResult audit;
  audit.query.report_year = kReportYear;
  AuditedBody shanghai = body(1, "上海市人民政府", "310000", "government", Timeliness::on_time);
  shanghai.published = "2023-03-20";
  shanghai.published_source = "meta";
  shanghai.requests_by_year = {{2019, 120}, {2020, std::nullopt}, {2021, 98}, {2022, 131}};
  AuditedBody science = body(2, "上海市科学技术委员会 <R&D>", "310000", "department", Timeliness::late);
  science.published = "2023-02-15";
  science.published_source = "printed";
  science.requests_by_year = {{2021, 40}, {2022, 44}};
  AuditedBody tricky = body(3, tricky_name, "310000", "department", Timeliness::missing);
  AuditedBody ecology = body(4, "抚顺市生态环境局", "210400", "department", Timeliness::not_checked);
  AuditedBody resources = body(5, "抚顺市自然资源局", "210400", "department", Timeliness::on_time);
  resources.published = "2023-01-20";
  resources.published_source = "url";
  resources.requests_by_year = {{2020, 7}};
  AuditedBody beijing = body(6, "北京市人民政府", "110000", "government", Timeliness::late);
  beijing.published = "2023-04-02";
  beijing.published_source = "first_seen";
  AuditedBody finance = body(7, "北京市财政局", "110000", "department", Timeliness::on_time);
  audit.bodies = {beijing, finance, ecology, resources, science, shanghai, tricky};

  audit.flags = {
      flag(beijing, AuditFlagKind::late, "published 2023-04-02 (first_seen), deadline 2023-03-31, 2 days late",
           "http://www.beijing.gov.cn/zwgk/t20230402_1.html", "aa11"),
      flag(beijing, AuditFlagKind::wrong_format, "2019 layout in a 2022 report", "javascript:alert('x')", "bb22"),
      flag(ecology, AuditFlagKind::not_checked, "column fetch failed: HTTP 500 on 2023-02-10",
           "http://sthjj.fushun.gov.cn/col?id=1&x=<y>"),
      flag(resources, AuditFlagKind::wrong_format, "表四 missing", "https://zrzyj.fushun.gov.cn/2022.html", "cc33"),
      flag(resources, AuditFlagKind::edited_after_publication, "bytes changed between 2023-02-01 and 2023-03-01",
           "/var/data/报告 2022.pdf", "dd44"),
      flag(science, AuditFlagKind::late, "published 2023-02-15 (printed), deadline 2023-01-31, 15 days late",
           "https://stcsm.sh.gov.cn/2022.html", "ee55"),
      flag(science, AuditFlagKind::copy_paste, "narrative similarity 0.97 >= threshold 0.90",
           "https://stcsm.sh.gov.cn/2022.html", "ee55"),
      flag(shanghai, AuditFlagKind::inconsistent, tricky_evidence, "https://www.shanghai.gov.cn/2022.html", "ff66"),
      flag(tricky, AuditFlagKind::missing, "column crawled on 2023-02-03, after the deadline; no report",
           "http://portal.example.cn/col?id=3&q=\"a\""),
  };
  return audit;
}

AuditPageOptions options() {
  return testing::audit_page_options("政府信息公开工作年度报告 audit, report year 2022", "2026-11-29 from test.db", ".pdf");
}

class AuditPage : public ::testing::Test {
 protected:
  AuditResult audit = synthetic_audit();
  std::string html = render_audit_page(audit, options());
  HtmlDom dom{html};
};

TEST_F(AuditPage, OneBarPerCategoryCarryingTheCountOfItsFlags) {
  auto bars = dom.nodes("//svg[contains(@class,'bar-chart')]//rect[@class='bar']");
  ASSERT_EQ(bars.size(), 4u);
  const std::vector<std::string> categories = {"on_time", "late", "missing", "not_checked"};
  size_t largest = 0;
  for (const auto& category : categories) largest = std::max(largest, bodies_with(audit, category));
  for (size_t i = 0; i < bars.size(); ++i) {
    const std::string& category = categories[i];
    SCOPED_TRACE(category);
    EXPECT_EQ(HtmlDom::attribute(bars[i], "data-category"), category);
    size_t expected = bodies_with(audit, category);
    if (category != "on_time") {
      EXPECT_EQ(expected, flags_of_kind(audit, category)) << "the synthetic audit is consistent";
    }
    EXPECT_EQ(HtmlDom::attribute(bars[i], "data-count"), std::to_string(expected));
    auto count_text = dom.texts("//svg//text[@class='bar-count'][@data-category='" + category + "']");
    ASSERT_EQ(count_text.size(), 1u);
    EXPECT_EQ(count_text[0], std::to_string(expected));
    double width = std::stod(HtmlDom::attribute(bars[i], "width"));
    EXPECT_NEAR(width, 380.0 * static_cast<double>(expected) / static_cast<double>(largest), 0.06);
  }
}

TEST_F(AuditPage, EveryFlagRowLinksToItsStoredCopyAndOriginal) {
  auto rows = dom.nodes("//tr[@class='flag']");
  ASSERT_EQ(rows.size(), audit.flags.size());
  for (const AuditFlag& audit_flag : audit.flags) {
    std::string id = "flag-" + std::to_string(audit_flag.agency_id) + "-" + key_of(audit_flag.flag);
    SCOPED_TRACE(id);
    auto row = dom.nodes("//tr[@id='" + id + "']");
    ASSERT_EQ(row.size(), 1u);
    EXPECT_EQ(HtmlDom::attribute(row[0], "data-flag"), key_of(audit_flag.flag));
    EXPECT_GE(dom.count(".//a[@href][contains(@class,'source')]", row[0]), 1u) << "no link to the source";
    auto stored = dom.texts(".//a[@class='stored-source']/@href", row[0]);
    if (audit_flag.source_sha256.empty()) {
      EXPECT_TRUE(stored.empty());
    } else {
      EXPECT_EQ(stored, std::vector<std::string>{"sources/" + audit_flag.source_sha256 + ".pdf"});
    }
    auto original = dom.nodes(".//a[contains(@class,'original-source')]", row[0]);
    bool followable = audit_flag.source_url.rfind("http", 0) == 0 || audit_flag.source_url.rfind("/", 0) == 0;
    ASSERT_EQ(original.size(), followable ? 1u : 0u);
    if (followable) {
      EXPECT_EQ(HtmlDom::text(original[0]), audit_flag.source_url);
    }
    EXPECT_EQ(dom.texts(".//td[@class='evidence']", row[0]), std::vector<std::string>{audit_flag.evidence});
    EXPECT_EQ(dom.count(".//a[@href='#body-" + std::to_string(audit_flag.agency_id) + "']", row[0]), 1u);
  }
}

TEST_F(AuditPage, OriginalLinksAreEncodedAndOnlyFollowableSchemes) {
  EXPECT_EQ(dom.texts("//tr[@id='flag-4-not_checked']//a[contains(@class,'original-source')]/@href"),
            std::vector<std::string>{"http://sthjj.fushun.gov.cn/col?id=1&x=%3Cy%3E"});
  EXPECT_EQ(dom.texts("//tr[@id='flag-3-missing']//a[contains(@class,'original-source')]/@href"),
            std::vector<std::string>{"http://portal.example.cn/col?id=3&q=%22a%22"});
  EXPECT_EQ(dom.texts("//tr[@id='flag-5-edited_after_publication']//a[contains(@class,'original-source')]/@href"),
            std::vector<std::string>{"file:///var/data/%E6%8A%A5%E5%91%8A%202022.pdf"});
  for (const std::string& href : dom.texts("//@href")) {
    EXPECT_EQ(href.find("javascript:"), std::string::npos) << href;
  }
  // The javascript: URL is shown as text, not linked.
  EXPECT_EQ(dom.texts("//tr[@id='flag-6-wrong_format']//span[@class='url']"),
            std::vector<std::string>{"javascript:alert('x')"});
}

TEST_F(AuditPage, NamesAndEvidenceWithMarkupCharactersAreEscaped) {
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_EQ(html.find("<R&D>"), std::string::npos);
  EXPECT_EQ(html.find("<Bureau>"), std::string::npos);
  EXPECT_EQ(html.find("<b>t3.total</b>"), std::string::npos);
  EXPECT_EQ(dom.count("//b[text()='t3.total']"), 0u);
  EXPECT_EQ(dom.texts("//tr[@id='body-3']/td[1]"), std::vector<std::string>{tricky_name});
  EXPECT_EQ(dom.texts("//tr[@id='body-2']/td[1]"), std::vector<std::string>{"上海市科学技术委员会 <R&D>"});
  EXPECT_EQ(dom.texts("//tr[@id='flag-1-inconsistent']/td[@class='evidence']"),
            std::vector<std::string>{tricky_evidence});
  EXPECT_EQ(dom.texts("//tr[@id='flag-3-missing']/td[2]/a"), std::vector<std::string>{tricky_name});
}

TEST_F(AuditPage, LoadsNothingFromTheNetwork) {
  for (const std::string& url : dom.texts("//img/@src | //script/@src | //link/@href | //*[@src]/@src")) {
    ADD_FAILURE() << "the page references a resource: " << url;
  }
  EXPECT_EQ(dom.count("//script | //link | //img | //iframe | //object"), 0u);
  auto styles = dom.texts("//style");
  ASSERT_EQ(styles.size(), 1u);
  EXPECT_EQ(styles[0].find("url("), std::string::npos);
  EXPECT_EQ(styles[0].find("@import"), std::string::npos);
  auto policy = dom.texts("//meta[@http-equiv='Content-Security-Policy']/@content");
  ASSERT_EQ(policy.size(), 1u);
  EXPECT_NE(policy[0].find("default-src 'none'"), std::string::npos);
}

TEST_F(AuditPage, DeclaresUtf8AndACjkFontStack) {
  EXPECT_EQ(dom.count("//meta[@charset='utf-8']"), 1u);
  EXPECT_EQ(dom.texts("//html/@lang"), std::vector<std::string>{"zh-CN"});
  EXPECT_NE(dom.texts("//style")[0].find("\"Noto Sans CJK SC\""), std::string::npos);
  EXPECT_EQ(dom.texts("//h1"), std::vector<std::string>{options().title});
}

TEST_F(AuditPage, OverviewCountsBodiesPerRegionAndLevel) {
  std::map<std::pair<std::string, std::string>, size_t> expected;
  for (const AuditedBody& audited : audit.bodies) ++expected[{audited.region_code, audited.level}];
  auto rows = dom.nodes("//table[@class='overview']/tbody/tr");
  ASSERT_EQ(rows.size(), expected.size());
  for (xmlNode* row : rows) {
    std::pair<std::string, std::string> key{HtmlDom::attribute(row, "data-region"),
                                            HtmlDom::attribute(row, "data-level")};
    SCOPED_TRACE(key.first + " " + key.second);
    ASSERT_TRUE(expected.count(key));
    EXPECT_EQ(dom.texts("./td[3]", row), std::vector<std::string>{std::to_string(expected[key])});
  }
  EXPECT_EQ(dom.texts("//table[@class='overview']/tfoot/tr/td[2]"),
            std::vector<std::string>{std::to_string(audit.bodies.size())});
  // The last four columns count the other flags: wrong_format, inconsistent, copy_paste, edited.
  const std::vector<AuditFlagKind> others = {AuditFlagKind::wrong_format, AuditFlagKind::inconsistent,
                                             AuditFlagKind::copy_paste, AuditFlagKind::edited_after_publication};
  for (size_t i = 0; i < others.size(); ++i) {
    EXPECT_EQ(dom.texts("//table[@class='overview']/tfoot/tr/td[" + std::to_string(7 + i) + "]"),
              std::vector<std::string>{std::to_string(flags_of_kind(audit, key_of(others[i])))});
  }
}

TEST_F(AuditPage, SparklineShowsNullsAsGapsAndValuesInItsTooltip) {
  auto titles = dom.texts("//tr[@id='body-1']//svg[@class='sparkline']/title");
  ASSERT_EQ(titles.size(), 1u);
  EXPECT_EQ(titles[0], "上海市人民政府 表三 一 本年新收申请 — 2019: 120; 2020: —; 2021: 98; 2022: 131");
  EXPECT_EQ(dom.count("//tr[@id='body-1']//svg[@class='sparkline']/circle"), 3u);
  EXPECT_EQ(dom.texts("//tr[@id='body-1']//svg[@class='sparkline']/line[@class='gap']/@data-year"),
            std::vector<std::string>{"2020"});
  auto path = dom.texts("//tr[@id='body-1']//svg[@class='sparkline']/path/@d");
  ASSERT_EQ(path.size(), 1u);
  EXPECT_EQ(std::count(path[0].begin(), path[0].end(), 'M'), 2) << path[0];  // 2019 alone, then 2021–2022
  EXPECT_EQ(std::count(path[0].begin(), path[0].end(), 'L'), 1) << path[0];
  EXPECT_EQ(dom.count("//tr[@id='body-7']//svg"), 0u) << "a body without values gets no sparkline";
}

TEST_F(AuditPage, SparklinesShareOneYearAxis) {
  // body 5 has a value for 2020 only, body 1 for 2019–2022 with 2020 null: the same x for 2020.
  auto lone = dom.texts("//tr[@id='body-5']//svg[@class='sparkline']/circle[@data-year='2020']/@cx");
  auto gap = dom.texts("//tr[@id='body-1']//svg[@class='sparkline']/line[@data-year='2020']/@x1");
  ASSERT_EQ(lone.size(), 1u);
  EXPECT_EQ(lone, gap);
  auto first = dom.texts("//tr[@id='body-1']//svg[@class='sparkline']/circle[@data-year='2019']/@cx");
  auto second = dom.texts("//tr[@id='body-2']//svg[@class='sparkline']/circle[@data-year='2021']/@cx");
  auto third = dom.texts("//tr[@id='body-1']//svg[@class='sparkline']/circle[@data-year='2021']/@cx");
  ASSERT_EQ(first.size(), 1u);
  EXPECT_LT(std::stod(first[0]), std::stod(lone[0]));
  EXPECT_EQ(second, third);
  EXPECT_NE(dom.texts("//table[@class='bodies']/thead/tr/th[8]")[0].find("2019–2022"), std::string::npos);
}

TEST_F(AuditPage, AnchorsAreUniqueAndBodiesLinkTheirFlags) {
  std::set<std::string> ids;
  for (const std::string& id : dom.texts("//@id")) EXPECT_TRUE(ids.insert(id).second) << "duplicate id " << id;
  for (const std::string& href : dom.texts("//a/@href")) {
    if (href.rfind("#", 0) == 0) {
      EXPECT_TRUE(ids.count(href.substr(1))) << "dangling anchor " << href;
    }
  }
  EXPECT_EQ(dom.texts("//tr[@id='body-2']//a/@href"), (std::vector<std::string>{"#flag-2-late", "#flag-2-copy_paste"}));
}

TEST_F(AuditPage, SummaryCountsEveryFlagKind) {
  for (AuditFlagKind kind :
       {AuditFlagKind::missing, AuditFlagKind::not_checked, AuditFlagKind::late, AuditFlagKind::wrong_format,
        AuditFlagKind::inconsistent, AuditFlagKind::copy_paste, AuditFlagKind::edited_after_publication}) {
    std::string key = key_of(kind);
    EXPECT_EQ(dom.texts("//section[@id='summary']//li[@data-flag='" + key + "']/b"),
              std::vector<std::string>{std::to_string(flags_of_kind(audit, key))});
    EXPECT_EQ(dom.count("//h3[@id='flags-" + key + "']"), 1u);
    EXPECT_EQ(dom.count("//table[@data-flag='" + key + "']/tbody/tr"), flags_of_kind(audit, key));
  }
}

TEST(AuditPageEmpty, AnAuditWithoutBodiesStillRendersFourEmptyBars) {
  AuditResult empty;
  empty.query.report_year = 2021;
  HtmlDom dom(render_audit_page(empty, {}));
  EXPECT_EQ(dom.texts("//rect[@class='bar']/@data-count"), (std::vector<std::string>{"0", "0", "0", "0"}));
  EXPECT_EQ(dom.texts("//head/title | //svg/title"),
            (std::vector<std::string>{"政府信息公开工作年度报告 audit, report year 2021",
                                      "Registered bodies by timeliness, report year 2021"}));
}

TEST(AuditPageHtml, EscapeHandlesMarkupInvalidUtf8AndControls) {
  EXPECT_EQ(html_escape("a<b>&\"c\"'d'"), "a&lt;b&gt;&amp;&quot;c&quot;&#39;d&#39;");
  EXPECT_EQ(html_escape("报告"), "报告");
  EXPECT_EQ(html_escape(std::string("x\xFFy")), "x\xEF\xBF\xBDy");
  EXPECT_EQ(html_escape(std::string("\xED\xA0\x80", 3)), "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD") << "a surrogate";
  EXPECT_EQ(html_escape(std::string("a\x01\tb\x7F", 5)), "a\tb");
}

TEST(AuditPageHtml, HrefsFollowOnlyWebAndFileUrls) {
  EXPECT_EQ(source_href("https://a.gov.cn/x y.html"), "https://a.gov.cn/x%20y.html");
  EXPECT_EQ(source_href("HTTP://a.gov.cn/"), "HTTP://a.gov.cn/");
  EXPECT_EQ(source_href("/data/a b.pdf"), "file:///data/a%20b.pdf");
  EXPECT_EQ(source_href("javascript:alert(1)"), "");
  EXPECT_EQ(source_href("data:text/html,x"), "");
  EXPECT_EQ(source_href("//evil.example/x"), "");
  EXPECT_EQ(source_href("reports/a.pdf"), "");
  EXPECT_EQ(relative_href("sources/ab12.pdf"), "sources/ab12.pdf");
  EXPECT_EQ(relative_href("sources/报告 1.pdf"), "sources/%E6%8A%A5%E5%91%8A%201.pdf");
  EXPECT_EQ(relative_href("javascript:alert(1)"), "");
  EXPECT_EQ(relative_href("/etc/passwd"), "");
}

}  // namespace
}  // namespace nianbao::cli
