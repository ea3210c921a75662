// The cross-year rules of spec §10 (T2-2, T2-5, T3-6): one report checked against the previous
// year's report of the same agency and scope. Pure: two records in, findings and tallies out.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "extract/model/report.h"

namespace nianbao {

// What the cross-year rules found for the later report: the failures (all warnings) and, per rule
// id, how many instances held, failed or could not be assessed.
struct CrossYearChecks {
  std::vector<Finding> findings;
  std::map<std::string, RuleTally> checks;
};

// Checks `current` (year Y) against `previous` (year Y-1). Nothing is checked (empty result) unless
// both years are known, consecutive, and the scopes are equal. Which rules apply follows the formats:
//   T2-2 (both f2021): in_force(Y) = in_force(Y-1) + issued(Y) − repealed(Y), for regulation and
//        normative_doc;
//   T2-5 (both f2019): prev_items(Y) = prev_items(Y-1) + delta_items(Y-1), for license,
//        other_service, penalty, coercion and fee;
//   T3-6 (both f2019 or f2021): carried_over(Y)[c] = carry_forward(Y-1)[c] for each applicant
//        column c (total included).
// A cell counts with its stated value, or its `derived` value when nothing is stated (the message
// says so). An instance with a cell absent or blank on either side is not assessable.
// Finding.cells are the keys as stored (Y's first, then Y-1's, each once); the message names both
// years and the values; expected is what Y-1 implies, actual what Y states.
CrossYearChecks check_cross_year(const Report& previous, const Report& current);

}  // namespace nianbao
