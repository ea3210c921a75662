// `nianbao audit` through the real binary: a database built here from real fixtures (three 2021
// reports ingested, the demo registry imported), audited for 2021 — table, --json, flags.csv,
// audit.html with its saved sources, --region, and the exit status of bad input; on both backends
// (--db an SQLite file or a postgresql:// URI), and the same output from both, byte for byte.
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <memory>
#include <regex>
#include <set>

#include "cli/csv_reader.h"
#include "cli/progress_line.h"
#include "tests/support/after_all_tests.h"
#include "tests/support/backend_database.h"
#include "tests/support/cli_runner.h"

namespace nianbao {
namespace {

using testing::Backend;
using testing::BackendDatabase;
using testing::CliWorkspace;
using testing::slurp;

const std::string kFixtures = NIANBAO_FIXTURES_DIR;
const std::string kRegistry = kFixtures + "/agencies/demo-registry.csv";

// The 2021 reports ingested, with the body each belongs to (department reports print no date, so
// their publication date is when nianbao first saw them: after the deadline).
struct IngestedReport {
  std::string path, agency, region_code, level;
};
const std::vector<IngestedReport> kReports2021 = {
    {kFixtures + "/seed/fushun-amr-2021.txt", "抚顺市市场监督管理局", "210400", "department"},
    {kFixtures + "/derived/f2021-pipe.txt", "抚顺市生态环境局", "210400", "department"},
    {kFixtures + "/real/pingtan-archive/zfxxgknb/202202/80613_平潭综合实验区2021年度政府信息公开工作年度报告/page.txt",
     "平潭综合实验区", "350128", "county"},
};

// Built once per backend, lazily, so that a failure fails each test instead of skipping them. The
// same commands on either backend, so both hold the same reports and registry.
struct AuditedDatabase {
  explicit AuditedDatabase(Backend backend) : database(backend), db(database.target()) {}
  BackendDatabase database;
  CliWorkspace work;
  std::string db, error;
};

const AuditedDatabase& audited(Backend backend) {
  // Emptied after the last test, while the test server still runs (its databases dropped, the SQLite
  // directories removed); the map itself stays reachable.
  static auto& built = *new std::map<Backend, std::unique_ptr<AuditedDatabase>>;
  static const bool cleaned_up_after_all_tests = (testing::after_all_tests([] { built.clear(); }), true);
  (void)cleaned_up_after_all_tests;
  std::unique_ptr<AuditedDatabase>& audited = built[backend];
  if (audited) return *audited;
  audited = std::make_unique<AuditedDatabase>(backend);
  auto import = audited->work.run({"agencies", "import", "--db", audited->db, kRegistry});
  if (import.exit_code != 0) audited->error += "agencies import failed: " + import.err;
  for (const IngestedReport& report : kReports2021) {
    auto ingest = audited->work.run({"ingest", "--db", audited->db, "--agency", report.agency, "--region-code",
                                     report.region_code, "--level", report.level, report.path});
    if (ingest.exit_code != 0) audited->error += "ingest of " + report.path + " failed: " + ingest.err;
  }
  return *audited;
}

class AuditCommand : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    NIANBAO_REQUIRE_BACKEND(GetParam());
    db_ = audited(GetParam()).db;
    ASSERT_EQ(audited(GetParam()).error, "");
  }

  // `nianbao audit --db D --year 2021 ARGS… --json`, parsed.
  nlohmann::json audit_json(const std::vector<std::string>& extra = {}) {
    std::vector<std::string> args = {"audit", "--db", db_, "--year", "2021", "--json"};
    args.insert(args.end(), extra.begin(), extra.end());
    auto run = work_.run(args);
    EXPECT_EQ(run.exit_code, 0) << run.err;
    return nlohmann::json::parse(run.out);
  }

  std::string db_;
  CliWorkspace work_;
};

std::string field_text(const nlohmann::json& value) {
  return value.is_string() ? value.get<std::string>() : value.dump();
}

