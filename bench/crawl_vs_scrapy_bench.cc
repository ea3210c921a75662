// Crawl benchmark (not a test): the same 20-host loopback site crawled by `nianbao crawl` and by
// Scrapy (defaults, then broad-crawl settings), same per-host concurrency (1) and delay; pages/s, peak RSS.
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "demo/multi_host_site.h"

namespace {

struct Measured {
  double started_at = 0;  // steady-clock seconds, same clock as RequestSpan
  double seconds = 0;
  long peak_rss_kib = 0;
  int exit_status = -1;
};

Measured run(const std::vector<std::string>& argv) {
  std::fflush(stdout);  // the child's freopen would flush a copy of our buffer otherwise
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
  measured.started_at = std::chrono::duration<double>(start.time_since_epoch()).count();
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

// Where the time went, from what the hosts saw: launch → first request, the mean start-to-start
// gap per host and its excess over the delay (jitter + response time + scheduling), last → exit.
void explain(const Measured& measured, const nianbao::demo::MultiHostSite& site, double delay) {
  double first = 1e300, last = 0, gap_sum = 0, min_gap = 1e300, serve_sum = 0;
  size_t gaps = 0, spans_seen = 0, too_close = 0;
  for (const auto& spans : site.request_log()) {
    for (size_t i = 0; i < spans.size(); ++i) {
      first = std::min(first, spans[i].started_at);
      last = std::max(last, spans[i].ended_at);
      serve_sum += spans[i].ended_at - spans[i].started_at;
      ++spans_seen;
      if (i == 0) continue;
      double gap = spans[i].started_at - spans[i - 1].started_at;
      gap_sum += gap;
      min_gap = std::min(min_gap, gap);
      if (gap < delay || spans[i].started_at < spans[i - 1].ended_at) ++too_close;
      ++gaps;
    }
  }
  if (gaps == 0) return;
  double mean_gap = gap_sum / static_cast<double>(gaps);
  std::printf("         launch→first request %.3f s, mean gap %.1f ms (delay + %.1f ms), min gap %.1f ms, "
              "handler %.2f ms, last response→exit %.3f s, gaps below the delay %zu\n",
              first - measured.started_at, 1000 * mean_gap, 1000 * (mean_gap - delay), 1000 * min_gap,
              1000 * serve_sum / static_cast<double>(spans_seen), measured.started_at + measured.seconds - last, too_close);
}

// Scrapy on a fresh copy of the site; `name` "scrapy" uses its defaults, "scrapy-b" its broad-crawl advice.
void run_scrapy(const std::string& name, std::vector<std::string> args, int hosts, int reports, double delay) {
  nianbao::demo::MultiHostSite site(hosts, reports);
  site.start();
  for (const std::string& url : site.seed_urls()) args.push_back(url);
  Measured measured = run(args);
  if (measured.exit_status != 0) {
    std::printf("%-8s failed (exit %d): is python3-scrapy installed?\n", name.c_str(), measured.exit_status);
  } else {
    report(name, measured, total_requests(site), hosts, delay);
    explain(measured, site, delay);
  }
  site.stop();
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
  explain(nb, ours, delay);
  ours.stop();

  // Debian's python3-scrapy lives in the system interpreter, not in a pyenv/venv python3 on PATH.
  const char* python = std::getenv("NIANBAO_BENCH_PYTHON");
  if (!python) python = std::filesystem::exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
  run_scrapy("scrapy", {python, spider, std::to_string(delay)}, hosts, reports, delay);
  run_scrapy("scrapy-b", {python, spider, std::to_string(delay), "--broad"}, hosts, reports, delay);
  std::filesystem::remove_all(temp);
  return 0;
}
