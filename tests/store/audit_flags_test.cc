// run_audit on one database that holds a case of every flag, made from real fixture documents
// (renamed, re-dated or edited bytes) plus crawl seeds and fetches: each case is flagged exactly
// once with its evidence, the clean bodies get no flag, and landing pages count as no report; on
// both backends (the crawl's rows are written here with the crawler's SQL made portable, as the
// crawler itself is not yet ported to PostgreSQL).
#include "store/audit.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <ctime>
#include <map>
#include <memory>
#include <set>

#include "common/sha256.h"
#include "extract/extractor.h"
#include "store/agency_registry.h"
#include "store/crawl_state.h"
#include "store/database.h"
#include "store/statement.h"
#include "store/transaction.h"
#include "audit_crawl_rows.h"
#include "store_test_support.h"
#include "tests/support/after_all_tests.h"
#include "tests/support/backend_database.h"

namespace nianbao::store {
namespace {

using store_test::fixture_bytes;
using testing::Backend;
using testing::BackendDatabase;

const std::string kPingtan2019 = "real/pingtan-archive/zfxxgknb/202001/80576_平潭综合实验区2019年度政府信息公开工作年度报告/page.html";
const std::string kPingtan2023 = "real/pingtan-archive/zfxxgknb/202403/87885_平潭综合实验区2023年度政府信息公开工作年度报告/page.html";
const std::string kPingtan2024 = "real/pingtan-archive/zfxxgknb/202503/97791_平潭综合实验区2024年度政府信息公开工作年度报告/page.html";
const std::string kHuaian2024 = "real/govnianbao/huaian-city-2024.pdf";
const std::string kHongze2023 = "real/kirogovcompare/hongze-district-2023.pdf";
const std::string kHongze2024 = "real/kirogovcompare/hongze-district-2024.pdf";
const std::string kDerived2021 = "derived/f2021-pipe.txt";

const std::string kPingtanUrl = "http://127.0.0.1:8080/pingtan/202503/t20250310_2.html";
const std::string kEditedUrl = "http://127.0.0.1:8080/edit/202503/t20250310_5.html";
const std::string kMissingSeed = "http://127.0.0.1:8080/missing/ndbg/index.html";
const std::string kChallengedSeed = "http://127.0.0.1:8080/challenged/ndbg/index.html";
const std::string kEarlySeed = "http://127.0.0.1:8080/early/ndbg/index.html";
const std::string kRobotsSeed = "http://127.0.0.1:8080/robots/ndbg/index.html";
const std::string kFuqingSeed = "http://127.0.0.1:8080/fuqing/ndbg/index.html";
const std::string kHongzeLanding = "http://127.0.0.1:8080/hongze/art/2025/1/18/art_1_2.html";
const std::string kHongzePdf = "http://127.0.0.1:8080/hongze/download/2024.pdf";

std::string replace_all(std::string text, const std::string& from, const std::string& to) {
  for (size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) text.replace(at, from.size(), to);
  return text;
}

std::string replace_once(std::string text, const std::string& from, const std::string& to) {
  size_t at = text.find(from);
  if (at == std::string::npos || text.find(from, at + 1) != std::string::npos)
    throw std::runtime_error("'" + from + "' is not in the fixture exactly once");
  return text.replace(at, from.size(), to);
}

double gold_cell(const std::string& relative, const std::string& key) {
  std::string gold = relative.substr(0, relative.rfind('/')) + "/page.expected.json";
  nlohmann::json parsed = nlohmann::json::parse(fixture_bytes(gold));
  return parsed.at("cells").at(key).get<double>();
}

AgencyRow agency(const std::string& name, const std::string& region_code, const std::string& level,
                 std::vector<std::string> aliases = {}, const std::string& until = "") {
  return {"audit-test", name, region_code, level, "", "", until, std::move(aliases), {}};
}

// The database every test of this file audits (built once: ingesting PDFs takes a while).
class AuditedDatabase {
 public:
  explicit AuditedDatabase(Backend backend) : backend_(backend), path_(backend_.target()) {
    Database database(path_);
    register_bodies(database.handle());
    ingest_reports(database);
    record_crawl();
  }
  const std::string& path() const { return path_; }
  std::string edited_v1_sha, edited_v2_sha;

