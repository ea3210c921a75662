// End-to-end tests of `nianbao compare`: the real binary ingests 平潭 2019/2023/2024/2025 and 抚顺
// AMR 2021, the test links them to agencies, then checks the table, marks, CSV and JSON against the gold.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <regex>

#include "cli/text_table.h"
#include "store/connection.h"
#include "store/statement.h"
#include "tests/support/backend_database.h"
#include "tests/support/cli_runner.h"
#include "tests/support/gold.h"

namespace nianbao {
namespace {

using nianbao::testing::CliWorkspace;
using nianbao::testing::CommandResult;
using nianbao::testing::fixture_path;
using nianbao::testing::lines_of;
using nianbao::testing::read_gold;

const std::vector<std::string> kHeadline = {
    "t3.new_received.total",   "t3.carried_over.total", "t3.result.granted.total",
    "t3.result.partial.total", "t3.result.total.total", "t3.carry_forward.total",
    "t4.review.total",         "t4.suit_direct.total",  "t4.suit_after_review.total"};
const std::string kPingtan = "平潭综合实验区管理委员会";  // canonical name; the reports print 平潭综合实验区
const std::string kFushun = "抚顺市市场监督管理局";

// real/pingtan-archive/zfxxgknb/<month>/<id>_<title>/ for one report id.
std::string pingtan_dir(const std::string& month, const std::string& id) {
  std::string folder = "real/pingtan-archive/zfxxgknb/" + month;
  for (const auto& entry : std::filesystem::directory_iterator(fixture_path(folder))) {
    std::string name = entry.path().filename().string();
    if (name.rfind(id + "_", 0) == 0) return folder + "/" + name;
  }
  throw std::runtime_error("no fixture " + id + " under " + folder);
}

// Runs test setup SQL on either backend (the registry is another command's job).
void exec(const std::string& database, const std::string& sql) {
  store::Connection connection(database, store::OpenMode::existing);
  store::execute(connection.handle(), sql, "test setup");
}

// The cells of a table line: the text between runs of two or more spaces (no cell is empty).
std::vector<std::string> cells_of(const std::string& line) {
  std::vector<std::string> cells;
  std::regex gap(" {2,}");
  for (std::sregex_token_iterator it(line.begin(), line.end(), gap, -1), end; it != end; ++it) {
    if (!it->str().empty()) cells.push_back(it->str());
  }
  return cells;
}

// The table: the lines before the first blank line (agency line, header, one line per key).
std::vector<std::string> table_lines(const std::string& out) {
  std::vector<std::string> lines;
  for (const std::string& line : lines_of(out)) {
    if (line.empty()) break;
    lines.push_back(line);
  }
  return lines;
}

std::string integer_text(double value) { return std::to_string(static_cast<long long>(value)); }

// Every test runs on an SQLite file and on a PostgreSQL database.
class CompareCli : public ::testing::TestWithParam<testing::Backend> {
 protected:
  void SetUp() override {
    NIANBAO_REQUIRE_BACKEND(GetParam());
    database_ = std::make_unique<testing::BackendDatabase>(GetParam());
    db_ = database_->target();
    for (auto [year, month, id] : {std::tuple{2019, "202001", "80576"}, std::tuple{2023, "202403", "87885"},
                                   std::tuple{2024, "202503", "97791"}, std::tuple{2025, "202603", "105587"}}) {
      std::string dir = pingtan_dir(month, id);
      documents_.push_back(fixture_path(dir + "/page.html"));
      gold_[year] = read_gold(dir + "/page.expected.json");
    }
    documents_.push_back(fixture_path("seed/fushun-amr-2021.txt"));
    gold_[2021] = read_gold("seed/fushun-amr-2021.expected.json");
    std::vector<std::string> ingest = {"ingest", "--db", db_};
    ingest.insert(ingest.end(), documents_.begin(), documents_.end());
    CommandResult stored = work_.run(ingest);
    ASSERT_EQ(stored.exit_code, 0) << stored.err;
    exec(db_,
         "INSERT INTO agencies (id, name, name_key, region_code, level) VALUES "
         "(7, '" + kPingtan + "', '" + kPingtan + "', '350128', 'county'), "
         "(9, '" + kFushun + "', '" + kFushun + "', '210400', 'city');"
         "INSERT INTO agency_aliases (agency_id, alias, name_key) VALUES (7, '平潭实验区', '平潭实验区');"
         "UPDATE reports SET agency_id = 7 WHERE agency = '平潭综合实验区';"
         "UPDATE reports SET agency_id = 9 WHERE agency = '" + kFushun + "';");
  }

