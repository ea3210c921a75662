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
// The report's pre.* cells count only when the gold lists pre.* keys (a page.pre-expected.json,
// spec §9.5); against a 2019+ gold (page.expected.json) they are ignored.
std::vector<std::string> compare_with_gold(const Report& report, const nlohmann::json& gold);

// True when the gold's cells include pre.* keys (a pre-2019 gold, page.pre-expected.json).
bool gold_has_pre_keys(const nlohmann::json& gold);

// How many of the gold's cells the report has right, wrong (a different value) or missing.
struct GoldScore {
  int right = 0;
  int wrong = 0;
  int total = 0;
};
GoldScore score_cells(const Report& report, const nlohmann::json& gold);

// Extracts a fixture file (path relative to fixtures/) and returns its single report.
Report extract_fixture(const std::string& relative);

}  // namespace nianbao::testing
