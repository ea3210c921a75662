// The choice of the reports the audit judges among copies and versions (audit_choice.h): later
// versions of an edited URL give way to the earliest, then one report per scope, the main first.
#include "store/audit_choice.h"

#include <algorithm>
#include <set>

namespace nianbao::store {
namespace {

// The position of `sha256` among the versions of `url`, or -1.
int version_index(const FetchHistory& history, const std::string& url, const std::string& sha256) {
  const std::vector<UrlVersion>& versions = history.versions_by_url.at(url);
  for (size_t i = 0; i < versions.size(); ++i) {
    if (versions[i].sha256 == sha256) return static_cast<int>(i);
  }
  return -1;
}

// The report among `reports` that an earlier version of an edited URL serving `report` produced.
const AuditReport* earlier_version(const AuditReport& report, const std::vector<const AuditReport*>& reports,
                                   const FetchHistory& history, std::set<std::string>& edited_urls) {
  const AuditReport* earliest = nullptr;
  int earliest_index = -1;
  for (const std::string& url : edited_urls_serving(history, report.sha256)) {
    edited_urls.insert(url);
    int own_index = version_index(history, url, report.sha256);
    for (const AuditReport* other : reports) {
      if (other->sha256 == report.sha256) continue;
      int index = version_index(history, url, other->sha256);
      if (index < 0 || index >= own_index) continue;
      if (!earliest || index < earliest_index) {
        earliest = other;
        earliest_index = index;
      }
    }
  }
  return earliest;
}

int scope_rank(const std::string& scope, bool government) {
  if (scope == (government ? "region_aggregate" : "own_organ")) return 0;
  if (scope == (government ? "own_organ" : "region_aggregate")) return 1;
  return 2;
}

}  // namespace

ChosenReports choose_reports(const std::vector<const AuditReport*>& reports, const FetchHistory& history,
                             bool government) {
  ChosenReports chosen;
  std::set<std::string> edited_urls;
  std::set<const AuditReport*> earliest_versions;
  for (const AuditReport* report : reports) {
    if (const AuditReport* earlier = earlier_version(*report, reports, history, edited_urls)) {
      chosen.later_versions[report] = earlier;
      earliest_versions.insert(earlier);
    }
  }
  // Per scope, the best candidate: an earliest version, then a primary, then the oldest.
  std::map<std::string, const AuditReport*> by_scope;
  auto rank = [&](const AuditReport* report) {
    return std::make_pair(earliest_versions.count(report) ? 0 : report->copy_of ? 2 : 1, report->id);
  };
  for (const AuditReport* report : reports) {
    if (chosen.later_versions.count(report)) continue;
    const AuditReport*& best = by_scope[report->scope];
    if (!best || rank(report) < rank(best)) best = report;
  }
  // A report of unknown scope beside one of a known scope is the same body's report read less well.
  if (by_scope.size() > 1) by_scope.erase("unknown");
  for (const auto& [scope, report] : by_scope) chosen.judged.push_back(report);
  std::stable_sort(chosen.judged.begin(), chosen.judged.end(), [government](const AuditReport* a, const AuditReport* b) {
    return scope_rank(a->scope, government) < scope_rank(b->scope, government);
  });
  chosen.edited_urls.assign(edited_urls.begin(), edited_urls.end());
  return chosen;
}

}  // namespace nianbao::store
