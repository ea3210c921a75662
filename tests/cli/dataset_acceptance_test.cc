// The dataset end to end through the real binary: the 平潭 series (2011–2025) ingested, the demo
// portal's sources CSV imported as the registry, then the panel, cross-year checks and export; on an
// SQLite file and on a PostgreSQL database.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>

#include "tests/support/after_all_tests.h"
#include "tests/support/backend_database.h"
#include "tests/support/cli_runner.h"

namespace nianbao {
namespace {

using testing::Backend;
using testing::BackendDatabase;
using testing::CliWorkspace;

// Rows of `sql` on either backend as '|'-joined text; the first row ("" when none).
std::vector<std::string> sql_rows(const std::string& db, const std::string& sql) {
  return testing::backend_rows(db, sql);
}
std::string sql_one(const std::string& db, const std::string& sql) { return testing::backend_one(db, sql); }

const std::filesystem::path kPingtan = std::filesystem::path(NIANBAO_FIXTURES_DIR) / "real/pingtan-archive/zfxxgknb";
const std::string kSources = std::string(NIANBAO_FIXTURES_DIR) + "/portal/sources.csv";

// Every report page of the archive: the HTML where the portal kept it, else the text copy.
std::vector<std::string> pingtan_pages() {
  std::vector<std::string> pages;
  for (const auto& month : std::filesystem::directory_iterator(kPingtan)) {
    if (!month.is_directory()) continue;
    for (const auto& report : std::filesystem::directory_iterator(month.path())) {
      std::filesystem::path html = report.path() / "page.html", text = report.path() / "page.txt";
      if (std::filesystem::exists(html)) pages.push_back(html.string());
      else if (std::filesystem::exists(text)) pages.push_back(text.string());
    }
  }
  std::sort(pages.begin(), pages.end());
  return pages;
}

// The gold cells of the verified 平潭 report of `year`.
nlohmann::json gold_cells(int year) {
  for (const auto& month : std::filesystem::directory_iterator(kPingtan)) {
    if (!month.is_directory()) continue;
    for (const auto& report : std::filesystem::directory_iterator(month.path())) {
      std::filesystem::path gold = report.path() / "page.expected.json";
      if (!std::filesystem::exists(gold)) continue;
      std::ifstream in(gold);
      nlohmann::json parsed = nlohmann::json::parse(in);
      if (parsed["report_year"] == year && parsed["agency"] == "平潭综合实验区") return parsed["cells"];
    }
  }
  return nullptr;
}

// Built once for the suite (ingest of ~20 pages), lazily, so that a failure fails each test
// instead of silently skipping them.
// One per backend.
struct SeriesDatabase {
  explicit SeriesDatabase(Backend backend) : database(backend) {}
  BackendDatabase database;
  CliWorkspace work;
  std::string db, agency, error;
};

const SeriesDatabase& series(Backend backend) {
  // Emptied after the last test, while the test server still runs (its databases dropped, the SQLite
  // directories removed); the map itself stays reachable.
  static auto& built = *new std::map<Backend, SeriesDatabase*>;
  static const bool cleaned_up_after_all_tests = (testing::after_all_tests([] {
    for (auto& [backend, series] : built) delete series;
    built.clear();
  }), true);
  (void)cleaned_up_after_all_tests;
  if (built.count(backend)) return *built[backend];
  SeriesDatabase* series = built[backend] = [backend] {
    auto* series = new SeriesDatabase(backend);
    series->db = series->database.target();
    std::vector<std::string> args = {"ingest", "--db", series->db};
    for (const std::string& page : pingtan_pages()) args.push_back(page);
    auto ingest = series->work.run(args);
    if (ingest.exit_code != 0) series->error = "ingest failed: " + ingest.err;
    auto import = series->work.run({"agencies", "import", "--db", series->db, kSources});
    if (import.exit_code != 0) series->error += "agencies import failed: " + import.err;
    series->agency = sql_one(series->db, "SELECT id FROM agencies WHERE name = '平潭综合实验区'");
    return series;
  }();
  return *series;
}

class PingtanSeries : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    NIANBAO_REQUIRE_BACKEND(GetParam());
    const SeriesDatabase& built = series(GetParam());
    ASSERT_EQ(built.error, "");
    db_ = built.db;
    agency_ = built.agency;
    work_ = &const_cast<SeriesDatabase&>(built).work;
  }
  std::string db_;
  std::string agency_;
  CliWorkspace* work_ = nullptr;
};

