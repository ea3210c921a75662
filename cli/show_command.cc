// `nianbao show --db FILE.sqlite [--agency A] [--year Y] [--source]`: prints stored reports back
// in the official table layout, optionally with where each value was read.
#include <iostream>
#include <memory>

#include "cli/commands.h"
#include "cli/report_layout.h"
#include "store/database.h"

namespace nianbao::cli {
namespace {

struct ShowOptions {
  std::string database;
  std::optional<std::string> agency;
  std::optional<int> year;
  bool source = false;
};

int run_show(const ShowOptions& options) {
  try {
    store::Database db(options.database, store::OpenMode::read_only);
    auto reports = db.load_reports({options.agency, options.year});
    if (reports.empty()) {
      std::cerr << "nianbao show: no stored report matches in " << options.database << "\n";
      return 0;
    }
    bool first = true;
    for (const auto& [summary, report] : reports) {
      if (!first) std::cout << "\n";
      first = false;
      std::cout << render_report(summary, report, LayoutOptions{options.source});
    }
    return 0;
  } catch (const store::StoreError& error) {
    std::cerr << "nianbao show: " << error.what() << "\n";
    return 2;
  }
}

}  // namespace

void add_show_command(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<ShowOptions>();
  CLI::App* command = app.add_subcommand("show", "Print stored reports in the official table layout (表二/表三/表四)");
  command->add_option("--db", options->database, "SQLite file or postgresql:// URI written by `nianbao ingest`")->required();
  command->add_option("--agency", options->agency, "only reports whose agency contains this text");
  command->add_option("--year", options->year, "only reports of this year");
  command->add_flag("--source", options->source, "show where each value was read: @table/row/col (from 0)");
  command->footer(
      "Cells: a stated number; (n) a value the program derived, not stated; — a placeholder such as / or -;\n"
      "blank: blank or absent. Exit status: 0 ok; 2 usage or database error.");
  command->callback([options, &exit_code] { exit_code = run_show(*options); });
}

}  // namespace nianbao::cli
