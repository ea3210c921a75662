// The crawl state of a body's portal column for the audit: which crawl seeds name the body, what
// their fetches returned and when, and whether that proves a report missing or leaves it unchecked.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "store/audit_registry.h"

#include "store/session.h"

namespace nianbao::store {

// One fetch of a column URL (the seed itself, or the page its first redirect led to).
struct ColumnFetch {
  std::string url, fetched_at, outcome, error;  // fetched_at as stored: YYYY-MM-DDTHH:MM:SS.sssZ
  int64_t status = 0;
};

// A crawl seed (the body's 年报 column) with its fetches, oldest first, and the frontier's word on it.
struct CrawlColumn {
  std::string url;
  std::vector<ColumnFetch> fetches;
  std::string state, error;             // crawl_urls.state and .error of the seed URL ("" when never queued)
  std::string content_sha256, media_type;  // the stored copy of the column page, when one is stored
};

// Columns by body: a seed belongs to the agencies its crawl_seeds.agency names (by name or alias
// key, narrowed by the seed's region code), and to the body of any report that carries the seed's
// agency as reports.seed_agency.
std::map<int64_t, std::vector<CrawlColumn>> load_body_columns(Session& db, const AgencyKeyIndex& agency_keys);

// A fetch that read the column: outcome ok or not_modified, or HTTP 200/304.
bool is_successful_fetch(const ColumnFetch& fetch);

// What the columns say about a body with no report for the year.
struct ColumnVerdict {
  bool crawled_after_deadline = false;  // true: the report is missing; false: not checked
  std::string evidence;                 // why, with URLs, dates and outcomes
  const CrawlColumn* column = nullptr;  // the column the evidence is about (nullptr: no seed)
};

// Missing when some column had a successful fetch on a day after `deadline` (YYYY-MM-DD); else
// not checked, saying why: no seed, never fetched, robots.txt, the last failure (challenge, HTTP
// error, connection error), or a last successful crawl before the deadline.
ColumnVerdict judge_columns(const std::vector<CrawlColumn>& columns, const std::string& deadline, int report_year);

}  // namespace nianbao::store
