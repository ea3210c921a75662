// The JSON form of an extracted report, as `nianbao extract` prints it (one object per line):
// source, sha256, role, metadata, cells {key: {value, raw, flags, at, derived?}}, findings, checks;
// and of a document that is not a report (its role, title and date, no report metadata or cells).
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "extract/extractor.h"

namespace nianbao::cli {

nlohmann::json number_json(const Number& number);
nlohmann::json cell_json(const Cell& cell);
nlohmann::json finding_json(const Finding& finding);
nlohmann::json report_json(const Report& report, const std::string& source, const std::string& sha256);
// A document whose role is not report: the keys of report_json, with its own title and date, the
// report metadata null and no cells, findings or checks.
nlohmann::json non_report_json(const Extraction& extraction, const std::string& source, const std::string& sha256);

}  // namespace nianbao::cli
