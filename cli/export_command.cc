// `nianbao export --db D --format csv|jsonl|xlsx --out FILE|-`: the stored cells as a data set,
// one row per cell (long) or one row per report (--wide), filtered by agency, years and key glob.
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <variant>

#include "cli/command_errors.h"
#include "cli/commands.h"
#include "common/number_text.h"
#include "cli/csv_writer.h"
#include "cli/xlsx_workbook.h"
#include "store/connection.h"
#include "store/export_rows.h"

namespace nianbao::cli {
namespace {

struct ExportOptions {
  std::string database;
  std::string format;
  std::string out;
  std::vector<std::string> agencies;
  std::string years;
  std::vector<std::string> keys;
  bool wide = false;
  bool with_derived = false;
};

// ---- values ---------------------------------------------------------------------------------

// One exported field: empty, a number, text, or a list (cell flags, a finding's cells).
using Field = std::variant<std::monostate, double, std::string, std::vector<std::string>>;

template <typename T>
Field number_field(const std::optional<T>& value) {
  if (!value) return std::monostate{};
  return static_cast<double>(*value);
}

Field text_field(const std::string& text) { return text.empty() ? Field(std::monostate{}) : Field(text); }

std::string join_list(const std::vector<std::string>& items) {
  std::string joined;
  for (size_t i = 0; i < items.size(); ++i) joined += (i ? "|" : "") + items[i];
  return joined;
}

std::string field_text(const Field& field) {
  if (const auto* number = std::get_if<double>(&field)) return number_text(*number);
  if (const auto* text = std::get_if<std::string>(&field)) return *text;
  if (const auto* list = std::get_if<std::vector<std::string>>(&field)) return join_list(*list);
  return "";
}

std::string json_string(const std::string& text) {
  return nlohmann::json(text).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string field_json(const Field& field) {
  if (const auto* number = std::get_if<double>(&field)) return number_text(*number);
  if (const auto* text = std::get_if<std::string>(&field)) return json_string(*text);
  if (const auto* list = std::get_if<std::vector<std::string>>(&field)) {
    return nlohmann::json(*list).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  }
  return "null";
}

XlsxValue field_xlsx(const Field& field) {
  if (const auto* number = std::get_if<double>(&field)) return *number;
  if (std::holds_alternative<std::monostate>(field)) return std::monostate{};
  return field_text(field);
}

// ---- row shapes -----------------------------------------------------------------------------

const std::vector<std::string> kLongColumns = {
    "agency_id", "agency", "region_code", "level", "report_year", "format", "scope", "key", "value",
    "derived", "flags", "corrected_value", "source_url", "sha256", "src_table", "src_row", "src_col", "src_page"};

const std::vector<std::string> kWideReportColumns = {"agency_id", "agency", "region_code", "level",
                                                     "report_year", "format", "scope", "report_id",
                                                     "source_url", "sha256", "published"};

std::vector<Field> long_row(const store::ExportReport& report, const store::ExportCell& cell) {
  return {number_field(report.agency_id), text_field(report.agency), text_field(report.region_code),
          text_field(report.level), number_field(report.report_year), text_field(report.format),
          text_field(report.scope), text_field(cell.key), number_field(cell.value), number_field(cell.derived),
          cell.flags, number_field(cell.corrected_value), text_field(report.source_url),
          text_field(report.sha256), number_field(cell.src_table), number_field(cell.src_row),
          number_field(cell.src_col), number_field(cell.src_page)};
}

std::vector<Field> wide_report_fields(const store::ExportReport& report) {
  return {number_field(report.agency_id), text_field(report.agency), text_field(report.region_code),
          text_field(report.level), number_field(report.report_year), text_field(report.format),
          text_field(report.scope), static_cast<double>(report.report_id), text_field(report.source_url),
          text_field(report.sha256), report.published ? text_field(*report.published) : Field(std::monostate{})};
}

std::vector<std::string> wide_columns(const std::vector<std::string>& keys) {
  std::vector<std::string> columns = kWideReportColumns;
  columns.insert(columns.end(), keys.begin(), keys.end());
  return columns;
}

// ---- text formats: CSV and JSON Lines ---------------------------------------------------------

class TextSink {
 public:
  virtual ~TextSink() = default;
  virtual void header(const std::vector<std::string>& columns) = 0;
  virtual void row(const std::vector<Field>& fields) = 0;
};

class CsvSink : public TextSink {
 public:
  explicit CsvSink(std::ostream& out) : csv_(out) {}
  void header(const std::vector<std::string>& columns) override { csv_.write_row(columns); }
  void row(const std::vector<Field>& fields) override {
    texts_.clear();
    for (const Field& field : fields) texts_.push_back(field_text(field));
    csv_.write_row(texts_);
  }

 private:
  CsvWriter csv_;
  std::vector<std::string> texts_;
};

// One object per row; the column names are quoted once.
class JsonLinesSink : public TextSink {
 public:
  explicit JsonLinesSink(std::ostream& out) : out_(out) {}
  void header(const std::vector<std::string>& columns) override {
    quoted_names_.clear();
    for (const std::string& column : columns) quoted_names_.push_back(json_string(column) + ":");
  }
  void row(const std::vector<Field>& fields) override {
    line_ = "{";
    for (size_t i = 0; i < fields.size(); ++i) {
      if (i) line_ += ',';
      line_ += quoted_names_[i];
      line_ += field_json(fields[i]);
    }
    line_ += "}\n";
    out_ << line_;
  }

 private:
  std::ostream& out_;
  std::vector<std::string> quoted_names_;
  std::string line_;
};

int64_t write_long_text(const store::ExportReader& reader, TextSink& sink) {
  sink.header(kLongColumns);
  int64_t rows = 0;
  reader.visit_cells([&](const store::ExportReport& report, const store::ExportCell& cell) {
    sink.row(long_row(report, cell));
    ++rows;
  });
  return rows;
}

int64_t write_wide_text(const store::WideExport& wide, TextSink& sink) {
  sink.header(wide_columns(wide.keys));
  for (const store::WideExport::Row& row : wide.rows) {
    std::vector<Field> fields = wide_report_fields(row.report);
    for (const std::optional<double>& value : wide.dense(row)) fields.push_back(number_field(value));
    sink.row(fields);
  }
  return static_cast<int64_t>(wide.rows.size());
}

// ---- XLSX -----------------------------------------------------------------------------------

// Above this many cells the workbook streams rows to temporary files instead of memory.
constexpr int64_t kInMemoryWorkbookCells = 1000000;

const std::vector<std::string> kTableSheets = {"表二", "表三", "表四", "其他"};

size_t table_sheet_of(const std::string& key) {
  if (key.rfind("t2.", 0) == 0) return 0;
  if (key.rfind("t3.", 0) == 0) return 1;
  if (key.rfind("t4.", 0) == 0) return 2;
  return 3;
}

std::vector<XlsxValue> xlsx_row(const std::vector<Field>& fields) {
  std::vector<XlsxValue> row;
  row.reserve(fields.size());
  for (const Field& field : fields) row.push_back(field_xlsx(field));
  return row;
}

void add_findings_sheet(XlsxWorkbook& workbook, const std::vector<store::ExportFinding>& findings) {
  size_t sheet = workbook.add_sheet("findings", {"report", "agency", "year", "rule", "severity", "message", "cells",
                                                 "expected", "actual", "origin"});
  for (const store::ExportFinding& finding : findings) {
    workbook.append_row(sheet, xlsx_row({static_cast<double>(finding.report_id), text_field(finding.agency),
                                         number_field(finding.report_year), text_field(finding.rule),
                                         text_field(finding.severity), text_field(finding.message), finding.cells,
                                         number_field(finding.expected), number_field(finding.actual),
                                         text_field(finding.origin)}));
  }
}

void add_sources_sheet(XlsxWorkbook& workbook, const std::vector<store::ExportSource>& sources) {
  size_t sheet = workbook.add_sheet("sources", {"report_id", "agency", "year", "source_url", "sha256", "media_type",
                                                "extractor_version"});
  for (const store::ExportSource& source : sources) {
    workbook.append_row(sheet, xlsx_row({static_cast<double>(source.report_id), text_field(source.agency),
                                         number_field(source.report_year), text_field(source.source_url),
                                         text_field(source.sha256), text_field(source.media_type),
                                         text_field(source.extractor_version)}));
  }
}

void add_report_sheets(XlsxWorkbook& workbook, const store::ExportReader& reader) {
  add_findings_sheet(workbook, reader.read_findings());
  add_sources_sheet(workbook, reader.read_sources());
}

// Long: a sheet per table with the long columns, created only for tables the selection has keys of.
int64_t write_long_xlsx(const std::string& path, const store::ExportReader& reader) {
  std::set<size_t> tables_present;
  int64_t cells = 0;
  for (const auto& [key, count] : reader.count_keys()) {
    tables_present.insert(table_sheet_of(key));
    cells += count * static_cast<int64_t>(kLongColumns.size());
  }
  XlsxWorkbook workbook(path, cells > kInMemoryWorkbookCells);
  std::vector<size_t> sheet_of_table(kTableSheets.size());
  for (size_t table : tables_present) sheet_of_table[table] = workbook.add_sheet(kTableSheets[table], kLongColumns);
  int64_t rows = 0;
  reader.visit_cells([&](const store::ExportReport& report, const store::ExportCell& cell) {
    workbook.append_row(sheet_of_table[table_sheet_of(cell.key)], xlsx_row(long_row(report, cell)));
    ++rows;
  });
  add_report_sheets(workbook, reader);
  workbook.close();
  return rows;
}

// Wide: a sheet per table, each with every report and the keys of that table.
int64_t write_wide_xlsx(const std::string& path, const store::ExportReader& reader,
                        const store::WideExport& wide) {
  std::vector<std::vector<size_t>> key_columns(kTableSheets.size());  // key indexes per table
  for (size_t index = 0; index < wide.keys.size(); ++index) key_columns[table_sheet_of(wide.keys[index])].push_back(index);
  int64_t cells = static_cast<int64_t>(wide.rows.size() * (wide.keys.size() + kWideReportColumns.size()));
  XlsxWorkbook workbook(path, cells > kInMemoryWorkbookCells);
  for (size_t table = 0; table < kTableSheets.size(); ++table) {
    if (key_columns[table].empty()) continue;
    std::vector<std::string> header = kWideReportColumns;
    for (size_t index : key_columns[table]) header.push_back(wide.keys[index]);
    size_t sheet = workbook.add_sheet(kTableSheets[table], header);
    for (const store::WideExport::Row& row : wide.rows) {
      std::vector<Field> fields = wide_report_fields(row.report);
      std::vector<std::optional<double>> values = wide.dense(row);
      for (size_t index : key_columns[table]) fields.push_back(number_field(values[index]));
      workbook.append_row(sheet, xlsx_row(fields));
    }
  }
  add_report_sheets(workbook, reader);
  workbook.close();
  return static_cast<int64_t>(wide.rows.size());
}

// ---- options and output ---------------------------------------------------------------------

// "2021" or "2019-2025".
void parse_years(const std::string& text, store::ExportSelection& selection) {
  static const std::regex kYears(R"(\s*(\d{4})\s*(?:-\s*(\d{4})\s*)?)");
  std::smatch match;
  if (!std::regex_match(text, match, kYears)) {
    throw UsageError("--years: expected YEAR or FIRST-LAST (e.g. 2021 or 2019-2025), got '" + text + "'");
  }
  selection.first_year = std::stoi(match[1].str());
  selection.last_year = match[2].matched ? std::stoi(match[2].str()) : *selection.first_year;
  if (*selection.first_year > *selection.last_year) {
    throw UsageError("--years: " + text + " ends before it starts");
  }
}

store::ExportSelection selection_of(const ExportOptions& options) {
  store::ExportSelection selection;
  selection.agencies = options.agencies;
  selection.key_globs = options.keys;
  if (!options.years.empty()) parse_years(options.years, selection);
  return selection;
}

// The output file is written under a temporary name beside it and renamed when complete, so a
// failed export never leaves a truncated file under the name asked for. Creating the temporary
// file at once reports an unwritable destination before any work is done.
class OutputFile {
 public:
  explicit OutputFile(std::string path)
      : path_(std::move(path)), partial_(path_ + ".partial-" + std::to_string(::getpid())) {
    std::FILE* created = std::fopen(partial_.c_str(), "wb");
    if (!created) throw OutputError("cannot write " + path_ + ": " + std::strerror(errno));
    std::fclose(created);
  }
  ~OutputFile() {
    if (!committed_) std::remove(partial_.c_str());
  }
  OutputFile(const OutputFile&) = delete;
  OutputFile& operator=(const OutputFile&) = delete;

  const std::string& partial_path() const { return partial_; }
  void commit() {
    std::error_code error;
    std::filesystem::rename(partial_, path_, error);
    if (error) throw OutputError("cannot write " + path_ + ": " + error.message());
    committed_ = true;
  }

 private:
  std::string path_;
  std::string partial_;
  bool committed_ = false;
};

int64_t write_text(const ExportOptions& options, const store::ExportReader& reader, std::ostream& out) {
  std::unique_ptr<TextSink> sink;
  if (options.format == "csv") {
    sink = std::make_unique<CsvSink>(out);
  } else {
    sink = std::make_unique<JsonLinesSink>(out);
  }
  if (options.wide) return write_wide_text(reader.read_wide(options.with_derived), *sink);
  return write_long_text(reader, *sink);
}

int64_t write_text_file(const ExportOptions& options, const store::ExportReader& reader) {
  OutputFile file(options.out);
  std::ofstream out(file.partial_path(), std::ios::binary | std::ios::trunc);
  if (!out) throw OutputError("cannot write " + options.out + ": cannot open " + file.partial_path());
  int64_t rows = write_text(options, reader, out);
  out.close();
  if (!out) throw OutputError("cannot write " + options.out + ": write failed (disk full?)");
  file.commit();
  return rows;
}

int64_t write_xlsx_file(const ExportOptions& options, const store::ExportReader& reader) {
  OutputFile file(options.out);
  int64_t rows = options.wide ? write_wide_xlsx(file.partial_path(), reader, reader.read_wide(options.with_derived))
                              : write_long_xlsx(file.partial_path(), reader);
  file.commit();
  return rows;
}

int run_export(const ExportOptions& options) {
  try {
    if (options.format == "xlsx" && options.out == "-") {
      throw UsageError("--format xlsx cannot be written to stdout (--out -): give a file name");
    }
    store::ExportSelection selection = selection_of(options);
    store::Connection connection(options.database, store::OpenMode::read_only);
    store::ExportReader reader(connection.handle(), selection);
    if (options.out == "-") {
      write_text(options, reader, std::cout);
      std::cout.flush();
      return std::cout ? 0 : 2;
    }
    int64_t rows = options.format == "xlsx" ? write_xlsx_file(options, reader) : write_text_file(options, reader);
    std::cout << options.out << ": " << rows << (rows == 1 ? " row" : " rows") << " ("
              << (options.wide ? "wide" : "long") << ", " << options.format << ") from " << options.database << "\n";
    return 0;
  } catch (const std::exception& error) {  // UsageError, StoreError, XlsxError, OutputError
    std::cerr << "nianbao export: " << error.what() << "\n";
  }
  return 2;
}

}  // namespace

void add_export_command(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<ExportOptions>();
  CLI::App* command = app.add_subcommand("export", "Write the stored cells as CSV, JSON Lines or XLSX");
  command->add_option("--db", options->database, "SQLite file or postgresql:// URI written by `nianbao ingest`")
      ->required();
  command->add_option("--format", options->format, "csv, jsonl or xlsx")
      ->required()
      ->check(CLI::IsMember({"csv", "jsonl", "xlsx"}));
  command->add_option("--out", options->out, "output file; - for stdout (csv and jsonl only)")->required();
  command->add_option("--agency", options->agencies,
                      "agency id, canonical name, alias or printed name (exact); repeatable");
  command->add_option("--years", options->years, "a year (2021) or a range (2019-2025)");
  command->add_option("--keys", options->keys, "glob over the canonical keys (t3.result.*, t4.*.total); repeatable");
  CLI::Option* wide = command->add_flag("--wide", options->wide, "one row per report, one column per key");
  command->add_flag("--with-derived", options->with_derived,
                    "--wide only: a cell without a printed value shows the derived value")
      ->needs(wide);
  command->footer("Exit status: 0 ok; 2 usage, database or output error.");
  command->callback([options, &exit_code] { exit_code = run_export(*options); });
}

}  // namespace nianbao::cli
