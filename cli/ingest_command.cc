// `nianbao ingest --db FILE.sqlite FILE...`: extracts each file and stores document and reports,
// one transaction per file; reports per file what happened and keeps going after a bad input.
#include <iostream>
#include <memory>
#include <optional>

#include "cli/commands.h"
#include "cli/read_file.h"
#include "store/database.h"

namespace nianbao::cli {
namespace {

struct IngestOptions {
  std::string database;
  std::vector<std::string> files;
  bool strict = false;
};

struct IngestTally {
  bool input_or_store_failed = false;
  int error_findings = 0;
};

std::string plural(int count, const std::string& noun) {
  return std::to_string(count) + " " + noun + (count == 1 ? "" : "s");
}

std::string findings_summary(const Extraction& extraction) {
  int errors = 0, warnings = 0, infos = 0;
  for (const Report& report : extraction.reports) {
    errors += report.count_findings(Severity::error);
    warnings += report.count_findings(Severity::warning);
    infos += report.count_findings(Severity::info);
  }
  return "findings: " + std::to_string(errors) + " error, " + std::to_string(warnings) + " warning, " +
         std::to_string(infos) + " info";
}

int count_error_findings(const Extraction& extraction) {
  int errors = 0;
  for (const Report& report : extraction.reports) errors += report.count_findings(Severity::error);
  return errors;
}

// Reads, extracts and stores one file; problems go to stderr and into `tally`.
void ingest_file(store::Database& db, const std::string& file, IngestTally& tally) {
  std::string read_error;
  std::optional<std::string> bytes = read_file_bytes(file, read_error);
  if (!bytes) {
    std::cerr << "nianbao ingest: " << read_error << "\n";
    tally.input_or_store_failed = true;
    return;
  }
  Extraction extraction = extract_document({*bytes, file, ""});
  if (extraction.status != ExtractStatus::ok) {
    std::cerr << "nianbao ingest: " << file << ": not stored: " << to_string(extraction.status)
              << (extraction.message.empty() ? "" : ": " + extraction.message) << "\n";
    tally.input_or_store_failed = true;
    return;
  }
  try {
    store::IngestOutcome outcome = db.ingest(*bytes, file, extraction);
    std::cout << file << ": " << (outcome.document_was_new ? "stored" : "already stored") << " (sha256 "
              << outcome.sha256.substr(0, 12) << "), " << plural(static_cast<int>(extraction.reports.size()), "report")
              << ", " << findings_summary(extraction) << "\n";
    tally.error_findings += count_error_findings(extraction);
  } catch (const store::StoreError& error) {
    std::cerr << "nianbao ingest: " << file << ": " << error.what() << "\n";
    tally.input_or_store_failed = true;
  }
}

int run_ingest(const IngestOptions& options) {
  std::optional<store::Database> db;
  try {
    db.emplace(options.database);
  } catch (const store::StoreError& error) {
    std::cerr << "nianbao ingest: " << error.what() << "\n";
    return 2;
  }
  IngestTally tally;
  for (const std::string& file : options.files) ingest_file(*db, file, tally);
  if (tally.input_or_store_failed) return 2;
  return options.strict && tally.error_findings > 0 ? 1 : 0;
}

}  // namespace

void add_ingest_command(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<IngestOptions>();
  CLI::App* command = app.add_subcommand(
      "ingest", "Extract each FILE and store the document and its reports in an SQLite file (same bytes: stored once)");
  command->add_option("--db", options->database, "SQLite file to store into (created when missing)")->required();
  command->add_option("files", options->files, "report files to ingest (HTML, PDF, DOCX, text …)")->required();
  command->add_flag("--strict", options->strict, "exit with status 1 when any report has an error-severity finding");
  command->footer("Exit status: 0 ok; 1 error findings with --strict; 2 usage, unreadable input or database error.");
  command->callback([options, &exit_code] { exit_code = run_ingest(*options); });
}

}  // namespace nianbao::cli
