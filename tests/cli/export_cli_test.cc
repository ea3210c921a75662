// `nianbao export` end to end: the real binary exports what the real binary ingested, and every
// exported value is read back (CSV by an RFC 4180 parser, JSONL by nlohmann, XLSX by libzip +
// libxml2) and compared with the database read through the store's connection; every test runs on
// an SQLite file and on a PostgreSQL database.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <cmath>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <regex>
#include <set>
#include <sstream>

#include "cli/csv_writer.h"
#include "common/sha256.h"
#include "extract/docx/zip_archive.h"
#include "store/connection.h"
#include "store/glob_match.h"
#include "store/statement.h"
#include "tests/support/backend_database.h"
#include "tests/support/cli_runner.h"
#include "tests/support/gold.h"

#if __has_include(<libxml/parser.h>)
#include <libxml/parser.h>
#include <libxml/tree.h>
#define NIANBAO_TEST_HAS_LIBXML2 1
#endif

namespace nianbao {
namespace {

using nianbao::testing::CliWorkspace;
using nianbao::testing::CommandResult;
using nianbao::testing::fixture_path;
using nianbao::testing::read_fixture;
using nianbao::testing::read_gold;
using nianbao::testing::slurp;

const std::string kSeed = "seed/fushun-amr-2021.txt";                // 2021, no finding
const std::string kDerived2021 = "derived/f2021-pipe.txt";           // 2021, decimals, blanks, 3 findings
const std::string kDerived2019 = "derived/f2019-pipe.txt";           // a 2020 report, 2 findings
const std::string kBom = "\xEF\xBB\xBF";

const std::vector<std::string> kLongColumns = {
    "agency_id", "agency", "region_code", "level", "report_year", "format", "scope", "key", "value",
    "derived", "flags", "corrected_value", "source_url", "sha256", "src_table", "src_row", "src_col", "src_page"};
const std::set<std::string> kNumericColumns = {"agency_id", "report_year", "value", "derived", "corrected_value",
                                               "src_table", "src_row", "src_col", "src_page", "report_id"};

// ---- reading the outputs --------------------------------------------------------------------

// RFC 4180: fields separated by commas, records by CRLF (LF tolerated), quoted fields may hold
// commas, line breaks and doubled quotes.
std::vector<std::vector<std::string>> parse_csv(std::string_view text) {
  std::vector<std::vector<std::string>> records;
  std::vector<std::string> record;
  std::string field;
  bool quoted = false, field_started = false;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c == '"') {
      quoted = true;
      field_started = true;
    } else if (c == ',') {
      record.push_back(std::move(field));
      field.clear();
      field_started = true;
    } else if (c == '\r' || c == '\n') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      record.push_back(std::move(field));
      records.push_back(std::move(record));
      field.clear();
      record.clear();
      field_started = false;
    } else {
      field += c;
      field_started = true;
    }
  }
  if (field_started || !field.empty()) {
    record.push_back(std::move(field));
    records.push_back(std::move(record));
  }
  return records;
}

// One exported value as the tests compare it: empty, a number or text.
struct Value {
  enum class Kind { empty, number, text } kind = Kind::empty;
  double number = 0;
  std::string text;
  bool operator==(const Value& other) const {
    if (kind != other.kind) return false;
    if (kind == Kind::number) return number == other.number;
    return text == other.text;
  }
};

std::ostream& operator<<(std::ostream& out, const Value& value) {
  if (value.kind == Value::Kind::empty) return out << "(empty)";
  if (value.kind == Value::Kind::number) return out << value.number;
  return out << '"' << value.text << '"';
}

Value number_value(double number) { return {Value::Kind::number, number, ""}; }
Value text_value(const std::string& text) {
  return text.empty() ? Value{} : Value{Value::Kind::text, 0, text};
}

using Row = std::map<std::string, Value>;  // column -> value

// A table read from an export: its header and its rows by column name.
struct Table {
  std::vector<std::string> header;
  std::vector<Row> rows;
};

Table csv_table(const std::string& bytes) {
  Table table;
  std::vector<std::vector<std::string>> records = parse_csv(std::string_view(bytes).substr(kBom.size()));
  if (records.empty()) return table;
  table.header = records[0];
  for (size_t r = 1; r < records.size(); ++r) {
    if (records[r].size() != table.header.size()) {
      ADD_FAILURE() << "CSV record " << r << " has " << records[r].size() << " fields, header has " << table.header.size();
      continue;
    }
    Row row;
    for (size_t c = 0; c < table.header.size(); ++c) {
      const std::string& name = table.header[c];
      const std::string& text = records[r][c];
      bool numeric = kNumericColumns.count(name) || name.find('.') != std::string::npos;  // key columns of --wide
      row[name] = text.empty() ? Value{} : numeric ? number_value(std::stod(text)) : text_value(text);
    }
    table.rows.push_back(std::move(row));
  }
  return table;
}

