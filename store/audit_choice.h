// Which of a body's stored reports for a year the audit judges: one per scope, copies (an HTML page
// and its PDF, a mirror) counted once, and of a page edited after publication its earliest version.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "store/audit_edits.h"
#include "store/audit_reports.h"

namespace nianbao::store {

struct ChosenReports {
  std::vector<const AuditReport*> judged;  // one per scope, the main one first (see choose_reports)
  // A later version of an edited page → the earliest version's report it replaces in the judgement.
  std::map<const AuditReport*, const AuditReport*> later_versions;
  std::vector<std::string> edited_urls;  // URLs with two or more versions serving one of the reports
};

// `reports`: all the body's reports of one year. A report is a later version when an edited URL
// served it after serving the body of another of `reports`; later versions are never judged (nor
// flagged), their earliest version is, even when copy_of made it the copy. Of the rest, per scope:
// an earliest version, else the primary (copy_of IS NULL), else the oldest; a report of unknown
// scope is dropped beside one of a known scope. The main report —
// the one timeliness is judged on — is the region_aggregate one for a government, else own_organ.
ChosenReports choose_reports(const std::vector<const AuditReport*>& reports, const FetchHistory& history,
                             bool government);

}  // namespace nianbao::store