 private:
  void register_bodies(Session& db) {
    Transaction transaction(db, "registering the test's bodies");
    import_agencies(db, {
                            agency("平潭综合实验区", "350128", "county", {"平潭综合实验区管委会"}),
                            agency("淮安市人民政府", "320800", "city"),
                            agency("淮安市洪泽区人民政府", "320813", "county", {"洪泽区人民政府"}),
                            agency("抚顺市生态环境局", "210400", "department"),
                            agency("闽清县人民政府", "990101", "county"),
                            agency("罗源县人民政府", "990102", "county"),
                            agency("连江县人民政府", "990103", "county"),
                            agency("闽侯县人民政府", "990104", "county"),
                            agency("福清市人民政府", "990105", "county"),
                            agency("马尾区人民政府", "990106", "county"),
                            agency("测试缺失局", "990201", "department"),
                            agency("测试挑战局", "990202", "department", {"市挑战局"}),
                            agency("测试早爬局", "990203", "department"),
                            agency("测试无栏目局", "990204", "department"),
                            agency("永泰县人民政府", "990205", "county"),
                            agency("测试禁爬局", "990207", "department"),
                            agency("已撤销测试局", "990206", "department", {}, "2022"),
                        });
    transaction.commit();
  }

  void ingest(Database& database, const std::string& bytes, const std::string& origin) {
    database.ingest(bytes, origin, extract_document({bytes, origin, ""}));
  }

  void ingest_reports(Database& database) {
    // Clean: 平潭 2023 and 2024 as published; 洪泽区 2023 and 2024 (an alias in 2023).
    ingest(database, fixture_bytes(kPingtan2023), "http://127.0.0.1:8080/pingtan/202403/t20240308_1.html");
    ingest(database, fixture_bytes(kPingtan2024), kPingtanUrl);
    // Fetched again with page furniture changed (a visit counter): the same report, no edit.
    ingest(database, fixture_bytes(kPingtan2024) + "<!-- visits: 1024 -->", kPingtanUrl);
    ingest(database, fixture_bytes(kHongze2023), "http://127.0.0.1:8080/hongze/art/2024/1/20/art_1_1.pdf");
    ingest(database, fixture_bytes(kHongze2024), "http://127.0.0.1:8080/hongze/art/2025/1/20/art_1_2.pdf");
    // Late: 淮安市's 2024 report dated by its URL, 2025-04-15 (government deadline 2025-03-31).
    ingest(database, fixture_bytes(kHuaian2024), "http://127.0.0.1:8080/huaian/202504/t20250415_3.pdf");
    // Old format: 平潭's 2019 report (the 2019 layout) renamed and re-dated as a 2024 report.
    ingest(database, replace_all(replace_all(fixture_bytes(kPingtan2019), "平潭综合实验区", "闽清县人民政府"), "2019年", "2024年"),
           "http://127.0.0.1:8080/old/202001/t20200120_4.html");
    // Inconsistent: the derived 2021 report (its own arithmetic broken) as a 2024 report.
    ingest(database, replace_all(fixture_bytes(kDerived2021), "2021年", "2024年"), "http://127.0.0.1:8080/fushun/202501/t20250115_5.txt");
    // Copy: 平潭's 2023 report renamed, then the same bytes with the year changed as 2024.
    std::string copied_2023 = replace_all(fixture_bytes(kPingtan2023), "平潭综合实验区", "罗源县人民政府");
    ingest(database, copied_2023, "http://127.0.0.1:8080/copy/202403/t20240308_6.html");
    ingest(database, replace_all(copied_2023, "2023年", "2024年"), "http://127.0.0.1:8080/copy/202503/t20250308_7.html");
    // Copied prose: the same, but one number of the tables changed (行政处罚 1330 → 1331).
    std::string prose_2023 = replace_all(fixture_bytes(kPingtan2023), "平潭综合实验区", "闽侯县人民政府");
    ingest(database, prose_2023, "http://127.0.0.1:8080/prose/202403/t20240308_9.html");
    ingest(database, replace_once(replace_all(prose_2023, "2023年", "2024年"), ">1330<", ">1331<"),
           "http://127.0.0.1:8080/prose/202503/t20250308_10.html");
    // A section missing: 平潭's 2024 report renamed, its heading 其他需要报告的事项 gone.
    ingest(database,
           replace_all(replace_all(fixture_bytes(kPingtan2024), "平潭综合实验区", "马尾区人民政府"), "其他需要报告的事项", "其他"),
           "http://127.0.0.1:8080/mawei/202503/t20250310_11.html");
    // Found through reports.seed_agency: 福清市 has a 2023 report crawled under its column's name.
    std::string fuqing_2023 = replace_all(fixture_bytes(kPingtan2023), "平潭综合实验区", "福清市人民政府");
    database.ingest(fuqing_2023, "http://127.0.0.1:8080/fuqing/202403/t20240308_12.html",
                    extract_document({fuqing_2023, "fuqing", ""}), {"福清市政务公开年报栏目", "990105", "county"});
    // Edited: 平潭's 2024 report renamed; a second version with 行政处罚 1100 → 1200.
    std::string version_1 = replace_all(fixture_bytes(kPingtan2024), "平潭综合实验区", "连江县人民政府");
    std::string version_2 = replace_once(version_1, ">1100<", ">1200<");
    ingest(database, version_1, kEditedUrl);
    ingest(database, version_2, kEditedUrl);
    edited_v1_sha = sha256_hex(version_1);
    edited_v2_sha = sha256_hex(version_2);
    // A landing page is no report: 平潭's 2024 page renamed, stored, then given the landing role.
    std::string landing = replace_all(fixture_bytes(kPingtan2024), "平潭综合实验区", "永泰县人民政府");
    ingest(database, landing, "http://127.0.0.1:8080/landing/202503/t20250310_8.html");
    execute(database.handle(), "UPDATE documents SET role = 'landing' WHERE sha256 = '" + sha256_hex(landing) + "'", "test setup");
  }

