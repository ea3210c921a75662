// X3: the copies of one report agree cell by cell. Only stated numbers are compared; what the
// program derived is not something a document says, so it cannot contradict another copy.
#include "extract/validate/copy_agreement.h"

#include <cmath>
#include <optional>
#include <set>

#include "extract/validate/identity_check.h"

namespace nianbao {
namespace {

constexpr double kTolerance = 1e-6;

std::optional<Number> stated(const Report& report, const std::string& key) {
  auto found = report.cells.find(key);
  if (found == report.cells.end()) return std::nullopt;
  return found->second.value;
}

bool canonical(const std::string& key) { return key.rfind("extra.", 0) != 0; }

std::set<std::string> canonical_keys(const Report& primary, const Report& copy) {
  std::set<std::string> keys;
  for (const auto& [key, cell] : primary.cells) {
    if (canonical(key)) keys.insert(key);
  }
  for (const auto& [key, cell] : copy.cells) {
    if (canonical(key)) keys.insert(key);
  }
  return keys;
}

}  // namespace

CopyAgreement check_copy_agreement(const Report& primary, const std::string& primary_source, const Report& copy,
                                   const std::string& copy_source) {
  CopyAgreement agreement;
  for (const std::string& key : canonical_keys(primary, copy)) {
    auto primary_value = stated(primary, key);
    auto copy_value = stated(copy, key);
    if (!primary_value || !copy_value) {
      ++agreement.tally.not_assessable;
      continue;
    }
    if (std::fabs(primary_value->value - copy_value->value) < kTolerance) {
      ++agreement.tally.passed;
      continue;
    }
    ++agreement.tally.failed;
    std::string message = "copies disagree on " + key + ": " + RuleRunner::format_number(primary_value->value) +
                          " in " + primary_source + ", " + RuleRunner::format_number(copy_value->value) + " in " +
                          copy_source;
    agreement.findings.push_back(Finding{"X3", Severity::warning, message, {key}, *copy_value, *primary_value});
  }
  return agreement;
}

}  // namespace nianbao
