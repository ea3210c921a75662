// `nianbao crawl --db postgresql://…` on the bundled demo portal stores what the same crawl stores
// in an SQLite file: the same documents, reports and cells, the same `reports` output; and a second
// crawl into the same PostgreSQL database (revalidation) changes nothing.
#include <gtest/gtest.h>

#include <fstream>
#include <string>
#include <vector>

#include "demo/portal_server.h"
#include "tests/support/backend_database.h"
#include "tests/support/cli_runner.h"
#include "tests/support/demo_crawl.h"
#include "tests/support/gold.h"

namespace nianbao {
namespace {

using nianbao::testing::Backend;
using nianbao::testing::BackendDatabase;
using nianbao::testing::backend_rows;
using nianbao::testing::CliWorkspace;
using nianbao::testing::CommandResult;
using nianbao::testing::demo_sources;
using nianbao::testing::stored_content;
using nianbao::testing::fixture_path;

TEST(BackendsCrawlCli, APostgresqlCrawlStoresWhatAnSqliteCrawlStores) {
  NIANBAO_REQUIRE_BACKEND(Backend::postgresql);
  CliWorkspace work;
  demo::PortalServer server(fixture_path("portal/site"));
  server.start("127.0.0.1", 0);
  std::string sources = work.file("sources.csv");
  std::ofstream(sources) << demo_sources(server.base_url());
  BackendDatabase sqlite(Backend::sqlite), postgres(Backend::postgresql);
  CommandResult into_file = work.run({"crawl", "--db", sqlite.target(), "--sources", sources, "--delay", "0"});
  CommandResult into_server = work.run({"crawl", "--db", postgres.target(), "--sources", sources, "--delay", "0"});
  ASSERT_EQ(into_file.exit_code, 0) << into_file.err;
  ASSERT_EQ(into_server.exit_code, 0) << into_server.err;

  std::vector<std::string> from_file = stored_content(sqlite.target(), true);
  EXPECT_GE(std::stoi(testing::backend_one(postgres.target(), "SELECT count(*) FROM reports")), 10)
      << "the demo portal's reports were stored in PostgreSQL";
  EXPECT_TRUE(from_file == stored_content(postgres.target(), true)) << "the two backends stored different content";
  CommandResult file_reports = work.run({"reports", "--db", sqlite.target()});
  CommandResult server_reports = work.run({"reports", "--db", postgres.target()});
  EXPECT_EQ(file_reports.exit_code, 0) << file_reports.err;
  EXPECT_EQ(server_reports.out, file_reports.out);

  CommandResult again = work.run({"crawl", "--db", postgres.target(), "--sources", sources, "--delay", "0"});
  server.stop();
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_TRUE(stored_content(postgres.target(), true) == from_file) << "revalidating changed what was stored";
  EXPECT_EQ(testing::backend_one(postgres.target(), "SELECT count(*) FROM crawl_runs WHERE finished_at IS NOT NULL"),
            "2");
}

}  // namespace
}  // namespace nianbao
