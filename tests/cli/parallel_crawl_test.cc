// `nianbao crawl -j 2` on the bundled demo portal stores the same documents, reports and cells as
// `-j 1`: extraction runs on two threads, storing stays on one, in fetch order.
#include <gtest/gtest.h>

#include <fstream>
#include <string>
#include <vector>

#include "demo/portal_server.h"
#include "tests/support/cli_runner.h"
#include "tests/support/demo_crawl.h"
#include "tests/support/gold.h"
#include "tests/support/sql_rows.h"

namespace nianbao {
namespace {

using nianbao::testing::CliWorkspace;
using nianbao::testing::CommandResult;
using nianbao::testing::fixture_path;
using nianbao::testing::demo_sources;
using nianbao::testing::stored_content;

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
