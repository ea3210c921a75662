// Issue 11's distributed crawl: three `nianbao crawl` worker processes share one frontier (PostgreSQL,
// and an SQLite file) over the 20-host loopback site. Every URL is fetched once, no host ever sees two requests
// closer than the delay (from the site's own request log, across all workers), and the reports
// stored are those of a single-worker SQLite crawl; with one worker killed by SIGKILL mid-crawl,
// the others take its URLs over once its leases expire and finish the crawl.
#include <gtest/gtest.h>
#include <algorithm>
#include <chrono>
#include <fstream>
#include <map>
#include <thread>

#include "demo/multi_host_site.h"
#include "tests/support/backend_database.h"
#include "tests/support/child_process.h"
#include "tests/support/cli_runner.h"
#include "tests/support/demo_crawl.h"

namespace nianbao {
namespace {

using testing::Backend;
using testing::BackendDatabase;
using testing::CliWorkspace;

constexpr int kHosts = 20, kReports = 6;
constexpr double kDelay = 0.3;
const std::string kDelayText = "0.3";

std::string sources_of(const demo::MultiHostSite& site, const std::string& path) {
  std::ofstream(path) << site.sources_csv("测试单位", "000000", "demo");
  return path;
}

// One `nianbao crawl --worker NAME` process running in the background, logging to NAME.log.
class WorkerProcess : public testing::ChildProcess {
 public:
  WorkerProcess(const CliWorkspace& work, const std::string& name, const std::vector<std::string>& args)
      : ChildProcess(worker_argv(work, name, args), work.file(name + ".out"), work.file(name + ".err")),
        log_(work.file(name + ".log")) {}
  std::string log() const { return slurp(log_); }
  // Requests this worker has launched so far ("GET http…" lines of its log).
  int requests_launched() const {
    std::string text = log();
    int count = 0;
    for (size_t at = text.find(" GET http"); at != std::string::npos; at = text.find(" GET http", at + 1)) ++count;
    return count;
  }

