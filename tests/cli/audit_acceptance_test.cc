// Issue 12's acceptance through the real binary: the demo portal's audit columns (fixtures/portal/site/audit)
// crawled twice around an edition switch, the audit registry imported, `nianbao audit --year 2022` run.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <set>

#include "cli/csv_reader.h"
#include "demo/portal_server.h"
#include "tests/support/cli_runner.h"
#include "tests/support/sql_rows.h"

#if __has_include("tests/support/chromium.h") && __has_include("tests/support/html_dom.h")
#include "tests/support/chromium.h"
#include "tests/support/html_dom.h"
#define NIANBAO_HAVE_CHROMIUM_SUPPORT 1
#endif

namespace nianbao {
namespace {

using testing::CliWorkspace;
using testing::sql_one;
using testing::sql_rows;

const std::string kFixtures = NIANBAO_FIXTURES_DIR;
const std::string kPortalSite = kFixtures + "/portal/site";
const std::string kAuditSources = kFixtures + "/portal/audit-sources.csv";
const std::string kAuditRegistry = kFixtures + "/agencies/audit-registry.csv";
const std::string kAuditCases = kFixtures + "/portal/audit-cases.csv";
constexpr int kAuditYear = 2022;

// One row of fixtures/portal/audit-cases.csv: what the audit must say about one body.
struct ExpectedCase {
  std::string agency, timeliness, published, date_source, flag, source;
  std::vector<std::string> evidence_terms;
};

std::vector<ExpectedCase> expected_cases() {
  cli::CsvTable table = cli::read_csv_file(kAuditCases);
  std::vector<ExpectedCase> cases;
  for (const cli::CsvRecord& record : table.records) {
    const std::vector<std::string>& field = record.fields;
    ExpectedCase expected{field.at(0), field.at(1), field.at(2), field.at(3), field.at(4), field.at(5), {}};
    std::string terms = field.at(6);
    for (size_t start = 0; start < terms.size();) {
      size_t bar = terms.find('|', start);
      if (bar == std::string::npos) bar = terms.size();
      if (bar > start) expected.evidence_terms.push_back(terms.substr(start, bar - start));
      start = bar + 1;
    }
    cases.push_back(expected);
  }
  return cases;
}

std::string sql_text(const std::string& text) {
  std::string quoted = "'";
  for (char c : text) quoted += c == '\'' ? std::string("''") : std::string(1, c);
  return quoted + "'";
}

// The audit sources CSV with the portal's real address in place of the bundled 127.0.0.1:8760.
std::string sources_for(const std::string& base_url) {
  std::string text = testing::slurp(kAuditSources);
  const std::string bundled = "http://127.0.0.1:8760";
  for (size_t at = text.find(bundled); at != std::string::npos; at = text.find(bundled, at + base_url.size()))
    text.replace(at, bundled.size(), base_url);
  return text;
}

// Built once for the suite: portal on 127.0.0.1:0, crawl, edition 2, crawl, registry, audit.
struct AuditRun {
  CliWorkspace work;
  std::string db, out_dir, base_url, error;
  testing::CommandResult first_crawl, second_crawl, import, audit;
  bool audit_command_exists = false;
  nlohmann::json audit_json;
};

const AuditRun& audit_run() {
  static AuditRun* built = [] {
    auto* run = new AuditRun();
    demo::PortalServer server(kPortalSite);
    server.start("127.0.0.1", 0);
    run->base_url = server.base_url();
    run->db = run->work.file("audit.sqlite");
    run->out_dir = run->work.file("audit-out");
    std::string sources = run->work.file("audit-sources.csv");
    std::ofstream(sources) << sources_for(run->base_url);
    run->first_crawl = run->work.run({"crawl", "--db", run->db, "--sources", sources, "--delay", "0"});
    if (run->first_crawl.exit_code != 0) run->error += "first crawl failed: " + run->first_crawl.err;
    server.set_edition(2);
    run->second_crawl = run->work.run({"crawl", "--db", run->db, "--sources", sources, "--delay", "0"});
    if (run->second_crawl.exit_code != 0) run->error += "second crawl failed: " + run->second_crawl.err;
    server.stop();
    run->import = run->work.run({"agencies", "import", "--db", run->db, kAuditRegistry});
    if (run->import.exit_code != 0) run->error += "agencies import failed: " + run->import.err;
    run->audit_command_exists = run->work.run({"audit", "--help"}).exit_code == 0;
    if (run->audit_command_exists) {
      run->audit = run->work.run({"audit", "--db", run->db, "--year", std::to_string(kAuditYear), "--out", run->out_dir, "--json"});
      if (run->audit.exit_code != 0) run->error += "audit failed (exit " + std::to_string(run->audit.exit_code) + "): " + run->audit.err;
      else run->audit_json = nlohmann::json::parse(run->audit.out, nullptr, false);
    }
    return run;
  }();
  return *built;
}

class AuditAcceptance : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_EQ(run_.error, ""); }
  void require_audit() {
    if (!run_.audit_command_exists) GTEST_SKIP() << "`nianbao audit` is not in this build yet (the audit-cli helper's command)";
  }
  // Documents classified by the roles extractor (0.2.0 on) carry a role other than 'unknown'.
  void require_roles() {
    if (sql_one(run_.db, "SELECT count(*) FROM documents WHERE role <> 'unknown'") == "0")
      GTEST_SKIP() << "the extractor of this build gives documents no role yet (the roles helper's extractor 0.2.0)";
  }
  std::string url(const std::string& path) const { return run_.base_url + path; }
  const AuditRun& run_ = audit_run();
};