  void record(CrawlRows& crawl, const std::string& url, const std::string& sha256, const std::string& outcome,
              int64_t status, const std::string& fetched_at, const std::string& error, const std::string& kind) {
    crawl.record_fetch(crawl.add_url(url, kind, 0), url, sha256, outcome, status, fetched_at, error);
  }

  // 洪泽区's 2024 PDF was linked from a landing page dated 2025-01-18 (meta): that date comes
  // before the one in the PDF's stored URL.
  void record_landing_page(CrawlRows& crawl) {
    std::string landing = "<html><head><meta name=\"PubDate\" content=\"2025-01-18\"></head><body>"
                          "<a href=\"/hongze/download/2024.pdf\">淮安市洪泽区2024年政府信息公开工作年度报告</a></body></html>";
    std::string landing_sha = sha256_hex(landing);
    int64_t landing_id = crawl.add_url(kHongzeLanding, "report", 0);
    crawl.store_body(landing_id, kHongzeLanding, landing);
    execute(crawl.db(),
            "UPDATE documents SET role = 'landing', published = '2025-01-18', published_source = 'meta' "
            "WHERE sha256 = '" + landing_sha + "'",
            "test setup");
    crawl.record_fetch(crawl.add_url(kHongzePdf, "attachment", landing_id), kHongzePdf,
                       sha256_hex(fixture_bytes(kHongze2024)), "ok", 200, now_utc(), "");
  }

  // Now, as the crawler stamps a fetch: 2026-01-31T08:00:00.000Z.
  static std::string now_utc() {
    std::time_t now = std::time(nullptr);
    std::tm parts{};
    gmtime_r(&now, &parts);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%S.000Z", &parts);
    return text;
  }

