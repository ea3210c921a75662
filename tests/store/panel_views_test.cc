// The comparable panel (views panel, panel_reports, panel_indicators, table panel_metrics) read
// with plain SQL, as sqlite3, psql, Datasette or pandas would, over real reports, on both backends.
#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "extract/extractor.h"
#include "extract/model/key_catalog.h"
#include "store/database.h"
#include "store/statement.h"
#include "store/connection.h"
#include "store_test_support.h"
#include "tests/support/backend_database.h"
#include "tests/support/gold.h"

namespace nianbao::store {
namespace {

using nlohmann::json;

const std::string kPingtan = "real/pingtan-archive/zfxxgknb/";
const std::string kPingtan2018 = kPingtan + "201901/80529_平潭综合实验区2018年度政府信息公开工作年度报告/page.txt";
const std::string kPingtan2019 = kPingtan + "202001/80576_平潭综合实验区2019年度政府信息公开工作年度报告/page.html";
const std::string kPingtan2023 = kPingtan + "202403/87885_平潭综合实验区2023年度政府信息公开工作年度报告/page.html";
const std::string kPingtan2024 = kPingtan + "202503/97791_平潭综合实验区2024年度政府信息公开工作年度报告/page.html";
const std::string kPingtan2025 = kPingtan + "202603/105587_平潭综合实验区2025年度政府信息公开工作年度报告/page.html";
const std::string kPipe2019 = "derived/f2019-pipe.txt";
const std::string kPipe2021 = "derived/f2021-pipe.txt";

const std::vector<std::string> kApplicantColumns = {"natural_person", "commercial",    "research", "social_welfare",
                                                    "legal_service",  "other",         "total"};
const std::vector<std::string> kOtherParts = {"no_correction", "fee_unpaid", "misc"};

// The gold file beside a fixture document: page.html -> page.expected.json, x.txt -> x.expected.json.
std::string gold_path(const std::string& document) {
  std::string stem = document.substr(0, document.rfind('.'));
  return stem + ".expected.json";
}

std::optional<double> gold_number(const json& gold, const std::string& key) {
  const json& value = gold.at("cells").at(key);
  if (value.is_null()) return std::nullopt;
  return value.get<double>();
}

// A read-only connection running plain SQL, what a researcher's tool sees (the SQL must run on
// both backends; values are spelled as SQLite spells them).
class PlainReader {
 public:
  explicit PlainReader(const std::string& target) : connection_(target, OpenMode::read_only) {}

  // Every row of `sql`, each column as text; nullopt for NULL.
  std::vector<std::vector<std::optional<std::string>>> rows(const std::string& sql) const {
    Statement statement(connection_.handle(), sql, "test query");
    std::vector<std::vector<std::optional<std::string>>> result;
    while (statement.step()) {
      std::vector<std::optional<std::string>> row;
      for (int column = 0; column < statement.column_count(); ++column) {
        row.push_back(statement.is_null(column) ? std::nullopt
                                                : std::optional<std::string>(statement.column_text(column)));
      }
      result.push_back(std::move(row));
    }
    return result;
  }

  // The distinct values of the first column of `sql`, sorted, joined by commas.
  std::string distinct(const std::string& sql) const {
    std::set<std::string> values;
    for (const auto& row : rows(sql)) values.insert(row.front().value_or("<NULL>"));
    std::string joined;
    for (const std::string& value : values) joined += (joined.empty() ? "" : ",") + value;
    return joined;
  }

  // A FROM item of the string items of the JSON array `expression`, with a column `value`.
  std::string json_items(const std::string& expression, const std::string& alias) const {
    return connection_.handle().dialect() == Dialect::postgresql
               ? "jsonb_array_elements_text(" + expression + ") AS " + alias + "(value)"
               : "json_each(" + expression + ") " + alias;
  }

  // The first column of the only row of `sql` as a number; nullopt for NULL.
  std::optional<double> number(const std::string& sql) const {
    std::optional<std::string> text = single(sql);
    if (!text) return std::nullopt;
    return std::stod(*text);
  }
  std::string text(const std::string& sql) const { return single(sql).value_or("<NULL>"); }
  int64_t count(const std::string& sql) const { return std::stoll(single(sql).value_or("-1")); }