// ---------------------------------------------------------------- the portal and the two crawls

TEST_F(AuditAcceptance, EveryColumnButTheFailingOneIsCrawledBothTimes) {
  for (const ExpectedCase& expected : expected_cases()) {
    std::string seed = sql_one(run_.db, "SELECT url FROM crawl_seeds WHERE agency = " + sql_text(expected.agency));
    ASSERT_FALSE(seed.empty()) << expected.agency << " has a crawl seed (its column)";
    std::string statuses = sql_one(run_.db, "SELECT group_concat(DISTINCT status) FROM crawl_fetches WHERE url = " + sql_text(seed));
    if (expected.timeliness == "not_checked") {
      std::string status_file = kPortalSite + seed.substr(run_.base_url.size()) + ".status";
      std::string status = std::to_string(std::stoi(testing::slurp(status_file)));
      EXPECT_EQ(statuses, status) << seed << " answers HTTP " << status << " to every try of both crawls";
      EXPECT_EQ(sql_one(run_.db, "SELECT count(DISTINCT run_id) FROM crawl_fetches WHERE url = " + sql_text(seed)), "2");
    } else {
      EXPECT_EQ(sql_one(run_.db, "SELECT count(DISTINCT run_id) FROM crawl_fetches WHERE url = " + sql_text(seed) +
                                     " AND status IN (200, 304)"),
                "2")
          << seed << " is fetched successfully by both crawls (" << statuses << ")";
    }
  }
}

TEST_F(AuditAcceptance, TheEditedPageIsStoredInBothEditionsAndNothingElseChanged) {
  std::string edited;
  for (const ExpectedCase& expected : expected_cases())
    if (expected.flag == "edited_after_publication") edited = url(expected.source);
  ASSERT_FALSE(edited.empty());
  std::string first_bytes = testing::slurp(kPortalSite + edited.substr(run_.base_url.size()));
  std::filesystem::path second_file = kPortalSite + edited.substr(run_.base_url.size());
  second_file.replace_extension(".edition2.html");
  std::string second_bytes = testing::slurp(second_file);
  ASSERT_NE(first_bytes, second_bytes);
  EXPECT_EQ(sql_rows(run_.db, "SELECT DISTINCT sha256 FROM crawl_fetches WHERE url = " + sql_text(edited) +
                                  " AND sha256 IS NOT NULL ORDER BY fetched_at, id").size(),
            2u)
      << "both editions of " << edited << " are kept";
  EXPECT_EQ(sql_one(run_.db, "SELECT count(*) FROM documents d JOIN document_origins o ON o.document_id = d.id WHERE o.origin = " +
                                 sql_text(edited)),
            "2");
  // Every other URL of the site answered the same bytes both times: one stored version each.
  EXPECT_EQ(sql_rows(run_.db, "SELECT url FROM crawl_fetches WHERE sha256 IS NOT NULL GROUP BY url "
                              "HAVING count(DISTINCT sha256) > 1"),
            std::vector<std::string>{edited});
  EXPECT_EQ(sql_one(run_.db, "SELECT count(*) FROM crawl_fetches WHERE url LIKE '%.edition%'"), "0")
      << "the server's edition files are never linked or served";
}

TEST_F(AuditAcceptance, EveryReportPageOfTheColumnsIsStored) {
  // The pages the columns list (reports, the notice, the landing page) and the landing page's PDF.
  std::set<std::string> expected;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(kPortalSite + "/audit")) {
    std::string name = entry.path().filename().string();
    bool page = name.rfind('t', 0) == 0 && entry.path().extension() == ".html" && name.find(".edition") == std::string::npos;
    if (page || entry.path().extension() == ".pdf") expected.insert(entry.path().string().substr(kPortalSite.size()));
  }
  ASSERT_GE(expected.size(), 14u);
  for (const std::string& path : expected) {
    EXPECT_EQ(sql_one(run_.db, "SELECT count(*) > 0 FROM document_origins WHERE origin = " + sql_text(url(path))), "1")
        << url(path) << " is stored";
  }
}