// JSON Lines: numbers must be JSON numbers, empties null, flags an array (compared joined by '|').
Table jsonl_table(const std::string& bytes) {
  Table table;
  for (const std::string& text : testing::lines_of(bytes)) {
    nlohmann::ordered_json line = nlohmann::ordered_json::parse(text);  // keeps the column order
    Row row;
    if (table.header.empty()) {
      for (const auto& item : line.items()) table.header.push_back(item.key());
    }
    for (const auto& [name, value] : line.items()) {
      if (value.is_null()) {
        row[name] = Value{};
      } else if (value.is_number()) {
        row[name] = number_value(value.get<double>());
      } else if (value.is_array()) {
        std::string joined;
        for (const auto& item : value) joined += (joined.empty() ? "" : "|") + item.get<std::string>();
        row[name] = text_value(joined);
      } else {
        EXPECT_TRUE(value.is_string()) << name << " = " << value.dump();
        EXPECT_FALSE(kNumericColumns.count(name)) << name << " should be a JSON number";
        row[name] = text_value(value.get<std::string>());
      }
    }
    table.rows.push_back(std::move(row));
  }
  return table;
}

// ---- the database, through the store's connection (either backend) ---------------------------

class TestDatabase {
 public:
  explicit TestDatabase(std::string target)
      : target_(std::move(target)), postgres_(target_.rfind("postgres", 0) == 0) {}

  void exec(const std::string& sql) {
    store::Connection connection(target_, store::OpenMode::existing);
    store::execute(connection.handle(), sql, "test SQL");
  }

  // Every row of `sql`, its columns named `names` in order; a column in kNumericColumns or
  // `numeric` is a number, any other text; NULL is empty.
  std::vector<Row> rows(const std::string& sql, const std::vector<std::string>& names,
                        const std::set<std::string>& numeric = {}) {
    store::Statement statement(reader(), sql, "test query");
    std::vector<Row> result;
    while (statement.step()) {
      Row row;
      for (int c = 0; c < statement.column_count() && c < static_cast<int>(names.size()); ++c) {
        const std::string& name = names[static_cast<size_t>(c)];
        if (statement.is_null(c)) {
          row[name] = Value{};
        } else if (kNumericColumns.count(name) || numeric.count(name)) {
          row[name] = number_value(statement.column_double(c));
        } else {
          row[name] = text_value(statement.column_text(c));
        }
      }
      result.push_back(std::move(row));
    }
    return result;
  }

  // The first column of the first row: a number when its text is one, else text; NULL is empty.
  Value scalar(const std::string& sql) {
    store::Statement statement(reader(), sql, "test query");
    if (!statement.step()) throw std::runtime_error("no row: " + sql);
    if (statement.is_null(0)) return Value{};
    std::string text = statement.column_text(0);
    size_t used = 0;
    try {
      double number = std::stod(text, &used);
      if (used == text.size()) return number_value(number);
    } catch (const std::exception&) {
    }
    return text_value(text);
  }

  // SQL that differs by backend: a GLOB test, a JSON list joined by '|', CR LF.
  std::string glob(const std::string& column, const std::string& pattern) const {
    return postgres_ ? column + " ~ '" + store::glob_to_regex(pattern) + "'" : column + " GLOB '" + pattern + "'";
  }
  std::string joined_list(const std::string& json) const {
    return postgres_ ? "(SELECT string_agg(value, '|' ORDER BY n) FROM jsonb_array_elements_text(" + json +
                           ") WITH ORDINALITY AS j(value, n))"
                     : "(SELECT group_concat(value, '|') FROM json_each(" + json + "))";
  }
  std::string crlf() const { return postgres_ ? "chr(13) || chr(10)" : "char(13, 10)"; }

 private:
  // One read-only connection for every read (each statement sees the latest commit).
  store::Session& reader() {
    if (!reader_) reader_ = std::make_unique<store::Connection>(target_, store::OpenMode::read_only);
    return reader_->handle();
  }

  std::string target_;
  bool postgres_;
  std::unique_ptr<store::Connection> reader_;
};

// What the long export must hold, straight from the view cell_values (one row per stored cell of
// a primary copy of a real report), keyed by "sha256 key"; flags joined by '|'.
std::map<std::string, Row> expected_long_rows(TestDatabase& db) {
  std::map<std::string, Row> expected;
  for (Row& row : db.rows("SELECT v.agency_id, COALESCE(v.agency, v.printed_agency) AS agency, "
                          "COALESCE(v.region_code, '') AS region_code, COALESCE(v.level, '') AS level, v.report_year, "
                          "v.format, v.scope, v.key, v.value, v.derived, " + db.joined_list("v.flags") +
                              " AS flags, v.corrected_value, "
                              "v.source AS source_url, v.sha256, v.src_table, v.src_row, v.src_col, v.src_page "
                              "FROM cell_values v JOIN reports r ON r.id = v.report_id "
                              "WHERE r.copy_of IS NULL AND r.format <> 'not_a_report'",
                          kLongColumns)) {
    expected[row["sha256"].text + " " + row["key"].text] = std::move(row);
  }
  return expected;
}

