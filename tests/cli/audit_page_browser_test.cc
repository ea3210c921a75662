// The audit page in headless Chromium from file://: no console error or failed load, one bar per
// category with the expected counts, every flag link, and a screenshot. Skipped without Chromium.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "cli/audit_page.h"
#include "cli/audit_svg.h"
#include "tests/support/chromium.h"
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

struct BodySpec {
  int64_t id;
  const char* name;
  const char* region;
  const char* level;
  Timeliness timeliness;
  const char* published;  // "" when none
  const char* source;
  std::vector<std::pair<int, std::optional<double>>> requests;
};

// A realistic audit of report year 2022 for three cities: Chinese names, every flag kind.
AuditResult realistic_audit() {
  const std::vector<BodySpec> specs = {
      {101,
       "抚顺市人民政府",
       "210400",
       "government",
       Timeliness::on_time,
       "2023-03-28",
       "meta",
       {{2019, 212}, {2020, 187}, {2021, 240}, {2022, 263}}},
      {102,
       "抚顺市生态环境局",
       "210400",
       "department",
       Timeliness::not_checked,
       "",
       "",
       {{2019, 18}, {2020, 25}, {2021, std::nullopt}}},
      {103,
       "抚顺市市场监督管理局",
       "210400",
       "department",
       Timeliness::late,
       "2023-02-21",
       "printed",
       {{2019, 41}, {2020, 38}, {2021, 52}, {2022, 47}}},
      {104,
       "抚顺市自然资源局",
       "210400",
       "department",
       Timeliness::on_time,
       "2023-01-16",
       "url",
       {{2020, 9}, {2021, 14}, {2022, 11}}},
      {201,
       "杭州市人民政府",
       "330100",
       "government",
       Timeliness::late,
       "2023-04-06",
       "first_seen",
       {{2019, 1310}, {2020, 1502}, {2021, 1688}, {2022, 1734}}},
      {202,
       "杭州市财政局",
       "330100",
       "department",
       Timeliness::on_time,
       "2023-01-29",
       "meta",
       {{2019, 33}, {2020, std::nullopt}, {2021, 29}, {2022, 35}}},
      {203,
       "杭州市教育局",
       "330100",
       "department",
       Timeliness::missing,
       "",
       "",
       {{2019, 97}, {2020, 120}, {2021, 131}}},
      {301,
       "上海市人民政府办公厅",
       "310000",
       "department",
       Timeliness::on_time,
       "2023-01-30",
       "meta",
       {{2019, 520}, {2020, 498}, {2021, 610}, {2022, 577}}},
      {302,
       "上海市科学技术委员会",
       "310000",
       "department",
       Timeliness::on_time,
       "2023-01-20",
       "printed",
       {{2019, 61}, {2020, 61}, {2021, 58}, {2022, 58}}},
      {303,
       "上海市住房和城乡建设管理委员会",
       "310000",
       "department",
       Timeliness::late,
       "2023-02-08",
       "url",
       {{2021, 880}, {2022, 912}}},
  };
  AuditResult audit;
  audit.query.report_year = kReportYear;
  for (const BodySpec& spec : specs) {
    AuditedBody body = testing::audited_body(spec.id, spec.name, spec.region, spec.level, spec.timeliness, kReportYear);
    if (*spec.published) body.published = spec.published;
    body.published_source = spec.source;
    body.requests_by_year = spec.requests;
    audit.bodies.push_back(body);
  }
  std::sort(audit.bodies.begin(), audit.bodies.end(), [](const AuditedBody& a, const AuditedBody& b) {
    return std::tie(a.region_code, a.level, a.agency) < std::tie(b.region_code, b.level, b.agency);
  });
  auto flag = [&](int64_t id, AuditFlagKind kind, std::string evidence, std::string url, std::string sha) {
    const AuditedBody& body = *std::find_if(audit.bodies.begin(), audit.bodies.end(),
                                            [&](const AuditedBody& b) { return b.agency_id == id; });
    audit.flags.push_back(
        testing::audit_flag(body, kReportYear, kind, std::move(evidence), {std::move(url), std::move(sha), "text/html"}));
  };
  flag(102, AuditFlagKind::not_checked, "栏目抓取失败：HTTP 500 (last fetch 2023-02-10); not counted as missing",
       "http://sthjj.fushun.gov.cn/zwgk/ndbg/", "");
  flag(103, AuditFlagKind::late, "published 2023-02-21 (printed on the page), deadline 2023-01-31, 21 days late",
       "http://scjg.fushun.gov.cn/zwgk/ndbg/202302/t20230221_1.html", "3f1c");
  flag(103, AuditFlagKind::inconsistent, "2 error findings: 一+二=三+四 (1,045 ≠ 1,051); 表四 总计 row sum",
       "http://scjg.fushun.gov.cn/zwgk/ndbg/202302/t20230221_1.html", "3f1c");
  flag(104, AuditFlagKind::edited_after_publication,
       "fetched 2023-01-16 and 2023-03-02 with different bytes; cells differ: t3.new_received.total 11 → 12",
       "http://zrzyj.fushun.gov.cn/zwgk/ndbg/t20230116_9.html", "77ab");
  flag(201, AuditFlagKind::late, "published 2023-04-06 (first seen by nianbao), deadline 2023-03-31, 6 days late",
       "https://www.hangzhou.gov.cn/art/2023/4/6/art_1229063_1.html", "a001");
  flag(201, AuditFlagKind::wrong_format, "2022 report in the 2019 layout (表三 without 办理结果 (七))",
       "https://www.hangzhou.gov.cn/art/2023/4/6/art_1229063_1.html", "a001");
  flag(202, AuditFlagKind::copy_paste,
       "narrative similarity 0.96 (MinHash, 5-character shingles) ≥ threshold 0.90 vs 2021",
       "https://czj.hangzhou.gov.cn/art/2023/1/29/art_1.html", "c0de");
  flag(203, AuditFlagKind::missing,
       "column crawled successfully on 2023-02-15, after the deadline 2023-01-31; no 2022 report",
       "https://edu.hangzhou.gov.cn/col/col1229/index.html", "");
  flag(303, AuditFlagKind::late, "published 2023-02-08 (date in the URL), deadline 2023-01-31, 8 days late",
       "https://zjw.sh.gov.cn/gkndbg/20230208/abc.html", "e3e3");
  return audit;
}

