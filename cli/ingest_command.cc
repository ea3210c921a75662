// `nianbao ingest --db FILE.sqlite FILE...`: extracts the files on `-j` workers and stores each, in file
// order, atomically (savepoints in batched transactions) from one thread; keeps going after a bad input.
#include <unistd.h>

#include <chrono>
#include <iostream>
#include <memory>
#include <optional>

#include "cli/commands.h"
#include "cli/progress_line.h"
#include "cli/read_file.h"
#include "common/ordered_pool.h"
#include "store/database.h"

namespace nianbao::cli {
namespace {

// A batch is committed after this many documents or this much time, whichever comes first: one
// sync per batch instead of one per document, and a kill loses at most one batch's uncommitted work.
constexpr int kDocumentsPerBatch = 500;
constexpr auto kBatchTime = std::chrono::seconds(2);

struct IngestOptions {
  std::string database;
  std::vector<std::string> files;
  bool strict = false;
  uint64_t max_document_size = kDefaultMaxDocumentSize;  // larger files are skipped unread
  store::IngestContext context;  // --agency/--region-code/--level: the body the files come from
  unsigned jobs = 0;             // files read and extracted at once; 0: one per core
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

// A file read and extracted on a worker, waiting for the writer: its bytes and extraction, or why
// it could not be read.
struct PreparedFile {
  std::optional<std::string> bytes;
  std::string read_error;
  Extraction extraction;
};

PreparedFile prepare_file(const std::string& file, const IngestOptions& options) {
  PreparedFile prepared;
  prepared.bytes = read_file_bytes(file, prepared.read_error, options.max_document_size);
  if (prepared.bytes) prepared.extraction = extract_document({*prepared.bytes, file, ""});
  return prepared;
}

// Stores one prepared file (on the writer thread, in input order); problems go to stderr and
// into `tally`.
void store_file(store::Database& db, const std::string& file, const PreparedFile& prepared, const IngestOptions& options,
                IngestTally& tally) {
  if (!prepared.bytes) {
    std::cerr << "nianbao ingest: " << prepared.read_error << "\n";
    tally.input_or_store_failed = true;
    return;
  }
  const Extraction& extraction = prepared.extraction;
  if (extraction.status != ExtractStatus::ok) {
    std::cerr << "nianbao ingest: " << file << ": not stored: " << to_string(extraction.status)
              << (extraction.message.empty() ? "" : ": " + extraction.message) << "\n";
    tally.input_or_store_failed = true;
    return;
  }
  try {
    store::IngestOutcome outcome = db.ingest(*prepared.bytes, file, extraction, options.context);
    std::cout << file << ": " << (outcome.document_was_new ? "stored" : "already stored") << " (sha256 "
              << outcome.sha256.substr(0, 12) << "), " << plural(static_cast<int>(extraction.reports.size()), "report")
              << ", " << findings_summary(extraction) << "\n";
    tally.error_findings += count_error_findings(extraction);
  } catch (const store::StoreError& error) {
    std::cerr << "nianbao ingest: " << file << ": " << error.what() << "\n";
    tally.input_or_store_failed = true;
  }
}

// Files are read and extracted on the pool; this thread alone writes, in input order, inside the
// batches.
void ingest_in_batches(store::Database& db, const IngestOptions& options, IngestTally& tally) {
  auto batch_started = std::chrono::steady_clock::now();
  int in_batch = 0;
  ProgressLine progress("ingest", "documents");
  bool stdout_is_terminal = ::isatty(STDOUT_FILENO) == 1;
  unsigned workers = pool_workers(options.jobs);
  auto make_task = [&](size_t index) {
    return [&options, &file = options.files[index]] { return prepare_file(file, options); };
  };
  auto consume = [&](size_t index, PoolOutcome<PreparedFile>&& outcome) {
    const std::string& file = options.files[index];
    if (stdout_is_terminal || !outcome.value || !outcome.value->bytes || outcome.value->extraction.status != ExtractStatus::ok)
      progress.finish();
    if (outcome.value) {
      store_file(db, file, *outcome.value, options, tally);
    } else {
      std::cerr << "nianbao ingest: " << file << ": not stored: " << pool_error_message(outcome.error) << "\n";
      tally.input_or_store_failed = true;
    }
    if (++in_batch >= kDocumentsPerBatch || std::chrono::steady_clock::now() - batch_started >= kBatchTime) {
      db.commit_batch();
      db.begin_batch();
      in_batch = 0;
      batch_started = std::chrono::steady_clock::now();
    }
    progress.update(index + 1, options.files.size());
  };
  db.begin_batch();
  ordered_map<PreparedFile>(options.files.size(), workers, 2 * size_t{workers}, make_task, consume);
  progress.finish();
  db.commit_batch();
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
  try {
    ingest_in_batches(*db, options, tally);
  } catch (const store::StoreError& error) {
    std::cerr << "nianbao ingest: " << error.what() << "\n";
    return 2;
  }
  if (tally.input_or_store_failed) return 2;
  return options.strict && tally.error_findings > 0 ? 1 : 0;
}

}  // namespace

void add_ingest_command(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<IngestOptions>();
  CLI::App* command = app.add_subcommand(
      "ingest", "Extract each FILE and store the document and its reports in the database (same bytes: stored once)");
  command->add_option("--db", options->database, "SQLite file (created when missing) or postgresql:// URI to store into")->required();
  command->add_option("files", options->files, "report files to ingest (HTML, PDF, DOCX, text …)")->required();
  command->add_option("--agency", options->context.seed_agency,
                      "the body these files come from: taken by reports that print no agency, and narrows names");
  command->add_option("--region-code", options->context.seed_region_code, "GB/T 2260 code of that body's region");
  command->add_option("--level", options->context.seed_level, "its level (province, city, county …)");
  add_max_document_size_option(command, options->max_document_size);
  command->add_flag("--strict", options->strict, "exit with status 1 when any report has an error-severity finding");
  command->add_option("-j,--jobs", options->jobs,
                      "files read and extracted at once (default: one per core); one thread writes, in file order")
      ->check(CLI::NonNegativeNumber);
  command->footer("Exit status: 0 ok; 1 error findings with --strict; 2 usage, unreadable input or database error.");
  command->callback([options, &exit_code] { exit_code = run_ingest(*options); });
}

}  // namespace nianbao::cli