TEST_P(PingtanSeries, ReportsOfTheSeriesLinkToTheSourcesCsvAgency) {
  ASSERT_FALSE(agency_.empty());
  std::vector<std::string> years = sql_rows(db_, "SELECT DISTINCT report_year FROM reports WHERE agency_id = " + agency_ +
                                                     " AND format IN ('f2019', 'f2021') ORDER BY 1");
  for (const char* year : {"2019", "2023", "2024", "2025"}) {
    EXPECT_NE(std::find(years.begin(), years.end(), year), years.end()) << year;
  }
  EXPECT_EQ(sql_one(db_, "SELECT region_code || '|' || level FROM agencies WHERE id = " + agency_), "350128|county");
}

TEST_P(PingtanSeries, PanelHasOneRowPerAgencyYearScopeMetric) {
  EXPECT_GT(std::stoi(sql_one(db_, "SELECT count(*) FROM panel WHERE agency_id = " + agency_)), 700);
  EXPECT_EQ(sql_rows(db_, "SELECT agency_id, report_year, scope, metric, count(*) FROM panel "
                          "GROUP BY 1, 2, 3, 4 HAVING count(*) > 1"),
            std::vector<std::string>{});
}

TEST_P(PingtanSeries, PanelLinesUp2019And2021AsSpecSection7Says) {
  // t3.result.other: the 2019 single row and the 2021 sum of its three sub-rows share one metric.
  nlohmann::json gold2019 = gold_cells(2019), gold2023 = gold_cells(2023);
  ASSERT_FALSE(gold2019.is_null());
  ASSERT_FALSE(gold2023.is_null());
  std::string by_year = "SELECT report_year || '|' || best_value || '|' || comparability FROM panel WHERE agency_id = " +
                        agency_ + " AND metric = 't3.result.other.total' AND report_year IN (2019, 2023) ORDER BY 1";
  std::vector<std::string> rows = sql_rows(db_, by_year);
  ASSERT_EQ(rows.size(), 2u);
  double sum2023 = gold2023["t3.result.other.no_correction.total"].get<double>() +
                   gold2023["t3.result.other.fee_unpaid.total"].get<double>() +
                   gold2023["t3.result.other.misc.total"].get<double>();
  EXPECT_EQ(rows[0].substr(0, 5), "2019|");
  EXPECT_EQ(std::stod(rows[0].substr(5)), gold2019["t3.result.other.total"].get<double>());
  EXPECT_EQ(std::stod(rows[1].substr(5)), sum2023);
  EXPECT_NE(rows[1].find("summed"), std::string::npos) << rows[1];
  // 2019 total_published and 2021 in_force are not comparable: never under one metric.
  EXPECT_EQ(sql_rows(db_, "SELECT metric FROM panel WHERE CAST(source_keys AS TEXT) LIKE '%total_published%' "
                          "INTERSECT SELECT metric FROM panel WHERE CAST(source_keys AS TEXT) LIKE '%in_force%'"),
            std::vector<std::string>{});
  // 2019 new_made lines up with 2021 issued, with a caveat.
  EXPECT_EQ(sql_one(db_, "SELECT comparability FROM panel WHERE agency_id = " + agency_ +
                             " AND report_year = 2019 AND metric = 't2.regulation.issued'"),
            "caveat");
}

