// `nianbao compare --db D --agency A [--agency B …] [--years 2019-2025] [--keys PATTERN …]
// [--format text|csv|json]`: chosen keys side by side across agencies and years, with 同比 changes.
#include <cmath>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <regex>

#include "cli/commands.h"
#include "cli/compare_table.h"
#include "common/number_text.h"
#include "store/compare_rows.h"
#include "store/connection.h"

namespace nianbao::cli {
namespace {

struct CompareOptions {
  std::string database;
  std::vector<std::string> agencies;
  std::string years;
  std::vector<std::string> keys;
  std::string format = "text";
};

// "2019-2025" or "2023"; false when the text is neither or the range runs backwards.
bool parse_years(const std::string& text, store::CompareRequest& request) {
  if (text.empty()) return true;
  std::smatch match;
  if (!std::regex_match(text, match, std::regex(R"((\d{4})(?:\s*[-–~]\s*(\d{4}))?)"))) return false;
  request.first_year = std::stoi(match[1].str());
  request.last_year = match[2].matched ? std::stoi(match[2].str()) : *request.first_year;
  return *request.first_year <= *request.last_year;
}

std::vector<std::string> cell_flags(const store::ComparedCell* cell) {
  std::vector<std::string> flags;
  if (!cell) return flags;
  if (cell->is_corrected) flags.push_back("corrected");
  if (cell->is_derived) flags.push_back("derived");
  if (cell->summed) flags.push_back("summed");
  for (const store::CellFinding& finding : cell->findings) flags.push_back("finding:" + finding.rule);
  return flags;
}

std::string csv_field(const std::string& text) {
  if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
  std::string quoted = "\"";
  for (char c : text) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
  return quoted + "\"";
}

std::string optional_text(const std::optional<double>& value) { return value ? number_text(*value) : ""; }

std::string join(const std::vector<std::string>& items, const char* separator) {
  std::string text;
  for (const std::string& item : items) text += (text.empty() ? "" : separator) + item;
  return text;
}

// UTF-8 with a BOM (so spreadsheet programs read the Chinese names), one row per key × agency × year.
void print_csv(const store::CompareResult& result) {
  std::cout << "\xEF\xBB\xBF"
            << "agency,agency_id,year,key,value,printed,derived,corrected,flags,change,change_pct,report_id,source\r\n";
  for (const std::string& key : result.keys) {
    for (size_t r = 0; r < result.reports.size(); ++r) {
      const store::ComparedReport& report = result.reports[r];
      const store::ComparedAgency& agency = result.agencies[report.agency_index];
      const store::ComparedCell* cell = result.cell(r, key);
      YearChange change = year_change(result, r, key);
      std::vector<std::string> fields = {
          agency.name,
          agency.agency_id ? std::to_string(*agency.agency_id) : "",
          std::to_string(report.year),
          key,
          cell ? optional_text(cell->value) : "",
          cell ? optional_text(cell->printed) : "",
          cell && !cell->summed ? optional_text(cell->derived) : "",
          cell && cell->is_corrected ? optional_text(cell->corrected) : "",
          join(cell_flags(cell), ";"),
          optional_text(change.absolute),
          optional_text(change.percent),
          std::to_string(report.report_id),
          report.source,
      };
      std::string line;
      for (const std::string& field : fields) {
        if (!line.empty()) line += ',';
        line += csv_field(field);
      }
      std::cout << line << "\r\n";
    }
  }
}

// Whole numbers as JSON integers (81, not 81.0); others as they are.
nlohmann::ordered_json optional_json(const std::optional<double>& value) {
  if (!value) return nullptr;
  if (std::nearbyint(*value) == *value && std::fabs(*value) < 1e15) return static_cast<int64_t>(*value);
  return *value;
}

nlohmann::ordered_json cell_json(const store::CompareResult& result, size_t report_index, const std::string& key) {
  const store::ComparedCell* cell = result.cell(report_index, key);
  YearChange change = year_change(result, report_index, key);
  nlohmann::ordered_json findings = nlohmann::ordered_json::array();
  if (cell) {
    for (const store::CellFinding& finding : cell->findings) {
      findings.push_back({{"rule", finding.rule}, {"severity", to_string(finding.severity)}, {"message", finding.message}});
    }
  }
  return {
      {"value", cell ? optional_json(cell->value) : nullptr},
      {"printed", cell ? optional_json(cell->printed) : nullptr},
      {"derived", cell && cell->is_derived},
      {"summed", cell && cell->summed},
      {"corrected", cell && cell->is_corrected},
      {"correction", cell && cell->is_corrected ? optional_json(cell->corrected) : nullptr},
      {"findings", findings},
      {"change", optional_json(change.absolute)},
      {"change_pct", optional_json(change.percent)},
  };
}

nlohmann::ordered_json report_json(const store::CompareResult& result, size_t report_index) {
  const store::ComparedReport& report = result.reports[report_index];
  nlohmann::ordered_json values = nlohmann::ordered_json::object();
  for (const std::string& key : result.keys) values[key] = cell_json(result, report_index, key);
  return {{"report_id", report.report_id}, {"format", to_string(report.format)}, {"scope", to_string(report.scope)},
          {"printed_agency", report.printed_agency}, {"title", report.title}, {"source", report.source},
          {"sha256", report.sha256}, {"values", values}};
}

// {"keys": [...], "agencies": [{"agency", "agency_id", "query", "years": {"2023": {..., "values"}}}], "omitted"}
void print_json(const store::CompareResult& result) {
  nlohmann::ordered_json agencies = nlohmann::ordered_json::array();
  for (size_t a = 0; a < result.agencies.size(); ++a) {
    const store::ComparedAgency& agency = result.agencies[a];
    nlohmann::ordered_json years = nlohmann::ordered_json::object();
    for (size_t r = 0; r < result.reports.size(); ++r) {
      if (result.reports[r].agency_index == a) years[std::to_string(result.reports[r].year)] = report_json(result, r);
    }
    agencies.push_back({{"agency", agency.name},
                        {"agency_id", agency.agency_id ? nlohmann::ordered_json(*agency.agency_id) : nullptr},
                        {"query", agency.query},
                        {"years", years}});
  }
  nlohmann::ordered_json omitted = nlohmann::ordered_json::array();
  for (const store::OmittedReport& report : result.omitted) {
    omitted.push_back({{"agency", result.agencies[report.agency_index].name}, {"year", report.year},
                       {"report_id", report.report_id}, {"reason", report.reason}});
  }
  nlohmann::ordered_json document = {{"keys", result.keys}, {"agencies", agencies}, {"omitted", omitted}};
  std::cout << document.dump(2) << "\n";
}

int run_compare(const CompareOptions& options) {
  store::CompareRequest request{options.agencies, std::nullopt, std::nullopt, options.keys};
  if (!parse_years(options.years, request)) {
    std::cerr << "nianbao compare: --years '" << options.years << "' is not a year (2023) or a range (2019-2025)\n";
    return 2;
  }
  try {
    store::Connection connection(options.database, store::OpenMode::read_only);
    store::CompareResult result = store::read_compare_rows(connection.handle(), request);
    if (options.format == "csv") {
      print_csv(result);
    } else if (options.format == "json") {
      print_json(result);
    } else if (result.reports.empty()) {
      std::cerr << "nianbao compare: no primary report of these agencies has the chosen keys"
                << (options.years.empty() ? "" : " in " + options.years) << "\n";
    } else {
      std::cout << render_compare_table(result);
    }
    return 0;
  } catch (const store::StoreError& error) {
    std::cerr << "nianbao compare: " << error.what() << "\n";
    return 2;
  }
}

}  // namespace

void add_compare_command(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<CompareOptions>();
  CLI::App* command =
      app.add_subcommand("compare", "Compare chosen keys across agencies and years (primary copies, corrections applied)");
  command->add_option("--db", options->database, "SQLite file or postgresql:// URI")->required();
  command->add_option("--agency", options->agencies,
                      "agency id, canonical name, alias or printed report agency (exact); repeat for more")
      ->required();
  command->add_option("--years", options->years, "a year (2023) or an inclusive range (2019-2025)");
  command->add_option("--keys", options->keys,
                      "SQLite GLOB pattern of canonical keys, e.g. 't3.*' (repeatable; default: the headline metrics)");
  command->add_option("--format", options->format, "text (default), csv (UTF-8 with BOM) or json")
      ->check(CLI::IsMember({"text", "csv", "json"}));
  command->footer(
      "Cells: the value in force (a correction, else the printed value, else (n) a derived one); * corrected;\n"
      "! a finding names the cell; — no value. 同比: change from the previous year (absolute, percent).\n"
      "Exit status: 0 ok; 2 usage, unknown agency or database error.");
  command->callback([options, &exit_code] { exit_code = run_compare(*options); });
}

}  // namespace nianbao::cli
