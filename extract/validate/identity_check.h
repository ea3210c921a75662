// The shared mechanics of the consistency rules: look up stated values, evaluate "total = sum of
// parts" or "left ≤ right" identities, tally pass / fail / not assessable, and write findings.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "extract/model/report.h"

namespace nianbao {

class RuleRunner {
 public:
  explicit RuleRunner(Report& report) : report_(report) {}

  // The stated value of `key`; nullopt when the cell is absent or blank (then the rule that needs it
  // is not assessable).
  std::optional<double> stated(const std::string& key) const;

  // total = Σ parts. Failure: finding with cells [total, parts…], expected Σ parts, actual total.
  void check_sum(const std::string& rule, Severity severity, const std::string& total,
                 const std::vector<std::string>& parts, const std::string& what);

  // Σ left = Σ right (T3-1). Failure: expected Σ right, actual Σ left.
  void check_balance(const std::string& rule, Severity severity, const std::vector<std::string>& left,
                     const std::vector<std::string>& right, const std::string& what);

  // Σ smaller ≤ Σ larger.
  void check_at_most(const std::string& rule, Severity severity, const std::vector<std::string>& smaller,
                     const std::vector<std::string>& larger, const std::string& what);

  // A condition on one cell (V1, V3): `holds` is evaluated only when the cell has a stated value.
  template <typename Predicate>
  void check_cell(const std::string& rule, Severity severity, const std::string& key, Predicate holds,
                  const std::string& what) {
    auto value = stated(key);
    if (!value) return tally(rule, std::nullopt);
    bool ok = holds(*value);
    tally(rule, ok);
    if (!ok) fail(rule, severity, what + ": " + key + " = " + format_number(*value), {key}, std::nullopt, *value);
  }

  void tally(const std::string& rule, std::optional<bool> passed);
  void fail(const std::string& rule, Severity severity, const std::string& message, std::vector<std::string> cells,
            std::optional<double> expected, std::optional<double> actual);

  static std::string format_number(double value);

 private:
  std::string uncertain_cells(const std::vector<std::string>& keys) const;
  std::optional<double> sum(const std::vector<std::string>& keys) const;
  Report& report_;
};

}  // namespace nianbao