 private:
  std::optional<std::string> single(const std::string& sql) const {
    auto result = rows(sql);
    if (result.size() != 1) {
      throw std::runtime_error("expected one row from " + sql + ", got " + std::to_string(result.size()));
    }
    return result.front().front();
  }

  Connection connection_;
};

// A panel row's address in SQL: report id and metric.
std::string panel_row(int64_t report_id, const std::string& metric) {
  return " FROM panel WHERE report_id = " + std::to_string(report_id) + " AND metric = '" + metric + "'";
}

void expect_same_number(const std::optional<double>& actual, const std::optional<double>& expected,
                        const std::string& what) {
  SCOPED_TRACE(what);
  ASSERT_EQ(actual.has_value(), expected.has_value())
      << "actual " << (actual ? std::to_string(*actual) : "NULL") << ", expected "
      << (expected ? std::to_string(*expected) : "NULL");
  if (expected) {
    EXPECT_NEAR(*actual, *expected, 1e-9);
  }
}

// The fixtures, extracted once per test binary (extraction is pure; each test ingests afresh).
const Extraction& extraction_of(const std::string& fixture) {
  static std::map<std::string, Extraction> cache;
  auto found = cache.find(fixture);
  if (found != cache.end()) return found->second;
  std::string bytes = testing::read_fixture(fixture);
  return cache.emplace(fixture, extract_document({bytes, fixture, ""})).first->second;
}

// Every test runs on an SQLite file and on a PostgreSQL database.
class PanelViews : public ::testing::TestWithParam<testing::Backend> {
 protected:
  void SetUp() override {
    NIANBAO_REQUIRE_BACKEND(GetParam());
    database_ = std::make_unique<testing::BackendDatabase>(GetParam());
    path_ = database_->target();
    db_ = std::make_unique<Database>(path_);
    pingtan_ = add_agency("平潭综合实验区", "350128", "county");
    fushun_nature_ = add_agency("抚顺市自然资源局", "210400", "department");
    fushun_ecology_ = add_agency("抚顺市生态环境局", "210400", "department");
    pingtan_2018_ = ingest_linked(kPingtan2018, pingtan_);
    pingtan_2019_ = ingest_linked(kPingtan2019, pingtan_);
    pingtan_2023_ = ingest_linked(kPingtan2023, pingtan_);
    pingtan_2024_ = ingest_linked(kPingtan2024, pingtan_);
    pingtan_2025_ = ingest_linked(kPingtan2025, pingtan_);
    pipe_2019_ = ingest_linked(kPipe2019, fushun_nature_);
    pipe_2021_ = ingest_linked(kPipe2021, fushun_ecology_);
  }

  int64_t add_agency(const std::string& name, const std::string& region, const std::string& level) {
    Statement insert(db_->handle(),
                     "INSERT INTO agencies (name, name_key, region_code, level) VALUES (?1, ?1, ?2, ?3) RETURNING id",
                     "test: adding an agency");
    insert.bind(1, name).bind(2, region).bind(3, level).step();
    return insert.column_int64(0);
  }

  // Ingests a fixture (optionally with extra bytes, making another document of the same report) and
  // links its report to `agency_id` the way the agency linker would.
  int64_t ingest_linked(const std::string& fixture, int64_t agency_id, const std::string& suffix = "") {
    std::string bytes = testing::read_fixture(fixture) + suffix;
    IngestOutcome outcome = db_->ingest(bytes, fixture + suffix, extraction_of(fixture));
    Statement report(db_->handle(), "SELECT id FROM reports WHERE document_id = ?1 AND ordinal = 0",
                     "test: finding the report");
    report.bind(1, outcome.document_id);
    if (!report.step()) throw std::runtime_error("no report stored for " + fixture);
    int64_t report_id = report.column_int64(0);
    sql("UPDATE reports SET agency_id = " + std::to_string(agency_id) + " WHERE id = " + std::to_string(report_id));
    return report_id;
  }

