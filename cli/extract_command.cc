// `nianbao extract FILE...`: one JSON object per report (or per non-report document) on stdout, in file
// order, extracted on `-j` workers; unreadable input goes to stderr, exit 2; --strict: error findings exit 1.
#include <unistd.h>

#include <iostream>

#include "cli/commands.h"
#include "cli/progress_line.h"
#include "cli/read_file.h"
#include "cli/report_json.h"
#include "common/ordered_pool.h"
#include "common/sha256.h"
#include "extract/extractor.h"

namespace nianbao::cli {
namespace {

struct ExtractOptions {
  std::vector<std::string> files;
  bool strict = false;
  bool with_text = false;
  uint64_t max_document_size = kDefaultMaxDocumentSize;  // larger files are refused unread
  unsigned jobs = 0;                                     // 0: one worker per core
};

// What one file gives, made on a worker and printed in file order: its JSON lines, its messages
// for stderr and its exit status.
struct ExtractedFile {
  int status = 0;
  bool saw_error_finding = false;
  std::string json_lines, error_text;
};

std::string json_line(const nlohmann::json& out) {
  return out.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

ExtractedFile extract_one(const std::string& path, const ExtractOptions& options) {
  ExtractedFile result;
  std::string error;
  auto bytes = read_file_bytes(path, error, options.max_document_size);
  if (!bytes) {
    result.error_text = "nianbao extract: " + error + "\n";
    result.status = 2;
    return result;
  }
  Extraction extraction = extract_document({*bytes, path, ""});
  if (extraction.status != ExtractStatus::ok) {
    result.error_text = std::string("nianbao extract: ") + to_string(extraction.status) + ": " + extraction.message + "\n";
    result.status = 2;
    return result;
  }
  std::string sha256 = sha256_hex(*bytes);
  if (extraction.reports.empty()) {
    nlohmann::json out = non_report_json(extraction, path, sha256);
    out["media_type"] = extraction.media_type;
    out["charset"] = extraction.charset;
    result.json_lines = json_line(out);
    return result;
  }
  for (const Report& report : extraction.reports) {
    nlohmann::json out = report_json(report, path, sha256);
    out["media_type"] = extraction.media_type;
    out["charset"] = extraction.charset;
    if (options.with_text) out["text"] = report.text;
    result.json_lines += json_line(out);
    result.saw_error_finding |= report.count_findings(Severity::error) > 0;
  }
  return result;
}

// A worker that threw (out of memory, a bug) fails its own file only.
ExtractedFile failed_file(const std::string& path, const std::exception_ptr& error) {
  ExtractedFile result;
  result.status = 2;
  result.error_text = "nianbao extract: " + path + ": " + pool_error_message(error) + "\n";
  return result;
}

int run_extract(const ExtractOptions& options) {
  bool saw_error_finding = false;
  int status = 0;
  ProgressLine progress("extract", "documents");
  bool stdout_is_terminal = ::isatty(STDOUT_FILENO) == 1;
  unsigned workers = pool_workers(options.jobs);
  auto make_task = [&](size_t index) {
    return [&options, &path = options.files[index]] { return extract_one(path, options); };
  };
  auto consume = [&](size_t index, PoolOutcome<ExtractedFile>&& outcome) {
    ExtractedFile file = outcome.value ? std::move(*outcome.value) : failed_file(options.files[index], outcome.error);
    if (!file.error_text.empty() || stdout_is_terminal) progress.finish();
    std::cerr << file.error_text;
    std::cout << file.json_lines;
    status = std::max(status, file.status);
    saw_error_finding |= file.saw_error_finding;
    progress.update(index + 1, options.files.size());
  };
  ordered_map<ExtractedFile>(options.files.size(), workers, 2 * size_t{workers}, make_task, consume);
  progress.finish();
  std::cout.flush();
  if (status == 0 && options.strict && saw_error_finding) status = 1;
  return status;
}

}  // namespace

void add_extract_command(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<ExtractOptions>();
  CLI::App* command = app.add_subcommand("extract", "Extract reports from files; print one JSON object per report (or per document that is not one)");
  command->add_option("files", options->files, "Report documents (text, HTML, PDF, DOCX)")->required();
  command->add_flag("--strict", options->strict, "Exit 1 when any error-severity finding is raised");
  command->add_flag("--text", options->with_text, "Include the normalized document text in the output");
  add_max_document_size_option(command, options->max_document_size);
  command->add_option("-j,--jobs", options->jobs, "Files extracted at once (default: one per core); output keeps the file order")
      ->check(CLI::NonNegativeNumber);
  command->callback([options, &exit_code] { exit_code = run_extract(*options); });
}

}  // namespace nianbao::cli
