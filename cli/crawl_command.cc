// `nianbao crawl --db FILE.sqlite --sources FILE.csv`: crawls every portal in the sources file and
// sends each report page and attachment through the extractor (on `-j` threads) into the store.
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <iostream>
#include <memory>
#include <mutex>
#include <optional>

#include "cli/commands.h"
#include "common/ordered_pool.h"
#include "crawler/byte_size.h"
#include "crawler/crawler.h"
#include "crawler/sources_file.h"
#include "extract/extractor.h"
#include "store/postgres_session.h"
#include "store/agency_refresh.h"
#include "store/agency_registry.h"
#include "store/database.h"
#include "store/statement.h"
#include "store/transaction.h"
#include "store/wal_mode.h"

namespace nianbao::cli {
namespace {

struct CrawlCommandOptions {
  std::string database, sources, log_file;
  int64_t max_pages = 0;
  double delay = 2.0;
  bool ignore_robots = false;
  int max_concurrency = 16;
  double timeout = 120;
  std::string max_attachment_size = "100M";
  double max_retry_after = 3600;
  unsigned jobs = 0;  // threads extracting fetched documents; 0: one per core
  std::string worker;  // shared frontier: this worker's name ("" on PostgreSQL: host:pid)
  double lease = 60;
};

// The worker name of this process on a shared frontier: the one given, else host:pid on PostgreSQL
// (where every crawl is a worker, alone or not), else none (an SQLite file's only crawler).
std::string worker_name(const CrawlCommandOptions& options) {
  if (!options.worker.empty() || !store::is_postgres_uri(options.database)) return options.worker;
  char host[256] = {};
  if (gethostname(host, sizeof host - 1) != 0) std::snprintf(host, sizeof host, "localhost");
  return std::string(host) + ":" + std::to_string(getpid());
}

std::string timestamp() {
  std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return buffer;
}

std::string progress_line(const crawler::CrawlStats& stats) {
  return "hosts " + std::to_string(stats.hosts) + " | queued " + std::to_string(stats.queued) + " | fetched " +
         std::to_string(stats.fetched) + " | reports found " + std::to_string(stats.reports_found) + " | documents " +
         std::to_string(stats.documents) + " | errors " + std::to_string(stats.errors) +
         (stats.waiting_hosts > 0 ? " | hosts waiting " + std::to_string(stats.waiting_hosts) : "");
}

void print_summary(const crawler::CrawlSummary& summary, int64_t reports_stored, const std::string& log_file,
                   const std::string& worker) {
  const crawler::CrawlStats& stats = summary.stats;
  std::cout << "crawl " << (summary.finished ? "finished" : "stopped at --max-pages (run again to resume)")
            << (worker.empty() ? (summary.resumed ? " (resumed an interrupted run)" : "")
                               : " (worker " + worker + (summary.resumed ? ", joined a running crawl" : "") + ")")
            << "\n"
            << "  requests " << stats.requests << ", fetched " << stats.fetched << ", not modified " << stats.not_modified
            << ", bytes " << stats.bytes << "\n"
            << "  report pages found " << stats.reports_found << ", documents handed to the store " << stats.documents
            << ", reports stored " << reports_stored << "\n"
            << "  errors " << stats.errors << ", challenges " << stats.challenges << ", robots.txt denials "
            << stats.robots_denied << ", pages that could not be processed " << stats.unprocessable << ", redirect loops "
            << stats.redirect_loops << ", Retry-After capped " << stats.retry_after_capped << "\n  HTTP status:";
  for (const auto& [status, count] : stats.status_counts) std::cout << " " << (status == 0 ? "error" : std::to_string(status)) << "×" << count;
  std::cout << "\n  URL states:";
  for (const auto& [state, count] : summary.url_states) std::cout << " " << state << " " << count;
  std::cout << "\n";
  for (const std::string& host : stats.challenged_hosts) std::cout << "  challenge pages from " << host << "\n";
  std::cout << "  log: " << log_file << "\n";
}

// The log file, written by the crawl loop and by the delivery thread (extract + store).
class CrawlLog {
 public:
  explicit CrawlLog(const std::string& path) : out_(path, std::ios::app) {}
  bool ok() const { return static_cast<bool>(out_); }
  void line(const std::string& text) {
    std::lock_guard<std::mutex> lock(mutex_);
    out_ << timestamp() << " " << text << "\n" << std::flush;
  }

