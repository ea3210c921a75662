// Gold comparison for the corpus tests: values compared exactly (null only equals null), findings
// compared by rule, cells, expected and actual; error findings beyond the gold's are differences.
// pre.* cells are compared only with a gold that has pre.* keys (page.pre-expected.json).
#include "tests/support/gold.h"

#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "extract/recognize/metadata.h"

namespace nianbao::testing {

std::string fixture_path(const std::string& relative) { return std::string(NIANBAO_FIXTURES_DIR) + "/" + relative; }

std::string read_fixture(const std::string& relative) {
  std::ifstream in(fixture_path(relative), std::ios::binary);
  if (!in) throw std::runtime_error("cannot open fixture " + fixture_path(relative));
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

nlohmann::json read_gold(const std::string& relative) { return nlohmann::json::parse(read_fixture(relative)); }

namespace {

std::string show(const std::optional<Number>& value) {
  if (!value) return "null";
  std::ostringstream out;
  out.precision(15);
  out << value->value;
  return out.str();
}

bool same_value(const std::optional<Number>& actual, const nlohmann::json& expected) {
  if (expected.is_null()) return !actual.has_value();
  if (!actual) return false;
  return std::fabs(actual->value - expected.get<double>()) < 1e-9;
}

bool same_finding(const Finding& finding, const nlohmann::json& expected) {
  if (finding.rule != expected.at("rule").get<std::string>()) return false;
  if (finding.cells != expected.at("cells").get<std::vector<std::string>>()) return false;
  return same_value(finding.expected, expected.at("expected")) && same_value(finding.actual, expected.at("actual"));
}

void compare_findings(const Report& report, const nlohmann::json& gold, std::vector<std::string>& differences) {
  const nlohmann::json& expected = gold.at("expected_findings");
  for (const auto& want : expected) {
    bool raised = false;
    for (const Finding& finding : report.findings) raised |= same_finding(finding, want);
    if (!raised) differences.push_back("expected finding not raised: " + want.dump());
  }
  for (const Finding& finding : report.findings) {
    if (finding.severity != Severity::error) continue;
    bool expected_one = false;
    for (const auto& want : expected) expected_one |= same_finding(finding, want);
    if (!expected_one) differences.push_back("unexpected error finding " + finding.rule + ": " + finding.message);
  }
}

bool is_pre_key(const std::string& key) { return key.rfind("pre.", 0) == 0; }

}  // namespace

bool gold_has_pre_keys(const nlohmann::json& gold) {
  for (const auto& [key, value] : gold.at("cells").items()) {
    if (is_pre_key(key)) return true;
  }
  return false;
}

GoldScore score_cells(const Report& report, const nlohmann::json& gold) {
  GoldScore score;
  for (const auto& [key, want] : gold.at("cells").items()) {
    ++score.total;
    auto found = report.cells.find(key);
    if (found == report.cells.end()) continue;
    if (same_value(found->second.value, want)) ++score.right;
    else ++score.wrong;
  }
  return score;
}

std::vector<std::string> compare_with_gold(const Report& report, const nlohmann::json& gold) {
  std::vector<std::string> differences;
  if (gold.at("format").get<std::string>() != to_string(report.format)) {
    differences.push_back(std::string("format: got ") + to_string(report.format) + ", want " +
                          gold.at("format").get<std::string>());
  }
  const nlohmann::json& year = gold.at("report_year");
  if (year.is_null() != !report.report_year.has_value() || (!year.is_null() && year.get<int>() != *report.report_year)) {
    differences.push_back("report_year: got " + (report.report_year ? std::to_string(*report.report_year) : "null") +
                          ", want " + year.dump());
  }
  const nlohmann::json& cells = gold.at("cells");
  for (const auto& [key, want] : cells.items()) {
    auto found = report.cells.find(key);
    if (found == report.cells.end()) {
      differences.push_back("missing cell " + key + " (want " + want.dump() + ")");
    } else if (!same_value(found->second.value, want)) {
      differences.push_back("cell " + key + ": got " + show(found->second.value) + " (raw '" + found->second.raw +
                            "'), want " + want.dump());
    }
  }
  // pre.* cells are scored only against a gold that lists them (page.pre-expected.json); the
  // 2019+ gold of a pre-2019 page (page.expected.json, "cells": {}) says nothing about them.
  bool scores_pre_keys = gold_has_pre_keys(gold);
  for (const auto& [key, cell] : report.cells) {
    if (is_pre_key(key) && !scores_pre_keys) continue;
    if (!cells.contains(key) && key.rfind("extra.", 0) != 0) differences.push_back("unexpected cell " + key);
  }
  compare_findings(report, gold, differences);
  return differences;
}

namespace {

// A document that is not a report yields no report record; the corpus gold spells such a document
// as format not_a_report with the year (and agency) its title names, so it is compared as that.
Report not_a_report(const Extraction& extraction) {
  ReportMetadata metadata = read_metadata("", extraction.title);
  Report document;
  document.title = extraction.title;
  document.agency = metadata.agency;
  document.report_year = metadata.report_year;
  document.scope = metadata.scope;
  document.format = Format::not_a_report;
  document.published = extraction.published;
  return document;
}

}  // namespace

Report extract_fixture(const std::string& relative) {
  std::string bytes = read_fixture(relative);
  Extraction extraction = extract_document({bytes, relative, ""});
  if (extraction.status == ExtractStatus::ok && extraction.role != DocumentRole::report) return not_a_report(extraction);
  if (extraction.status != ExtractStatus::ok || extraction.reports.size() != 1) {
    throw std::runtime_error("extraction of " + relative + " failed: " + extraction.message);
  }
  return extraction.reports.front();
}

}  // namespace nianbao::testing
