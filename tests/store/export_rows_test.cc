// The export queries on real fixtures: one long row per stored cell with its report's columns,
// copies and non-reports left out, agency/year/key filters, corrections, the wide table, findings.
#include <gtest/gtest.h>

#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "common/sha256.h"
#include "store/database.h"
#include "store/connection.h"
#include "store/statement.h"
#include "store/export_rows.h"
#include "store_test_support.h"
#include "tests/support/backend_database.h"
#include "tests/support/gold.h"

namespace nianbao::store {
namespace {

using testing::read_fixture;
using testing::read_gold;

const std::string kSeed = "seed/fushun-amr-2021.txt";
const std::string kSeedGold = "seed/fushun-amr-2021.expected.json";
const std::string kDerived2021 = "derived/f2021-pipe.txt";  // blanks with derived values, 3 error findings
const std::string kDerived2019 = "derived/f2019-pipe.txt";  // a 2020 report

// Every test runs on an SQLite file and on a PostgreSQL database.
class ExportRows : public ::testing::TestWithParam<testing::Backend> {
 protected:
  void SetUp() override { NIANBAO_REQUIRE_BACKEND(GetParam()); }
};

struct LongRow {
  ExportReport report;
  ExportCell cell;
};

// A database of either backend filled through the store's ingest, plus a second connection for
// the export queries and for what the tests change by hand (agencies, copies, corrections).
class ExportDatabase {
 public:
  explicit ExportDatabase(testing::Backend backend)
      : database_(backend), store_(database_.target()), connection_(database_.target(), OpenMode::existing) {}

  // Ingests a fixture; `suffix` appended to its bytes makes a distinct document with the same report.
  void ingest(const std::string& fixture, const std::string& suffix = "") {
    std::string bytes = read_fixture(fixture) + suffix;
    std::string origin = suffix.empty() ? fixture : fixture + ".copy";
    store_.ingest(bytes, origin, extract_document({bytes, origin, ""}));
  }

  // The store tests' hand-made report: a blank with a derived 0 (imputed_zero), a decimal, findings.
  void ingest_sample(const std::string& agency, int year) {
    store_.ingest(agency + std::to_string(year), "sample.txt",
                  store_test::sample_extraction({store_test::sample_report(agency, year)}));
  }

  void exec(const std::string& sql) { execute(connection_.handle(), sql, "test SQL"); }

  std::vector<LongRow> long_rows(const ExportSelection& selection = {}) {
    std::vector<LongRow> rows;
    ExportReader(raw(), selection).visit_cells([&](const ExportReport& report, const ExportCell& cell) {
      rows.push_back({report, cell});
    });
    return rows;
  }

  // Runs `sql` on a connection of its own (another process, as far as the export can tell).
  void exec_elsewhere(const std::string& sql) const {
    Connection other(database_.target(), OpenMode::existing);
    execute(other.handle(), sql, "test SQL elsewhere");
  }

  std::string text(const std::string& sql) const { return testing::backend_one(database_.target(), sql); }
  int64_t integer(const std::string& sql) const { return std::stoll(text(sql)); }
  Session& raw() const { return connection_.handle(); }
  const std::string& target() const { return database_.target(); }