  void record_crawl() {
    CrawlRows crawl(path_);
    crawl.add_seed("测试缺失局", "990201", "department", kMissingSeed);
    crawl.add_seed("市挑战局", "990202", "department", kChallengedSeed);  // named by its alias
    crawl.add_seed("测试禁爬局", "990207", "department", kRobotsSeed);
    crawl.add_seed("福清市政务公开年报栏目", "990105", "county", kFuqingSeed);
    crawl.add_seed("测试早爬局", "990203", "department", kEarlySeed);
    std::string list_sha = sha256_hex("a list page");
    record(crawl, kMissingSeed, list_sha, "ok", 200, "2025-02-10T08:00:00.000Z", "", "seed");
    record(crawl, kChallengedSeed, list_sha, "ok", 200, "2024-12-01T08:00:00.000Z", "", "seed");
    record(crawl, kChallengedSeed, "", "challenge:js", 403, "2025-02-10T08:00:00.000Z", "a JavaScript challenge page", "seed");
    record(crawl, kEarlySeed, list_sha, "ok", 200, "2025-01-20T08:00:00.000Z", "", "seed");
    record(crawl, kFuqingSeed, list_sha, "ok", 200, "2025-04-10T08:00:00.000Z", "", "seed");
    crawl.set_state(crawl.add_url(kRobotsSeed, "seed", 0), "robots_denied",
                    "robots.txt of http://127.0.0.1:8080 disallows it");
    record_landing_page(crawl);
    std::string pingtan = fixture_bytes(kPingtan2024);
    record(crawl, kPingtanUrl, sha256_hex(pingtan), "ok", 200, "2025-03-10T08:00:00.000Z", "", "report");
    record(crawl, kPingtanUrl, sha256_hex(pingtan + "<!-- visits: 1024 -->"), "ok", 200, "2025-05-01T08:00:00.000Z", "", "report");
    record(crawl, kEditedUrl, edited_v1_sha, "ok", 200, "2025-03-10T08:00:00.000Z", "", "report");
    record(crawl, kEditedUrl, edited_v2_sha, "ok", 200, "2025-04-02T08:00:00.000Z", "", "report");
  }

  BackendDatabase backend_;
  std::string path_;
};

// One audited database per backend and its audit, built by the first test that needs it (ingesting
// PDFs takes a while) and destroyed after the last test.
struct AuditedBackend {
  std::unique_ptr<AuditedDatabase> database;
  std::unique_ptr<AuditResult> result;
};

AuditedBackend& audited(Backend backend) {
  // Emptied after the last test, while the test server still runs (its databases dropped, the SQLite
  // directories removed); the map itself stays reachable.
  static auto& built = *new std::map<Backend, AuditedBackend>;
  static const bool cleaned_up_after_all_tests = (testing::after_all_tests([] { built.clear(); }), true);
  (void)cleaned_up_after_all_tests;
  AuditedBackend& audited = built[backend];
  if (!audited.database) {
    audited.database = std::make_unique<AuditedDatabase>(backend);
    Connection connection(audited.database->path(), OpenMode::read_only);
    audited.result = std::make_unique<AuditResult>(run_audit(connection, {2024, ""}));
  }
  return audited;
}

// The tests read the audit of their backend through database_ and result_.
class AuditFlags : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    NIANBAO_REQUIRE_BACKEND(GetParam());
    database_ = audited(GetParam()).database.get();
    result_ = audited(GetParam()).result.get();
  }

  static const AuditedBody& body(const std::string& name) {
    for (const AuditedBody& body : result_->bodies) {
      if (body.agency == name) return body;
    }
    throw std::runtime_error("no audited body " + name);
  }
  static std::vector<const AuditFlag*> flags_of(const std::string& name) {
    std::vector<const AuditFlag*> flags;
    for (const AuditFlag& flag : result_->flags) {
      if (flag.agency == name) flags.push_back(&flag);
    }
    return flags;
  }
  static const AuditFlag& only_flag(const std::string& name, AuditFlagKind kind) {
    std::vector<const AuditFlag*> flags = flags_of(name);
    if (flags.size() != 1 || flags.front()->flag != kind)
      throw std::runtime_error(name + ": expected exactly one " + to_string(kind) + " flag, got " + std::to_string(flags.size()));
    return *flags.front();
  }

