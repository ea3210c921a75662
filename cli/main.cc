// Entry point of the `nianbao` executable: builds the subcommand tree and runs the one asked for.
// Usage errors exit with status 2; each subcommand sets its own status otherwise.
#include <iostream>
#include <string>

#include "cli/commands.h"
#include "extract/extractor.h"

int main(int argc, char** argv) {
  CLI::App app{"nianbao: find, read and keep government information disclosure annual reports"};
  app.require_subcommand(1);
  app.set_version_flag("--version", std::string("nianbao ") + NIANBAO_VERSION + " (extractor " +
                                        nianbao::kExtractorVersion + ")");
  int exit_code = 0;
  nianbao::cli::add_extract_command(app, exit_code);
  nianbao::cli::add_ingest_command(app, exit_code);
  nianbao::cli::add_reports_command(app, exit_code);
  nianbao::cli::add_show_command(app, exit_code);
  nianbao::cli::add_crawl_command(app, exit_code);
  nianbao::cli::add_serve_demo_command(app, exit_code);
  nianbao::cli::add_agencies_command(app, exit_code);
  nianbao::cli::add_export_command(app, exit_code);
  nianbao::cli::add_compare_command(app, exit_code);
  nianbao::cli::add_correct_command(app, exit_code);
  nianbao::cli::add_corrections_command(app, exit_code);
  nianbao::cli::add_reextract_command(app, exit_code);
  nianbao::cli::add_audit_command(app, exit_code);
  nianbao::cli::add_copy_command(app, exit_code);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    int status = app.exit(error);
    return status == 0 ? 0 : 2;
  }
  return exit_code;
}