  CommandResult compare(std::vector<std::string> extra) {
    std::vector<std::string> args = {"compare", "--db", db_, "--agency", kPingtan, "--agency", kFushun};
    args.insert(args.end(), extra.begin(), extra.end());
    return work_.run(args);
  }

  double gold(int year, const std::string& key) { return gold_.at(year)["cells"].at(key).get<double>(); }

  // The stored id of the report of `year` (2021: 抚顺; the others: 平潭).
  std::string report_id(int year) {
    std::string id = testing::backend_one(db_, "SELECT id FROM reports WHERE report_year = " + std::to_string(year));
    if (id.empty()) throw std::runtime_error("no stored report of " + std::to_string(year));
    return id;
  }

  CliWorkspace work_;
  std::unique_ptr<testing::BackendDatabase> database_;
  std::string db_;
  std::vector<std::string> documents_;
  std::map<int, nlohmann::json> gold_;
};

// Cell [key][column header] of a text table.
std::map<std::string, std::map<std::string, std::string>> parse_table(const std::vector<std::string>& lines) {
  std::map<std::string, std::map<std::string, std::string>> table;
  std::vector<std::string> header = cells_of(lines.at(1));
  for (size_t i = 2; i < lines.size(); ++i) {
    std::vector<std::string> cells = cells_of(lines[i]);
    EXPECT_EQ(cells.size(), header.size()) << lines[i];
    for (size_t c = 2; c < cells.size() && c < header.size(); ++c) table[cells[0]][header[c]] = cells[c];
  }
  return table;
}

TEST_P(CompareCli, TwoAgenciesSideBySideShowTheGoldValues) {
  CommandResult result = compare({});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  std::vector<std::string> lines = table_lines(result.out);
  ASSERT_EQ(lines.size(), 2 + kHeadline.size()) << result.out;
  EXPECT_EQ(cells_of(lines[1]), (std::vector<std::string>{"key", "项目", "2019", "2023", "2024", "2024同比", "2025",
                                                          "2025同比", "2021"}));
  size_t pingtan_at = lines[0].find(kPingtan), fushun_at = lines[0].find(kFushun);
  ASSERT_NE(pingtan_at, std::string::npos);
  ASSERT_NE(fushun_at, std::string::npos);
  EXPECT_LT(pingtan_at, fushun_at);
  auto table = parse_table(lines);
  for (const std::string& key : kHeadline) {
    for (int year : {2019, 2023, 2024, 2025, 2021}) {
      EXPECT_EQ(table[key][std::to_string(year)], integer_text(gold(year, key))) << key << " " << year;
    }
  }
  for (int year : {2019, 2023, 2024, 2025, 2021}) {
    std::string agency = year == 2021 ? kFushun : kPingtan;
    EXPECT_TRUE(std::regex_search(result.out, std::regex(agency + " " + std::to_string(year) + " +report " +
                                                         report_id(year) + " ")))
        << "the legend names column " << year;
  }
  for (const std::string& document : documents_) {
    EXPECT_NE(result.out.find(document), std::string::npos) << "the legend names " << document;
  }
}

TEST_P(CompareCli, TheYearOnYearChangeIsTheDifferenceOfTheTwoGoldValues) {
  CommandResult text = compare({});
  ASSERT_EQ(text.exit_code, 0) << text.err;
  auto table = parse_table(table_lines(text.out));
  CommandResult json = compare({"--format", "json"});
  ASSERT_EQ(json.exit_code, 0) << json.err;
  nlohmann::json parsed = nlohmann::json::parse(json.out);
  int checked_percent = 0;
  for (const std::string& key : kHeadline) {
    for (int year : {2024, 2025}) {
      SCOPED_TRACE(key + " " + std::to_string(year));
      double before = gold(year - 1, key), now = gold(year, key), change = now - before;
      std::string cell = table[key][std::to_string(year) + "同比"];
      std::string absolute = (change > 0 ? "+" : "") + integer_text(change);
      EXPECT_EQ(cell.substr(0, cell.find(' ')), absolute) << cell;
      const nlohmann::json& values = parsed["agencies"][0]["years"][std::to_string(year)]["values"][key];
      EXPECT_EQ(values["change"].get<double>(), change);
      if (before == 0) {
        EXPECT_EQ(cell, absolute + " (—)");
        EXPECT_TRUE(values["change_pct"].is_null());
      } else {
        std::smatch percent;
        ASSERT_TRUE(std::regex_search(cell, percent, std::regex(R"(\(([-+]?[0-9.]+)%\))"))) << cell;
        EXPECT_NEAR(std::stod(percent[1].str()), change / before * 100, 0.05);
        EXPECT_NEAR(values["change_pct"].get<double>(), change / before * 100, 1e-9);
        ++checked_percent;
      }
    }
  }
  EXPECT_GT(checked_percent, 0);
  // 2022 is not stored: 2023 has no change column, and 2019 → 2023 is not year on year.
  EXPECT_TRUE(parsed["agencies"][0]["years"]["2023"]["values"]["t3.new_received.total"]["change"].is_null());
}

TEST_P(CompareCli, ACorrectionShowsAStarAndTheCorrectedValue) {
  double printed = gold(2024, "t3.result.granted.total");
  exec(db_, "INSERT INTO corrections (report_id, key, value, reason, corrected_by) VALUES (" + report_id(2024) +
                ", 't3.result.granted.total', " + integer_text(printed + 3) + ", 'HTML table misread', 'test')");
  CommandResult result = compare({});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  auto table = parse_table(table_lines(result.out));
  EXPECT_EQ(table["t3.result.granted.total"]["2024"], integer_text(printed + 3) + "*");
  EXPECT_EQ(table["t3.result.granted.total"]["2023"], integer_text(gold(2023, "t3.result.granted.total")));
  std::string change = table["t3.result.granted.total"]["2024同比"];
  EXPECT_EQ(change.substr(0, change.find(' ')),
            "+" + integer_text(printed + 3 - gold(2023, "t3.result.granted.total")));
  EXPECT_NE(result.out.find("printed " + integer_text(printed) + ", corrected " + integer_text(printed + 3) +
                            ": HTML table misread"),
            std::string::npos)
      << result.out;
  for (const auto& [key, row] : table) {
    for (const auto& [column, cell] : row) {
      if (key != "t3.result.granted.total" || column != "2024") {
        EXPECT_EQ(cell.find('*'), std::string::npos) << key;
      }
    }
  }
  nlohmann::json parsed = nlohmann::json::parse(compare({"--format", "json"}).out);
  const nlohmann::json& cell = parsed["agencies"][0]["years"]["2024"]["values"]["t3.result.granted.total"];
  EXPECT_EQ(cell["value"].get<double>(), printed + 3);
  EXPECT_EQ(cell["printed"].get<double>(), printed);
  EXPECT_TRUE(cell["corrected"].get<bool>());
}

TEST_P(CompareCli, ACellNamedByAFindingShowsABang) {
  exec(db_, "INSERT INTO findings (report_id, ordinal, rule, severity, message, cells, origin) VALUES (" +
                report_id(2025) + ", 100, 'T4-1', 'error', '行政复议: 总计 ≠ 维持 + 纠正 + 其他 + 尚未审结', "
                "'[\"t4.review.total\"]', 'extract')");
  CommandResult result = compare({});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  auto table = parse_table(table_lines(result.out));
  EXPECT_EQ(table["t4.review.total"]["2025"], integer_text(gold(2025, "t4.review.total")) + "!");
  for (const auto& [key, row] : table) {
    for (const auto& [column, cell] : row) {
      if (key != "t4.review.total" || column != "2025") {
        EXPECT_EQ(cell.find('!'), std::string::npos) << key;
      }
    }
  }
  EXPECT_NE(result.out.find("T4-1"), std::string::npos);
  EXPECT_NE(result.out.find("行政复议: 总计 ≠ 维持 + 纠正 + 其他 + 尚未审结 [t4.review.total]"), std::string::npos)
      << result.out;
}

TEST_P(CompareCli, EveryLineOfTheTableHasTheSameDisplayWidth) {
  for (std::vector<std::string> extra : {std::vector<std::string>{}, {"--keys", "t*"}, {"--keys", "t3.result.*"}}) {
    CommandResult result = compare(extra);
    ASSERT_EQ(result.exit_code, 0) << result.err;
    std::vector<std::string> lines = table_lines(result.out);
    ASSERT_GT(lines.size(), 3u);
    int width = cli::display_width(lines[0]);
    bool wide_text = false;
    for (const std::string& line : lines) {
      EXPECT_EQ(cli::display_width(line), width) << line;
      EXPECT_NE(line.back(), ' ') << line;
      wide_text |= cli::display_width(line) != static_cast<int>(line.size());
    }
    EXPECT_TRUE(wide_text) << "the table should hold Chinese labels";
  }
}

TEST_P(CompareCli, JsonParsesAndHoldsTheGoldValuesAndThe2021OtherSum) {
  CommandResult result = compare({"--format", "json", "--keys", "t3.*", "--years", "2019-2023"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  nlohmann::json parsed = nlohmann::json::parse(result.out);
  ASSERT_EQ(parsed["agencies"].size(), 2u);
  EXPECT_EQ(parsed["agencies"][0]["agency"], kPingtan);
  EXPECT_EQ(parsed["agencies"][0]["agency_id"], 7);
  EXPECT_EQ(parsed["agencies"][1]["agency"], kFushun);
  EXPECT_FALSE(parsed["agencies"][0]["years"].contains("2024"));
  for (auto [agency, year] : {std::pair{0, 2019}, std::pair{0, 2023}, std::pair{1, 2021}}) {
    const nlohmann::json& values = parsed["agencies"][agency]["years"][std::to_string(year)]["values"];
    for (const auto& [key, expected] : gold_[year]["cells"].items()) {
      if (key.rfind("t3.", 0) != 0) continue;
      EXPECT_EQ(values[key]["value"], expected) << year << " " << key;
    }
  }
  const nlohmann::json& other = parsed["agencies"][0]["years"]["2023"]["values"]["t3.result.other.total"];
  EXPECT_EQ(other["value"].get<double>(), gold(2023, "t3.result.other.no_correction.total") +
                                              gold(2023, "t3.result.other.fee_unpaid.total") +
                                              gold(2023, "t3.result.other.misc.total"));
  EXPECT_TRUE(other["summed"].get<bool>());
  EXPECT_EQ(parsed["agencies"][0]["years"]["2019"]["values"]["t3.result.other.total"]["value"].get<double>(),
            gold(2019, "t3.result.other.total"));
}

TEST_P(CompareCli, CsvHasABomAndOneRowPerKeyAgencyAndYear) {
  CommandResult result = compare({"--format", "csv"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  ASSERT_EQ(result.out.rfind("\xEF\xBB\xBF", 0), 0u);
  std::vector<std::string> lines = lines_of(result.out.substr(3));
  ASSERT_EQ(lines.size(), 1 + kHeadline.size() * 5);
  EXPECT_EQ(lines[0], "agency,agency_id,year,key,value,printed,derived,corrected,flags,change,change_pct,report_id,source\r");
  std::string row = kPingtan + ",7,2024,t3.new_received.total," + integer_text(gold(2024, "t3.new_received.total")) +
                    "," + integer_text(gold(2024, "t3.new_received.total")) + ",,,," +
                    integer_text(gold(2024, "t3.new_received.total") - gold(2023, "t3.new_received.total")) + ",";
  bool found = false;
  for (const std::string& line : lines) found |= line.rfind(row, 0) == 0;
  EXPECT_TRUE(found) << row;
}

TEST_P(CompareCli, AnAliasAnIdAndTheCanonicalNameGiveTheSameTable) {
  CommandResult by_name = work_.run({"compare", "--db", db_, "--agency", kPingtan});
  CommandResult by_alias = work_.run({"compare", "--db", db_, "--agency", "平潭实验区"});
  CommandResult by_id = work_.run({"compare", "--db", db_, "--agency", "7"});
  ASSERT_EQ(by_name.exit_code, 0) << by_name.err;
  EXPECT_EQ(by_alias.out, by_name.out);
  EXPECT_EQ(by_id.out, by_name.out);
}

TEST_P(CompareCli, AnUnknownAgencyExitsWithStatus2AndIsNamed) {
  CommandResult result = work_.run({"compare", "--db", db_, "--agency", kPingtan, "--agency", "不存在的局"});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_TRUE(result.out.empty()) << result.out;
  EXPECT_NE(result.err.find("'不存在的局'"), std::string::npos) << result.err;
  CommandResult years = compare({"--years", "2025-2019"});
  EXPECT_EQ(years.exit_code, 2);
  EXPECT_NE(years.err.find("2025-2019"), std::string::npos) << years.err;
}

INSTANTIATE_TEST_SUITE_P(Backends, CompareCli, NIANBAO_BOTH_BACKENDS);

}  // namespace
}  // namespace nianbao