// ---------------------------------------------------------------- roles: what is not a report

TEST_F(AuditAcceptance, NeitherTheNoticeNorTheLandingPageIsAReport) {
  require_roles();
  std::string notice = "SELECT d.id FROM documents d JOIN document_origins o ON o.document_id = d.id WHERE o.origin LIKE '%/t20221205_6401.html'";
  std::string landing = "SELECT d.id FROM documents d JOIN document_origins o ON o.document_id = d.id WHERE o.origin LIKE '%/t20230129_6301.html'";
  EXPECT_EQ(sql_one(run_.db, "SELECT role FROM documents WHERE id IN (" + notice + ")"), "notice");
  EXPECT_EQ(sql_one(run_.db, "SELECT role FROM documents WHERE id IN (" + landing + ")"), "landing");
  EXPECT_EQ(sql_one(run_.db, "SELECT count(*) FROM reports WHERE document_id IN (" + notice + ") OR document_id IN (" + landing + ")"), "0");
  EXPECT_EQ(sql_one(run_.db, "SELECT count(*) FROM reports r JOIN documents d ON d.id = r.document_id WHERE d.role NOT IN ('report', 'unknown')"),
            "0");
  // The landing page's PDF is the 卫生健康委员会's one 2022 report.
  EXPECT_EQ(sql_one(run_.db, "SELECT group_concat(d.media_type) FROM reports r JOIN documents d ON d.id = r.document_id "
                             "JOIN agencies a ON a.id = r.agency_id WHERE a.name = '演示市卫生健康委员会' AND r.report_year = 2022"),
            "application/pdf");
}

// ---------------------------------------------------------------- the audit

struct FlagRow {
  std::string agency, flag, evidence, source_url;
};

std::vector<FlagRow> flags_csv(const std::string& out_dir) {
  cli::CsvTable table = cli::read_csv_file(out_dir + "/flags.csv");
  EXPECT_EQ(table.header, (std::vector<std::string>{"agency_id", "agency", "region_code", "level", "report_year", "flag",
                                                    "evidence", "source_url"}));
  std::vector<FlagRow> rows;
  for (const cli::CsvRecord& record : table.records) {
    EXPECT_EQ(record.fields.size(), 8u) << "line " << record.line;
    if (record.fields.size() != 8u) continue;
    EXPECT_EQ(record.fields[4], std::to_string(kAuditYear)) << "line " << record.line;
    rows.push_back({record.fields[1], record.fields[5], record.fields[6], record.fields[7]});
  }
  return rows;
}

TEST_F(AuditAcceptance, FlagsAreExactlyTheSevenCasesEachOnce) {
  require_audit();
  std::multiset<std::pair<std::string, std::string>> expected, got;
  for (const ExpectedCase& expected_case : expected_cases())
    if (!expected_case.flag.empty()) expected.insert({expected_case.agency, expected_case.flag});
  ASSERT_EQ(expected.size(), 7u);
  for (const FlagRow& row : flags_csv(run_.out_dir)) got.insert({row.agency, row.flag});
  EXPECT_EQ(got, expected) << "flags.csv of " << run_.out_dir;
  std::set<std::string> kinds;
  for (const auto& [agency, flag] : got) kinds.insert(flag);
  EXPECT_EQ(kinds.size(), 7u) << "one flag of each kind";
}

TEST_F(AuditAcceptance, EachFlagNamesItsSourceAndEvidence) {
  require_audit();
  std::vector<FlagRow> rows = flags_csv(run_.out_dir);
  for (const ExpectedCase& expected : expected_cases()) {
    if (expected.flag.empty()) continue;
    auto found = std::find_if(rows.begin(), rows.end(), [&](const FlagRow& row) {
      return row.agency == expected.agency && row.flag == expected.flag;
    });
    if (found == rows.end()) continue;  // reported by FlagsAreExactlyTheSevenCasesEachOnce
    EXPECT_EQ(found->source_url, url(expected.source)) << expected.agency << " " << expected.flag;
    for (const std::string& term : expected.evidence_terms)
      EXPECT_NE(found->evidence.find(term), std::string::npos)
          << expected.agency << " " << expected.flag << ": the evidence names " << term << ": " << found->evidence;
  }
}

TEST_F(AuditAcceptance, JsonFlagsAreTheCsvFlags) {
  require_audit();
  ASSERT_TRUE(run_.audit_json.is_object()) << run_.audit.out.substr(0, 400);
  std::multiset<std::pair<std::string, std::string>> csv, json;
  for (const FlagRow& row : flags_csv(run_.out_dir)) csv.insert({row.agency, row.flag});
  for (const auto& flag : run_.audit_json.at("flags"))
    json.insert({flag.at("agency").get<std::string>(), flag.at("flag").get<std::string>()});
  EXPECT_EQ(json, csv);
}