void expect_long_table_equals_database(const Table& table, TestDatabase& db) {
  EXPECT_EQ(table.header, kLongColumns);
  std::map<std::string, Row> expected = expected_long_rows(db);
  ASSERT_EQ(table.rows.size(), expected.size());
  for (const Row& row : table.rows) {
    std::string id = row.at("sha256").text + " " + row.at("key").text;
    SCOPED_TRACE(id);
    ASSERT_TRUE(expected.count(id));
    for (const std::string& column : kLongColumns) EXPECT_EQ(row.at(column), expected[id][column]) << column;
  }
}

// ---- helpers ---------------------------------------------------------------------------------

// A database of the test's backend that the real binary fills and exports.
struct ExportRun {
  explicit ExportRun(testing::Backend backend) : database(backend), db(database.target()) {}
  CliWorkspace work;
  testing::BackendDatabase database;
  std::string db;

  // Fixture paths relative to fixtures/, or absolute paths (files the test wrote).
  void ingest(const std::vector<std::string>& fixtures) {
    std::vector<std::string> args = {"ingest", "--db", db};
    for (const std::string& fixture : fixtures) args.push_back(fixture[0] == '/' ? fixture : fixture_path(fixture));
    CommandResult result = work.run(args);
    ASSERT_EQ(result.exit_code, 0) << result.err;
  }

  // `nianbao export --db DB ARGS... --out FILE`; returns the file's bytes.
  std::string export_to(const std::string& file, std::vector<std::string> args) {
    args.insert(args.begin(), {"export", "--db", db});
    args.insert(args.end(), {"--out", work.file(file)});
    CommandResult result = work.run(args);
    EXPECT_EQ(result.exit_code, 0) << result.err;
    return slurp(work.file(file));
  }
};

// The 2021 fixture with 一、本年新收's 总计 left blank: nianbao derives it from the printed parts
// (flags blank|derived_total), so exports carry a derived value next to an empty printed one.
const std::string kBlankedRow = "一、本年新收政府信息公開申請數量 | 46 | 9 | 0 | 1 | 2 | 1 | 59 |";
const std::string kBlankedRowWithoutTotal = "一、本年新收政府信息公開申請數量 | 46 | 9 | 0 | 1 | 2 | 1 |  |";

std::string write_blank_total_fixture(const CliWorkspace& work) {
  std::string text = read_fixture(kDerived2021);
  size_t at = text.find(kBlankedRow);
  if (at == std::string::npos) throw std::runtime_error(kDerived2021 + " no longer has the row " + kBlankedRow);
  text.replace(at, kBlankedRow.size(), kBlankedRowWithoutTotal);
  std::string path = work.file("f2021-blank-total.txt");
  std::ofstream(path, std::ios::binary) << text;
  return path;
}

// The printed 总计 the blanked fixture no longer prints (what nianbao must derive).
double blanked_total() {
  return read_gold("derived/f2021-pipe.expected.json")["cells"]["t3.new_received.total"].get<double>();
}

std::string seed_agency() { return read_gold("seed/fushun-amr-2021.expected.json")["agency"].get<std::string>(); }

std::set<std::string> column_texts(const Table& table, const std::string& column) {
  std::set<std::string> texts;
  for (const Row& row : table.rows) texts.insert(row.at(column).text);
  return texts;
}

// ---- tests -----------------------------------------------------------------------------------

// Every export test runs on an SQLite file and on a PostgreSQL database.
class ExportCli : public ::testing::TestWithParam<testing::Backend> {
 protected:
  void SetUp() override { NIANBAO_REQUIRE_BACKEND(GetParam()); }
};
INSTANTIATE_TEST_SUITE_P(Backends, ExportCli, NIANBAO_BOTH_BACKENDS);