 private:
  static std::vector<std::string> worker_argv(const CliWorkspace& work, const std::string& name,
                                              const std::vector<std::string>& args) {
    std::vector<std::string> argv = {NIANBAO_BINARY, "crawl", "--worker", name, "--log", work.file(name + ".log")};
    argv.insert(argv.end(), args.begin(), args.end());
    return argv;
  }
  std::string log_;
};

// The reports (and documents, cells) a single-worker crawl of a fresh site stores in an SQLite file.
std::vector<std::string> single_worker_sqlite_reports(const CliWorkspace& work) {
  demo::MultiHostSite site(kHosts, kReports, 22);
  site.start();
  std::string db = work.file("single.sqlite");
  testing::CommandResult crawl =
      work.run({"crawl", "--db", db, "--sources", sources_of(site, work.file("single.csv")), "--delay", kDelayText});
  EXPECT_EQ(crawl.exit_code, 0) << crawl.err;
  return testing::stored_content(db);
}

// Each host's requests in order of arrival: never two closer than the delay, never two at once.
void expect_politeness(const std::vector<std::vector<demo::RequestSpan>>& logs) {
  for (size_t host = 0; host < logs.size(); ++host) {
    std::vector<demo::RequestSpan> spans = logs[host];
    std::sort(spans.begin(), spans.end(), [](const auto& a, const auto& b) { return a.started_at < b.started_at; });
    for (size_t i = 1; i < spans.size(); ++i) {
      EXPECT_GE(spans[i].started_at - spans[i - 1].started_at, kDelay)
          << "host " << host << ": " << spans[i - 1].path << " then " << spans[i].path << " closer than the delay";
      EXPECT_GE(spans[i].started_at, spans[i - 1].ended_at) << "host " << host << ": two requests at once";
    }
  }
}

// path -> times requested, per host.
std::vector<std::map<std::string, int>> requests_per_path(const std::vector<std::vector<demo::RequestSpan>>& logs) {
  std::vector<std::map<std::string, int>> counts;
  for (const auto& spans : logs) {
    counts.emplace_back();
    for (const demo::RequestSpan& span : spans) ++counts.back()[span.path];
  }
  return counts;
}

int64_t requests_in_summary(const std::string& out) {
  size_t at = out.find("requests ");
  return at == std::string::npos ? -1 : std::stoll(out.substr(at + 9));
}

// PostgreSQL is the case (workers on several machines); an SQLite file shared by workers on
// one machine (`--worker` given) runs the same claims under the file's write lock.
class SharedFrontier : public ::testing::TestWithParam<Backend> {};

TEST_P(SharedFrontier, ThreeWorkersFetchEveryUrlOnceKeepEachHostsDelayAndStoreWhatOneWorkerStores) {
  NIANBAO_REQUIRE_BACKEND(GetParam());
  CliWorkspace work;
  std::vector<std::string> single = single_worker_sqlite_reports(work);
  ASSERT_GT(single.size(), 3u);

  demo::MultiHostSite site(kHosts, kReports, 22);
  site.start();
  BackendDatabase shared(GetParam());
  std::string sources = sources_of(site, work.file("shared.csv"));
  std::vector<std::unique_ptr<WorkerProcess>> workers;
  for (const char* name : {"w1", "w2", "w3"})
    workers.push_back(std::make_unique<WorkerProcess>(
        work, name, std::vector<std::string>{"--db", shared.target(), "--sources", sources, "--delay", kDelayText}));
  int64_t requests = 0;
  for (auto& worker : workers) {
    ASSERT_TRUE(worker->started());
    EXPECT_EQ(worker->wait(), 0) << worker->err();
    EXPECT_NE(worker->out().find("crawl finished"), std::string::npos) << worker->out();
    int64_t made = requests_in_summary(worker->out());
    EXPECT_GT(made, 0) << "every worker took a share of the crawl:\n" << worker->out();
    requests += made;
  }
  auto logs = site.request_log();
  auto per_path = requests_per_path(logs);
  EXPECT_EQ(requests, kHosts * site.pages_per_host()) << "the workers' requests are the site's pages, once";
  for (size_t host = 0; host < logs.size(); ++host) {
    const std::map<std::string, int>& counts = per_path[host];
    EXPECT_EQ(counts.size(), static_cast<size_t>(site.pages_per_host())) << "host " << host;
    for (const auto& [path, times] : counts) EXPECT_EQ(times, 1) << "host " << host << " " << path << " fetched twice";
  }
  expect_politeness(logs);
  EXPECT_TRUE(testing::stored_content(shared.target()) == single) << "three workers stored other reports than one";
  EXPECT_EQ(testing::backend_one(shared.target(), "SELECT count(*) FROM crawl_urls WHERE state <> 'done'"), "0");
  EXPECT_EQ(testing::backend_one(shared.target(), "SELECT count(*) FROM crawl_runs WHERE finished_at IS NULL"), "0");
  EXPECT_EQ(testing::backend_one(shared.target(),
                                 "SELECT count(*) FROM crawl_urls WHERE lease_owner IS NOT NULL OR delivery = 'pending'"),
            "0");
}

TEST_P(SharedFrontier, WhenAWorkerIsKilledTheOthersFinishItsUrlsAfterItsLeasesExpire) {
  NIANBAO_REQUIRE_BACKEND(GetParam());
  CliWorkspace work;
  std::vector<std::string> single = single_worker_sqlite_reports(work);

  demo::MultiHostSite site(kHosts, kReports, 22);
  site.start();
  BackendDatabase shared(GetParam());
  std::string sources = sources_of(site, work.file("shared.csv"));
  std::vector<std::string> args = {"--db", shared.target(), "--sources", sources, "--delay", kDelayText, "--lease", "2"};
  WorkerProcess doomed(work, "doomed", args);
  ASSERT_TRUE(doomed.started());
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (doomed.requests_launched() < 4 && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  ASSERT_GE(doomed.requests_launched(), 4) << "the first worker never got going:\n" << doomed.err();
  WorkerProcess second(work, "second", args), third(work, "third", args);
  std::this_thread::sleep_for(std::chrono::milliseconds(300));  // all three crawling side by side
  doomed.kill_now();
  EXPECT_EQ(doomed.wait(), -SIGKILL);
  int doomed_launched = doomed.requests_launched();

  for (WorkerProcess* survivor : {&second, &third}) {
    EXPECT_EQ(survivor->wait(), 0) << survivor->err();
    EXPECT_NE(survivor->out().find("crawl finished"), std::string::npos) << survivor->out();
  }
  EXPECT_EQ(testing::backend_one(shared.target(), "SELECT count(*) FROM crawl_urls WHERE state <> 'done'"), "0")
      << "every URL, the killed worker's included, was finished";
  EXPECT_EQ(testing::backend_one(shared.target(), "SELECT count(*) FROM crawl_urls WHERE delivery = 'pending'"), "0");
  EXPECT_TRUE(testing::stored_content(shared.target()) == single) << "the survivors stored other reports than one worker";
  auto logs = site.request_log();
  auto per_path = requests_per_path(logs);
  for (size_t host = 0; host < logs.size(); ++host) {
    const std::map<std::string, int>& counts = per_path[host];
    EXPECT_EQ(counts.size(), static_cast<size_t>(site.pages_per_host())) << "host " << host << ": a page never fetched";
  }
  expect_politeness(logs);  // the dead worker's turns kept their hosts until they expired
  int64_t refetched = 0;
  for (const auto& counts : per_path)
    for (const auto& [path, times] : counts) refetched += times - 1;
  EXPECT_LE(refetched, doomed_launched) << "only what the killed worker had in hand is fetched again";
}

INSTANTIATE_TEST_SUITE_P(Backends, SharedFrontier, NIANBAO_BOTH_BACKENDS);

}  // namespace
}  // namespace nianbao