  static AuditedDatabase* database_;
  static AuditResult* result_;
};

AuditedDatabase* AuditFlags::database_ = nullptr;
AuditResult* AuditFlags::result_ = nullptr;

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

TEST_P(AuditFlags, EveryCaseIsFlaggedOnceAndNothingElse) {
  std::multiset<std::pair<std::string, std::string>> flagged;
  for (const AuditFlag& flag : result_->flags) flagged.insert({flag.agency, to_string(flag.flag)});
  std::multiset<std::pair<std::string, std::string>> expected = {
      {"淮安市人民政府", "late"},           {"闽清县人民政府", "wrong_format"},
      {"抚顺市生态环境局", "inconsistent"}, {"罗源县人民政府", "copy_paste"}, {"闽侯县人民政府", "copy_paste"},
      {"连江县人民政府", "edited_after_publication"}, {"测试缺失局", "missing"},
      {"测试挑战局", "not_checked"},        {"测试禁爬局", "not_checked"},
      {"马尾区人民政府", "wrong_format"},   {"福清市人民政府", "missing"},        {"测试早爬局", "not_checked"},
      {"测试无栏目局", "not_checked"},      {"永泰县人民政府", "not_checked"},
  };
  EXPECT_EQ(flagged, expected);
  for (const AuditFlag& flag : result_->flags) EXPECT_EQ(flag.report_year, 2024) << flag.agency;
}

TEST_P(AuditFlags, BodiesAreTheOnesValidInTheYearOrderedByRegion) {
  std::vector<std::string> names;
  for (const AuditedBody& body : result_->bodies) names.push_back(body.agency);
  EXPECT_EQ(names, (std::vector<std::string>{"抚顺市生态环境局", "淮安市人民政府", "淮安市洪泽区人民政府", "平潭综合实验区",
                                             "闽清县人民政府", "罗源县人民政府", "连江县人民政府", "闽侯县人民政府", "福清市人民政府",
                                             "马尾区人民政府", "测试缺失局", "测试挑战局", "测试早爬局", "测试无栏目局",
                                             "永泰县人民政府", "测试禁爬局"}))
      << "已撤销测试局 (until 2022) is not audited for 2024";
  std::vector<std::string> regions;
  for (const AuditFlag& flag : result_->flags) regions.push_back(flag.region_code);
  EXPECT_TRUE(std::is_sorted(regions.begin(), regions.end()));
}

TEST_P(AuditFlags, CleanBodiesAreOnTimeWithTheirDateAndRequests) {
  const AuditedBody& pingtan = body("平潭综合实验区");
  EXPECT_EQ(pingtan.timeliness, Timeliness::on_time);
  EXPECT_EQ(pingtan.published, "2025-03-10") << "the date the page carries";
  EXPECT_TRUE(pingtan.published_source == "meta" || pingtan.published_source == "printed" || pingtan.published_source == "page")
      << pingtan.published_source;
  EXPECT_EQ(pingtan.deadline, "2025-03-31") << "a region's aggregate report";
  EXPECT_EQ(pingtan.source_url, "http://127.0.0.1:8080/pingtan/202503/t20250310_2.html");
  ASSERT_EQ(pingtan.requests_by_year.size(), 2u);
  EXPECT_EQ(pingtan.requests_by_year[0].first, 2023);
  EXPECT_EQ(pingtan.requests_by_year[0].second, gold_cell(kPingtan2023, "t3.new_received.total"));
  EXPECT_EQ(pingtan.requests_by_year[1].first, 2024);
  EXPECT_EQ(pingtan.requests_by_year[1].second, gold_cell(kPingtan2024, "t3.new_received.total"));
  EXPECT_TRUE(flags_of("平潭综合实验区").empty())
      << "consecutive real reports are not copies; a second fetch that changed only page furniture is no edit";

  const AuditedBody& hongze = body("淮安市洪泽区人民政府");
  EXPECT_EQ(hongze.timeliness, Timeliness::on_time);
  EXPECT_EQ(hongze.published, "2025-01-18");
  EXPECT_EQ(hongze.published_source, "landing meta") << "a PDF carries no date: its landing page's is used before its URL's";
  EXPECT_EQ(hongze.requests_by_year.size(), 2u) << "2023 printed the alias 洪泽区人民政府";
  EXPECT_TRUE(flags_of("淮安市洪泽区人民政府").empty());
}