TEST(CsvWriter, QuotesOnlyWhatRfc4180NeedsAndSurroundingBlanks) {
  EXPECT_EQ(cli::csv_field("抚顺市市场监督管理局"), "抚顺市市场监督管理局");
  EXPECT_EQ(cli::csv_field(""), "");
  EXPECT_EQ(cli::csv_field("a,b"), "\"a,b\"");
  EXPECT_EQ(cli::csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(cli::csv_field("two\r\nlines"), "\"two\r\nlines\"");
  EXPECT_EQ(cli::csv_field(" padded"), "\" padded\"");
  std::ostringstream out;
  cli::CsvWriter writer(out);
  writer.write_row({"x", "y,z", ""});
  writer.write_row({"", ""});
  EXPECT_EQ(out.str(), kBom + "x,\"y,z\",\r\n,\r\n");
  std::vector<std::vector<std::string>> parsed = parse_csv(out.str().substr(kBom.size()));
  EXPECT_EQ(parsed, (std::vector<std::vector<std::string>>{{"x", "y,z", ""}, {"", ""}}));
}

TEST_P(ExportCli, SeedIngestedTwiceGivesOneRowForTheLicenseDecisionsWithTheDocumentsSha256) {
  ExportRun run(GetParam());
  run.ingest({kSeed});
  run.ingest({kSeed});
  std::filesystem::copy_file(fixture_path(kSeed), run.work.file("same-bytes.txt"));
  ASSERT_EQ(run.work.run({"ingest", "--db", run.db, run.work.file("same-bytes.txt")}).exit_code, 0);

  Table table = csv_table(run.export_to("cells.csv", {"--format", "csv"}));
  double gold = read_gold("seed/fushun-amr-2021.expected.json")["cells"]["t2.license.decisions"].get<double>();
  std::vector<Row> license;
  for (const Row& row : table.rows) {
    if (row.at("key").text == "t2.license.decisions") license.push_back(row);
  }
  ASSERT_EQ(license.size(), 1u);
  EXPECT_EQ(license[0].at("value"), number_value(gold));
  EXPECT_EQ(license[0].at("sha256").text, sha256_hex(read_fixture(kSeed)));
  EXPECT_EQ(license[0].at("agency").text, seed_agency());
  EXPECT_EQ(license[0].at("corrected_value"), Value{});
}

TEST_P(ExportCli, CsvRoundTripEqualsTheDatabaseWithBomCrlfAndChineseText) {
  ExportRun run(GetParam());
  run.ingest({kSeed, write_blank_total_fixture(run.work), kDerived2019});
  TestDatabase db(run.db);
  // A registry name that needs quoting (comma, quotes, line break) for the 2020 report.
  db.exec("INSERT INTO agencies (id, name, name_key, region_code, level) VALUES (5, "
          "'抚顺市自然资源局, \"登记名\"' || " + db.crlf() + " || '第二行', 'k5', '210400', 'city')");
  db.exec("UPDATE reports SET agency_id = 5 WHERE report_year = 2020");
  std::string bytes = run.export_to("cells.csv", {"--format", "csv"});
  ASSERT_EQ(bytes.substr(0, 3), kBom);
  EXPECT_EQ(bytes.find('\n'), bytes.find("\r\n") + 1);  // CRLF line ends
  Table table = csv_table(bytes);
  expect_long_table_equals_database(table, db);
  EXPECT_TRUE(column_texts(table, "agency").count(seed_agency()));
  EXPECT_TRUE(column_texts(table, "agency").count("抚顺市自然资源局, \"登记名\"\r\n第二行"));
  EXPECT_TRUE(column_texts(table, "region_code").count("210400"));

  // Integers print without ".0"; the 2021 fixture's 12.5634 万元 keeps its decimals.
  std::vector<std::vector<std::string>> records = parse_csv(std::string_view(bytes).substr(3));
  size_t value_column = 8, key_column = 7, sha_column = 13;
  ASSERT_EQ(records[0][value_column], "value");
  for (size_t r = 1; r < records.size(); ++r) {
    const std::string& text = records[r][value_column];
    if (text.empty()) continue;
    Value integral = db.scalar("SELECT integral FROM cells c JOIN reports rr ON rr.id = c.report_id JOIN documents d "
                               "ON d.id = rr.document_id WHERE d.sha256 = '" + records[r][sha_column] +
                               "' AND c.key = '" + records[r][key_column] + "'");
    EXPECT_EQ(text.find('.') == std::string::npos, integral.number == 1) << records[r][key_column] << " " << text;
  }
  EXPECT_NE(bytes.find(",12.5634,"), std::string::npos);
  int derived_rows = 0;
  for (const Row& row : table.rows) {
    if (row.at("derived").kind == Value::Kind::empty) continue;
    ++derived_rows;
    EXPECT_EQ(row.at("key").text, "t3.new_received.total");
    EXPECT_EQ(row.at("value"), Value{});
    EXPECT_EQ(row.at("derived"), number_value(blanked_total()));
    EXPECT_EQ(row.at("flags"), text_value("blank|derived_total"));
  }
  EXPECT_EQ(derived_rows, 1);
}

TEST_P(ExportCli, JsonLinesRoundTripEqualsTheDatabaseWithNumbersAndNulls) {
  ExportRun run(GetParam());
  run.ingest({kSeed, write_blank_total_fixture(run.work)});
  std::string bytes = run.export_to("cells.jsonl", {"--format", "jsonl"});
  TestDatabase db(run.db);
  expect_long_table_equals_database(jsonl_table(bytes), db);
  nlohmann::json first = nlohmann::json::parse(bytes.substr(0, bytes.find('\n')));
  EXPECT_TRUE(first["flags"].is_array());
  EXPECT_TRUE(first["report_year"].is_number_integer());
  EXPECT_TRUE(first["agency_id"].is_null());
  size_t derived = bytes.find("\"derived\":" + std::to_string(static_cast<int64_t>(blanked_total())) + ",");
  EXPECT_NE(derived, std::string::npos);  // an integer, not 59.0
  EXPECT_NE(bytes.find("\"flags\":[\"blank\",\"derived_total\"]"), std::string::npos);
}

TEST_P(ExportCli, StdoutGetsTheSameCsvAsAFile) {
  ExportRun run(GetParam());
  run.ingest({kSeed});
  std::string file = run.export_to("cells.csv", {"--format", "csv", "--keys", "t2.*"});
  CommandResult piped = run.work.run({"export", "--db", run.db, "--format", "csv", "--keys", "t2.*", "--out", "-"});
  ASSERT_EQ(piped.exit_code, 0) << piped.err;
  EXPECT_EQ(piped.out, file);
}

TEST_P(ExportCli, ACorrectionAppearsNextToThePrintedValue) {
  ExportRun run(GetParam());
  run.ingest({kSeed, kDerived2021});
  TestDatabase db(run.db);
  Value report = db.scalar("SELECT r.id FROM reports r JOIN documents d ON d.id = r.document_id WHERE d.sha256 = '" +
                           sha256_hex(read_fixture(kSeed)) + "'");
  double printed = read_gold("seed/fushun-amr-2021.expected.json")["cells"]["t2.license.decisions"].get<double>();
  db.exec("INSERT INTO corrections (report_id, key, value, reason, corrected_by) VALUES (" +
          std::to_string(static_cast<int64_t>(report.number)) + ", 't2.license.decisions', " +
          std::to_string(printed + 10) + ", 'misprint, see the 2022 report', 'tester')");

  Table table = csv_table(run.export_to("cells.csv", {"--format", "csv", "--keys", "t2.license.decisions"}));
  ASSERT_EQ(table.rows.size(), 2u);  // one per report
  int corrected_rows = 0;
  for (const Row& row : table.rows) {
    if (row.at("sha256").text != sha256_hex(read_fixture(kSeed))) {
      EXPECT_EQ(row.at("corrected_value"), Value{});
      continue;
    }
    ++corrected_rows;
    EXPECT_EQ(row.at("value"), number_value(printed));
    EXPECT_EQ(row.at("corrected_value"), number_value(printed + 10));
  }
  EXPECT_EQ(corrected_rows, 1);
  expect_long_table_equals_database(csv_table(run.export_to("all.csv", {"--format", "csv"})), db);
}

TEST_P(ExportCli, WideHasOneRowPerReportAndAColumnPerKeyWithCorrectionsApplied) {
  ExportRun run(GetParam());
  run.ingest({kSeed, write_blank_total_fixture(run.work), kDerived2019});
  TestDatabase db(run.db);
  std::string seed_sha = sha256_hex(read_fixture(kSeed));
  std::string blanked_sha = sha256_hex(slurp(run.work.file("f2021-blank-total.txt")));
  db.exec("INSERT INTO corrections (report_id, key, value, reason, corrected_by) SELECT r.id, "
          "'t3.new_received.total', 777, 'recount', 'tester' FROM reports r JOIN documents d ON d.id = r.document_id "
          "WHERE d.sha256 = '" + seed_sha + "'");
  for (const std::string& format : {std::string("csv"), std::string("jsonl")}) {
    for (bool with_derived : {false, true}) {
      SCOPED_TRACE(format + (with_derived ? " --with-derived" : ""));
      std::vector<std::string> args = {"--format", format, "--wide"};
      if (with_derived) args.push_back("--with-derived");
      std::string bytes = run.export_to("wide." + format, args);
      Table table = format == "csv" ? csv_table(bytes) : jsonl_table(bytes);
      ASSERT_EQ(table.rows.size(), 3u);
      EXPECT_EQ(std::vector<std::string>(table.header.begin(), table.header.begin() + 11),
                (std::vector<std::string>{"agency_id", "agency", "region_code", "level", "report_year", "format",
                                          "scope", "report_id", "source_url", "sha256", "published"}));
      std::vector<std::string> keys(table.header.begin() + 11, table.header.end());
      EXPECT_TRUE(std::is_sorted(keys.begin(), keys.end()));
      EXPECT_EQ(keys.size(), static_cast<size_t>(db.scalar("SELECT count(DISTINCT key) FROM cells").number));
      for (const Row& row : table.rows) {
        SCOPED_TRACE(row.at("sha256").text);
        ASSERT_TRUE(row.count("t3.new_received.total"));
        const Value& cell = row.at("t3.new_received.total");
        if (row.at("sha256").text == seed_sha) {
          EXPECT_EQ(cell, number_value(777));  // the correction, not the printed value
        } else if (row.at("sha256").text == blanked_sha) {
          EXPECT_EQ(cell, with_derived ? number_value(blanked_total()) : Value{});
        } else {
          EXPECT_EQ(cell, db.scalar("SELECT value FROM cells WHERE key = 't3.new_received.total' AND report_id = " +
                                    std::to_string(static_cast<int64_t>(row.at("report_id").number))));
        }
      }
    }
  }
}

TEST_P(ExportCli, WideWithDerivedIsRefusedWithoutWide) {
  ExportRun run(GetParam());
  run.ingest({kSeed});
  CommandResult result =
      run.work.run({"export", "--db", run.db, "--format", "csv", "--with-derived", "--out", run.work.file("x.csv")});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find("--wide"), std::string::npos) << result.err;
}

