// Rule X3 of spec §10.5: several copies of one report (HTML page, PDF attachment, mirror) must
// state the same numbers. Pure: two records and their source labels in, findings and a tally out.
#pragma once

#include <string>
#include <vector>

#include "extract/model/report.h"

namespace nianbao {

struct CopyAgreement {
  std::vector<Finding> findings;  // one X3 warning per canonical key the copies disagree on
  RuleTally tally;                // per key: agrees (passed), disagrees (failed), not comparable
};

// Compares every canonical key (extra.* excluded) that has a stated number in both reports. A key
// stated in only one copy, or blank in either, is not a disagreement (it counts as not assessable).
// Each finding: cells = [key], expected = the copy's value, actual = the primary's; the message
// names both sources (`primary_source`, `copy_source`: e.g. the documents' URLs or paths).
CopyAgreement check_copy_agreement(const Report& primary, const std::string& primary_source, const Report& copy,
                                   const std::string& copy_source);

}  // namespace nianbao
