// Kill -9 mid-crawl, then run again: the real `nianbao crawl` binary against the demo portal. The
// final document set equals the portal's expected documents, each URL is fetched (200) at most
// once across both runs, and the store holds each report once.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <set>
#include <thread>

#include "demo/portal_server.h"
#include "store/database.h"
#include "tests/crawler/test_support.h"

namespace nianbao::crawler {
namespace {

pid_t start_crawl(const std::string& db, const std::string& sources, const std::string& log) {
  pid_t child = fork();
  if (child == 0) {
    std::freopen("/dev/null", "w", stdout);
    execl(NIANBAO_BINARY, NIANBAO_BINARY, "crawl", "--db", db.c_str(), "--sources", sources.c_str(), "--delay", "0.05",
          "--log", log.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  return child;
}

int wait_for(pid_t child) {
  int status = 0;
  waitpid(child, &status, 0);
  return status;
}

int64_t completed_fetches(const std::string& db) {
  try {
    return std::stoll(testing::query_one(db, "SELECT COUNT(*) FROM crawl_fetches"));
  } catch (const std::exception&) {
    return 0;  // tables not created yet
  }
}

TEST(KillResume, KillNineMidCrawlThenRerunGivesTheSameDocumentsWithoutDuplicates) {
  testing::TempDir dir;
  demo::PortalServer server(testing::fixture_path("portal/site"));
  server.start("127.0.0.1", 0);
  std::string sources = dir.file("sources.csv"), db = dir.file("k.sqlite"), log = dir.file("crawl.log");
  std::ofstream(sources) << "agency,region_code,level,url\n"
                         << "平潭综合实验区,350128,county," << server.base_url() << "/pingtan/zwgk/zfxxgk/index.htm\n"
                         << "洪泽区,320813,county," << server.base_url() << "/trs/xxgk/index.html\n"
                         << "演示,000000,demo," << server.base_url() << "/hanweb/index.html\n";

  pid_t first = start_crawl(db, sources, log);
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (completed_fetches(db) < 20 && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  kill(first, SIGKILL);
  int killed = wait_for(first);
  ASSERT_TRUE(WIFSIGNALED(killed)) << "the first crawl must still have been running when killed";
  int64_t fetched_before = completed_fetches(db);
  ASSERT_GE(fetched_before, 20);

  int second = wait_for(start_crawl(db, sources, log));
  ASSERT_TRUE(WIFEXITED(second));
  ASSERT_EQ(WEXITSTATUS(second), 0);

  std::ifstream expected_file(testing::fixture_path("portal/expected_documents.tsv"));
  std::set<std::string> expected;
  std::string line;
  std::getline(expected_file, line);
  while (std::getline(expected_file, line)) expected.insert(server.base_url() + line.substr(0, line.find('\t')));
  std::set<std::string> delivered;
  for (const auto& row : testing::query(db, "SELECT url FROM crawl_urls WHERE delivery='done'")) delivered.insert(row[0]);
  EXPECT_EQ(delivered, expected);
  EXPECT_EQ(testing::query_one(db, "SELECT COUNT(*) FROM (SELECT url FROM crawl_fetches WHERE status=200 GROUP BY url HAVING COUNT(*) > 1)"), "0")
      << "no URL was fetched twice";
  EXPECT_EQ(testing::query_one(db, "SELECT COUNT(*) FROM crawl_runs WHERE finished_at IS NOT NULL"), "1")
      << "the second invocation resumed the interrupted run";

  store::Database store(db);
  std::set<std::pair<std::string, std::string>> seen;
  for (const store::ReportSummary& report : store.reports())
    EXPECT_TRUE(seen.insert({report.source, report.sha256}).second) << "report stored twice from " << report.source;
  EXPECT_FALSE(seen.empty());
}

}  // namespace
}  // namespace nianbao::crawler
