// `nianbao reports --db FILE.sqlite [--json]`: the stored reports with agency, year, format,
// scope, finding counts, sha256 and source, as an aligned table or as JSON Lines.
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "cli/text_table.h"
#include "store/database.h"

namespace nianbao::cli {
namespace {

struct ReportsOptions {
  std::string database;
  bool json = false;
};

nlohmann::ordered_json summary_json(const store::ReportSummary& summary) {
  nlohmann::ordered_json line = {
      {"report_id", summary.report_id},
      {"agency", summary.agency},
      {"report_year", nullptr},
      {"format", to_string(summary.format)},
      {"scope", to_string(summary.scope)},
      {"source", summary.source},
      {"sha256", summary.sha256},
      {"findings", {{"error", summary.errors}, {"warning", summary.warnings}, {"info", summary.infos}}},
  };
  if (summary.report_year) line["report_year"] = *summary.report_year;
  return line;
}

void print_json_lines(const std::vector<store::ReportSummary>& summaries) {
  for (const auto& summary : summaries) std::cout << summary_json(summary).dump() << "\n";
}

void print_table(const std::vector<store::ReportSummary>& summaries) {
  TextTable table(TextTable::Align::left);
  table.add_row({"ID", "AGENCY", "YEAR", "FORMAT", "SCOPE", "ERR", "WARN", "INFO", "SHA256", "SOURCE"});
  for (const auto& summary : summaries) {
    table.add_row({std::to_string(summary.report_id), summary.agency,
                   summary.report_year ? std::to_string(*summary.report_year) : "-", to_string(summary.format),
                   to_string(summary.scope), std::to_string(summary.errors), std::to_string(summary.warnings),
                   std::to_string(summary.infos), summary.sha256.substr(0, 12), summary.source});
  }
  std::cout << table.render();
}

int run_reports(const ReportsOptions& options) {
  try {
    store::Database db(options.database, store::OpenMode::read_only);
    std::vector<store::ReportSummary> summaries = db.reports();
    if (options.json) {
      print_json_lines(summaries);
    } else if (summaries.empty()) {
      std::cout << "no reports stored in " << options.database << "\n";
    } else {
      print_table(summaries);
    }
    return 0;
  } catch (const store::StoreError& error) {
    std::cerr << "nianbao reports: " << error.what() << "\n";
    return 2;
  }
}

}  // namespace

void add_reports_command(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<ReportsOptions>();
  CLI::App* command = app.add_subcommand("reports", "List the reports stored in an SQLite file or a PostgreSQL database");
  command->add_option("--db", options->database, "SQLite file or postgresql:// URI written by `nianbao ingest`")->required();
  command->add_flag("--json", options->json, "one JSON object per report (JSON Lines) instead of a table");
  command->footer("Exit status: 0 ok; 2 usage or database error (e.g. the file does not exist).");
  command->callback([options, &exit_code] { exit_code = run_reports(*options); });
}

}  // namespace nianbao::cli
