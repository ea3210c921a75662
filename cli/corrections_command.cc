// `nianbao corrections --db D [--report ID] [--json]`: every recorded correction with the printed
// value beside it, who made it, when, why, and whether it is the one in force for its cell.
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>

#include "cli/commands.h"
#include "common/number_text.h"
#include "cli/text_table.h"
#include "store/connection.h"
#include "store/corrections.h"

namespace nianbao::cli {
namespace {

struct CorrectionsOptions {
  std::string database;
  std::optional<int64_t> report_id;
  bool json = false;
};

nlohmann::ordered_json optional_number(const std::optional<double>& value) {
  if (!value) return nullptr;
  return *value;
}

void print_json_lines(const std::vector<store::CorrectionRow>& rows) {
  for (const store::CorrectionRow& row : rows) {
    nlohmann::ordered_json line = {{"id", row.id},
                                   {"report_id", row.report_id},
                                   {"agency", row.agency},
                                   {"report_year", row.report_year ? nlohmann::ordered_json(*row.report_year) : nullptr},
                                   {"key", row.key},
                                   {"printed_value", optional_number(row.printed_value)},
                                   {"corrected_value", optional_number(row.value)},
                                   {"reason", row.reason},
                                   {"by", row.corrected_by},
                                   {"at", row.corrected_at},
                                   {"in_force", row.in_force},
                                   {"source", row.source}};
    std::cout << line.dump() << "\n";
  }
}

void print_table(const std::vector<store::CorrectionRow>& rows) {
  TextTable table(TextTable::Align::left);
  table.add_row({"ID", "REPORT", "AGENCY", "YEAR", "KEY", "PRINTED", "CORRECTED", "IN FORCE", "BY", "AT", "REASON"});
  for (const store::CorrectionRow& row : rows) {
    table.add_row({std::to_string(row.id), std::to_string(row.report_id), row.agency,
                   row.report_year ? std::to_string(*row.report_year) : "-", row.key, number_text(row.printed_value),
                   number_text(row.value), row.in_force ? "yes" : "no", row.corrected_by, row.corrected_at, row.reason});
  }
  std::cout << table.render();
}

int run_corrections(const CorrectionsOptions& options) {
  try {
    store::Connection connection(options.database, store::OpenMode::read_only);
    std::vector<store::CorrectionRow> rows = store::list_corrections(connection.handle(), options.report_id);
    if (options.json) {
      print_json_lines(rows);
    } else if (rows.empty()) {
      std::cout << "no corrections recorded in " << options.database << "\n";
    } else {
      print_table(rows);
    }
    return 0;
  } catch (const store::StoreError& error) {
    std::cerr << "nianbao corrections: " << error.what() << "\n";
    return 2;
  }
}

}  // namespace

void add_corrections_command(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<CorrectionsOptions>();
  CLI::App* command = app.add_subcommand("corrections", "List the recorded corrections beside the printed values");
  command->add_option("--db", options->database, "SQLite file or postgresql:// URI")->required();
  command->add_option("--report", options->report_id, "only the corrections of this report");
  command->add_flag("--json", options->json, "one JSON object per correction (JSON Lines)");
  command->callback([options, &exit_code] { exit_code = run_corrections(*options); });
}

}  // namespace nianbao::cli
