// The SQL of the fetch history (audit_edits.h): versions of each URL in the order first fetched,
// the URLs and first fetch of every stored body, and the date of the page that linked to it.
#include "store/audit_edits.h"

#include <algorithm>

#include "store/statement.h"

namespace nianbao::store {

FetchHistory load_fetch_history(Session& db) {
  // A landing page's date counts when the parent is a stored, extracted page (a landing page, or
  // in databases made before document roles, a report-like page); list pages are raw and undated.
  Statement query(db,
                  "SELECT f.url, f.sha256, min(f.fetched_at), max(f.fetched_at), "
                  "       max(COALESCE(p.url, '')), max(COALESCE(pd.published, '')), max(COALESCE(pd.published_source, '')) "
                  "FROM crawl_fetches f JOIN crawl_urls u ON u.id = f.url_id "
                  "LEFT JOIN crawl_urls p ON p.id = u.parent_id "
                  "LEFT JOIN documents pd ON pd.sha256 = p.content_sha256 AND pd.published IS NOT NULL "
                  "     AND pd.role IN ('landing', 'report', 'unknown') "
                  "WHERE f.sha256 IS NOT NULL "
                  "GROUP BY f.url, f.sha256 ORDER BY f.url, min(f.fetched_at)",
                  "reading the fetch history (crawl_fetches, crawl_urls) for the audit");
  FetchHistory history;
  while (query.step()) {
    std::string url = query.column_text(0), sha256 = query.column_text(1);
    std::string first = query.column_text(2), last = query.column_text(3);
    history.versions_by_url[url].push_back({sha256, first, last});
    history.urls_by_sha256[sha256].push_back(url);
    std::string& earliest = history.first_fetched_by_sha256[sha256];
    if (earliest.empty() || first < earliest) earliest = first;
    std::string landing_published = query.column_text(5);
    if (!landing_published.empty() && !history.landing_by_sha256.count(sha256)) {
      history.landing_by_sha256[sha256] = {query.column_text(4), landing_published, query.column_text(6)};
    }
  }
  return history;
}

std::vector<std::string> edited_urls_serving(const FetchHistory& history, const std::string& sha256) {
  std::vector<std::string> edited;
  auto urls = history.urls_by_sha256.find(sha256);
  if (urls == history.urls_by_sha256.end()) return edited;
  for (const std::string& url : urls->second) {
    if (history.versions_by_url.at(url).size() > 1) edited.push_back(url);
  }
  return edited;
}

}  // namespace nianbao::store