TEST_P(ExportCli, AgencyYearsAndKeysFiltersEachSelectWhatTheySay) {
  ExportRun run(GetParam());
  run.ingest({kSeed, kDerived2021, kDerived2019});
  std::string seed_sha = sha256_hex(read_fixture(kSeed));
  std::string sha_2020 = sha256_hex(read_fixture(kDerived2019));

  Table by_agency = csv_table(run.export_to("a.csv", {"--format", "csv", "--agency", seed_agency()}));
  EXPECT_EQ(column_texts(by_agency, "sha256"), std::set<std::string>{seed_sha});
  EXPECT_TRUE(csv_table(run.export_to("none.csv", {"--format", "csv", "--agency", "抚顺市"})).rows.empty());
  Table two_agencies = csv_table(run.export_to("two.csv", {"--format", "csv", "--agency", seed_agency(), "--agency",
                                                           read_gold("derived/f2019-pipe.expected.json")["agency"].get<std::string>()}));
  EXPECT_EQ(column_texts(two_agencies, "sha256"), (std::set<std::string>{seed_sha, sha_2020}));

  Table year_2020 = csv_table(run.export_to("y.csv", {"--format", "csv", "--years", "2020"}));
  EXPECT_EQ(column_texts(year_2020, "sha256"), std::set<std::string>{sha_2020});
  Table years_2021_on = csv_table(run.export_to("y2.csv", {"--format", "csv", "--years", "2021-2025"}));
  EXPECT_EQ(column_texts(years_2021_on, "sha256").size(), 2u);
  EXPECT_FALSE(column_texts(years_2021_on, "sha256").count(sha_2020));

  TestDatabase db(run.db);
  Table totals = csv_table(run.export_to("k.csv", {"--format", "csv", "--keys", "t4.*.total"}));
  EXPECT_EQ(static_cast<double>(totals.rows.size()),
            db.scalar("SELECT count(*) FROM cells WHERE " + db.glob("key", "t4.*.total")).number);
  ASSERT_FALSE(totals.rows.empty());
  for (const Row& row : totals.rows) {
    EXPECT_TRUE(std::regex_match(row.at("key").text, std::regex(R"(t4\..*\.total)"))) << row.at("key").text;
  }
  Table results = csv_table(run.export_to("r.csv", {"--format", "csv", "--keys", "t3.result.*", "--years", "2020"}));
  EXPECT_EQ(static_cast<double>(results.rows.size()),
            db.scalar("SELECT count(*) FROM cells c JOIN reports r ON r.id = c.report_id "
                      "WHERE " + db.glob("c.key", "t3.result.*") + " AND r.report_year = 2020").number);
}