TEST_P(AuditFlags, LateNamesTheDateItsSourceTheDeadlineAndTheDaysLate) {
  const AuditFlag& late = only_flag("淮安市人民政府", AuditFlagKind::late);
  EXPECT_EQ(late.evidence,
            "published 2025-04-15 (source: url, http://127.0.0.1:8080/huaian/202504/t20250415_3.pdf); deadline "
            "2025-03-31 (a government's report); 15 days late");
  EXPECT_EQ(late.source_url, "http://127.0.0.1:8080/huaian/202504/t20250415_3.pdf");
  EXPECT_EQ(late.source_media_type, "application/pdf");
  EXPECT_EQ(late.source_sha256, sha256_hex(fixture_bytes(kHuaian2024)));
  ASSERT_TRUE(late.report_id.has_value());
  const AuditedBody& huaian = body("淮安市人民政府");
  EXPECT_EQ(huaian.timeliness, Timeliness::late);
  EXPECT_EQ(huaian.report_id, late.report_id);
  EXPECT_EQ(huaian.published_source, "url");
}

TEST_P(AuditFlags, TheOldLayoutIsTheWrongFormat) {
  const AuditFlag& format = only_flag("闽清县人民政府", AuditFlagKind::wrong_format);
  EXPECT_EQ(format.evidence, "format f2019 where a 2024 report must use f2021");
  EXPECT_EQ(body("闽清县人民政府").timeliness, Timeliness::on_time) << "dated 2020-01-20, long before the deadline";
}

TEST_P(AuditFlags, AMissingSectionIsTheWrongFormat) {
  EXPECT_EQ(only_flag("马尾区人民政府", AuditFlagKind::wrong_format).evidence, "section missing: 其他需要报告的事项");
}

TEST_P(AuditFlags, InconsistentListsTheReportsOwnErrorFindings) {
  const AuditFlag& inconsistent = only_flag("抚顺市生态环境局", AuditFlagKind::inconsistent);
  std::string errors = testing::backend_one(database_->path(),
                                  "SELECT count(*) FROM findings f JOIN reports r ON r.id = f.report_id "
                                  "WHERE r.agency = '抚顺市生态环境局' AND f.severity = 'error' AND f.origin = 'extract'");
  EXPECT_TRUE(contains(inconsistent.evidence, errors + " error findings of the report's own arithmetic: ")) << inconsistent.evidence;
  for (const std::string rule : {"T3-2 ", "T3-3 ", "T4-1 "}) EXPECT_TRUE(contains(inconsistent.evidence, rule)) << rule;
  EXPECT_TRUE(contains(inconsistent.evidence, "expected ")) << inconsistent.evidence;
  EXPECT_EQ(body("抚顺市生态环境局").deadline, "2025-01-31") << "a department's report";
  EXPECT_EQ(body("抚顺市生态环境局").timeliness, Timeliness::on_time);
}

TEST_P(AuditFlags, ACopyOfLastYearsTablesIsCopyPaste) {
  const AuditFlag& copy = only_flag("罗源县人民政府", AuditFlagKind::copy_paste);
  std::string cells = testing::backend_one(database_->path(),
                                 "SELECT count(*) FROM cells c JOIN reports r ON r.id = c.report_id "
                                 "WHERE r.agency = '罗源县人民政府' AND r.report_year = 2024");
  EXPECT_EQ(copy.evidence, "all " + cells + " cells equal to the 2023 report (http://127.0.0.1:8080/copy/202403/t20240308_6.html)");
  EXPECT_EQ(copy.source_url, "http://127.0.0.1:8080/copy/202503/t20250308_7.html");
}

