// `nianbao correct --db D --report ID --key K (--value V | --blank) --reason TEXT [--by NAME]`:
// records a person's correction of one cell; the printed value stays beside it.
#include <cstdlib>
#include <iostream>
#include <memory>
#include <optional>

#include "cli/commands.h"
#include "common/number_text.h"
#include "store/connection.h"
#include "store/corrections.h"

namespace nianbao::cli {
namespace {

struct CorrectOptions {
  std::string database, key, reason, by;
  int64_t report_id = 0;
  std::optional<double> value;
  bool blank = false;
};

std::string corrector(const CorrectOptions& options) {
  if (!options.by.empty()) return options.by;
  const char* user = std::getenv("USER");
  return user ? user : "";
}

int run_correct(const CorrectOptions& options) {
  if (options.value.has_value() == options.blank) {
    std::cerr << "nianbao correct: give exactly one of --value V or --blank\n";
    return 2;
  }
  try {
    store::Connection connection(options.database, store::OpenMode::existing);
    store::CorrectionRequest request{options.report_id, options.key, options.value, options.reason, corrector(options)};
    int64_t id = store::add_correction(connection.handle(), request);
    std::cout << "correction " << id << " recorded: report " << options.report_id << " " << options.key << " = "
              << (options.value ? number_text(*options.value) : std::string("blank")) << " by "
              << request.corrected_by << "\n";
    return 0;
  } catch (const store::StoreError& error) {
    std::cerr << "nianbao correct: " << error.what() << "\n";
    return 2;
  }
}

}  // namespace

void add_correct_command(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<CorrectOptions>();
  CLI::App* command = app.add_subcommand("correct", "Record a person's correction of one stored cell");
  command->add_option("--db", options->database, "SQLite file or postgresql:// URI")->required();
  command->add_option("--report", options->report_id, "report id (see `nianbao reports`)")->required();
  command->add_option("--key", options->key, "canonical key, e.g. t3.new_received.total")->required();
  command->add_option("--value", options->value, "the correct value");
  command->add_flag("--blank", options->blank, "the cell should be blank (no value)");
  command->add_option("--reason", options->reason, "why (e.g. 'PDF column shifted; the HTML copy prints 12')")->required();
  command->add_option("--by", options->by, "who corrects (default: $USER)");
  command->footer("The printed value is kept; views and exports show both. Exit status: 0 ok; 2 refused or usage.");
  command->callback([options, &exit_code] { exit_code = run_correct(*options); });
}

}  // namespace nianbao::cli