 private:
  testing::BackendDatabase database_;
  Database store_;
  Connection connection_;
};

std::set<int64_t> report_ids(const std::vector<LongRow>& rows) {
  std::set<int64_t> ids;
  for (const LongRow& row : rows) ids.insert(row.report.report_id);
  return ids;
}

TEST_P(ExportRows, OneLongRowPerStoredCellWithTheGoldValuesAndTheDocument) {
  ExportDatabase db(GetParam());
  db.ingest(kSeed);
  db.ingest(kSeed);  // the same bytes again: stored once
  nlohmann::json gold = read_gold(kSeedGold);
  std::vector<LongRow> rows = db.long_rows();

  ASSERT_EQ(static_cast<int64_t>(rows.size()), db.integer("SELECT count(*) FROM cells"));
  ASSERT_EQ(rows.size(), gold["cells"].size());
  std::string sha = sha256_hex(read_fixture(kSeed));
  std::string previous_key;
  for (const LongRow& row : rows) {
    SCOPED_TRACE(row.cell.key);
    EXPECT_LT(previous_key, row.cell.key);  // ordered by key within the report
    previous_key = row.cell.key;
    EXPECT_EQ(row.report.agency, gold["agency"].get<std::string>());  // unlinked: the printed name
    EXPECT_EQ(row.report.report_year, gold["report_year"].get<int64_t>());
    EXPECT_EQ(row.report.format, gold["format"].get<std::string>());
    EXPECT_EQ(row.report.scope, gold["scope"].get<std::string>());
    EXPECT_FALSE(row.report.agency_id.has_value());
    EXPECT_EQ(row.report.sha256, sha);
    EXPECT_EQ(row.report.source_url, kSeed);
    const nlohmann::json& expected = gold["cells"].at(row.cell.key);
    if (expected.is_null()) {
      EXPECT_FALSE(row.cell.value.has_value());
    } else {
      ASSERT_TRUE(row.cell.value.has_value());
      EXPECT_DOUBLE_EQ(*row.cell.value, expected.get<double>());
    }
    EXPECT_FALSE(row.cell.corrected);
    EXPECT_EQ(row.cell.src_table.has_value(), row.cell.src_row.has_value());
  }
}

TEST_P(ExportRows, FlagsDerivedValuesAndLocationsAreThoseStored) {
  ExportDatabase db(GetParam());
  db.ingest_sample("样例局", 2021);
  std::vector<LongRow> rows = db.long_rows();
  ASSERT_FALSE(rows.empty());
  int with_derived = 0, with_flags = 0;
  for (const LongRow& row : rows) {
    SCOPED_TRACE(row.cell.key);
    std::string where = " FROM cells WHERE key = '" + row.cell.key + "'";
    EXPECT_EQ(row.cell.value.has_value(), db.text("SELECT value IS NOT NULL" + where) == "1");
    if (row.cell.value) {
      EXPECT_DOUBLE_EQ(*row.cell.value, std::stod(db.text("SELECT value" + where)));
    }
    EXPECT_EQ(row.cell.derived.has_value(), db.text("SELECT derived IS NOT NULL" + where) == "1");
    if (row.cell.derived) {
      ++with_derived;
      EXPECT_DOUBLE_EQ(*row.cell.derived, std::stod(db.text("SELECT derived" + where)));
    }
    auto stored_flags = nlohmann::json::parse(db.text("SELECT flags" + where)).get<std::vector<std::string>>();
    EXPECT_EQ(row.cell.flags, stored_flags);
    if (!stored_flags.empty()) ++with_flags;
    EXPECT_EQ(row.cell.src_row ? std::to_string(*row.cell.src_row) : "", db.text("SELECT src_row" + where));
  }
  EXPECT_GT(with_derived, 0);  // the sample has a blank with an imputed zero
  EXPECT_GT(with_flags, 0);
}

TEST_P(ExportRows, CopiesAndDocumentsThatAreNotReportsAreLeftOut) {
  ExportDatabase db(GetParam());
  db.ingest(kSeed);
  db.ingest(kSeed, "\n");  // another document holding the same report
  ASSERT_EQ(db.integer("SELECT count(*) FROM reports"), 2);
  int64_t primary = db.integer("SELECT min(id) FROM reports");
  int64_t copy = db.integer("SELECT max(id) FROM reports");
  EXPECT_EQ(report_ids(db.long_rows()), (std::set<int64_t>{primary, copy}));

  db.exec("UPDATE reports SET copy_of = " + std::to_string(primary) + " WHERE id = " + std::to_string(copy));
  EXPECT_EQ(report_ids(db.long_rows()), std::set<int64_t>{primary});

  db.exec("UPDATE reports SET format = 'not_a_report' WHERE id = " + std::to_string(primary));
  EXPECT_TRUE(db.long_rows().empty());
  EXPECT_TRUE(ExportReader(db.raw(), {}).read_sources().empty());
  EXPECT_TRUE(ExportReader(db.raw(), {}).read_wide(false).rows.empty());
}

TEST_P(ExportRows, ALinkedReportCarriesTheRegistryNameAndAgencyMatchesIdNameAliasOrPrintedName) {
  ExportDatabase db(GetParam());
  db.ingest(kSeed);
  db.ingest(kDerived2021);
  std::string printed = read_gold(kSeedGold)["agency"].get<std::string>();
  db.exec("INSERT INTO agencies (id, name, name_key, region_code, level) "
          "VALUES (7, '抚顺市市场监管局（登记名）', 'fushun-amr', '210400', 'city')");
  db.exec("INSERT INTO agency_aliases (agency_id, alias, name_key) VALUES (7, '抚顺市场监管', 'fushun-amr-alias')");
  db.exec("UPDATE reports SET agency_id = 7 WHERE agency = '" + printed + "'");
  int64_t seed_report = db.integer("SELECT id FROM reports WHERE agency_id = 7");

  std::vector<LongRow> all = db.long_rows();
  ASSERT_EQ(report_ids(all).size(), 2u);
  for (const LongRow& row : all) {
    if (row.report.report_id != seed_report) continue;
    EXPECT_EQ(row.report.agency, "抚顺市市场监管局（登记名）");
    EXPECT_EQ(row.report.agency_id, 7);
    EXPECT_EQ(row.report.region_code, "210400");
    EXPECT_EQ(row.report.level, "city");
  }
  for (const std::string& wanted : {std::string("7"), std::string("抚顺市市场监管局（登记名）"),
                                    std::string("抚顺市场监管"), printed}) {
    SCOPED_TRACE(wanted);
    ExportSelection selection;
    selection.agencies = {wanted};
    EXPECT_EQ(report_ids(db.long_rows(selection)), std::set<int64_t>{seed_report});
  }
  ExportSelection partial;
  partial.agencies = {"抚顺市"};  // exact matches only
  EXPECT_TRUE(db.long_rows(partial).empty());
  ExportSelection both;
  both.agencies = {"7", read_gold("derived/f2021-pipe.expected.json")["agency"].get<std::string>()};
  EXPECT_EQ(report_ids(db.long_rows(both)).size(), 2u);
}

TEST_P(ExportRows, YearsSelectAnInclusiveRange) {
  ExportDatabase db(GetParam());
  db.ingest(kSeed);          // 2021
  db.ingest(kDerived2019);   // 2020
  int64_t report_2020 = db.integer("SELECT id FROM reports WHERE report_year = 2020");
  auto years = [&](std::optional<int> first, std::optional<int> last) {
    ExportSelection selection;
    selection.first_year = first;
    selection.last_year = last;
    return report_ids(db.long_rows(selection));
  };
  EXPECT_EQ(years(2020, 2020), std::set<int64_t>{report_2020});
  EXPECT_EQ(years(2019, 2025).size(), 2u);
  EXPECT_TRUE(years(2022, 2025).empty());
  EXPECT_EQ(years(std::nullopt, 2020), std::set<int64_t>{report_2020});
}

TEST_P(ExportRows, KeyGlobsSelectTheMatchingCellsOnly) {
  ExportDatabase db(GetParam());
  db.ingest(kSeed);
  ExportSelection selection;
  selection.key_globs = {"t3.result.*"};
  std::vector<LongRow> rows = db.long_rows(selection);
  EXPECT_EQ(static_cast<int64_t>(rows.size()), db.integer("SELECT count(*) FROM cells WHERE key LIKE 't3.result.%'"));
  for (const LongRow& row : rows) EXPECT_EQ(row.cell.key.rfind("t3.result.", 0), 0u) << row.cell.key;

  selection.key_globs = {"t4.*.total", "t2.license.decisions"};
  rows = db.long_rows(selection);
  EXPECT_EQ(static_cast<int64_t>(rows.size()),
            db.integer("SELECT count(*) FROM cells WHERE (key LIKE 't4.%' AND key LIKE '%.total') "
                       "OR key = 't2.license.decisions'"));
  ASSERT_GT(rows.size(), 1u);
  std::map<std::string, int64_t> counts;
  for (const auto& [key, count] : ExportReader(db.raw(), selection).count_keys()) counts[key] = count;
  EXPECT_EQ(counts.size(), rows.size());
  EXPECT_EQ(counts["t2.license.decisions"], 1);
}

TEST_P(ExportRows, TheLatestCorrectionStandsNextToThePrintedValue) {
  ExportDatabase db(GetParam());
  db.ingest(kSeed);
  double printed = read_gold(kSeedGold)["cells"]["t2.license.decisions"].get<double>();
  int64_t report = db.integer("SELECT id FROM reports");
  std::string insert = "INSERT INTO corrections (report_id, key, value, reason, corrected_by) VALUES (" +
                       std::to_string(report) + ", 't2.license.decisions', ";
  db.exec(insert + std::to_string(printed + 1) + ", 'typo', 'tester')");
  db.exec(insert + std::to_string(printed + 2) + ", 'second look', 'tester')");
  ExportSelection selection;
  selection.key_globs = {"t2.license.*"};
  for (const LongRow& row : db.long_rows(selection)) {
    if (row.cell.key != "t2.license.decisions") {
      EXPECT_FALSE(row.cell.corrected) << row.cell.key;
      continue;
    }
    EXPECT_EQ(row.cell.value, printed);
    EXPECT_TRUE(row.cell.corrected);
    EXPECT_EQ(row.cell.corrected_value, printed + 2);
  }
}

TEST_P(ExportRows, AReaderSeesOneSnapshotWhateverIsWrittenMeanwhile) {
  ExportDatabase db(GetParam());
  db.ingest(kSeed);
  int64_t report = db.integer("SELECT id FROM reports");
  ExportSelection license;
  license.key_globs = {"t2.license.decisions"};
  ExportReader reader(db.raw(), license);
  db.exec_elsewhere("INSERT INTO corrections (report_id, key, value, reason, corrected_by) VALUES (" +
                    std::to_string(report) + ", 't2.license.decisions', 1, 'late', 'tester')");
  EXPECT_EQ(db.integer("SELECT count(*) FROM corrections"), 1);  // committed
  int rows = 0;
  reader.visit_cells([&](const ExportReport&, const ExportCell& cell) {
    ++rows;
    EXPECT_FALSE(cell.corrected);  // written after the export began
  });
  EXPECT_EQ(rows, 1);
  EXPECT_EQ(reader.report_count(), 1);
}

TEST_P(ExportRows, WideHasOneRowPerReportSortedKeysAndCorrectedOrPrintedOrDerivedValues) {
  ExportDatabase db(GetParam());
  db.ingest(kSeed);
  db.ingest_sample("样例局", 2021);
  WideExport wide = ExportReader(db.raw(), {}).read_wide(false);
  ASSERT_EQ(wide.rows.size(), 2u);
  EXPECT_TRUE(std::is_sorted(wide.keys.begin(), wide.keys.end()));
  EXPECT_EQ(static_cast<int64_t>(wide.keys.size()), db.integer("SELECT count(DISTINCT key) FROM cells"));
  auto column = std::find(wide.keys.begin(), wide.keys.end(), "t3.new_received.total") - wide.keys.begin();
  ASSERT_LT(static_cast<size_t>(column), wide.keys.size());

  // A cell whose printed value is blank but derived: empty unless with_derived.
  std::string blank_key = db.text("SELECT key FROM cells WHERE value IS NULL AND derived IS NOT NULL LIMIT 1");
  ASSERT_FALSE(blank_key.empty());
  int64_t blank_report = db.integer("SELECT report_id FROM cells WHERE key = '" + blank_key +
                                    "' AND value IS NULL AND derived IS NOT NULL LIMIT 1");
  double blank_derived = std::stod(db.text("SELECT derived FROM cells WHERE report_id = " +
                                           std::to_string(blank_report) + " AND key = '" + blank_key + "'"));
  auto blank_column = std::find(wide.keys.begin(), wide.keys.end(), blank_key) - wide.keys.begin();

  int64_t seed_report = db.integer("SELECT id FROM reports WHERE report_year = 2021 AND agency = '" +
                                   read_gold(kSeedGold)["agency"].get<std::string>() + "'");
  db.exec("INSERT INTO corrections (report_id, key, value, reason, corrected_by) VALUES (" +
          std::to_string(seed_report) + ", 't3.new_received.total', 4242, 'recount', 'tester')");
  WideExport corrected = ExportReader(db.raw(), {}).read_wide(false);
  WideExport with_derived = ExportReader(db.raw(), {}).read_wide(true);
  for (size_t i = 0; i < corrected.rows.size(); ++i) {
    const ExportReport& report = corrected.rows[i].report;
    SCOPED_TRACE(report.report_id);
    std::vector<std::optional<double>> values = corrected.dense(corrected.rows[i]);
    std::string printed = db.text("SELECT value FROM cells WHERE report_id = " + std::to_string(report.report_id) +
                                  " AND key = 't3.new_received.total'");
    if (report.report_id == seed_report) {
      EXPECT_EQ(values[column], 4242.0);
      EXPECT_EQ(wide.dense(wide.rows[i])[column], std::stod(printed));
    } else {
      EXPECT_EQ(values[column], std::stod(printed));
    }
    if (report.report_id == blank_report) {
      EXPECT_FALSE(values[blank_column].has_value());
      EXPECT_EQ(with_derived.dense(with_derived.rows[i])[blank_column], blank_derived);
    }
  }
}

TEST_P(ExportRows, WideKeepsAReportWithoutSelectedKeysAsARow) {
  ExportDatabase db(GetParam());
  db.ingest(kSeed);
  ExportSelection selection;
  selection.key_globs = {"no.such.*"};
  WideExport wide = ExportReader(db.raw(), selection).read_wide(false);
  EXPECT_TRUE(wide.keys.empty());
  ASSERT_EQ(wide.rows.size(), 1u);
  EXPECT_EQ(wide.rows[0].report.sha256, sha256_hex(read_fixture(kSeed)));
}

TEST_P(ExportRows, FindingsAndSourcesOfTheSelectedReports) {
  ExportDatabase db(GetParam());
  db.ingest(kDerived2021);
  db.ingest(kSeed);
  std::vector<ExportFinding> findings = ExportReader(db.raw(), {}).read_findings();
  ASSERT_EQ(static_cast<int64_t>(findings.size()), db.integer("SELECT count(*) FROM findings"));
  ASSERT_FALSE(findings.empty());
  std::map<int64_t, std::string> exported;  // per report: "rule cells" lines in finding order
  for (const ExportFinding& finding : findings) {
    EXPECT_EQ(finding.origin, "extract");
    exported[finding.report_id] += finding.rule + " " + nlohmann::json(finding.cells).dump() + "\n";
  }
  for (const auto& [report, lines] : exported) {
    std::string stored;
    for (std::string row : testing::backend_rows(db.target(), "SELECT rule, cells FROM findings WHERE report_id = " +
                                                         std::to_string(report) + " ORDER BY ordinal")) {
      stored += row.replace(row.find('|'), 1, " ") + "\n";  // rule|cells
    }
    EXPECT_EQ(lines, stored);
  }
  std::vector<ExportSource> sources = ExportReader(db.raw(), {}).read_sources();
  ASSERT_EQ(sources.size(), 2u);
  for (const ExportSource& source : sources) {
    EXPECT_EQ(source.sha256, sha256_hex(read_fixture(source.source_url)));
    EXPECT_EQ(source.media_type, db.text("SELECT media_type FROM documents WHERE origin = '" + source.source_url + "'"));
    EXPECT_FALSE(source.extractor_version.empty());
  }
  ExportSelection seed_only;
  seed_only.agencies = {read_gold(kSeedGold)["agency"].get<std::string>()};
  EXPECT_EQ(ExportReader(db.raw(), seed_only).read_sources().size(), 1u);
  EXPECT_TRUE(ExportReader(db.raw(), seed_only).read_findings().empty());  // the seed has no finding
}

INSTANTIATE_TEST_SUITE_P(Backends, ExportRows, NIANBAO_BOTH_BACKENDS);

}  // namespace
}  // namespace nianbao::store
