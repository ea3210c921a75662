// RuleRunner: identity evaluation on stated values only. A blank or absent cell makes the rule
// instance not assessable — never a pass, never a finding (spec §10, corpus README).
#include "extract/validate/identity_check.h"

#include <cmath>
#include <sstream>

namespace nianbao {
namespace {

constexpr double kTolerance = 1e-6;

Number as_number(double value) {
  return Number{value, std::fabs(value - std::round(value)) < kTolerance};
}

}  // namespace

std::optional<double> RuleRunner::stated(const std::string& key) const {
  auto found = report_.cells.find(key);
  if (found == report_.cells.end() || !found->second.value) return std::nullopt;
  return found->second.value->value;
}

std::optional<double> RuleRunner::sum(const std::vector<std::string>& keys) const {
  double total = 0;
  for (const std::string& key : keys) {
    auto value = stated(key);
    if (!value) return std::nullopt;
    total += *value;
  }
  return total;
}

std::string RuleRunner::format_number(double value) {
  std::ostringstream out;
  out.precision(15);
  out << value;
  return out.str();
}

void RuleRunner::tally(const std::string& rule, std::optional<bool> passed) {
  RuleTally& counts = report_.checks[rule];
  if (!passed) {
    ++counts.not_assessable;
  } else if (*passed) {
    ++counts.passed;
  } else {
    ++counts.failed;
  }
}

// The cells of a failed rule that a reader placed with low confidence (a PDF value fitted by its
// order, or between two columns): the failure may be the reader's, not the document's.
std::string RuleRunner::uncertain_cells(const std::vector<std::string>& keys) const {
  std::string uncertain;
  for (const std::string& key : keys) {
    auto found = report_.cells.find(key);
    if (found == report_.cells.end() || !found->second.has_flag("placement_uncertain")) continue;
    uncertain += (uncertain.empty() ? "" : ", ") + key;
  }
  return uncertain;
}

void RuleRunner::fail(const std::string& rule, Severity severity, const std::string& message,
                      std::vector<std::string> cells, std::optional<double> expected, std::optional<double> actual) {
  std::string text = message;
  std::string uncertain = uncertain_cells(cells);
  if (!uncertain.empty()) {
    text += " — may be a placement error of the reader, not of the document: " + uncertain +
            " placed with low confidence";
  }
  Finding finding{rule, severity, text, std::move(cells), std::nullopt, std::nullopt};
  if (expected) finding.expected = as_number(*expected);
  if (actual) finding.actual = as_number(*actual);
  report_.findings.push_back(std::move(finding));
}

void RuleRunner::check_sum(const std::string& rule, Severity severity, const std::string& total,
                           const std::vector<std::string>& parts, const std::string& what) {
  auto printed = stated(total);
  auto added = sum(parts);
  if (!printed || !added) return tally(rule, std::nullopt);
  bool ok = std::fabs(*printed - *added) < kTolerance;
  tally(rule, ok);
  if (ok) return;
  std::vector<std::string> cells{total};
  cells.insert(cells.end(), parts.begin(), parts.end());
  fail(rule, severity, what + ": " + total + " is " + format_number(*printed) + " but its parts add up to " +
                           format_number(*added), std::move(cells), *added, *printed);
}

void RuleRunner::check_balance(const std::string& rule, Severity severity, const std::vector<std::string>& left,
                               const std::vector<std::string>& right, const std::string& what) {
  auto left_sum = sum(left);
  auto right_sum = sum(right);
  if (!left_sum || !right_sum) return tally(rule, std::nullopt);
  bool ok = std::fabs(*left_sum - *right_sum) < kTolerance;
  tally(rule, ok);
  if (ok) return;
  std::vector<std::string> cells = left;
  cells.insert(cells.end(), right.begin(), right.end());
  fail(rule, severity, what + ": " + format_number(*left_sum) + " on one side, " + format_number(*right_sum) +
                           " on the other", std::move(cells), *right_sum, *left_sum);
}

void RuleRunner::check_at_most(const std::string& rule, Severity severity, const std::vector<std::string>& smaller,
                               const std::vector<std::string>& larger, const std::string& what) {
  auto small_sum = sum(smaller);
  auto large_sum = sum(larger);
  if (!small_sum || !large_sum) return tally(rule, std::nullopt);
  bool ok = *small_sum <= *large_sum + kTolerance;
  tally(rule, ok);
  if (ok) return;
  std::vector<std::string> cells = smaller;
  cells.insert(cells.end(), larger.begin(), larger.end());
  fail(rule, severity, what + ": " + format_number(*small_sum) + " exceeds " + format_number(*large_sum),
       std::move(cells), *large_sum, *small_sum);
}

}  // namespace nianbao
