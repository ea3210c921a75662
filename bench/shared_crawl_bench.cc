// Distributed crawl benchmark (not a test; issue 11): 1 and then N `nianbao crawl` workers sharing
// one PostgreSQL frontier crawl a politeness-bound loopback site (≥ 200 hosts, a delay per host, a
// response time per page). Prints pages/s, the speed-up over one worker, and the share of the
// politeness limit reached (what one request per host every response + delay allows).
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "demo/multi_host_site.h"
#include "tests/support/child_process.h"
#include "tests/support/postgres_server.h"

namespace {

struct Setup {
  int hosts = 240, reports = 10, concurrency = 16;
  double delay = 1.0, response = 0.25;
  std::vector<int> workers = {1, 3};
};

struct Result {
  int workers = 0;
  int64_t pages = 0;
  double seconds = 0, pages_per_second = 0, limit_per_second = 0;
  int exit_failures = 0;
};

std::vector<int> parse_list(const std::string& text) {
  std::vector<int> values;
  size_t start = 0;
  while (start <= text.size()) {
    size_t comma = text.find(',', start);
    values.push_back(std::atoi(text.substr(start, comma - start).c_str()));
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return values;
}

// One crawl of a fresh site by `workers` processes into a fresh database of the server.
Result crawl_with(int workers, const Setup& setup, nianbao::testing::PostgresServer& server,
                  const std::string& nianbao, const std::filesystem::path& temp) {
  nianbao::demo::MultiHostSite site(setup.hosts, setup.reports);
  site.set_response_seconds(setup.response);
  site.start();
  std::string database = server.create_database("bench_shared_crawl_" + std::to_string(workers));
  std::string sources = (temp / ("sources" + std::to_string(workers) + ".csv")).string();
  std::ofstream(sources) << site.sources_csv("基准单位", "000000", "demo");
  std::vector<std::unique_ptr<nianbao::testing::ChildProcess>> processes;
  for (int number = 0; number < workers; ++number) {
    std::string name = "w" + std::to_string(number);
    std::string base = (temp / (std::to_string(workers) + "-" + name)).string();
    processes.push_back(std::make_unique<nianbao::testing::ChildProcess>(
        std::vector<std::string>{nianbao, "crawl", "--db", database, "--sources", sources, "--worker", name, "--delay",
                                 std::to_string(setup.delay), "--max-concurrency", std::to_string(setup.concurrency),
                                 "--log", base + ".log"},
        base + ".out", base + ".err"));
  }
  Result result;
  result.workers = workers;
  for (auto& process : processes) {
    if (process->wait() != 0) {
      ++result.exit_failures;
      std::fprintf(stderr, "a worker failed: %s\n", process->err().c_str());
    }
  }
  double first = 1e300, last = 0;
  for (const auto& spans : site.request_log()) {
    for (const auto& span : spans) {
      first = std::min(first, span.started_at);
      last = std::max(last, span.ended_at);
      ++result.pages;
    }
  }
  site.stop();
  server.drop_database(database);
  result.seconds = last - first;
  result.pages_per_second = result.pages / result.seconds;
  // Each host may take one request every response + delay; all hosts together:
  result.limit_per_second = setup.hosts / (setup.response + setup.delay);
  return result;
}

}  // namespace

int main(int argc, char** argv) {
  Setup setup;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string arg = argv[i], value = argv[i + 1];
    if (arg == "--hosts") setup.hosts = std::atoi(value.c_str());
    else if (arg == "--reports") setup.reports = std::atoi(value.c_str());
    else if (arg == "--delay") setup.delay = std::atof(value.c_str());
    else if (arg == "--response") setup.response = std::atof(value.c_str());
    else if (arg == "--concurrency") setup.concurrency = std::atoi(value.c_str());
    else if (arg == "--workers") setup.workers = parse_list(value);
    else {
      std::fprintf(stderr, "usage: %s [--hosts N] [--reports N] [--delay S] [--response S] [--concurrency N] "
                           "[--workers 1,3]\n", argv[0]);
      return 2;
    }
  }
  if (setup.hosts > 254) {
    std::fprintf(stderr, "at most 254 hosts (127.0.0.2 … 127.0.0.255)\n");
    return 2;
  }
  nianbao::testing::PostgresServer& server = nianbao::testing::PostgresServer::shared();
  if (server.state() != nianbao::testing::PostgresState::running) {
    std::printf("skipped: no PostgreSQL server (%s); install postgresql (scripts/setup.sh)\n",
                server.unavailable_reason().c_str());
    return 0;
  }
  std::filesystem::path bin = std::filesystem::canonical("/proc/self/exe").parent_path().parent_path();
  std::string nianbao = (bin / "cli" / "nianbao").string();
  auto temp = std::filesystem::temp_directory_path() / ("nianbao-shared-crawl-" + std::to_string(getpid()));
  std::filesystem::create_directories(temp);
  std::printf("shared frontier: %d hosts × %d pages, delay %.2f s, response %.2f s, --max-concurrency %d per worker\n",
              setup.hosts, setup.reports + 2, setup.delay, setup.response, setup.concurrency);
  std::printf("%8s %8s %9s %9s %14s %12s %9s\n", "workers", "pages", "seconds", "pages/s", "limit pages/s",
              "% of limit", "speed-up");
  // A short crawl first, not reported: the fresh server's first database, catalog caches and
  // checkpoint otherwise weigh on whichever run comes first.
  Setup warm_up = setup;
  warm_up.hosts = 20;
  warm_up.reports = 2;
  crawl_with(1, warm_up, server, nianbao, temp);
  double single = 0;
  int failures = 0;
  for (int workers : setup.workers) {
    Result result = crawl_with(workers, setup, server, nianbao, temp);
    if (single == 0) single = result.pages_per_second;
    failures += result.exit_failures;
    std::printf("%8d %8lld %9.2f %9.1f %14.1f %11.1f%% %8.2fx\n", result.workers, static_cast<long long>(result.pages),
                result.seconds, result.pages_per_second, result.limit_per_second,
                100 * result.pages_per_second / result.limit_per_second, result.pages_per_second / single);
    std::fflush(stdout);
  }
  std::filesystem::remove_all(temp);
  return failures == 0 ? 0 : 1;
}
