// `nianbao copy --from SRC --to DST`: moves a whole database between an SQLite file and PostgreSQL
// (either way), ids kept, verified by row counts and every document's sha256.
#include <iostream>
#include <memory>
#include <string>

#include "cli/commands.h"
#include "store/database_copy.h"
#include "store/store_error.h"

namespace nianbao::cli {
namespace {

struct CopyOptions {
  std::string from;
  std::string to;
};

int run_copy(const CopyOptions& options) {
  try {
    store::CopySummary summary = store::copy_database(options.from, options.to);
    std::cout << store::describe(summary) << " (" << options.from << " -> " << options.to << ")\n";
    return 0;
  } catch (const std::exception& error) {
    std::cerr << "nianbao copy: " << error.what() << "\n";
    return 2;
  }
}

}  // namespace

void add_copy_command(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<CopyOptions>();
  CLI::App* command = app.add_subcommand(
      "copy", "Copy a whole database into a new or empty one (SQLite file <-> postgresql:// URI), verified");
  command
      ->add_option("--from", options->from, "the database to copy: an SQLite file or a postgresql:// URI (read only)")
      ->required();
  command->add_option("--to", options->to, "a new or empty nianbao database: an SQLite file or a postgresql:// URI")
      ->required();
  command->callback([options, &exit_code] { exit_code = run_copy(*options); });
}

}  // namespace nianbao::cli