TEST_P(ExportCli, ErrorsExitTwoAndSayWhatFailed) {
  ExportRun run(GetParam());
  run.ingest({kSeed});
  std::string missing = run.work.file("missing.sqlite");
  CommandResult no_db = run.work.run({"export", "--db", missing, "--format", "csv", "--out", run.work.file("x.csv")});
  EXPECT_EQ(no_db.exit_code, 2);
  EXPECT_NE(no_db.err.find(missing), std::string::npos) << no_db.err;

  CommandResult bad_format = run.work.run({"export", "--db", run.db, "--format", "tsv", "--out", run.work.file("x")});
  EXPECT_EQ(bad_format.exit_code, 2);
  EXPECT_NE(bad_format.err.find("tsv"), std::string::npos) << bad_format.err;

  CommandResult xlsx_stdout = run.work.run({"export", "--db", run.db, "--format", "xlsx", "--out", "-"});
  EXPECT_EQ(xlsx_stdout.exit_code, 2);
  EXPECT_NE(xlsx_stdout.err.find("stdout"), std::string::npos) << xlsx_stdout.err;
  EXPECT_TRUE(xlsx_stdout.out.empty());

  for (const std::string& years : {std::string("2025-2019"), std::string("21"), std::string("2019-")}) {
    CommandResult bad_years =
        run.work.run({"export", "--db", run.db, "--format", "csv", "--years", years, "--out", run.work.file("x.csv")});
    EXPECT_EQ(bad_years.exit_code, 2) << years;
    EXPECT_NE(bad_years.err.find("--years"), std::string::npos) << bad_years.err;
  }

  std::string unwritable = run.work.file("no-such-dir/cells.csv");
  CommandResult bad_out = run.work.run({"export", "--db", run.db, "--format", "csv", "--out", unwritable});
  EXPECT_EQ(bad_out.exit_code, 2);
  EXPECT_NE(bad_out.err.find(unwritable), std::string::npos) << bad_out.err;
  for (const auto& entry : std::filesystem::directory_iterator(run.work.dir())) {
    std::string name = entry.path().filename().string();
    EXPECT_TRUE(name == "db.sqlite" || name.rfind("db.sqlite-", 0) == 0 || name == "stdout" || name == "stderr")
        << "a failed export left " << name;
  }
}

// ---- XLSX ------------------------------------------------------------------------------------

#ifdef NIANBAO_TEST_HAS_LIBXML2

struct XmlFreer {
  void operator()(xmlDoc* document) const { xmlFreeDoc(document); }
};
using XmlDocument = std::unique_ptr<xmlDoc, XmlFreer>;

XmlDocument parse_xml(const std::string& bytes) {
  XmlDocument document(xmlReadMemory(bytes.data(), static_cast<int>(bytes.size()), "member.xml", nullptr,
                                     XML_PARSE_NONET | XML_PARSE_HUGE));
  if (!document) throw std::runtime_error("unparsable XML member");
  return document;
}

bool named(const xmlNode* node, const char* local_name) {
  return node->type == XML_ELEMENT_NODE && xmlStrcmp(node->name, BAD_CAST local_name) == 0;
}