 private:
  std::mutex mutex_;
  std::ofstream out_;
};

crawler::CrawlOptions crawl_options(const CrawlCommandOptions& options, CrawlLog& log) {
  crawler::CrawlOptions crawl;
  crawl.delay_seconds = options.delay;
  crawl.ignore_robots = options.ignore_robots;
  crawl.max_fetches = options.max_pages;
  crawl.max_concurrency = options.max_concurrency;
  crawl.transfer_timeout_ms = static_cast<long>(options.timeout * 1000);
  crawl.connect_timeout_ms = std::min(crawl.connect_timeout_ms, crawl.transfer_timeout_ms);
  crawl.max_attachment_bytes = crawler::parse_byte_size(options.max_attachment_size).value_or(crawl.max_attachment_bytes);
  crawl.max_retry_after_seconds = options.max_retry_after;
  crawl.worker = worker_name(options);
  crawl.lease_seconds = options.lease;
  crawl.log = [&log](const std::string& line) { log.line(line); };
  return crawl;
}

int64_t agency_count(store::Session& db) {
  store::Statement count(db, "SELECT count(*) FROM agencies", "counting agencies");
  count.step();
  return count.column_int64(0);
}

// The sources file names the bodies whose portals are crawled: each becomes (or is found as) an
// agency, so reports link to it. When that adds agencies, stored reports are linked again.
void register_seed_agencies(store::Database& database, const std::vector<crawler::Seed>& seeds) {
  store::Session& db = database.handle();
  store::Transaction transaction(db, "registering the agencies of the sources file");
  int64_t before = agency_count(db);
  for (const crawler::Seed& seed : seeds) {
    if (!seed.agency.empty()) store::ensure_agency(db, seed.agency, seed.region_code, seed.level);
  }
  if (agency_count(db) != before) store::relink_all_reports(db);
  transaction.commit();
}

// The delivery thread's half of the crawl's sink: stores one extracted document (in fetch order).
void store_extraction(store::Database& database, const crawler::CrawledDocument& document, const Extraction& extraction,
                      CrawlLog& log, int64_t& reports_stored) {
  if (extraction.status != ExtractStatus::ok) {
    log.line("not stored in reports: " + document.url + ": " + to_string(extraction.status) +
             (extraction.message.empty() ? "" : ": " + extraction.message));
    return;
  }
  store::IngestContext context{document.seed_agency, document.seed_region_code, document.seed_level};
  store::IngestOutcome outcome = database.ingest(document.bytes, document.url, extraction, context);
  reports_stored += outcome.reports_stored;
  log.line("stored " + document.url + " sha256 " + outcome.sha256.substr(0, 12) +
           (outcome.document_was_new ? " (new)" : " (already stored)") + ", " + std::to_string(outcome.reports_stored) +
           " reports");
}

// How often the delivery thread refreshes the copies and cross-year findings of the agencies it
// wrote (refreshing at every document re-reads each agency's reports once per document): at least
// kRefreshInterval apart, and at least kRefreshCostFactor times the last refresh's own duration, so
// that refreshing — which re-reads more reports as an agency's grow — stays under about a tenth of
// the thread. A kill -9 leaves the agencies written since the last refresh stale until their next
// ingest or `reextract` (the documents and reports themselves are committed).
constexpr auto kRefreshInterval = std::chrono::seconds(2);
constexpr int kRefreshCostFactor = 10;

class RefreshPace {
 public:
  bool due() const { return std::chrono::steady_clock::now() >= next_; }
  void refreshed(std::chrono::steady_clock::time_point started) {
    auto finished = std::chrono::steady_clock::now();
    next_ = finished + std::max<std::chrono::steady_clock::duration>(kRefreshInterval,
                                                                      kRefreshCostFactor * (finished - started));
  }

