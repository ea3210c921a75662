// `nianbao crawl -j 2` on the bundled demo portal stores the same documents, reports and cells as
// `-j 1`: extraction runs on two threads, storing stays on one, in fetch order.
#include <gtest/gtest.h>

#include <fstream>
#include <string>
#include <vector>

#include "demo/portal_server.h"
#include "tests/support/cli_runner.h"
#include "tests/support/gold.h"
#include "tests/support/sql_rows.h"

namespace nianbao {
namespace {

using nianbao::testing::CliWorkspace;
using nianbao::testing::CommandResult;
using nianbao::testing::fixture_path;
using nianbao::testing::sql_rows;

std::string demo_sources(const std::string& base) {
  return "agency,region_code,level,url\n"
         "平潭综合实验区,350128,county," + base + "/pingtan/zwgk/zfxxgk/index.htm\n"
         "淮安市洪泽区人民政府,320813,county," + base + "/trs/xxgk/index.html\n"
         "演示门户（大汉版式）,000000,demo," + base + "/hanweb/index.html\n";
}

// What the crawl stored, by content (fetch order may differ between runs; ids follow it).
std::vector<std::string> stored_content(const std::string& db) {
  std::vector<std::string> rows;
  for (const char* sql :
       {"SELECT sha256, media_type, charset, extract_status, role, title, published FROM documents ORDER BY sha256",
        "SELECT d.sha256, r.ordinal, r.agency, r.report_year, r.format, r.scope, r.title, r.seed_agency, r.agency_match"
        " FROM reports r JOIN documents d ON d.id = r.document_id ORDER BY d.sha256, r.ordinal",
        "SELECT d.sha256, r.ordinal, c.key, c.value, c.raw FROM cells c JOIN reports r ON r.id = c.report_id"
        " JOIN documents d ON d.id = r.document_id ORDER BY d.sha256, r.ordinal, c.key"}) {
    std::vector<std::string> table = sql_rows(db, sql);
    rows.push_back(std::string(sql) + ": " + std::to_string(table.size()) + " rows");
    rows.insert(rows.end(), table.begin(), table.end());
  }
  return rows;
}

TEST(ParallelCrawl, TwoExtractionThreadsStoreTheSameReportsAsOne) {
  CliWorkspace work;
  demo::PortalServer server(fixture_path("portal/site"));
  server.start("127.0.0.1", 0);
  std::string sources = work.file("sources.csv");
  std::ofstream(sources) << demo_sources(server.base_url());
  std::string one_db = work.file("one.sqlite"), two_db = work.file("two.sqlite");
  CommandResult one = work.run({"crawl", "--db", one_db, "--sources", sources, "--delay", "0", "-j", "1"});
  CommandResult two = work.run({"crawl", "--db", two_db, "--sources", sources, "--delay", "0", "-j", "2"});
  server.stop();
  ASSERT_EQ(one.exit_code, 0) << one.err;
  ASSERT_EQ(two.exit_code, 0) << two.err;
  EXPECT_EQ(two.err, "") << "piped stderr stays clean";
  std::string reports = testing::sql_one(one_db, "SELECT count(*) FROM reports");
  EXPECT_GE(std::stoi(reports), 10) << "the demo portal's reports were stored";
  EXPECT_NE(one.out.find("reports stored " + reports), std::string::npos) << one.out;
  EXPECT_NE(two.out.find("reports stored " + reports), std::string::npos) << two.out;
  EXPECT_GE(std::stoi(testing::sql_one(two_db, "SELECT count(*) FROM documents WHERE extract_status = 'ok'")), 10)
      << "fetched documents went through the extractor";
  EXPECT_TRUE(stored_content(one_db) == stored_content(two_db)) << "-j 1 and -j 2 stored different content";
}

}  // namespace
}  // namespace nianbao