TEST_P(AuditFlags, CopiedProseIsCopyPasteWithItsScoreAndThreshold) {
  const AuditFlag& copy = only_flag("闽侯县人民政府", AuditFlagKind::copy_paste);
  EXPECT_EQ(copy.evidence,
            "narrative nearly identical to the 2023 report (http://127.0.0.1:8080/prose/202403/t20240308_9.html): "
            "similarity 1.00 >= threshold 0.80 (Jaccard of character 5-shingles, text without table rows and digits)");
}

TEST_P(AuditFlags, AnEditedPageIsFlaggedOnceWithBothVersionsAndTheChangedCell) {
  const AuditFlag& edited = only_flag("连江县人民政府", AuditFlagKind::edited_after_publication);
  EXPECT_EQ(edited.evidence, kEditedUrl + " changed after publication: sha256 " + database_->edited_v1_sha.substr(0, 12) +
                                 " fetched 2025-03-10, then sha256 " + database_->edited_v2_sha.substr(0, 12) +
                                 " fetched 2025-04-02; cells differ: t2.penalty.decisions: 1100 → 1200");
  EXPECT_EQ(edited.source_url, kEditedUrl);
  EXPECT_EQ(edited.source_sha256, database_->edited_v1_sha) << "the body is judged on the first version";
  const AuditedBody& body_edited = body("连江县人民政府");
  EXPECT_EQ(body_edited.timeliness, Timeliness::on_time);
  EXPECT_EQ(body_edited.report_id, edited.report_id);
}

TEST_P(AuditFlags, MissingNeedsAColumnCrawledAfterTheDeadline) {
  const AuditFlag& missing = only_flag("测试缺失局", AuditFlagKind::missing);
  EXPECT_EQ(missing.evidence, "no report for 2024 found; column " + kMissingSeed +
                                  " crawled successfully on 2025-02-10 (ok (HTTP 200)), after the deadline 2025-01-31");
  EXPECT_EQ(missing.source_url, kMissingSeed);
  EXPECT_EQ(body("测试缺失局").timeliness, Timeliness::missing);
  EXPECT_FALSE(body("测试缺失局").report_id.has_value());
}

TEST_P(AuditFlags, TheSeedOfABodysEarlierReportsIsItsColumn) {
  EXPECT_EQ(only_flag("福清市人民政府", AuditFlagKind::missing).evidence,
            "no report for 2024 found; column " + kFuqingSeed +
                " crawled successfully on 2025-04-10 (ok (HTTP 200)), after the deadline 2025-03-31");
  EXPECT_EQ(body("福清市人民政府").deadline, "2025-03-31") << "a 人民政府";
}

TEST_P(AuditFlags, NotCheckedSaysWhyTheColumnProvesNothing) {
  const AuditFlag& challenged = only_flag("测试挑战局", AuditFlagKind::not_checked);
  EXPECT_EQ(challenged.evidence, "no report for 2024 found, but the column could not be checked: column " + kChallengedSeed +
                                     ": last fetch on 2025-02-10 failed: challenge:js (HTTP 403): a JavaScript challenge "
                                     "page; last crawled successfully on 2024-12-01, before the deadline 2025-01-31");
  EXPECT_EQ(challenged.source_url, kChallengedSeed);
  const AuditFlag& early = only_flag("测试早爬局", AuditFlagKind::not_checked);
  EXPECT_EQ(early.evidence, "no report for 2024 found, but the column could not be checked: column " + kEarlySeed +
                                ": last crawled on 2025-01-20, before the deadline 2025-01-31");
  EXPECT_EQ(only_flag("测试禁爬局", AuditFlagKind::not_checked).evidence,
            "no report for 2024 found, but the column could not be checked: column " + kRobotsSeed +
                ": not fetched, robots.txt of http://127.0.0.1:8080 disallows it");
  const AuditFlag& unseeded = only_flag("测试无栏目局", AuditFlagKind::not_checked);
  EXPECT_EQ(unseeded.evidence, "no crawl seed names this body: its column was never crawled");
  EXPECT_EQ(unseeded.source_url, "");
  for (const std::string name : {"测试挑战局", "测试早爬局", "测试无栏目局"}) {
    EXPECT_EQ(body(name).timeliness, Timeliness::not_checked) << name;
  }
}

