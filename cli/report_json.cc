// Report → JSON with nlohmann::json. Integral numbers print as integers, money with its decimals;
// `value` is only what the document states, inferences sit in `derived`.
#include "cli/report_json.h"

#include <cmath>

namespace nianbao::cli {

nlohmann::json number_json(const Number& number) {
  if (number.integral && std::fabs(number.value) < 9e15) return static_cast<int64_t>(std::llround(number.value));
  return number.value;
}

nlohmann::json cell_json(const Cell& cell) {
  nlohmann::json out;
  out["value"] = cell.value ? number_json(*cell.value) : nlohmann::json(nullptr);
  out["raw"] = cell.raw;
  out["flags"] = cell.flags;
  nlohmann::json at = {{"table", cell.at.table}, {"row", cell.at.row}, {"col", cell.at.col}};
  if (cell.at.byte_offset >= 0) at["byte_offset"] = cell.at.byte_offset;
  if (cell.at.page > 0) at["page"] = cell.at.page;
  if (cell.at.box) {
    at["bbox"] = {cell.at.box->left, cell.at.box->top, cell.at.box->right, cell.at.box->bottom};
  }
  out["at"] = at;
  if (cell.derived) out["derived"] = number_json(*cell.derived);
  return out;
}

nlohmann::json finding_json(const Finding& finding) {
  return {{"rule", finding.rule},
          {"severity", to_string(finding.severity)},
          {"message", finding.message},
          {"cells", finding.cells},
          {"expected", finding.expected ? number_json(*finding.expected) : nlohmann::json(nullptr)},
          {"actual", finding.actual ? number_json(*finding.actual) : nlohmann::json(nullptr)}};
}

nlohmann::json report_json(const Report& report, const std::string& source, const std::string& sha256) {
  nlohmann::json out;
  out["source"] = source;
  out["sha256"] = sha256;
  out["role"] = to_string(DocumentRole::report);
  out["title"] = report.title;
  out["agency"] = report.agency.empty() ? nlohmann::json(nullptr) : nlohmann::json(report.agency);
  out["report_year"] = report.report_year ? nlohmann::json(*report.report_year) : nlohmann::json(nullptr);
  out["format"] = to_string(report.format);
  out["scope"] = to_string(report.scope);
  out["published"] = report.published ? nlohmann::json(*report.published) : nlohmann::json(nullptr);
  out["published_source"] = report.published_source.empty() ? nlohmann::json(nullptr) : nlohmann::json(report.published_source);
  nlohmann::json cells = nlohmann::json::object();
  for (const auto& [key, cell] : report.cells) cells[key] = cell_json(cell);
  out["cells"] = cells;
  nlohmann::json findings = nlohmann::json::array();
  for (const Finding& finding : report.findings) findings.push_back(finding_json(finding));
  out["findings"] = findings;
  nlohmann::json checks = nlohmann::json::object();
  for (const auto& [rule, tally] : report.checks) {
    checks[rule] = {{"passed", tally.passed}, {"failed", tally.failed}, {"not_assessable", tally.not_assessable}};
  }
  out["checks"] = checks;
  return out;
}

nlohmann::json non_report_json(const Extraction& extraction, const std::string& source, const std::string& sha256) {
  nlohmann::json out;
  out["source"] = source;
  out["sha256"] = sha256;
  out["role"] = to_string(extraction.role);
  out["title"] = extraction.title;
  out["agency"] = nullptr;
  out["report_year"] = nullptr;
  out["format"] = nullptr;
  out["scope"] = nullptr;
  out["published"] = extraction.published ? nlohmann::json(*extraction.published) : nlohmann::json(nullptr);
  out["published_source"] =
      extraction.published_source.empty() ? nlohmann::json(nullptr) : nlohmann::json(extraction.published_source);
  out["cells"] = nlohmann::json::object();
  out["findings"] = nlohmann::json::array();
  out["checks"] = nlohmann::json::object();
  return out;
}

}  // namespace nianbao::cli
