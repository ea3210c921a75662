// Crawl benchmark (not a test): the same 20-host loopback site crawled by `nianbao crawl` and by
// Scrapy with the same per-host concurrency (1) and delay; prints pages/s and peak RSS of each.
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "demo/multi_host_site.h"

namespace {

struct Measured {
  double seconds = 0;
  long peak_rss_kib = 0;
  int exit_status = -1;
};

Measured run(const std::vector<std::string>& argv) {
  auto start = std::chrono::steady_clock::now();
  pid_t child = fork();
  if (child == 0) {
    std::freopen("/dev/null", "w", stdout);
    std::vector<char*> args;
    for (const std::string& arg : argv) args.push_back(const_cast<char*>(arg.c_str()));
    args.push_back(nullptr);
    execvp(args[0], args.data());
    _exit(127);
  }
  int status = 0;
  rusage usage{};
  wait4(child, &status, 0, &usage);
  Measured measured;
  measured.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  measured.peak_rss_kib = usage.ru_maxrss;
  measured.exit_status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return measured;
}

size_t total_requests(const nianbao::demo::MultiHostSite& site) {
  size_t total = 0;
  for (const auto& host : site.request_log()) total += host.size();
  return total;
}

void report(const std::string& name, const Measured& measured, size_t pages, int hosts, double delay) {
  double rate = pages / measured.seconds, limit = hosts / delay;
  std::printf("%-8s exit %d  pages %4zu  %6.2f s  %7.1f pages/s (%.0f%% of the politeness limit %.0f/s)  peak RSS %6.1f MiB\n",
              name.c_str(), measured.exit_status, pages, measured.seconds, rate, 100 * rate / limit, limit,
              measured.peak_rss_kib / 1024.0);
}

}  // namespace

int main(int argc, char** argv) {
  int hosts = 20, reports = 30;
  double delay = 0.2;
  std::string nianbao = std::filesystem::canonical("/proc/self/exe").parent_path().parent_path() / "cli" / "nianbao";
  std::string spider = std::string(NIANBAO_FIXTURES_DIR) + "/../bench/crawl_scrapy_spider.py";
  if (argc > 1) reports = std::atoi(argv[1]);
  auto temp = std::filesystem::temp_directory_path() / ("nianbao-crawl-bench-" + std::to_string(getpid()));
  std::filesystem::create_directories(temp);

  nianbao::demo::MultiHostSite ours(hosts, reports);
  ours.start();
  std::ofstream((temp / "sources.csv").string()) << "agency,region_code,level,url\n";
  for (const std::string& url : ours.seed_urls()) std::ofstream((temp / "sources.csv").string(), std::ios::app) << "bench,0,bench," << url << "\n";
  Measured nb = run({nianbao, "crawl", "--db", (temp / "bench.sqlite").string(), "--sources", (temp / "sources.csv").string(),
                     "--delay", std::to_string(delay)});
  report("nianbao", nb, total_requests(ours), hosts, delay);
  ours.stop();

  nianbao::demo::MultiHostSite theirs(hosts, reports);
  theirs.start();
  std::vector<std::string> scrapy_args{"python3", spider, std::to_string(delay)};
  for (const std::string& url : theirs.seed_urls()) scrapy_args.push_back(url);
  Measured sc = run(scrapy_args);
  if (sc.exit_status != 0) std::printf("scrapy   failed (exit %d): is python3-scrapy installed?\n", sc.exit_status);
  else report("scrapy", sc, total_requests(theirs), hosts, delay);
  theirs.stop();
  std::filesystem::remove_all(temp);
  return 0;
}
