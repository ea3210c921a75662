// The `nianbao` subcommands. Each adds itself to the CLI11 app and, when it runs, stores its exit
// status (0 ok, 1 error findings with --strict, 2 usage or unreadable input) in `exit_code`.
#pragma once

#include <CLI/CLI.hpp>

namespace nianbao::cli {

void add_extract_command(CLI::App& app, int& exit_code);
void add_ingest_command(CLI::App& app, int& exit_code);
void add_reports_command(CLI::App& app, int& exit_code);
void add_show_command(CLI::App& app, int& exit_code);
void add_crawl_command(CLI::App& app, int& exit_code);
void add_serve_demo_command(CLI::App& app, int& exit_code);
void add_agencies_command(CLI::App& app, int& exit_code);
void add_export_command(CLI::App& app, int& exit_code);
void add_compare_command(CLI::App& app, int& exit_code);
void add_correct_command(CLI::App& app, int& exit_code);
void add_corrections_command(CLI::App& app, int& exit_code);
void add_reextract_command(CLI::App& app, int& exit_code);
void add_audit_command(CLI::App& app, int& exit_code);
void add_copy_command(CLI::App& app, int& exit_code);

}  // namespace nianbao::cli
