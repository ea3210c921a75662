// The JSON form of an extracted report, as `nianbao extract` prints it (one object per line):
// source, sha256, metadata, cells {key: {value, raw, flags, at, derived?}}, findings, checks.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "extract/extractor.h"

namespace nianbao::cli {

nlohmann::json number_json(const Number& number);
nlohmann::json cell_json(const Cell& cell);
nlohmann::json finding_json(const Finding& finding);
nlohmann::json report_json(const Report& report, const std::string& source, const std::string& sha256);

}  // namespace nianbao::cli