TEST_P(AuditFlags, ALandingPageIsNoReport) {
  const AuditedBody& landing = body("永泰县人民政府");
  EXPECT_FALSE(landing.report_id.has_value());
  EXPECT_EQ(landing.timeliness, Timeliness::not_checked);
  EXPECT_EQ(only_flag("永泰县人民政府", AuditFlagKind::not_checked).evidence,
            "no crawl seed names this body: its column was never crawled");
}

TEST_P(AuditFlags, ARegionPrefixAuditsOnlyItsBodiesAndProgressCountsThem) {
  Connection connection(database_->path(), OpenMode::read_only);
  std::vector<std::pair<size_t, size_t>> calls;
  AuditResult jiangsu = run_audit(connection, {2024, "3208"}, [&](size_t done, size_t total) { calls.emplace_back(done, total); });
  ASSERT_EQ(jiangsu.bodies.size(), 2u);
  EXPECT_EQ(jiangsu.bodies[0].agency, "淮安市人民政府");
  EXPECT_EQ(jiangsu.bodies[1].agency, "淮安市洪泽区人民政府");
  ASSERT_EQ(jiangsu.flags.size(), 1u);
  EXPECT_EQ(jiangsu.flags[0].flag, AuditFlagKind::late);
  EXPECT_EQ(calls, (std::vector<std::pair<size_t, size_t>>{{0, 2}, {1, 2}, {2, 2}}));
}

// Every field of an audit, one line per body and per flag, for comparing two audits whole.
std::string audit_text(const AuditResult& audit) {
  auto optional_id = [](const std::optional<int64_t>& id) { return id ? std::to_string(*id) : std::string("none"); };
  std::string text;
  for (const AuditedBody& body : audit.bodies) {
    text += "body " + std::to_string(body.agency_id) + " " + body.agency + " " + body.region_code + " " + body.level + " " +
            to_string(body.timeliness) + " " + optional_id(body.report_id) + " " + body.source_url + " " +
            body.published.value_or("none") + " " + body.published_source + " " + body.deadline;
    for (const auto& [year, requests] : body.requests_by_year) {
      text += " " + std::to_string(year) + "=" + (requests ? std::to_string(*requests) : std::string("none"));
    }
    text += "\n";
  }
  for (const AuditFlag& flag : audit.flags) {
    text += "flag " + std::to_string(flag.agency_id) + " " + flag.agency + " " + flag.region_code + " " + flag.level + " " +
            std::to_string(flag.report_year) + " " + to_string(flag.flag) + " " + optional_id(flag.report_id) + " " +
            flag.source_url + " " + flag.source_sha256 + " " + flag.source_media_type + " " + flag.evidence + "\n";
  }
  return text;
}

// The same rows on both backends give the same audit, every field of every body and flag.
TEST(AuditBackends, PostgreSqlGivesTheAuditSqliteGives) {
  NIANBAO_REQUIRE_BACKEND(Backend::postgresql);
  std::string from_sqlite = audit_text(*audited(Backend::sqlite).result);
  ASSERT_NE(from_sqlite.find("flag "), std::string::npos);
  EXPECT_EQ(audit_text(*audited(Backend::postgresql).result), from_sqlite);
}

INSTANTIATE_TEST_SUITE_P(Backends, AuditFlags, NIANBAO_BOTH_BACKENDS);

}  // namespace
}  // namespace nianbao::store