// "timeliness|published|date source" of each body, as the audit judged it and as the cases say.
TEST_F(AuditAcceptance, EveryRegisteredBodyValidIn2022IsJudgedAsTheCasesSay) {
  require_audit();
  auto text = [](const nlohmann::json& value) { return value.is_string() ? value.get<std::string>() : std::string(); };
  std::map<std::string, std::string> judged, expected;
  for (const auto& body : run_.audit_json.at("bodies"))
    judged[text(body.at("agency"))] = text(body.at("timeliness")) + "|" + text(body.at("published")) + "|" + text(body.at("published_source"));
  for (const ExpectedCase& expected_case : expected_cases())
    expected[expected_case.agency] = expected_case.timeliness + "|" + expected_case.published + "|" + expected_case.date_source;
  EXPECT_EQ(judged, expected) << "the 卫生和计划生育委员会 (until 2018) is not judged for 2022";
}

TEST_F(AuditAcceptance, TheAuditPageAndTheSourcesItLinksAreWritten) {
  require_audit();
  std::filesystem::path page = std::filesystem::path(run_.out_dir) / "audit.html";
  ASSERT_TRUE(std::filesystem::exists(page));
  std::string html = testing::slurp(page);
  for (const FlagRow& row : flags_csv(run_.out_dir))
    EXPECT_NE(html.find(row.source_url), std::string::npos) << "audit.html links " << row.source_url;
}

// The page of the real audit in headless Chromium: no console errors, one bar per category with the
// counts of flags.csv, every flag row linking its source; a screenshot kept in the build directory.
TEST_F(AuditAcceptance, TheAuditPageOpensInChromium) {
  require_audit();
#ifndef NIANBAO_HAVE_CHROMIUM_SUPPORT
  GTEST_SKIP() << "tests/support/chromium.h (the audit-page helper's Chromium runner) is not in this tree yet";
#else
  namespace chromium = testing::chromium;
  std::optional<std::string> browser = chromium::find_chromium();
  if (!browser) GTEST_SKIP() << chromium::skip_message();
  std::filesystem::path page = std::filesystem::path(run_.out_dir) / "audit.html";
  chromium::Run dom_run = chromium::dump_dom(*browser, page);
  ASSERT_FALSE(dom_run.timed_out) << dom_run.command;
  ASSERT_EQ(dom_run.exit_code, 0) << dom_run.command << "\n" << dom_run.err;
  EXPECT_EQ(chromium::page_problems(dom_run.err), std::vector<std::string>{}) << dom_run.command;

  testing::HtmlDom dom(dom_run.out);
  std::vector<FlagRow> flags = flags_csv(run_.out_dir);
  std::map<std::string, size_t> expected_bars = {{"on_time", 0}, {"late", 0}, {"missing", 0}, {"not_checked", 0}};
  for (const ExpectedCase& expected : expected_cases())
    if (expected.timeliness == "on_time") ++expected_bars["on_time"];
  for (const FlagRow& flag : flags)
    if (expected_bars.count(flag.flag)) ++expected_bars[flag.flag];
  std::map<std::string, size_t> bars;
  for (xmlNode* bar : dom.nodes("//svg//rect[@data-category]")) {
    std::string category = testing::HtmlDom::attribute(bar, "data-category");
    EXPECT_EQ(bars.count(category), 0u) << "one bar for " << category;
    bars[category] = std::stoul(testing::HtmlDom::attribute(bar, "data-count"));
  }
  EXPECT_EQ(bars, expected_bars);

  std::multiset<std::string> linked, expected_links;
  for (const FlagRow& flag : flags) expected_links.insert(flag.source_url);
  for (xmlNode* row : dom.nodes("//tr[@data-flag]")) {
    std::vector<std::string> originals = dom.texts(".//a[contains(@class, 'original-source')]/@href", row);
    EXPECT_EQ(originals.size(), 1u) << "every flag row links its source";
    if (!originals.empty()) linked.insert(originals.front());
    for (const std::string& stored : dom.texts(".//a[contains(@class, 'stored-source')]/@href", row))
      EXPECT_TRUE(std::filesystem::exists(std::filesystem::path(run_.out_dir) / stored)) << stored << " is saved beside the page";
  }
  EXPECT_EQ(linked, expected_links);

  std::filesystem::path png = std::filesystem::current_path() / "audit-acceptance.png";
  chromium::Run shot = chromium::screenshot(*browser, page, png);
  ASSERT_EQ(shot.exit_code, 0) << shot.command << "\n" << shot.err;
  std::optional<chromium::PngSize> size = chromium::png_size(testing::slurp(png));
  ASSERT_TRUE(size.has_value()) << png << " is a PNG";
  EXPECT_EQ(size->width, 1280u);
#endif
}

}  // namespace
}  // namespace nianbao
