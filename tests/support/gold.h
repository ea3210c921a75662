// Test support: loading a corpus gold file (*.expected.json) and comparing an extracted report
// with it key by key, so a failure names every cell that differs.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "extract/extractor.h"

namespace nianbao::testing {

std::string fixture_path(const std::string& relative);
std::string read_fixture(const std::string& relative);
nlohmann::json read_gold(const std::string& relative);

// Every difference between the report and the gold: missing or extra keys, wrong values, wrong
// year/format, expected findings not raised, error findings not expected. Empty when they agree.
std::vector<std::string> compare_with_gold(const Report& report, const nlohmann::json& gold);

// Extracts a fixture file (path relative to fixtures/) and returns its single report.
Report extract_fixture(const std::string& relative);

}  // namespace nianbao::testing
