// Dates for the audit: the legal deadline of a report (spec §2.1), a publication date read from a
// URL, and the choice among a report's dated sources in order of trust.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace nianbao::store {

// The deadline rule (条例 art. 49, spec §2.1): a department (县级以上人民政府部门) publishes its
// report for year Y by Y+1-01-31; a government's report (the body is a 人民政府, or the report
// covers its whole region, scope region_aggregate) is due by Y+1-03-31. Reports for 2018 and
// earlier fell under the 2007 条例, which gave every organ until 3月31日 (spec §1): Y+1-03-31 for
// all. Returns YYYY-MM-DD.
std::string audit_deadline(int report_year, bool government_report);

// True when the body is a people's government itself (its name ends with 人民政府 or 政府, e.g.
// 淮安市洪泽区人民政府), not one of its departments or offices (上海市人民政府办公厅).
bool is_government_name(std::string_view agency_name);

// A publication date written in a URL, as portals do: `t20220128_…`, `/art/2022/1/28/`,
// `/20220128/`, `2022-01-28`, or a month only, `/202201/` (then the month's first day: the
// earliest the page can be, so a lateness is never overstated). nullopt when none.
std::optional<std::string> date_in_url(std::string_view url);

// Days from `from` to `to` (both YYYY-MM-DD); positive when `to` is later.
long days_between(const std::string& from, const std::string& to);

// True for a well-formed calendar date YYYY-MM-DD.
bool is_calendar_date(std::string_view text);

// One dated source of a report, in order of trust (see choose_publication_date).
struct DatedSource {
  std::string source;  // meta | printed | page | landing meta | landing printed | landing page | url | first_seen
  std::string date;    // YYYY-MM-DD
  std::string where;   // what carried it (a URL, a document), for the evidence
};

// The first usable source of `candidates` (already in order of trust); nullopt when none is.
std::optional<DatedSource> choose_publication_date(const std::vector<DatedSource>& candidates);

}  // namespace nianbao::store