AuditPageOptions page_options() {
  return testing::audit_page_options("政府信息公开工作年度报告 audit · 2022年度",
                                     "2026-11-29 12:00 from nianbao.db (synthetic example)", ".html");
}

// Where the test leaves the page and its screenshot, so a person can open them after the run: the
// build tree (the directory above the built `nianbao`'s cli/), wherever the test runs from.
std::filesystem::path output_dir() {
  std::filesystem::path build_tree = std::filesystem::path(NIANBAO_BINARY).parent_path().parent_path();
  std::filesystem::path dir = build_tree / "audit-page-browser";
  std::filesystem::create_directories(dir);
  return dir;
}

std::filesystem::path write_page(const std::string& html) {
  std::filesystem::path page = output_dir() / "audit.html";
  std::ofstream(page, std::ios::binary) << html;
  return page;
}

std::string problems_text(const std::vector<std::string>& problems) {
  std::string text;
  for (const auto& line : problems) text += line + "\n";
  return text;
}

class AuditPageBrowser : public ::testing::Test {
 protected:
  void SetUp() override {
    auto found = testing::chromium::find_chromium();
    if (!found) GTEST_SKIP() << testing::chromium::skip_message();
    browser = *found;
    page = write_page(render_audit_page(audit, page_options()));
  }

  AuditResult audit = realistic_audit();
  std::string browser;
  std::filesystem::path page;
};

TEST_F(AuditPageBrowser, LoadsWithoutConsoleErrorsAndKeepsBarsAndLinks) {
  testing::chromium::Run run = testing::chromium::dump_dom(browser, page);
  ASSERT_FALSE(run.timed_out) << run.command;
  ASSERT_EQ(run.exit_code, 0) << run.command << "\n" << run.err;
  auto problems = testing::chromium::page_problems(run.err);
  EXPECT_TRUE(problems.empty()) << problems_text(problems);

  HtmlDom dom(run.out);
  auto bars = dom.nodes("//svg[contains(@class,'bar-chart')]//rect[@class='bar']");
  ASSERT_EQ(bars.size(), 4u) << run.out.substr(0, 2000);
  for (xmlNode* bar : bars) {
    std::string category = HtmlDom::attribute(bar, "data-category");
    SCOPED_TRACE(category);
    size_t bodies = bodies_with(audit, category);
    EXPECT_EQ(HtmlDom::attribute(bar, "data-count"), std::to_string(bodies));
    if (category != "on_time") {
      EXPECT_EQ(HtmlDom::attribute(bar, "data-count"), std::to_string(flags_of_kind(audit, category)));
    }
    EXPECT_EQ(dom.texts("//svg//text[@class='bar-count'][@data-category='" + category + "']"),
              std::vector<std::string>{std::to_string(bodies)});
  }
  std::vector<std::string> categories;
  for (xmlNode* bar : bars) categories.push_back(HtmlDom::attribute(bar, "data-category"));
  EXPECT_EQ(categories, (std::vector<std::string>{"on_time", "late", "missing", "not_checked"}));

  ASSERT_EQ(dom.count("//tr[@class='flag']"), audit.flags.size());
  for (const AuditFlag& flag : audit.flags) {
    std::string id = "flag-" + std::to_string(flag.agency_id) + "-" + key_of(flag.flag);
    SCOPED_TRACE(id);
    auto row = dom.nodes("//tr[@id='" + id + "']");
    ASSERT_EQ(row.size(), 1u);
    EXPECT_EQ(dom.texts(".//a[contains(@class,'original-source')]/@href", row[0]),
              std::vector<std::string>{flag.source_url});
    if (!flag.source_sha256.empty()) {
      EXPECT_EQ(dom.texts(".//a[@class='stored-source']/@href", row[0]),
                std::vector<std::string>{"sources/" + flag.source_sha256 + ".html"});
    }
    EXPECT_EQ(dom.texts("./td[2]/a", row[0]), std::vector<std::string>{flag.agency});
  }
  EXPECT_EQ(dom.texts("//h1"), std::vector<std::string>{page_options().title});

  for (const AuditedBody& body : audit.bodies) {
    auto tooltip = dom.texts("//tr[@id='body-" + std::to_string(body.agency_id) + "']//svg[@class='sparkline']/title");
    ASSERT_EQ(tooltip.size(), 1u) << body.agency;
    EXPECT_NE(tooltip[0].find(series_text(body.requests_by_year)), std::string::npos) << tooltip[0];
  }
}