// Every descendant element with this local name, in document order.
void collect(const xmlNode* node, const char* local_name, std::vector<const xmlNode*>& found) {
  for (const xmlNode* child = node->children; child; child = child->next) {
    if (named(child, local_name)) found.push_back(child);
    collect(child, local_name, found);
  }
}

std::vector<const xmlNode*> elements(const xmlNode* node, const char* local_name) {
  std::vector<const xmlNode*> found;
  collect(node, local_name, found);
  return found;
}

std::string attribute(const xmlNode* node, const char* local_name) {
  for (const xmlAttr* attr = node->properties; attr; attr = attr->next) {
    if (xmlStrcmp(attr->name, BAD_CAST local_name) == 0) {
      xmlChar* value = xmlNodeGetContent(reinterpret_cast<const xmlNode*>(attr));
      std::string text = value ? reinterpret_cast<const char*>(value) : "";
      xmlFree(value);
      return text;
    }
  }
  return "";
}

std::string text_of(const std::vector<const xmlNode*>& nodes) {
  std::string text;
  for (const xmlNode* node : nodes) {
    xmlChar* content = xmlNodeGetContent(node);
    if (content) text += reinterpret_cast<const char*>(content);
    xmlFree(content);
  }
  return text;
}

std::string zip_member(const std::string& archive, const std::string& name) {
  docx::ZipMember member = docx::read_zip_member(archive, name);
  if (!member.ok) throw std::runtime_error("xlsx member " + name + ": " + member.error);
  return member.data;
}

// "C12" -> column 2 (zero-based).
size_t column_of(const std::string& reference) {
  size_t column = 0;
  for (char c : reference) {
    if (c < 'A' || c > 'Z') break;
    column = column * 26 + static_cast<size_t>(c - 'A' + 1);
  }
  return column - 1;
}

// The workbook's sheets in tab order, each as a table (first row the header), numbers kept apart
// from text: shared strings (t="s"), inline strings and numeric cells.
std::vector<std::pair<std::string, Table>> read_xlsx(const std::string& archive) {
  std::vector<std::string> shared;
  docx::ZipMember strings = docx::read_zip_member(archive, "xl/sharedStrings.xml");
  if (strings.ok) {
    XmlDocument document = parse_xml(strings.data);
    for (const xmlNode* item : elements(xmlDocGetRootElement(document.get()), "si")) {
      shared.push_back(text_of(elements(item, "t")));
    }
  }
  std::map<std::string, std::string> targets;  // relationship id -> member
  XmlDocument rels = parse_xml(zip_member(archive, "xl/_rels/workbook.xml.rels"));
  for (const xmlNode* rel : elements(xmlDocGetRootElement(rels.get()), "Relationship")) {
    targets[attribute(rel, "Id")] = "xl/" + attribute(rel, "Target");
  }
  std::vector<std::pair<std::string, Table>> sheets;
  XmlDocument workbook = parse_xml(zip_member(archive, "xl/workbook.xml"));
  for (const xmlNode* sheet : elements(xmlDocGetRootElement(workbook.get()), "sheet")) {
    XmlDocument data = parse_xml(zip_member(archive, targets.at(attribute(sheet, "id"))));
    std::vector<std::vector<Value>> grid;
    for (const xmlNode* row : elements(xmlDocGetRootElement(data.get()), "row")) {
      std::vector<Value> cells;
      for (const xmlNode* cell : elements(row, "c")) {
        size_t column = column_of(attribute(cell, "r"));
        if (cells.size() <= column) cells.resize(column + 1);
        std::string type = attribute(cell, "t");
        std::string v = text_of(elements(cell, "v"));
        if (type == "s") {
          cells[column] = text_value(shared.at(std::stoul(v)));
        } else if (type == "inlineStr" || type == "str") {
          cells[column] = text_value(type == "str" ? v : text_of(elements(cell, "t")));
        } else if (!v.empty()) {
          cells[column] = number_value(std::stod(v));
        }
      }
      grid.push_back(std::move(cells));
    }
    Table table;
    if (!grid.empty()) {
      for (const Value& name : grid[0]) table.header.push_back(name.text);
      for (size_t r = 1; r < grid.size(); ++r) {
        Row values;
        for (size_t c = 0; c < table.header.size(); ++c) values[table.header[c]] = c < grid[r].size() ? grid[r][c] : Value{};
        table.rows.push_back(std::move(values));
      }
    }
    sheets.emplace_back(attribute(sheet, "name"), std::move(table));
  }
  return sheets;
}