 private:
  std::chrono::steady_clock::time_point next_ = std::chrono::steady_clock::now() + kRefreshInterval;
};

// Runs the deferred refresh; a failure is logged, never taken for a failed document (the documents
// are stored; the next refresh of the agency recomputes what failed).
void refresh_agencies_written(store::Database& database, CrawlLog& log) {
  try {
    database.refresh_deferred();
  } catch (const std::exception& error) {
    log.line("copies/cross-year findings not refreshed: " + std::string(error.what()));
  }
}

int run_crawl(const CrawlCommandOptions& options) {
  std::vector<crawler::Seed> seeds;
  try {
    seeds = crawler::read_sources_file(options.sources);
  } catch (const crawler::SourcesError& error) {
    std::cerr << "nianbao crawl: " << error.what() << "\n";
    return 2;
  }
  // Beside an SQLite file; for a PostgreSQL URI (no file to sit beside) in the working directory.
  std::string default_log = store::is_postgres_uri(options.database) ? "nianbao.crawl.log" : options.database + ".crawl.log";
  std::string log_file = options.log_file.empty() ? default_log : options.log_file;
  CrawlLog log(log_file);
  if (!log.ok()) {
    std::cerr << "nianbao crawl: cannot write the log file " << log_file << "\n";
    return 2;
  }
  try {
    store::Database database(options.database);
    store::limit_page_cache(database.handle());
    register_seed_agencies(database, seeds);
    crawler::CrawlOptions crawl = crawl_options(options, log);
    crawler::Crawler crawler(options.database, crawl);
    for (const crawler::Seed& seed : seeds) crawler.add_seed(seed);
    int64_t reports_stored = 0;  // written by the delivery thread only; read after run() joined it
    database.defer_refresh(true);
    RefreshPace refresh_pace;  // delivery thread only
    crawler::SplitSink sink;
    sink.workers = pool_workers(options.jobs);
    sink.prepare = [&](const crawler::CrawledDocument& document) -> crawler::StoreStep {
      auto extraction = std::make_shared<Extraction>(extract_document({document.bytes, document.url, document.charset}));
      return [&database, &log, &reports_stored, &refresh_pace, extraction, &document] {
        store_extraction(database, document, *extraction, log, reports_stored);
        if (!refresh_pace.due()) return;
        auto started = std::chrono::steady_clock::now();
        refresh_agencies_written(database, log);
        refresh_pace.refreshed(started);
      };
    };
    bool on_tty = isatty(STDERR_FILENO);
    auto progress = [on_tty](const crawler::CrawlStats& stats) {
      if (on_tty) std::cerr << "\r\033[K" << progress_line(stats) << std::flush;
    };
    crawler::CrawlSummary summary = crawler.run(sink, progress);
    refresh_agencies_written(database, log);
    database.defer_refresh(false);
    if (on_tty) std::cerr << "\n";
    print_summary(summary, reports_stored, log_file, crawl.worker);
    return 0;
  } catch (const std::exception& error) {
    std::cerr << "nianbao crawl: " << error.what() << "\n";
    return 1;
  }
}

}  // namespace

void add_crawl_command(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<CrawlCommandOptions>();
  CLI::App* command = app.add_subcommand("crawl", "Crawl the portals of a sources file into the database");
  command->add_option("--db", options->database, "SQLite database file (created if missing) or postgresql:// URI")->required();
  command->add_option("--sources", options->sources, "CSV with header agency,region_code,level,url")->required();
  command->add_option("--max-pages", options->max_pages, "Stop after N requests (the next run resumes)")->check(CLI::NonNegativeNumber);
  command->add_option("--delay", options->delay, "Seconds between requests to one host (default 2, jittered upwards)")
      ->check(CLI::NonNegativeNumber);
  command->add_flag("--ignore-robots", options->ignore_robots, "Do not obey robots.txt (logged)");
  command->add_option("--log", options->log_file, "Log file (default: DB.crawl.log beside an SQLite file, nianbao.crawl.log here for a PostgreSQL URI)");
  command->add_option("--max-concurrency", options->max_concurrency, "Transfers in flight over all hosts (default 16)")
      ->check(CLI::PositiveNumber);
  command->add_option("--timeout", options->timeout,
                      "Total seconds per transfer, pages and attachments alike (default 120); a transfer slower than "
                      "1 KiB/s for 30 s is also abandoned. Either counts as one failed try (3 tries per URL)")
      ->check(CLI::PositiveNumber);
  command->add_option("--max-attachment-size", options->max_attachment_size,
                      "Largest attachment kept, in bytes or with a K/M/G suffix (default 100M); a larger one fails "
                      "without retry")
      ->check([](const std::string& value) {
        return crawler::parse_byte_size(value) ? std::string() : "not a size (bytes, or a number with K, M or G): " + value;
      });
  command->add_option("--max-retry-after", options->max_retry_after,
                      "Longest Retry-After honoured, in seconds (default 3600); longer ones are cut to it and logged")
      ->check(CLI::NonNegativeNumber);
  command->add_option("-j,--jobs", options->jobs,
                      "Threads extracting fetched documents (default: one per core); one thread stores, in fetch order")
      ->check(CLI::NonNegativeNumber);
  command->add_option("--worker", options->worker,
                      "This process's name as one of several crawl workers sharing the database's frontier (default "
                      "on PostgreSQL: host:pid; on an SQLite file, only with this option)");
  command->add_option("--lease", options->lease,
                      "Seconds a worker's claim on a URL or a host lives unless renewed (default 60); a killed "
                      "worker's claims pass to the others after it")
      ->check(CLI::PositiveNumber);
  command->callback([options, &exit_code] { exit_code = run_crawl(*options); });
}

}  // namespace nianbao::cli