TEST_F(AuditPageBrowser, ScreenshotIsAPngOfTheWindow) {
  std::filesystem::path png = output_dir() / "audit.png";
  std::filesystem::remove(png);
  testing::chromium::Run run = testing::chromium::screenshot(browser, page, png, 1280, 1600);
  ASSERT_FALSE(run.timed_out) << run.command;
  ASSERT_EQ(run.exit_code, 0) << run.command << "\n" << run.err;
  auto problems = testing::chromium::page_problems(run.err);
  EXPECT_TRUE(problems.empty()) << problems_text(problems);
  ASSERT_TRUE(std::filesystem::exists(png)) << run.command << "\n" << run.err;
  std::ifstream in(png, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  auto size = testing::chromium::png_size(bytes);
  ASSERT_TRUE(size.has_value()) << png << " is not a PNG";
  EXPECT_EQ(size->width, 1280u);
  EXPECT_EQ(size->height, 1600u);
  EXPECT_GT(bytes.size(), 20'000u) << "a page of tables and charts compresses to more than a blank window";
  std::cout << "screenshot: " << png.string() << " (" << bytes.size() << " bytes)\n";
}

TEST(AuditPageBrowserChecks, PageProblemsAreConsoleMessagesAndFailedLoadsOnly) {
  const std::string err =
      "[1:2:1129/201828.399761:ERROR:dbus/bus.cc:405] Failed to connect to the bus\n"
      "[1:1:1129/201830.537296:INFO:CONSOLE:2] \"Loading the image 'http://x/a.png' violates ...\", source: "
      "file:///a.html (2)\n"
      "[1:1:1129/201830.537407:INFO:CONSOLE:2] \"Uncaught ReferenceError: f is not defined\", source: file:///a.html "
      "(2)\n"
      "[1:1:1129/201830.6:WARNING:ui/base/idle/idle_linux.cc:111] None of the known D-Bus ScreenSaver services\n";
  auto problems = testing::chromium::page_problems(err);
  ASSERT_EQ(problems.size(), 2u);
  EXPECT_NE(problems[0].find("violates"), std::string::npos);
  EXPECT_NE(problems[1].find("Uncaught"), std::string::npos);
  EXPECT_FALSE(testing::chromium::png_size("GIF89a").has_value());
  EXPECT_EQ(testing::chromium::file_url("/tmp/a b/报.html"), "file:///tmp/a%20b/%E6%8A%A5.html");
}

// The browser's check is only as good as its ability to see problems: a page that tries to load
// an image from the network under the audit page's policy must be reported.
TEST(AuditPageBrowserChecks, AnExternalLoadIsReported) {
  auto found = testing::chromium::find_chromium();
  if (!found) GTEST_SKIP() << testing::chromium::skip_message();
  std::filesystem::path page = output_dir() / "external-load.html";
  std::ofstream(page, std::ios::binary)
      << "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><meta http-equiv=\"Content-Security-Policy\" "
         "content=\"default-src 'none'\"><title>x</title></head><body><img src=\"http://example.invalid/a.png\">"
         "</body></html>";
  testing::chromium::Run run = testing::chromium::dump_dom(*found, page);
  ASSERT_EQ(run.exit_code, 0) << run.command << "\n" << run.err;
  EXPECT_FALSE(testing::chromium::page_problems(run.err).empty()) << run.err;
}

}  // namespace
}  // namespace nianbao::cli