std::multiset<std::string> flag_kinds(const nlohmann::json& flags) {
  std::multiset<std::string> kinds;
  for (const auto& flag : flags) kinds.insert(flag["flag"].get<std::string>());
  return kinds;
}

// Every href="sources/…" of the page.
std::vector<std::string> source_hrefs(const std::string& html) {
  static const std::regex kHref(R"re(href="(sources/[^"]+)")re");
  std::vector<std::string> hrefs;
  for (std::sregex_iterator it(html.begin(), html.end(), kHref), end; it != end; ++it) hrefs.push_back((*it)[1].str());
  return hrefs;
}

TEST_P(AuditCommand, JsonHasTheQueryEveryRegisteredBodyAndALateAndAnUncheckedOne) {
  nlohmann::json audit = audit_json();
  EXPECT_EQ(audit["query"]["report_year"], 2021);
  std::set<std::string> bodies;
  for (const auto& body : audit["bodies"]) bodies.insert(body["agency"].get<std::string>());
  for (const IngestedReport& report : kReports2021) EXPECT_TRUE(bodies.count(report.agency)) << report.agency;
  EXPECT_TRUE(bodies.count("抚顺市自然资源局"));
  std::multiset<std::string> kinds = flag_kinds(audit["flags"]);
  EXPECT_GE(kinds.count("late"), 1u);
  EXPECT_GE(kinds.count("not_checked") + kinds.count("missing"), 1u);
  // The body registered but never reported nor crawled is not checked, never on time or late.
  for (const auto& body : audit["bodies"]) {
    if (body["agency"] == "抚顺市自然资源局") {
      EXPECT_TRUE(body["timeliness"] == "not_checked" || body["timeliness"] == "missing") << body.dump();
      EXPECT_TRUE(body["report_id"].is_null());
    }
  }
  // Each late flag is one of the reports ingested above, with the report's source.
  std::set<std::string> ingested_agencies;
  for (const IngestedReport& report : kReports2021) ingested_agencies.insert(report.agency);
  for (const auto& flag : audit["flags"]) {
    if (flag["flag"] != "late") continue;
    EXPECT_TRUE(ingested_agencies.count(flag["agency"].get<std::string>())) << flag.dump();
    EXPECT_FALSE(flag["report_id"].is_null()) << flag.dump();
    EXPECT_EQ(flag["report_year"], 2021);
  }
}

TEST_P(AuditCommand, FlagsCsvHasTheExactHeaderAndOneRowPerJsonFlag) {
  std::string out = work_.file("out");
  auto run = work_.run({"audit", "--db", db_, "--year", "2021", "--out", out});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  std::string csv_text = slurp(out + "/flags.csv");
  ASSERT_EQ(csv_text.substr(0, 3), "\xEF\xBB\xBF") << "flags.csv starts with a UTF-8 BOM";
  cli::CsvTable csv = cli::parse_csv(csv_text, "flags.csv");
  EXPECT_EQ(csv.header, (std::vector<std::string>{"agency_id", "agency", "region_code", "level", "report_year", "flag",
                                                  "evidence", "source_url"}));
  nlohmann::json flags = audit_json()["flags"];
  ASSERT_EQ(csv.records.size(), flags.size());
  ASSERT_FALSE(flags.empty());
  for (size_t index = 0; index < flags.size(); ++index) {
    std::vector<std::string> from_json;
    for (const std::string& column : csv.header) from_json.push_back(field_text(flags[index][column]));
    EXPECT_EQ(csv.records[index].fields, from_json) << "row " << index + 1;
  }
  // The table printed beside the files counts the same bodies and flags.
  EXPECT_NE(run.out.find(std::to_string(flags.size()) + " flags"), std::string::npos) << run.out;
}

TEST_P(AuditCommand, SummaryTableTotalsMatchTheJson) {
  auto run = work_.run({"audit", "--db", db_, "--year", "2021"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  nlohmann::json audit = audit_json();
  const nlohmann::json& total = audit["summary"]["total"];
  EXPECT_EQ(total["bodies"], audit["bodies"].size());
  std::map<std::string, int> timeliness;
  for (const auto& body : audit["bodies"]) ++timeliness[body["timeliness"].get<std::string>()];
  for (const char* state : {"on_time", "late", "missing", "not_checked"}) {
    EXPECT_EQ(total["timeliness"][state], timeliness[state]) << state;
  }
  std::multiset<std::string> kinds = flag_kinds(audit["flags"]);
  for (const auto& [kind, count] : total["flags"].items()) EXPECT_EQ(count, kinds.count(kind)) << kind;
  // The total line: "total", the bodies, then on time, late, missing, not checked.
  std::string expected_total = "total\\s+" + std::to_string(audit["bodies"].size()) + "\\s+" +
                               std::to_string(timeliness["on_time"]) + "\\s+" + std::to_string(timeliness["late"]) +
                               "\\s+" + std::to_string(timeliness["missing"]) + "\\s+" +
                               std::to_string(timeliness["not_checked"]) + "\\b";
  EXPECT_TRUE(std::regex_search(run.out, std::regex(expected_total))) << run.out;
  EXPECT_NE(run.out.find("210400 department"), std::string::npos) << run.out;
  EXPECT_EQ(run.err, "") << "no progress bar when stderr is not a terminal";
}

TEST_P(AuditCommand, PageLinksTheSavedSourcesWhichHoldTheStoredBytes) {
  std::string out = work_.file("out");
  ASSERT_EQ(work_.run({"audit", "--db", db_, "--year", "2021", "--out", out}).exit_code, 0);
  std::string html = slurp(out + "/audit.html");
  ASSERT_FALSE(html.empty());
  std::vector<std::string> hrefs = source_hrefs(html);
  ASSERT_FALSE(hrefs.empty()) << "the late reports' stored copies are linked";
  for (const std::string& href : hrefs) EXPECT_TRUE(std::filesystem::is_regular_file(out + "/" + href)) << href;
  // Every late flag's saved copy is linked from the page and is byte-for-byte the ingested file.
  nlohmann::json audit = audit_json({"--out", work_.file("out-json")});
  std::map<std::string, std::string> fixture_of_agency;
  for (const IngestedReport& report : kReports2021) fixture_of_agency[report.agency] = report.path;
  int late = 0;
  for (const auto& flag : audit["flags"]) {
    if (flag["flag"] != "late") continue;
    ++late;
    ASSERT_TRUE(flag["stored_source"].is_string()) << flag.dump();
    std::string href = flag["stored_source"];
    EXPECT_NE(std::find(hrefs.begin(), hrefs.end(), href), hrefs.end()) << href;
    EXPECT_EQ(href, "sources/" + flag["source_sha256"].get<std::string>() + ".txt");
    EXPECT_EQ(slurp(out + "/" + href), slurp(fixture_of_agency.at(flag["agency"])));
  }
  EXPECT_GE(late, 1);
}

TEST_P(AuditCommand, RegionKeepsOnlyBodiesUnderThatCode) {
  nlohmann::json all = audit_json();
  nlohmann::json fushun = audit_json({"--region", "2104"});
  EXPECT_EQ(fushun["query"]["region"], "2104");
  std::vector<nlohmann::json> expected_bodies, expected_flags;
  for (const auto& body : all["bodies"]) {
    if (body["region_code"].get<std::string>().rfind("2104", 0) == 0) expected_bodies.push_back(body);
  }
  for (const auto& flag : all["flags"]) {
    if (flag["region_code"].get<std::string>().rfind("2104", 0) == 0) expected_flags.push_back(flag);
  }
  ASSERT_GE(expected_bodies.size(), 3u) << "the three 抚顺 departments of the registry";
  EXPECT_LT(expected_bodies.size(), all["bodies"].size());
  EXPECT_EQ(fushun["bodies"], nlohmann::json(expected_bodies));
  EXPECT_EQ(fushun["flags"], nlohmann::json(expected_flags));
  nlohmann::json none = audit_json({"--region", "99"});
  EXPECT_TRUE(none["bodies"].empty());
  EXPECT_TRUE(none["flags"].empty());
}

// SQLite only: a file's bytes, a missing file, a file that is no database.
TEST(AuditCommandFile, AuditLeavesTheDatabaseFileAsItWas) {
  const AuditedDatabase& sqlite = audited(Backend::sqlite);
  ASSERT_EQ(sqlite.error, "");
  CliWorkspace work_;
  std::string before = slurp(sqlite.db);
  ASSERT_EQ(work_.run({"audit", "--db", sqlite.db, "--year", "2021"}).exit_code, 0);
  EXPECT_TRUE(slurp(sqlite.db) == before);
}

TEST(AuditCommandFile, MissingOrUnreadableDatabaseExits2NamingTheFile) {
  CliWorkspace work_;
  std::string absent = work_.file("no-such.sqlite");
  auto missing = work_.run({"audit", "--db", absent, "--year", "2021"});
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_NE(missing.err.find(absent), std::string::npos) << missing.err;
  EXPECT_FALSE(std::filesystem::exists(absent)) << "audit never creates a database";

  std::string not_a_database = kRegistry;
  auto unreadable = work_.run({"audit", "--db", not_a_database, "--year", "2021"});
  EXPECT_EQ(unreadable.exit_code, 2);
  EXPECT_NE(unreadable.err.find(not_a_database), std::string::npos) << unreadable.err;
}

TEST_P(AuditCommand, UsageErrorsExit2) {
  auto region = work_.run({"audit", "--db", db_, "--year", "2021", "--region", "福建"});
  EXPECT_EQ(region.exit_code, 2);
  EXPECT_NE(region.err.find("--region"), std::string::npos) << region.err;
  EXPECT_EQ(work_.run({"audit", "--db", db_}).exit_code, 2) << "--year is required";
  EXPECT_EQ(work_.run({"audit", "--db", db_, "--year", "twenty"}).exit_code, 2);
}

TEST_P(AuditCommand, OutputFolderThatIsAFileExits2NamingIt) {
  std::string file = work_.file("taken");
  std::ofstream(file) << "x";
  auto run = work_.run({"audit", "--db", db_, "--year", "2021", "--out", file});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find(file), std::string::npos) << run.err;
}

// `text` with every occurrence of `from` replaced by `to`.
std::string replaced(std::string text, const std::string& from, const std::string& to) {
  for (size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) text.replace(at, from.size(), to);
  return text;
}

// The files of an --out folder, by path relative to it, with their bytes.
std::map<std::string, std::string> folder_files(const std::string& folder) {
  std::map<std::string, std::string> files;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(folder)) {
    if (entry.is_regular_file()) files[std::filesystem::relative(entry.path(), folder).string()] = slurp(entry.path().string());
  }
  return files;
}

// The same database on both backends prints the same audit: the table, --json, --region, and the
// files of --out, byte for byte. Only what names the database (its path or URI, given by the
// caller) and the output folder differs, and audit.html's "generated <time> … from <database>".
TEST(AuditCommandBackends, PostgreSqlPrintsByteForByteWhatSqlitePrints) {
  NIANBAO_REQUIRE_BACKEND(Backend::postgresql);
  const AuditedDatabase& sqlite = audited(Backend::sqlite);
  const AuditedDatabase& postgresql = audited(Backend::postgresql);
  ASSERT_EQ(sqlite.error, "");
  ASSERT_EQ(postgresql.error, "");
  CliWorkspace work;
  const std::vector<std::vector<std::string>> variants = {
      {}, {"--json"}, {"--region", "2104"}, {"--region", "2104", "--json"}, {"--region", "99"}, {"--region", "35"}};
  for (const std::vector<std::string>& extra : variants) {
    std::vector<std::string> on_sqlite = {"audit", "--db", sqlite.db, "--year", "2021"};
    std::vector<std::string> on_postgresql = {"audit", "--db", postgresql.db, "--year", "2021"};
    on_sqlite.insert(on_sqlite.end(), extra.begin(), extra.end());
    on_postgresql.insert(on_postgresql.end(), extra.begin(), extra.end());
    auto from_sqlite = work.run(on_sqlite);
    auto from_postgresql = work.run(on_postgresql);
    ASSERT_EQ(from_sqlite.exit_code, 0) << from_sqlite.err;
    ASSERT_EQ(from_postgresql.exit_code, 0) << from_postgresql.err;
    ASSERT_FALSE(from_sqlite.out.empty());
    EXPECT_EQ(replaced(from_postgresql.out, postgresql.db, "DATABASE"), replaced(from_sqlite.out, sqlite.db, "DATABASE"))
        << "audit --year 2021 " << (extra.empty() ? "" : extra[0]);
  }
  std::string sqlite_out = work.file("sqlite-out"), postgresql_out = work.file("postgresql-out");
  auto from_sqlite = work.run({"audit", "--db", sqlite.db, "--year", "2021", "--out", sqlite_out});
  auto from_postgresql = work.run({"audit", "--db", postgresql.db, "--year", "2021", "--out", postgresql_out});
  ASSERT_EQ(from_sqlite.exit_code, 0) << from_sqlite.err;
  ASSERT_EQ(from_postgresql.exit_code, 0) << from_postgresql.err;
  EXPECT_EQ(replaced(replaced(from_postgresql.out, postgresql.db, "DATABASE"), postgresql_out, "OUT"),
            replaced(replaced(from_sqlite.out, sqlite.db, "DATABASE"), sqlite_out, "OUT"));
  std::map<std::string, std::string> sqlite_files = folder_files(sqlite_out);
  std::map<std::string, std::string> postgresql_files = folder_files(postgresql_out);
  ASSERT_GE(sqlite_files.size(), 3u) << "flags.csv, audit.html and at least one stored source";
  static const std::regex kGenerated("generated [0-9-]+ [0-9:]+ UTC by nianbao audit from [^<]*");
  for (auto* files : {&sqlite_files, &postgresql_files}) {
    files->at("audit.html") = std::regex_replace(files->at("audit.html"), kGenerated, "generated (when, from where)");
  }
  EXPECT_EQ(postgresql_files, sqlite_files);
}

TEST(AuditProgressLine, BarFillsWithTheShareDoneAndShowsTheCounts) {
  EXPECT_EQ(cli::ProgressLine::render("audit 2021", "bodies", 5, 10, 10), "audit 2021  [#####.....]  5/10 bodies");
  EXPECT_EQ(cli::ProgressLine::render("audit 2021", "bodies", 0, 3, 6), "audit 2021  [......]  0/3 bodies");
  EXPECT_EQ(cli::ProgressLine::render("audit 2021", "bodies", 3, 3, 6), "audit 2021  [######]  3/3 bodies");
  EXPECT_EQ(cli::ProgressLine::render("x", "bodies", 0, 0, 4), "x  [####]  0/0 bodies") << "nothing to do is done";
}

TEST(AuditProgressLine, DrawsNothingWhenTheStreamIsNotATerminal) {
  std::FILE* file = std::tmpfile();
  ASSERT_NE(file, nullptr);
  {
    cli::ProgressLine progress("audit 2021", "bodies", file);
    EXPECT_FALSE(progress.enabled());
    for (size_t done = 0; done <= 50; ++done) progress.update(done, 50);
  }
  EXPECT_EQ(std::ftell(file), 0L);
  std::fclose(file);
}

INSTANTIATE_TEST_SUITE_P(Backends, AuditCommand, NIANBAO_BOTH_BACKENDS);

}  // namespace
}  // namespace nianbao
