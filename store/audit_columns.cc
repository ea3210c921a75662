// The SQL and judgement of a body's crawled columns (audit_columns.h): seeds matched to bodies by
// name key or by the seed of their reports, the fetches of each seed, and the missing/unchecked verdict.
#include "store/audit_columns.h"

#include <algorithm>
#include <set>

#include "store/statement.h"

namespace nianbao::store {
namespace {

struct SeedRow {
  std::string url, agency, region_code;
};

std::vector<SeedRow> read_seeds(Session& db) {
  Statement query(db, "SELECT url, COALESCE(agency, ''), COALESCE(region_code, '') FROM crawl_seeds ORDER BY id",
                  "reading crawl_seeds for the audit");
  std::vector<SeedRow> seeds;
  while (query.step()) seeds.push_back({query.column_text(0), query.column_text(1), query.column_text(2)});
  return seeds;
}

// reports.seed_agency per body: the seeds whose agency its reports were crawled under.
std::map<int64_t, std::set<std::string>> read_report_seed_agencies(Session& db) {
  Statement query(db,
                  "SELECT DISTINCT agency_id, seed_agency FROM reports WHERE agency_id IS NOT NULL AND seed_agency <> ''",
                  "reading reports.seed_agency for the audit");
  std::map<int64_t, std::set<std::string>> by_body;
  while (query.step()) by_body[query.column_int64(0)].insert(query.column_text(1));
  return by_body;
}

std::map<std::string, CrawlColumn> read_columns(Session& db) {
  std::map<std::string, CrawlColumn> columns;
  Statement urls(db,
                 "SELECT s.url, COALESCE(u.state, ''), COALESCE(u.error, ''), COALESCE(u.content_sha256, ''), "
                 "COALESCE(d.media_type, '') FROM crawl_seeds s "
                 "LEFT JOIN (SELECT url, state, error, content_sha256 FROM crawl_urls "
                 "           WHERE method = 'GET' AND url IN (SELECT url FROM crawl_seeds)) u ON u.url = s.url "
                 "LEFT JOIN documents d ON d.sha256 = u.content_sha256",
                 "reading the crawl state of the seeds (crawl_urls) for the audit");
  while (urls.step()) {
    CrawlColumn& column = columns[urls.column_text(0)];
    column.url = urls.column_text(0);
    column.state = urls.column_text(1);
    column.error = urls.column_text(2);
    column.content_sha256 = urls.column_text(3);
    column.media_type = urls.column_text(4);
  }
  Statement fetches(db,
                    "WITH seed_urls AS (SELECT id, url AS seed_url FROM crawl_urls "
                    "                   WHERE method = 'GET' AND url IN (SELECT url FROM crawl_seeds)), "
                    "column_urls AS (SELECT id, seed_url FROM seed_urls UNION "
                    "                SELECT c.id, s.seed_url FROM crawl_urls c JOIN seed_urls s ON c.parent_id = s.id "
                    "                WHERE c.redirects > 0) "
                    "SELECT cu.seed_url, f.url, f.fetched_at, f.outcome, COALESCE(f.status, 0), COALESCE(f.error, '') "
                    "FROM column_urls cu JOIN crawl_fetches f ON f.url_id = cu.id "
                    "ORDER BY cu.seed_url, f.fetched_at, f.id",
                    "reading the fetches of the seeds (crawl_fetches) for the audit");
  while (fetches.step()) {
    columns[fetches.column_text(0)].fetches.push_back(
        {fetches.column_text(1), fetches.column_text(2), fetches.column_text(3), fetches.column_text(5),
         fetches.column_int64(4)});
  }
  return columns;
}

std::string day_of(const std::string& fetched_at) { return fetched_at.substr(0, 10); }

std::string describe_fetch(const ColumnFetch& fetch) {
  std::string text = fetch.outcome;
  if (fetch.status > 0) text += " (HTTP " + std::to_string(fetch.status) + ")";
  if (!fetch.error.empty()) text += ": " + fetch.error;
  return text;
}

const ColumnFetch* last_successful(const CrawlColumn& column) {
  for (auto fetch = column.fetches.rbegin(); fetch != column.fetches.rend(); ++fetch) {
    if (is_successful_fetch(*fetch)) return &*fetch;
  }
  return nullptr;
}

// Why one column does not prove anything for the year.
std::string unchecked_reason(const CrawlColumn& column, const std::string& deadline) {
  std::string reason = "column " + column.url + ": ";
  if (column.fetches.empty()) {
    if (column.state == "robots_denied") return reason + "not fetched, " + column.error;
    if (!column.error.empty()) return reason + "never fetched successfully (" + column.state + ": " + column.error + ")";
    return reason + "never fetched" + (column.state.empty() ? "" : " (state " + column.state + ")");
  }
  const ColumnFetch& last = column.fetches.back();
  const ColumnFetch* success = last_successful(column);
  if (success == &last) return reason + "last crawled on " + day_of(last.fetched_at) + ", before the deadline " + deadline;
  reason += "last fetch on " + day_of(last.fetched_at) + " failed: " + describe_fetch(last);
  if (success) reason += "; last crawled successfully on " + day_of(success->fetched_at) + ", before the deadline " + deadline;
  return reason;
}

}  // namespace

bool is_successful_fetch(const ColumnFetch& fetch) {
  return fetch.outcome == "ok" || fetch.outcome == "not_modified" || fetch.status == 200 || fetch.status == 304;
}

std::map<int64_t, std::vector<CrawlColumn>> load_body_columns(Session& db, const AgencyKeyIndex& agency_keys) {
  std::map<std::string, CrawlColumn> columns = read_columns(db);
  std::map<std::string, std::set<std::string>> seeds_by_agency;  // crawl_seeds.agency → seed URLs
  std::map<int64_t, std::set<std::string>> urls_by_body;
  for (const SeedRow& seed : read_seeds(db)) {
    seeds_by_agency[seed.agency].insert(seed.url);
    for (int64_t body : bodies_named(agency_keys, seed.agency, seed.region_code)) urls_by_body[body].insert(seed.url);
  }
  for (const auto& [body, seed_agencies] : read_report_seed_agencies(db)) {
    for (const std::string& agency : seed_agencies) {
      auto seeds = seeds_by_agency.find(agency);
      if (seeds != seeds_by_agency.end()) urls_by_body[body].insert(seeds->second.begin(), seeds->second.end());
    }
  }
  std::map<int64_t, std::vector<CrawlColumn>> by_body;
  for (const auto& [body, urls] : urls_by_body) {
    for (const std::string& url : urls) by_body[body].push_back(columns[url]);
  }
  return by_body;
}

ColumnVerdict judge_columns(const std::vector<CrawlColumn>& columns, const std::string& deadline, int report_year) {
  ColumnVerdict verdict;
  if (columns.empty()) {
    verdict.evidence = "no crawl seed names this body: its column was never crawled";
    return verdict;
  }
  for (const CrawlColumn& column : columns) {
    const ColumnFetch* success = last_successful(column);
    if (!success || day_of(success->fetched_at) <= deadline) continue;
    verdict.crawled_after_deadline = true;
    verdict.column = &column;
    verdict.evidence = "no report for " + std::to_string(report_year) + " found; column " + column.url +
                       " crawled successfully on " + day_of(success->fetched_at) + " (" + describe_fetch(*success) +
                       "), after the deadline " + deadline;
    return verdict;
  }
  std::string reasons;
  for (const CrawlColumn& column : columns) reasons += (reasons.empty() ? "" : "; ") + unchecked_reason(column, deadline);
  verdict.column = &columns.front();
  verdict.evidence = "no report for " + std::to_string(report_year) + " found, but the column could not be checked: " + reasons;
  return verdict;
}

}  // namespace nianbao::store
