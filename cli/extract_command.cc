// `nianbao extract FILE...`: one JSON object per report on stdout (JSON Lines); a document that is
// not a report gives one object with its role and no cells. Unreadable input is reported on stderr
// and gives exit 2; with --strict, error findings give exit 1.
#include <iostream>

#include "cli/commands.h"
#include "cli/read_file.h"
#include "cli/report_json.h"
#include "common/sha256.h"
#include "extract/extractor.h"

namespace nianbao::cli {
namespace {

struct ExtractOptions {
  std::vector<std::string> files;
  bool strict = false;
  bool with_text = false;
  uint64_t max_document_size = kDefaultMaxDocumentSize;  // larger files are refused unread
};

int extract_one(const std::string& path, const ExtractOptions& options, bool& saw_error_finding) {
  std::string error;
  auto bytes = read_file_bytes(path, error, options.max_document_size);
  if (!bytes) {
    std::cerr << "nianbao extract: " << error << "\n";
    return 2;
  }
  Extraction extraction = extract_document({*bytes, path, ""});
  if (extraction.status != ExtractStatus::ok) {
    std::cerr << "nianbao extract: " << to_string(extraction.status) << ": " << extraction.message << "\n";
    return 2;
  }
  std::string sha256 = sha256_hex(*bytes);
  if (extraction.reports.empty()) {
    nlohmann::json out = non_report_json(extraction, path, sha256);
    out["media_type"] = extraction.media_type;
    out["charset"] = extraction.charset;
    std::cout << out.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
    return 0;
  }
  for (const Report& report : extraction.reports) {
    nlohmann::json out = report_json(report, path, sha256);
    out["media_type"] = extraction.media_type;
    out["charset"] = extraction.charset;
    if (options.with_text) out["text"] = report.text;
    std::cout << out.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
    saw_error_finding |= report.count_findings(Severity::error) > 0;
  }
  return 0;
}

}  // namespace

void add_extract_command(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<ExtractOptions>();
  CLI::App* command = app.add_subcommand("extract", "Extract reports from files; print one JSON object per report (or per document that is not one)");
  command->add_option("files", options->files, "Report documents (text, HTML, PDF, DOCX)")->required();
  command->add_flag("--strict", options->strict, "Exit 1 when any error-severity finding is raised");
  command->add_flag("--text", options->with_text, "Include the normalized document text in the output");
  add_max_document_size_option(command, options->max_document_size);
  command->callback([options, &exit_code] {
    bool saw_error_finding = false;
    int status = 0;
    for (const std::string& path : options->files) status = std::max(status, extract_one(path, *options, saw_error_finding));
    if (status == 0 && options->strict && saw_error_finding) status = 1;
    exit_code = status;
  });
}

}  // namespace nianbao::cli