  void sql(const std::string& statement) { execute(db_->handle(), statement, "test: " + statement); }

  void correct(int64_t report_id, const std::string& key, const std::string& value) {
    sql("INSERT INTO corrections (report_id, key, value, reason, corrected_by) VALUES (" +
        std::to_string(report_id) + ", '" + key + "', " + value + ", 'checked against the PDF', 'test')");
  }

  // best_value as the panel defines it, from the gold (the printed numbers) and, where the gold is
  // NULL, the derived value the extractor stored.
  std::optional<double> gold_or_derived(int64_t report_id, const json& gold, const std::string& key) const {
    if (std::optional<double> printed = gold_number(gold, key)) return printed;
    return reader().number("SELECT derived FROM cells WHERE report_id = " + std::to_string(report_id) +
                           " AND key = '" + key + "'");
  }

  PlainReader reader() const { return PlainReader(path_); }

  std::unique_ptr<testing::BackendDatabase> database_;
  std::string path_;
  std::unique_ptr<Database> db_;
  int64_t pingtan_ = 0, fushun_nature_ = 0, fushun_ecology_ = 0;
  int64_t pingtan_2018_ = 0, pingtan_2019_ = 0, pingtan_2023_ = 0, pingtan_2024_ = 0, pingtan_2025_ = 0;
  int64_t pipe_2019_ = 0, pipe_2021_ = 0;
};

TEST_P(PanelViews, ExactlyOneRowPerAgencyYearScopeMetric) {
  PlainReader plain = reader();
  EXPECT_EQ(plain.count("SELECT count(*) FROM (SELECT 1 FROM panel GROUP BY agency_id, report_year, scope, metric "
                        "HAVING count(*) > 1) AS duplicates"),
            0);
  // Each report: one row per stored key of its format, plus the seven 2021 sums of （六）其他处理.
  for (const auto& [report_id, fixture] : std::vector<std::pair<int64_t, std::string>>{
           {pingtan_2019_, kPingtan2019}, {pingtan_2023_, kPingtan2023}, {pingtan_2024_, kPingtan2024},
           {pingtan_2025_, kPingtan2025}, {pipe_2019_, kPipe2019}, {pipe_2021_, kPipe2021}}) {
    SCOPED_TRACE(fixture);
    json gold = testing::read_gold(gold_path(fixture));
    int64_t sums = gold.at("format") == "f2021" ? static_cast<int64_t>(kApplicantColumns.size()) : 0;
    EXPECT_EQ(plain.count("SELECT count(*) FROM panel WHERE report_id = " + std::to_string(report_id)),
              static_cast<int64_t>(gold.at("cells").size()) + sums);
    EXPECT_EQ(plain.text("SELECT format FROM panel_reports WHERE report_id = " + std::to_string(report_id)),
              gold.at("format").get<std::string>());
  }
  // Pre-2019 reports and unlinked reports are not in the panel.
  EXPECT_EQ(plain.count("SELECT count(*) FROM panel_reports WHERE report_id = " + std::to_string(pingtan_2018_)), 0);
  sql("UPDATE reports SET agency_id = NULL WHERE id = " + std::to_string(pipe_2019_));
  EXPECT_EQ(plain.count("SELECT count(*) FROM panel WHERE report_id = " + std::to_string(pipe_2019_)), 0);
  EXPECT_EQ(plain.count("SELECT count(*) FROM panel_reports"), 5);
}

TEST_P(PanelViews, TwoPrimaryReportsOfOneAgencyYearScopeStillGiveOneRowPerMetric) {
  int64_t second = ingest_linked(kPipe2021, fushun_ecology_, "\n");
  sql("UPDATE reports SET copy_of = NULL");  // two primaries, as if the copy detection had not run
  PlainReader plain = reader();
  EXPECT_EQ(plain.count("SELECT count(*) FROM (SELECT 1 FROM panel GROUP BY agency_id, report_year, scope, metric "
                        "HAVING count(*) > 1) AS duplicates"),
            0);
  // Same errors in both: the older report stands for the year; candidates says there were two.
  EXPECT_EQ(plain.count("SELECT report_id FROM panel_reports WHERE agency_id = " + std::to_string(fushun_ecology_)),
            pipe_2021_);
  EXPECT_EQ(plain.count("SELECT candidates FROM panel_reports WHERE agency_id = " + std::to_string(fushun_ecology_)),
            2);
  EXPECT_EQ(plain.count("SELECT count(*) FROM panel WHERE report_id = " + std::to_string(second)), 0);
  // An error finding of its own extraction makes a report lose the tie.
  sql("INSERT INTO findings (report_id, ordinal, rule, severity, message, cells) VALUES (" +
      std::to_string(pipe_2021_) + ", 1000, 'T3-1', 'error', 'test', '[]')");
  EXPECT_EQ(plain.count("SELECT report_id FROM panel_reports WHERE agency_id = " + std::to_string(fushun_ecology_)),
            second);
}

TEST_P(PanelViews, ACopyIsNotInThePanel) {
  int64_t copy = ingest_linked(kPipe2021, fushun_ecology_, "\n");
  // The older report would win a tie; marked as a copy of the newer one, it drops out.
  sql("UPDATE reports SET copy_of = NULL");
  sql("UPDATE reports SET copy_of = " + std::to_string(copy) + " WHERE id = " + std::to_string(pipe_2021_));
  PlainReader plain = reader();
  EXPECT_EQ(plain.count("SELECT count(*) FROM panel WHERE report_id = " + std::to_string(pipe_2021_)), 0);
  EXPECT_EQ(plain.count("SELECT count(*) FROM panel_reports WHERE report_id = " + std::to_string(pipe_2021_)), 0);
  EXPECT_EQ(plain.count("SELECT candidates FROM panel_reports WHERE report_id = " + std::to_string(copy)), 1);
  json gold = testing::read_gold(gold_path(kPipe2021));
  EXPECT_EQ(plain.count("SELECT count(*) FROM panel WHERE report_id = " + std::to_string(copy)),
            static_cast<int64_t>(gold.at("cells").size() + kApplicantColumns.size()));
}

TEST_P(PanelViews, The2021OtherRowIsTheSumOfItsThreeSubRows) {
  PlainReader plain = reader();
  for (const auto& [report_id, fixture] : std::vector<std::pair<int64_t, std::string>>{
           {pingtan_2023_, kPingtan2023}, {pingtan_2024_, kPingtan2024}, {pingtan_2025_, kPingtan2025},
           {pipe_2021_, kPipe2021}}) {
    json gold = testing::read_gold(gold_path(fixture));
    for (const std::string& column : kApplicantColumns) {
      std::string metric = "t3.result.other." + column;
      SCOPED_TRACE(fixture + " " + metric);
      double sum = 0;
      json parts = json::array();
      for (const std::string& part : kOtherParts) {
        std::string key = "t3.result.other." + part + "." + column;
        sum += gold_number(gold, key).value();
        parts.push_back(key);
        // The sub-rows stay as metrics of their own, marked 2021-only.
        EXPECT_EQ(plain.text("SELECT comparability" + panel_row(report_id, key)), "2021_only");
      }
      EXPECT_EQ(plain.number("SELECT value" + panel_row(report_id, metric)), sum);
      EXPECT_EQ(plain.number("SELECT best_value" + panel_row(report_id, metric)), sum);
      EXPECT_EQ(plain.text("SELECT comparability" + panel_row(report_id, metric)), "summed");
      EXPECT_EQ(json::parse(plain.text("SELECT source_keys" + panel_row(report_id, metric))), parts);
      EXPECT_EQ(plain.text("SELECT flags" + panel_row(report_id, metric)), "[]");
    }
  }
  // The 2019 single row is the same metric, printed.
  json gold2019 = testing::read_gold(gold_path(kPingtan2019));
  EXPECT_EQ(plain.number("SELECT value" + panel_row(pingtan_2019_, "t3.result.other.total")),
            gold_number(gold2019, "t3.result.other.total"));
  EXPECT_EQ(plain.text("SELECT comparability" + panel_row(pingtan_2019_, "t3.result.other.total")), "same");
}

TEST_P(PanelViews, ANullPartMakesTheSumNullAndFlagsIt) {
  // A blank cell the extractor could not derive: no value, no derived value.
  sql("UPDATE cells SET value = NULL, integral = NULL, derived = NULL, derived_integral = NULL, "
      "flags = '[\"null_token\"]' WHERE report_id = " + std::to_string(pingtan_2024_) +
      " AND key = 't3.result.other.fee_unpaid.total'");
  PlainReader plain = reader();
  std::string row = panel_row(pingtan_2024_, "t3.result.other.total");
  EXPECT_EQ(plain.number("SELECT best_value" + row), std::nullopt);
  EXPECT_EQ(plain.number("SELECT value" + row), std::nullopt);
  EXPECT_EQ(plain.number("SELECT derived" + row), std::nullopt);
  std::set<std::string> flags = json::parse(plain.text("SELECT flags" + row)).get<std::set<std::string>>();
  EXPECT_EQ(flags, (std::set<std::string>{"null_token", "partial_sum"}));
  // The indicator that needs it is NULL too, not computed with a silent 0.
  EXPECT_EQ(plain.number("SELECT other FROM panel_indicators WHERE report_id = " + std::to_string(pingtan_2024_)),
            std::nullopt);
  EXPECT_EQ(plain.number("SELECT other_share FROM panel_indicators WHERE report_id = " +
                         std::to_string(pingtan_2024_)),
            std::nullopt);

  // A part the extractor did not store at all counts as null as well.
  sql("DELETE FROM cells WHERE report_id = " + std::to_string(pingtan_2023_) +
      " AND key = 't3.result.other.misc.natural_person'");
  std::string missing = panel_row(pingtan_2023_, "t3.result.other.natural_person");
  EXPECT_EQ(plain.number("SELECT best_value" + missing), std::nullopt);
  EXPECT_EQ(plain.text("SELECT flags" + missing), "[\"partial_sum\"]");

  // A NULL part of a group sum (不予公开) makes the group NULL.
  sql("UPDATE cells SET value = NULL, integral = NULL, derived = NULL, derived_integral = NULL "
      "WHERE report_id = " + std::to_string(pingtan_2025_) + " AND key = 't3.result.denied.third_party.total'");
  EXPECT_EQ(plain.number("SELECT denied FROM panel_indicators WHERE report_id = " + std::to_string(pingtan_2025_)),
            std::nullopt);
  EXPECT_EQ(plain.number("SELECT denied_share FROM panel_indicators WHERE report_id = " +
                         std::to_string(pingtan_2025_)),
            std::nullopt);
  EXPECT_NE(plain.number("SELECT unable FROM panel_indicators WHERE report_id = " + std::to_string(pingtan_2025_)),
            std::nullopt);
}

TEST_P(PanelViews, TotalPublishedAnd2021InForceNeverShareAMetric) {
  PlainReader plain = reader();
  // In the map …
  EXPECT_EQ(plain.count("SELECT count(*) FROM panel_metrics a JOIN panel_metrics b ON a.metric = b.metric "
                        "WHERE a.key LIKE 't2.%.total_published' AND b.key LIKE 't2.%.in_force'"),
            0);
  // … and in the panel rows of the real series, where both are printed.
  EXPECT_EQ(plain.count("SELECT count(*) FROM panel p2019 JOIN panel p2021 ON p2019.metric = p2021.metric "
                        "AND p2019.agency_id = p2021.agency_id "
                        "WHERE p2019.format = 'f2019' AND p2021.format = 'f2021' "
                        "AND p2019.source_keys ->> 0 LIKE 't2.%.total_published' "
                        "AND p2021.source_keys ->> 0 LIKE 't2.%.in_force'"),
            0);
  EXPECT_GT(plain.count("SELECT count(*) FROM panel WHERE CAST(source_keys AS TEXT) LIKE '%total_published%'"), 0);
  EXPECT_GT(plain.count("SELECT count(*) FROM panel WHERE CAST(source_keys AS TEXT) LIKE '%in_force%'"), 0);
  EXPECT_EQ(plain.distinct("SELECT comparability FROM panel WHERE metric LIKE '%.total_published'"),
            "2019_only");
  EXPECT_EQ(plain.distinct("SELECT comparability FROM panel WHERE metric LIKE '%.in_force'"),
            "2021_only");
}

TEST_P(PanelViews, Table2MetricsCarryTheirComparability) {
  PlainReader plain = reader();
  json gold2019 = testing::read_gold(gold_path(kPingtan2019));
  json gold2023 = testing::read_gold(gold_path(kPingtan2023));
  // 2019 本年新制作数量 and 2021 本年制发件数 share t2.<row>.issued; the 2019 rows carry the caveat.
  for (const std::string row : {"regulation", "normative_doc"}) {
    std::string metric = "t2." + row + ".issued";
    EXPECT_EQ(plain.number("SELECT value" + panel_row(pingtan_2019_, metric)),
              gold_number(gold2019, "t2." + row + ".new_made"));
    EXPECT_EQ(plain.text("SELECT comparability" + panel_row(pingtan_2019_, metric)), "caveat");
    EXPECT_EQ(plain.number("SELECT value" + panel_row(pingtan_2023_, metric)),
              gold_number(gold2023, "t2." + row + ".issued"));
    EXPECT_EQ(plain.text("SELECT comparability" + panel_row(pingtan_2023_, metric)), "same");
  }
  for (const std::string row : {"license", "penalty", "coercion"}) {
    std::string metric = "t2." + row + ".decisions";
    EXPECT_EQ(plain.text("SELECT comparability" + panel_row(pingtan_2019_, metric)), "same");
    EXPECT_EQ(plain.text("SELECT comparability" + panel_row(pingtan_2023_, metric)), "same");
    EXPECT_EQ(plain.number("SELECT value" + panel_row(pingtan_2019_, metric)), gold_number(gold2019, metric));
  }
  for (const std::string key : {"t2.other_service.decisions", "t2.fee.prev_items", "t2.procurement.amount",
                                "t2.regulation.new_published", "t2.license.delta_items"}) {
    EXPECT_EQ(plain.text("SELECT comparability" + panel_row(pingtan_2019_, key)), "2019_only") << key;
  }
  for (const std::string key : {"t2.fee.amount_wan", "t2.regulation.repealed", "t2.normative_doc.in_force"}) {
    EXPECT_EQ(plain.text("SELECT comparability" + panel_row(pingtan_2023_, key)), "2021_only") << key;
  }
  // No 2019 key shows up under its own 2019 name when it has been renamed.
  EXPECT_EQ(plain.count("SELECT count(*) FROM panel WHERE metric LIKE '%.new_made'"), 0);
}

TEST_P(PanelViews, TheMapCoversEveryCatalogKeyOnce) {
  PlainReader plain = reader();
  for (Format format : {Format::f2019, Format::f2021}) {
    std::string name = to_string(format);
    std::set<std::string> mapped;
    for (const auto& row : plain.rows("SELECT key FROM panel_metrics WHERE key IS NOT NULL AND format = '" + name +
                                      "' AND key NOT LIKE '%.legal_person_subtotal'")) {
      EXPECT_TRUE(mapped.insert(*row.at(0)).second) << name << " maps " << *row.at(0) << " twice";
    }
    std::vector<std::string> catalog = all_keys(format);
    EXPECT_EQ(mapped, std::set<std::string>(catalog.begin(), catalog.end())) << name;
  }
  EXPECT_EQ(plain.distinct("SELECT comparability FROM panel_metrics"),
            "2019_only,2021_only,caveat,same,summed");
  // A summed metric names its parts, and each part says what it feeds.
  EXPECT_EQ(plain.count("SELECT count(*) FROM panel_metrics s CROSS JOIN " + plain.json_items("s.source_keys", "part") +
                        " JOIN panel_metrics p ON p.format = s.format AND p.key = part.value "
                        "WHERE s.comparability = 'summed' AND p.part_of = s.metric"),
            3 * 8);
}

TEST_P(PanelViews, ACorrectionShowsInTheCellAndTheIndicator) {
  json gold = testing::read_gold(gold_path(kPingtan2024));
  double printed = gold_number(gold, "t3.result.granted.total").value();
  double partial = gold_number(gold, "t3.result.partial.total").value();
  double decided = gold_number(gold, "t3.result.total.total").value();
  correct(pingtan_2024_, "t3.result.granted.total", std::to_string(printed + 5));
  correct(pingtan_2024_, "t3.result.granted.total", std::to_string(printed + 7));  // the latest is in force
  PlainReader plain = reader();
  std::string row = panel_row(pingtan_2024_, "t3.result.granted.total");
  EXPECT_EQ(plain.number("SELECT value" + row), printed);
  EXPECT_EQ(plain.number("SELECT corrected_value" + row), printed + 7);
  EXPECT_EQ(plain.number("SELECT best_value" + row), printed + 7);
  EXPECT_EQ(plain.text("SELECT flags" + row), "[\"corrected\"]");
  std::string indicators = " FROM panel_indicators WHERE report_id = " + std::to_string(pingtan_2024_);
  EXPECT_EQ(plain.number("SELECT granted" + indicators), printed + 7);
  expect_same_number(plain.number("SELECT disclosure_rate" + indicators), (printed + 7 + partial) / decided,
                     "disclosure_rate after the correction");

  // A correction of a 2021 sub-row reaches the sum; one that blanks a part makes it partial.
  std::string sum = panel_row(pingtan_2024_, "t3.result.other.total");
  double other = plain.number("SELECT value" + sum).value();
  correct(pingtan_2024_, "t3.result.other.misc.total", std::to_string(gold_number(gold, "t3.result.other.misc.total")
                                                                           .value() + 2));
  EXPECT_EQ(plain.number("SELECT corrected_value" + sum), other + 2);
  EXPECT_EQ(plain.number("SELECT best_value" + sum), other + 2);
  EXPECT_EQ(plain.number("SELECT value" + sum), other);
  EXPECT_EQ(plain.text("SELECT flags" + sum), "[\"corrected\"]");
  expect_same_number(plain.number("SELECT other_share" + indicators), (other + 2) / decided, "other_share");
  correct(pingtan_2024_, "t3.result.other.no_correction.total", "NULL");
  EXPECT_EQ(plain.number("SELECT best_value" + sum), std::nullopt);
  EXPECT_EQ(plain.text("SELECT flags" + sum), "[\"corrected\",\"partial_sum\"]");

  // A correction of a key the extractor did not store still makes a panel row.
  sql("DELETE FROM cells WHERE report_id = " + std::to_string(pingtan_2024_) + " AND key = 't4.review.total'");
  EXPECT_EQ(plain.count("SELECT count(*)" + panel_row(pingtan_2024_, "t4.review.total")), 0);
  correct(pingtan_2024_, "t4.review.total", "4");
  std::string added = panel_row(pingtan_2024_, "t4.review.total");
  EXPECT_EQ(plain.number("SELECT value" + added), std::nullopt);
  EXPECT_EQ(plain.number("SELECT best_value" + added), 4);
  EXPECT_EQ(plain.text("SELECT flags" + added), "[\"corrected\"]");
  EXPECT_EQ(plain.number("SELECT review_total" + indicators), 4);
}

// The indicator arithmetic redone here with the view's rules: a sum with a NULL part is NULL, x/0
// and x/NULL are NULL.
std::optional<double> add(std::initializer_list<std::optional<double>> parts) {
  double sum = 0;
  for (const std::optional<double>& part : parts) {
    if (!part) return std::nullopt;
    sum += *part;
  }
  return sum;
}

std::optional<double> ratio(const std::optional<double>& numerator, const std::optional<double>& denominator,
                            double scale = 1) {
  if (!numerator || !denominator || *denominator == 0) return std::nullopt;
  return scale * *numerator / *denominator;
}

TEST_P(PanelViews, IndicatorsEqualTheRatiosComputedFromTheGold) {
  PlainReader plain = reader();
  int compared_numbers = 0;
  for (const auto& [report_id, fixture] : std::vector<std::pair<int64_t, std::string>>{
           {pingtan_2019_, kPingtan2019}, {pingtan_2023_, kPingtan2023}, {pingtan_2024_, kPingtan2024},
           {pingtan_2025_, kPingtan2025}, {pipe_2019_, kPipe2019}, {pipe_2021_, kPipe2021}}) {
    SCOPED_TRACE(fixture);
    json gold = testing::read_gold(gold_path(fixture));
    auto best = [&](const std::string& key) { return gold_or_derived(report_id, gold, key); };
    auto group = [&](const std::string& prefix, const std::vector<std::string>& rows) {
      std::optional<double> sum = 0.0;
      for (const std::string& row : rows) sum = add({sum, best("t3.result." + prefix + "." + row + ".total")});
      return sum;
    };
    std::optional<double> decided = best("t3.result.total.total");
    std::optional<double> received = best("t3.new_received.total");
    std::optional<double> other = gold.at("format") == "f2019"
                                      ? best("t3.result.other.total")
                                      : add({best("t3.result.other.no_correction.total"),
                                             best("t3.result.other.fee_unpaid.total"),
                                             best("t3.result.other.misc.total")});
    std::optional<double> denied = group("denied", {"state_secret", "law_prohibited", "security_stability", "third_party",
                                                    "internal_affairs", "process_info", "enforcement_file",
                                                    "admin_query"});
    std::optional<double> unable = group("unable", {"not_held", "needs_creation", "still_unclear"});
    std::optional<double> not_processed =
        group("not_processed", {"petition", "duplicate", "publication", "mass_repeat", "confirm_reissue"});
    std::map<std::string, std::optional<double>> expected = {
        {"decided", decided},
        {"denied", denied},
        {"disclosure_rate", ratio(add({best("t3.result.granted.total"), best("t3.result.partial.total")}), decided)},
        {"denied_share", ratio(denied, decided)},
        {"unable_share", ratio(unable, decided)},
        {"not_processed_share", ratio(not_processed, decided)},
        {"other_share", ratio(other, decided)},
        {"backlog_share", ratio(best("t3.carry_forward.total"), add({received, best("t3.carried_over.total")}))},
        {"reviews_per_100", ratio(best("t4.review.total"), received, 100)},
        {"suits_per_100",
         ratio(add({best("t4.suit_direct.total"), best("t4.suit_after_review.total")}), received, 100)},
        {"correction_rate",
         ratio(add({best("t4.review.corrected"), best("t4.suit_direct.corrected"),
                    best("t4.suit_after_review.corrected")}),
               add({best("t4.review.total"), best("t4.suit_direct.total"), best("t4.suit_after_review.total")}))},
    };
    EXPECT_TRUE(expected.at("disclosure_rate").has_value());
    for (const auto& [column, value] : expected) {
      compared_numbers += value.has_value() ? 1 : 0;
      expect_same_number(plain.number("SELECT " + column + " FROM panel_indicators WHERE report_id = " +
                                      std::to_string(report_id)),
                         value, column);
    }
  }
  EXPECT_GE(compared_numbers, 50);  // of 66: only ratios over tables 四 of all zeros are NULL
  // One row per agency, year and scope of the panel.
  EXPECT_EQ(plain.count("SELECT count(*) FROM panel_indicators"), plain.count("SELECT count(*) FROM panel_reports"));
}

INSTANTIATE_TEST_SUITE_P(Backends, PanelViews, NIANBAO_BOTH_BACKENDS);

}  // namespace
}  // namespace nianbao::store
