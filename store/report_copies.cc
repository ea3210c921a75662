// Copies of one report: per agency, year and scope the primary is the HTML copy, then the one with
// the most stated cells, then the oldest; the others point at it and their disagreements are X3.
#include "store/report_copies.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "extract/validate/copy_agreement.h"
#include "store/report_reader.h"
#include "store/report_writer.h"
#include "store/statement.h"

namespace nianbao::store {
namespace {

// One report of the agency that may have copies, with what decides which copy is primary.
struct StoredCopy {
  int64_t report_id = 0;
  std::optional<int> year;
  std::string scope;
  bool html = false;
  int stated_cells = 0;
  std::string source;  // the document's origin
};

bool is_html(std::string media_type) {
  std::transform(media_type.begin(), media_type.end(), media_type.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return media_type.rfind("text/html", 0) == 0 || media_type.rfind("application/xhtml+xml", 0) == 0;
}

std::string agency_action(const std::string& what, int64_t agency_id) {
  return what + " of agency " + std::to_string(agency_id);
}

std::vector<StoredCopy> read_candidates(Session& db, int64_t agency_id) {
  Statement row(db,
                "SELECT r.id, r.report_year, r.scope, d.media_type, d.origin, "
                "(SELECT count(*) FROM cells c WHERE c.report_id = r.id AND c.value IS NOT NULL) "
                "FROM reports r JOIN documents d ON d.id = r.document_id "
                "WHERE r.agency_id = ?1 AND r.format IN ('pre2019', 'f2019', 'f2021') ORDER BY r.id",
                agency_action("reading the reports (for copies)", agency_id));
  row.bind(1, agency_id);
  std::vector<StoredCopy> candidates;
  while (row.step()) {
    StoredCopy copy;
    copy.report_id = row.column_int64(0);
    if (!row.is_null(1)) copy.year = row.column_int(1);
    copy.scope = row.column_text(2);
    copy.html = is_html(row.column_text(3));
    copy.source = row.column_text(4);
    copy.stated_cells = row.column_int(5);
    candidates.push_back(std::move(copy));
  }
  return candidates;
}

// Groups of copies (same year and scope), each ordered primary first. A report without a year
// cannot be told to be a copy of anything: it stays alone.
std::vector<std::vector<StoredCopy>> group_copies(std::vector<StoredCopy> candidates) {
  std::map<std::pair<int, std::string>, std::vector<StoredCopy>> by_year_scope;
  std::vector<std::vector<StoredCopy>> groups;
  for (StoredCopy& copy : candidates) {
    if (!copy.year) {
      groups.push_back({std::move(copy)});
      continue;
    }
    by_year_scope[{*copy.year, copy.scope}].push_back(std::move(copy));
  }
  for (auto& [year_scope, group] : by_year_scope) groups.push_back(std::move(group));
  for (auto& group : groups) {
    std::sort(group.begin(), group.end(), [](const StoredCopy& a, const StoredCopy& b) {
      if (a.html != b.html) return a.html;
      if (a.stated_cells != b.stated_cells) return a.stated_cells > b.stated_cells;
      return a.report_id < b.report_id;
    });
  }
  return groups;
}

void clear_previous(Session& db, int64_t agency_id) {
  Statement unlink(db, "UPDATE reports SET copy_of = NULL WHERE agency_id = ?1",
                   agency_action("clearing reports.copy_of", agency_id));
  unlink.bind(1, agency_id).run();
  Statement findings(db,
                     "DELETE FROM findings WHERE origin = 'cross_report' AND rule = 'X3' "
                     "AND report_id IN (SELECT id FROM reports WHERE agency_id = ?1)",
                     agency_action("deleting the X3 findings", agency_id));
  findings.bind(1, agency_id).run();
  Statement checks(
      db, "DELETE FROM checks WHERE rule = 'X3' AND report_id IN (SELECT id FROM reports WHERE agency_id = ?1)",
      agency_action("deleting the X3 tallies", agency_id));
  checks.bind(1, agency_id).run();
}

std::string label(const StoredCopy& copy) { return copy.source + " (report " + std::to_string(copy.report_id) + ")"; }

// Points the copies at the primary and records on the primary where each copy disagrees with it.
void link_group(Session& db, const std::vector<StoredCopy>& group) {
  const StoredCopy& primary = group.front();
  Statement link(db, "UPDATE reports SET copy_of = ?1 WHERE id = ?2",
                 "linking the copies of report " + std::to_string(primary.report_id));
  Report primary_report = read_report(db, primary.report_id);
  std::vector<Finding> findings;
  RuleTally total;
  for (size_t index = 1; index < group.size(); ++index) {
    const StoredCopy& copy = group[index];
    link.bind(1, primary.report_id).bind(2, copy.report_id).run();
    CopyAgreement agreement =
        check_copy_agreement(primary_report, label(primary), read_report(db, copy.report_id), label(copy));
    findings.insert(findings.end(), agreement.findings.begin(), agreement.findings.end());
    total.passed += agreement.tally.passed;
    total.failed += agreement.tally.failed;
    total.not_assessable += agreement.tally.not_assessable;
  }
  append_findings(db, primary.report_id, findings, "cross_report");
  write_checks(db, primary.report_id, {{"X3", total}});
}

}  // namespace

void refresh_report_copies(Session& db, int64_t agency_id) {
  clear_previous(db, agency_id);
  for (const std::vector<StoredCopy>& group : group_copies(read_candidates(db, agency_id))) {
    if (group.size() > 1) link_group(db, group);
  }
}

}  // namespace nianbao::store