TEST_P(PingtanSeries, CrossYearRulesRunOnConsecutiveYears) {
  for (const char* rule : {"T3-6", "T2-2"}) {
    std::string assessed = sql_one(db_, std::string("SELECT sum(passed + failed) FROM checks c JOIN reports r ON r.id = c.report_id "
                                                    "WHERE r.agency_id = ") + agency_ + " AND r.report_year = 2024 AND c.rule = '" + rule + "'");
    ASSERT_FALSE(assessed.empty()) << rule;
    EXPECT_GT(std::stoi(assessed), 0) << rule;
  }
  // T3-6 on 2024 compares its 上年结转 with 2023's 结转下年度, as the gold files give them.
  nlohmann::json gold2023 = gold_cells(2023), gold2024 = gold_cells(2024);
  bool holds = gold2024["t3.carried_over.total"] == gold2023["t3.carry_forward.total"];
  std::string failed = sql_one(db_, "SELECT count(*) FROM findings f JOIN reports r ON r.id = f.report_id WHERE r.agency_id = " +
                                        agency_ + " AND r.report_year = 2024 AND f.rule = 'T3-6' "
                                        "AND CAST(f.cells AS TEXT) LIKE '%.total%'");
  EXPECT_EQ(failed == "0", holds);
}

TEST_P(PingtanSeries, AddingAYearReRunsTheCrossYearChecks) {
  CliWorkspace work;
  BackendDatabase partial(GetParam());
  const std::string& db = partial.target();
  std::vector<std::string> pages = pingtan_pages();
  auto page_of = [&](const std::string& year) {
    for (const std::string& page : pages) {
      if (page.find("平潭综合实验区" + year + "年度") != std::string::npos && page.find(".html") != std::string::npos) return page;
    }
    return std::string();
  };
  ASSERT_EQ(work.run({"agencies", "import", "--db", db, kSources}).exit_code, 0);
  ASSERT_EQ(work.run({"ingest", "--db", db, page_of("2024")}).exit_code, 0);
  EXPECT_EQ(sql_one(db, "SELECT count(*) FROM checks WHERE rule = 'T3-6'"), "0");
  ASSERT_EQ(work.run({"ingest", "--db", db, page_of("2023")}).exit_code, 0);
  EXPECT_EQ(sql_one(db, "SELECT r.report_year FROM checks c JOIN reports r ON r.id = c.report_id WHERE c.rule = 'T3-6'"),
            "2024");
}

TEST_P(PingtanSeries, ExportOfTheSeriesCarriesEveryYearAndTheSourceOfEachCell) {
  auto csv = work_->run({"export", "--db", db_, "--format", "csv", "--out", "-", "--agency", "平潭综合实验区", "--years",
                         "2019-2025", "--keys", "t3.new_received.total"});
  ASSERT_EQ(csv.exit_code, 0) << csv.err;
  std::vector<std::string> lines = testing::lines_of(csv.out);
  std::set<std::string> years;
  for (size_t index = 1; index < lines.size(); ++index) {
    for (const char* year : {"2019", "2020", "2021", "2022", "2023", "2024", "2025"}) {
      if (lines[index].find(std::string(",") + year + ",") != std::string::npos) years.insert(year);
    }
    // HTML pages for 2019 and 2023-2025; the archive's run-together text dumps for 2020-2022, whose
    // cells say they were cut from a run of digits.
    bool from_page = lines[index].find("page.html") != std::string::npos;
    bool from_dump = lines[index].find("page.txt") != std::string::npos &&
                     lines[index].find("split_recovered") != std::string::npos;
    EXPECT_TRUE(from_page || from_dump) << lines[index];
  }
  EXPECT_EQ(years.size(), 7u);
}

INSTANTIATE_TEST_SUITE_P(Backends, PingtanSeries, NIANBAO_BOTH_BACKENDS);

}  // namespace
}  // namespace nianbao
