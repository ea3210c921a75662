// Test support for the tests that crawl the bundled demo portal: its sources file, and what a
// crawl stored, by content (ids follow fetch order, so they are left out), on either backend.
#pragma once

#include <string>
#include <vector>

#include "tests/support/backend_database.h"

namespace nianbao::testing {

// The sources CSV of the demo portal served at `base` (three portals of different CMSs).
inline std::string demo_sources(const std::string& base) {
  return "agency,region_code,level,url\n"
         "平潭综合实验区,350128,county," + base + "/pingtan/zwgk/zfxxgk/index.htm\n"
         "淮安市洪泽区人民政府,320813,county," + base + "/trs/xxgk/index.html\n"
         "演示门户（大汉版式）,000000,demo," + base + "/hanweb/index.html\n";
}

// Documents, reports and cells by content; with `with_crawl_state`, also the frontier's URLs,
// the seeds and the agencies.
inline std::vector<std::string> stored_content(const std::string& target, bool with_crawl_state = false) {
  std::vector<std::string> queries = {
      "SELECT sha256, media_type, charset, extract_status, role, title, published FROM documents ORDER BY sha256",
      "SELECT d.sha256, r.ordinal, r.agency, r.report_year, r.format, r.scope, r.title, r.seed_agency, r.agency_match"
      " FROM reports r JOIN documents d ON d.id = r.document_id ORDER BY d.sha256, r.ordinal",
      "SELECT d.sha256, r.ordinal, c.key, c.value, c.raw FROM cells c JOIN reports r ON r.id = c.report_id"
      " JOIN documents d ON d.id = r.document_id ORDER BY d.sha256, r.ordinal, c.key"};
  if (with_crawl_state) {
    queries.push_back("SELECT url, kind, state, tries FROM crawl_urls ORDER BY url");
    queries.push_back("SELECT url, agency, region_code, level FROM crawl_seeds ORDER BY url");
    queries.push_back("SELECT name, region_code, level FROM agencies ORDER BY name");
  }
  std::vector<std::string> rows;
  for (const std::string& sql : queries) {
    std::vector<std::string> table = backend_rows(target, sql);
    rows.push_back(sql + ": " + std::to_string(table.size()) + " rows");
    rows.insert(rows.end(), table.begin(), table.end());
  }
  return rows;
}

}  // namespace nianbao::testing