TEST_P(ExportCli, XlsxRoundTripHasATableSheetPerTableFindingsAndSourcesEqualToTheDatabase) {
  ExportRun run(GetParam());
  run.ingest({kSeed, write_blank_total_fixture(run.work), kDerived2019});
  std::string archive = run.export_to("cells.xlsx", {"--format", "xlsx"});
  ASSERT_TRUE(docx::read_zip_member(archive, "xl/sharedStrings.xml").ok);  // a small workbook shares its strings
  std::vector<std::pair<std::string, Table>> sheets = read_xlsx(archive);
  TestDatabase db(run.db);

  std::vector<std::string> names;
  for (const auto& [name, table] : sheets) names.push_back(name);
  bool has_other_keys = db.scalar("SELECT count(*) FROM cells WHERE NOT " + db.glob("key", "t[234].*")).number > 0;
  std::vector<std::string> expected_names = {"表二", "表三", "表四"};
  if (has_other_keys) expected_names.push_back("其他");
  expected_names.insert(expected_names.end(), {"findings", "sources"});
  ASSERT_EQ(names, expected_names);

  Table all_cells;
  for (const auto& [name, table] : sheets) {
    if (name == "findings" || name == "sources") continue;
    SCOPED_TRACE(name);
    std::string prefix = name == "表二" ? "t2." : name == "表三" ? "t3." : name == "表四" ? "t4." : "";
    for (const Row& row : table.rows) {
      if (!prefix.empty()) {
        EXPECT_EQ(row.at("key").text.rfind(prefix, 0), 0u) << row.at("key").text;
      }
      all_cells.rows.push_back(row);
    }
    all_cells.header = table.header;
  }
  expect_long_table_equals_database(all_cells, db);  // numbers as numbers, Chinese agency names intact
  EXPECT_TRUE(column_texts(all_cells, "agency").count(seed_agency()));

  const Table& findings = sheets[sheets.size() - 2].second;
  EXPECT_EQ(findings.header, (std::vector<std::string>{"report", "agency", "year", "rule", "severity", "message",
                                                       "cells", "expected", "actual", "origin"}));
  std::vector<Row> stored_findings = db.rows(
      "SELECT f.report_id AS report, r.agency, r.report_year AS year, f.rule, f.severity, f.message, " +
          db.joined_list("f.cells") +
          " AS cells, f.expected, f.actual, f.origin "
          "FROM findings f JOIN reports r ON r.id = f.report_id ORDER BY r.agency, r.report_year, r.id, f.ordinal",
      {"report", "agency", "year", "rule", "severity", "message", "cells", "expected", "actual", "origin"},
      {"report", "year", "expected", "actual"});
  ASSERT_EQ(findings.rows.size(), stored_findings.size());
  ASSERT_FALSE(stored_findings.empty());
  for (size_t i = 0; i < stored_findings.size(); ++i) {
    for (const std::string& column : findings.header) {
      EXPECT_EQ(findings.rows[i].at(column), stored_findings[i][column]) << "finding " << i << " " << column;
    }
  }

  const Table& sources = sheets.back().second;
  EXPECT_EQ(sources.header, (std::vector<std::string>{"report_id", "agency", "year", "source_url", "sha256",
                                                      "media_type", "extractor_version"}));
  ASSERT_EQ(sources.rows.size(), 3u);
  for (const Row& row : sources.rows) {
    SCOPED_TRACE(row.at("source_url").text);
    EXPECT_EQ(row.at("sha256").text, sha256_hex(slurp(row.at("source_url").text)));
    EXPECT_EQ(row.at("media_type"), db.scalar("SELECT media_type FROM documents WHERE sha256 = '" +
                                              row.at("sha256").text + "'"));
    EXPECT_EQ(row.at("report_id").kind, Value::Kind::number);
  }
}

TEST_P(ExportCli, XlsxWideHasEveryReportOnEachTableSheetWithItsKeys) {
  ExportRun run(GetParam());
  run.ingest({kSeed, kDerived2021});
  std::vector<std::pair<std::string, Table>> sheets = read_xlsx(run.export_to("wide.xlsx", {"--format", "xlsx", "--wide"}));
  TestDatabase db(run.db);
  ASSERT_GE(sheets.size(), 5u);
  EXPECT_EQ(sheets[1].first, "表三");
  const Table& table3 = sheets[1].second;
  ASSERT_EQ(table3.rows.size(), 2u);
  for (size_t c = 11; c < table3.header.size(); ++c) EXPECT_EQ(table3.header[c].rfind("t3.", 0), 0u);
  for (const Row& row : table3.rows) {
    EXPECT_EQ(row.at("t3.new_received.total"),
              db.scalar("SELECT value FROM cells WHERE key = 't3.new_received.total' AND report_id = " +
                        std::to_string(static_cast<int64_t>(row.at("report_id").number))));
  }
}

TEST_P(ExportCli, XlsxKeysFilterLeavesOutTheSheetsOfOtherTables) {
  ExportRun run(GetParam());
  run.ingest({kSeed});
  std::vector<std::pair<std::string, Table>> sheets =
      read_xlsx(run.export_to("t4.xlsx", {"--format", "xlsx", "--keys", "t4.*"}));
  std::vector<std::string> names;
  for (const auto& [name, table] : sheets) names.push_back(name);
  EXPECT_EQ(names, (std::vector<std::string>{"表四", "findings", "sources"}));
}

#else

TEST(ExportCliXlsx, XlsxRoundTripNeedsLibxml2) {
  GTEST_FAIL() << "the XLSX round trip reads the workbook with libxml2: add LibXml2::LibXml2 to cli_tests in "
                  "tests/CMakeLists.txt";
}

#endif

}  // namespace
}  // namespace nianbao
