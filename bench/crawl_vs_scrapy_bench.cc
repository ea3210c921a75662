// Crawl benchmark (not a test): politeness (20 loopback hosts, same delay: nianbao vs Scrapy) and client
// overhead (≥ 50 hosts, ≥ 5,000 pages, no delay, same concurrency: nianbao, its engine alone, Scrapy, bare libcurl).
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

#include "crawler/crawler.h"
#include "demo/multi_host_site.h"

namespace {

struct Measured {
  double started_at = 0;  // steady-clock seconds, same clock as RequestSpan
  double seconds = 0;
  long peak_rss_kib = 0;
  double cpu_seconds = 0;  // user + system time of the child
  int exit_status = -1;
};

// Runs a child to its end with stdout to /dev/null (stdin from `stdin_path` when given); its wall
// time and peak RSS come from wait4, so the servers of this process are not counted.
Measured run(const std::vector<std::string>& argv, const std::string& stdin_path = "") {
  std::fflush(stdout);  // the child's freopen would flush a copy of our buffer otherwise
  auto start = std::chrono::steady_clock::now();
  pid_t child = fork();
  if (child == 0) {
    std::freopen("/dev/null", "w", stdout);
    if (!stdin_path.empty() && !std::freopen(stdin_path.c_str(), "r", stdin)) _exit(126);
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
  measured.cpu_seconds = static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
                         static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
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

// The overhead run's site: every host's robots.txt, index and reports, interleaved host by host
// (the order a fair crawler reaches them), for the bare libcurl loop.
std::vector<std::string> every_url(const nianbao::demo::MultiHostSite& site, int reports) {
  std::vector<std::string> roots;
  for (const std::string& seed : site.seed_urls()) roots.push_back(seed.substr(0, seed.size() - std::string("/index.html").size()));
  std::vector<std::string> urls;
  for (const std::string& root : roots) urls.push_back(root + "/robots.txt");
  for (const std::string& root : roots) urls.push_back(root + "/index.html");
  for (int i = 0; i < reports; ++i)
    for (const std::string& root : roots) urls.push_back(root + "/art/" + std::to_string(i) + ".html");
  return urls;
}

struct ClientFigures {
  std::string name;
  double pages_per_second = 0;
  double peak_rss_mib = 0;
  bool ok = false;
  double cpu_ms_per_page = 0;
};

ClientFigures overhead_line(const std::string& name, const Measured& measured, size_t pages, size_t expected) {
  ClientFigures figures{name, pages / measured.seconds, measured.peak_rss_kib / 1024.0,
                        measured.exit_status == 0 && pages == expected,
                        pages > 0 ? 1000 * measured.cpu_seconds / static_cast<double>(pages) : 0};
  std::printf("%-9s exit %d  pages %5zu/%zu  %6.2f s  %8.1f pages/s  peak RSS %6.1f MiB  CPU %6.2f s\n", name.c_str(),
              measured.exit_status, pages, expected, measured.seconds, figures.pages_per_second, figures.peak_rss_mib,
              measured.cpu_seconds);
  return figures;
}

struct OverheadSetup {
  int hosts = 50, reports = 100, concurrency = 16;
  std::string clients = "libcurl,nianbao,engine,scrapy,scrapy-b";  // which clients run (--clients)
  std::string nianbao, spider, python, bare_curl, self;
  std::filesystem::path temp;
};

// A sources file with one agency per host, as real portals are (one body's portal each).
void write_sources(const std::string& path, const nianbao::demo::MultiHostSite& site) {
  std::ofstream(path) << site.sources_csv("bench host ", "0", "bench");
}

// NIANBAO_BENCH_WRAP="perf record -g -o FILE" (words split on spaces) runs nianbao's children under a
// profiler or tracer; the figures printed then include its cost.
std::vector<std::string> wrapped(std::vector<std::string> argv) {
  const char* wrap = std::getenv("NIANBAO_BENCH_WRAP");
  if (!wrap || !*wrap) return argv;
  std::vector<std::string> words;
  std::string text = wrap;
  for (size_t start = 0; start < text.size();) {
    size_t end = text.find(' ', start);
    if (end == std::string::npos) end = text.size();
    if (end > start) words.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  words.insert(words.end(), argv.begin(), argv.end());
  return words;
}

ClientFigures overhead_nianbao(const OverheadSetup& setup) {
  nianbao::demo::MultiHostSite site(setup.hosts, setup.reports);
  site.start();
  std::string sources = (setup.temp / "overhead-sources.csv").string();
  write_sources(sources, site);
  Measured measured = run(wrapped({setup.nianbao, "crawl", "--db", (setup.temp / "overhead.sqlite").string(), "--sources",
                                   sources, "--delay", "0", "--max-concurrency", std::to_string(setup.concurrency)}));
  size_t expected = static_cast<size_t>(setup.hosts * site.pages_per_host());
  ClientFigures figures = overhead_line("nianbao", measured, total_requests(site), expected);
  site.stop();
  return figures;
}

// The crawl engine alone — fetching, robots.txt, frontier writes, link discovery — with a sink that
// drops every document: what nianbao costs as an HTTP client, without extracting and storing.
ClientFigures overhead_engine(const OverheadSetup& setup, const std::string& self) {
  nianbao::demo::MultiHostSite site(setup.hosts, setup.reports);
  site.start();
  std::vector<std::string> args{self, "--engine-child", (setup.temp / "engine.sqlite").string(), std::to_string(setup.concurrency)};
  for (const std::string& url : site.seed_urls()) args.push_back(url);
  Measured measured = run(wrapped(args));
  size_t expected = static_cast<size_t>(setup.hosts * site.pages_per_host());
  ClientFigures figures = overhead_line("engine", measured, total_requests(site), expected);
  site.stop();
  return figures;
}

// The child side of overhead_engine: argv = DB CONCURRENCY URL...
int engine_child(int argc, char** argv) {
  nianbao::crawler::CrawlOptions options;
  options.delay_seconds = 0;
  options.max_concurrency = std::atoi(argv[1]);
  nianbao::crawler::Crawler crawler(argv[0], options);
  for (int i = 2; i < argc; ++i) crawler.add_seed({"bench host " + std::to_string(i - 2), "0", "bench", argv[i]});
  nianbao::crawler::CrawlSummary summary = crawler.run([](const nianbao::crawler::CrawledDocument&) {});
  return summary.finished ? 0 : 1;
}

ClientFigures overhead_scrapy(const OverheadSetup& setup, const std::string& name, bool broad) {
  nianbao::demo::MultiHostSite site(setup.hosts, setup.reports);
  site.start();
  std::vector<std::string> args{setup.python, setup.spider, "0", "--concurrency", std::to_string(setup.concurrency)};
  if (broad) args.push_back("--broad");
  for (const std::string& url : site.seed_urls()) args.push_back(url);
  Measured measured = run(args);
  size_t expected = static_cast<size_t>(setup.hosts * site.pages_per_host());
  ClientFigures figures = overhead_line(name, measured, total_requests(site), expected);
  if (measured.exit_status != 0) std::printf("          (is python3-scrapy installed?)\n");
  site.stop();
  return figures;
}

ClientFigures overhead_bare_curl(const OverheadSetup& setup) {
  nianbao::demo::MultiHostSite site(setup.hosts, setup.reports);
  site.start();
  std::vector<std::string> urls = every_url(site, setup.reports);
  std::string list = (setup.temp / "overhead-urls.txt").string();
  {
    std::ofstream out(list);
    for (const std::string& url : urls) out << url << "\n";
  }
  Measured measured = run({setup.bare_curl, std::to_string(setup.concurrency)}, list);
  ClientFigures figures = overhead_line("libcurl", measured, total_requests(site), urls.size());
  site.stop();
  return figures;
}

void verdict(const char* what, double value, const char* relation, double target, bool met) {
  std::printf("  %-44s %7.2f  (target %s %.2f: %s)\n", what, value, relation, target, met ? "met" : "NOT met");
}

// Client overhead without politeness delay: the same site and the same transfers in flight for
// nianbao, Scrapy (its default scheduler and its broad-crawl queue; the faster counts) and bare libcurl.
void run_overhead(const OverheadSetup& setup) {
  std::printf("\nclient overhead: %d hosts × %d pages (robots.txt, index, %d reports), no delay, %d transfers in flight, "
              "1 per host\n", setup.hosts, setup.reports + 2, setup.reports, setup.concurrency);
  auto wanted = [&](const std::string& name) { return ("," + setup.clients + ",").find("," + name + ",") != std::string::npos; };
  ClientFigures none;
  ClientFigures curl = wanted("libcurl") ? overhead_bare_curl(setup) : none;
  ClientFigures ours = wanted("nianbao") ? overhead_nianbao(setup) : none;
  ClientFigures engine = wanted("engine") ? overhead_engine(setup, setup.self) : none;
  ClientFigures scrapy = wanted("scrapy") ? overhead_scrapy(setup, "scrapy", false) : none;
  ClientFigures scrapy_broad = wanted("scrapy-b") ? overhead_scrapy(setup, "scrapy-b", true) : none;
  if (!curl.ok || !ours.ok || !engine.ok || !(scrapy.ok || scrapy_broad.ok)) {
    std::printf("  (no verdicts: a client did not run or did not fetch every page; see the lines above)\n");
    return;
  }
  // The 10× is against the faster Scrapy: its broad-crawl queue is Scrapy's own advice for many hosts,
  // and only with it does Scrapy keep the same transfers in flight as the others (its default queue
  // takes requests host by host and, with one per host, leaves most of the 16 idle).
  const ClientFigures& best_scrapy = scrapy_broad.pages_per_second > scrapy.pages_per_second ? scrapy_broad : scrapy;
  double speedup = ours.pages_per_second / best_scrapy.pages_per_second;
  double rss_share = ours.peak_rss_mib / best_scrapy.peak_rss_mib;
  double of_curl = curl.pages_per_second / ours.pages_per_second;
  std::printf("vs %s (the faster Scrapy) and bare libcurl:\n", best_scrapy.name.c_str());
  verdict("nianbao pages/s ÷ Scrapy pages/s", speedup, "≥", 10, speedup >= 10);
  verdict("nianbao peak RSS ÷ Scrapy peak RSS", rss_share, "≤", 0.2, rss_share <= 0.2);
  verdict("bare libcurl pages/s ÷ nianbao pages/s", of_curl, "≤", 2, of_curl <= 2);
  std::printf("the crawl engine alone (documents dropped, not extracted nor stored):\n");
  verdict("engine pages/s ÷ Scrapy pages/s", engine.pages_per_second / best_scrapy.pages_per_second, "≥", 10,
          engine.pages_per_second >= 10 * best_scrapy.pages_per_second);
  verdict("engine peak RSS ÷ Scrapy peak RSS", engine.peak_rss_mib / best_scrapy.peak_rss_mib, "≤", 0.2,
          engine.peak_rss_mib <= 0.2 * best_scrapy.peak_rss_mib);
  verdict("bare libcurl pages/s ÷ engine pages/s", curl.pages_per_second / engine.pages_per_second, "≤", 2,
          curl.pages_per_second <= 2 * engine.pages_per_second);
  std::printf("bare libcurl ÷ the faster Scrapy: %.2f× (the most any client could reach on this machine and site)\n",
              curl.pages_per_second / best_scrapy.pages_per_second);
  // On a shared machine the clients' own CPU time says what each costs, whatever the others ran.
  std::printf("CPU per page (the client process only; the site's server is not counted): nianbao %.3f ms, engine %.3f ms, "
              "%s %.3f ms, bare libcurl %.3f ms\n", ours.cpu_ms_per_page, engine.cpu_ms_per_page, best_scrapy.name.c_str(),
              best_scrapy.cpu_ms_per_page, curl.cpu_ms_per_page);
}

}  // namespace

// Usage: crawl_vs_scrapy_bench [REPORTS_PER_HOST] [--only politeness|overhead] [--hosts N]
//        [--pages-per-host N] [--concurrency N] [--clients LIST]   (the last four: the overhead run; defaults 50,
//        100, 16 and libcurl,nianbao,engine,scrapy,scrapy-b)
int main(int argc, char** argv) {
  if (argc > 2 && std::string(argv[1]) == "--engine-child") return engine_child(argc - 2, argv + 2);
  int hosts = 20, reports = 30;
  double delay = 0.2;
  std::string only;
  OverheadSetup overhead;
  std::filesystem::path bin = std::filesystem::canonical("/proc/self/exe").parent_path().parent_path();
  std::string nianbao = bin / "cli" / "nianbao";
  std::string spider = std::string(NIANBAO_FIXTURES_DIR) + "/../bench/crawl_scrapy_spider.py";
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    bool has_value = i + 1 < argc;
    if (arg == "--only" && has_value) only = argv[++i];
    else if (arg == "--hosts" && has_value) overhead.hosts = std::atoi(argv[++i]);
    else if (arg == "--pages-per-host" && has_value) overhead.reports = std::atoi(argv[++i]);
    else if (arg == "--concurrency" && has_value) overhead.concurrency = std::atoi(argv[++i]);
    else if (arg == "--clients" && has_value) overhead.clients = argv[++i];
    else reports = std::atoi(arg.c_str());
  }
  auto temp = std::filesystem::temp_directory_path() / ("nianbao-crawl-bench-" + std::to_string(getpid()));
  std::filesystem::create_directories(temp);
  // Debian's python3-scrapy lives in the system interpreter, not in a pyenv/venv python3 on PATH.
  const char* python = std::getenv("NIANBAO_BENCH_PYTHON");
  if (!python) python = std::filesystem::exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";

  if (only != "overhead") {
    std::printf("politeness: %d hosts × %d pages, %.1f s delay, 1 request per host\n", hosts, reports + 2, delay);
    nianbao::demo::MultiHostSite ours(hosts, reports);
    ours.start();
    write_sources((temp / "sources.csv").string(), ours);
    Measured nb = run({nianbao, "crawl", "--db", (temp / "bench.sqlite").string(), "--sources", (temp / "sources.csv").string(),
                       "--delay", std::to_string(delay)});
    report("nianbao", nb, total_requests(ours), hosts, delay);
    explain(nb, ours, delay);
    ours.stop();
    run_scrapy("scrapy", {python, spider, std::to_string(delay), "--concurrency", "16"}, hosts, reports, delay);
    run_scrapy("scrapy-b", {python, spider, std::to_string(delay), "--broad", "--concurrency", "100"}, hosts, reports, delay);
  }
  if (only != "politeness") {
    overhead.nianbao = nianbao;
    overhead.spider = spider;
    overhead.python = python;
    overhead.bare_curl = bin / "bench" / "bare_curl_multi";
    overhead.self = std::filesystem::canonical("/proc/self/exe").string();
    overhead.temp = temp;
    run_overhead(overhead);
  }
  std::filesystem::remove_all(temp);
  return 0;
}
