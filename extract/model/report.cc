// Names of the report enums as they appear in JSON and SQLite, and small helpers on the records.
// Keeping the spellings here means the CLI, the store and the tests agree on them.
#include "extract/model/report.h"

#include <algorithm>

namespace nianbao {

const char* to_string(Format format) {
  switch (format) {
    case Format::pre2019: return "pre2019";
    case Format::f2019: return "f2019";
    case Format::f2021: return "f2021";
    case Format::not_a_report: return "not_a_report";
    case Format::unknown: break;
  }
  return "unknown";
}

const char* to_string(Scope scope) {
  switch (scope) {
    case Scope::own_organ: return "own_organ";
    case Scope::region_aggregate: return "region_aggregate";
    case Scope::unknown: break;
  }
  return "unknown";
}

const char* to_string(Severity severity) {
  switch (severity) {
    case Severity::info: return "info";
    case Severity::warning: return "warning";
    case Severity::error: return "error";
  }
  return "error";
}

std::optional<Format> format_from_string(const std::string& text) {
  for (Format f : {Format::unknown, Format::pre2019, Format::f2019, Format::f2021, Format::not_a_report}) {
    if (text == to_string(f)) return f;
  }
  return std::nullopt;
}

std::optional<Scope> scope_from_string(const std::string& text) {
  for (Scope s : {Scope::unknown, Scope::own_organ, Scope::region_aggregate}) {
    if (text == to_string(s)) return s;
  }
  return std::nullopt;
}

bool Cell::has_flag(const std::string& flag) const {
  return std::find(flags.begin(), flags.end(), flag) != flags.end();
}

void Cell::add_flag(const std::string& flag) {
  if (!has_flag(flag)) flags.push_back(flag);
}

int Report::count_findings(Severity severity) const {
  return static_cast<int>(std::count_if(findings.begin(), findings.end(),
                                        [&](const Finding& f) { return f.severity == severity; }));
}

}  // namespace nianbao
