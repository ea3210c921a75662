// The crawl engine: seeds in, every report page and attachment out (handed to a sink), politely
// (one request per host, jittered delay, robots.txt, backoff), resumably (the frontier lives in the
// database, shared by several workers when CrawlOptions::worker is set) and byte-exact (bodies kept
// by sha256). One libcurl multi loop; the sink runs on a worker thread.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "crawler/crawl_options.h"
#include "crawler/crawl_types.h"
#include "crawler/delivery_worker.h"
#include "crawler/discovery.h"
#include "crawler/frontier.h"
#include "crawler/host_state.h"
#include "crawler/response_verdict.h"
#include "crawler/transfer_pool.h"

namespace nianbao::crawler {

struct CrawlStats {
  // reports_found: report links discovered (redirect hops are not new reports; a report whose
  // redirects loop or exceed the limit is taken back off). unprocessable: fetched pages that could
  // not be read (e.g. nested too deep), recorded as failed. retry_after_capped: Retry-After values
  // cut to max_retry_after_seconds.
  int64_t hosts = 0, queued = 0, requests = 0, fetched = 0, documents = 0, reports_found = 0, errors = 0,
          challenges = 0, robots_denied = 0, not_modified = 0, bytes = 0, unprocessable = 0, redirect_loops = 0,
          retry_after_capped = 0, waiting_hosts = 0;  // waiting_hosts: blocked by backoff/Retry-After now
  std::map<long, int64_t> status_counts;  // HTTP status -> responses (0: transport error)
  std::set<std::string> challenged_hosts;
};

struct CrawlSummary {
  CrawlStats stats;
  bool finished = false;  // false: stopped by max_fetches; the next run resumes
  bool resumed = false;
  std::vector<std::pair<std::string, int64_t>> url_states;
};

using ProgressSink = std::function<void(const CrawlStats&)>;

class Crawler {
 public:
  Crawler(const std::string& db_path, CrawlOptions options);
  // Throws std::invalid_argument naming the URL when it is not an http/https URL.
  void add_seed(const Seed& seed);
  // The sink runs on a delivery thread (see DeliveryWorker) while the crawl goes on; run() returns
  // only after every fetched document went through it.
  CrawlSummary run(const DocumentSink& sink, const ProgressSink& progress = {});

 private:
  // The URLs a redirect chain went through before reaching a URL (in this process), and whether
  // its first URL was counted as a report page found.
  struct RedirectChain {
    std::vector<std::string> urls;
    bool counted_report = false;
  };

  // A page recorded in a batch's first transaction, read after it committed (see handle_batch).
  struct PendingRead {
    UrlRecord record;
    std::string owned_bytes;  // the stored copy of a 304 page (others point into their response)
    FetchedPage page;
    DecodedPage text;
    UrlUpdate update;
    std::string problem;
  };

  struct InFlight {
    bool robots = false;
    std::string origin;
    int64_t url_id = 0;
    double started_at = 0;
  };

  void log(const std::string& line) const;
  double now() const;
  HostState& host_for(const std::string& origin);
  void enqueue(UrlRecord record);
  void hold(UrlRecord record);
  bool shared() const { return frontier_.shared(); }
  void claim_turns();
  bool take_turn(HostState& host);
  void hold_turn(HostState& host, int backoff_level);
  bool work_left_elsewhere();
  void end_turn(HostState& host);
  void keep_claims_alive();
  void take_over_unfinished_work();
  void launch_ready();
  bool launch_from_host(HostState& host);
  bool launch_from_queue(HostState& host);
  bool resolve_robots_before_launch(HostState& host);
  void launch_robots(HostState& host);
  void launch_url(HostState& host, const UrlRecord& record);
  void defer_host(HostState& host);
  void handle_batch(const std::vector<std::pair<uint64_t, HttpResponse>>& finished);
  void handle(uint64_t token, const HttpResponse& response);
  void handle_robots(HostState& host, const HttpResponse& response);
  void apply_robots(HostState& host, long status, const std::string& body);
  void handle_url(HostState& host, UrlRecord record, const HttpResponse& response);
  void follow_redirect(const UrlRecord& record, const ResponseVerdict& verdict, UrlUpdate& update,
                       std::vector<DiscoveredLink>& links, int& redirect_hops);
  RedirectChain chain_to(const UrlRecord& record) const;
  void fail_redirect_chain(const UrlRecord& record, UrlUpdate& update, const std::string& error);
  double host_wait_seconds(HostState& host, const ResponseVerdict& verdict);
  void start_waiting(HostState& host, double wait, const std::string& reason);
  void record_then_read(const UrlRecord& record, const FetchRecord& fetch, const UrlUpdate& update,
                        const std::string* body, const FetchedPage& page, const DecodedPage& text, const std::string& problem);
  void read_page(const UrlRecord& record, const FetchedPage& page, const DecodedPage& text, UrlUpdate update);
  void fail_unreadable(const UrlRecord& record, UrlUpdate update, const std::string& problem);
  void resume_reading(UrlRecord record);
  void schedule_retry(HostState& host, UrlRecord& record, UrlUpdate& update, double at, bool exhausted_state_is_challenge);
  std::vector<DiscoveredLink> scoped(const UrlRecord& parent, const PageDiscovery& found, bool follow_pagination);
  void store_links(const UrlRecord& parent, const std::vector<DiscoveredLink>& links, int redirects);
  bool adds_new_items(const PageDiscovery& found);
  void deliver(CrawledDocument document, std::string bytes);
  const std::optional<Seed>& seed_of(int64_t url_id);
  void inherit_seed(int64_t parent_id, int64_t child_id, const DiscoveredLink& link);
  void record_deliveries();
  void deliver_pending(const std::vector<PendingDelivery>& pending);
  int wait_budget_ms() const;
  bool write_window_over(size_t held, double window_started) const;
  void report_progress(const ProgressSink& progress, bool force);
  bool allowed_host(const std::string& url) const;

  CrawlOptions options_;
  Frontier frontier_;
  TransferPool pool_;
  std::vector<Seed> seeds_;
  std::set<std::string> allowed_hosts_;
  std::map<std::string, HostState> hosts_;
  std::unordered_map<int64_t, UrlRecord> pending_;
  std::unordered_map<uint64_t, InFlight> in_flight_;
  std::set<std::string> seen_items_;
  std::unordered_map<std::string, RedirectChain> redirect_chains_;  // target URL -> how it was reached
  // The seed each URL was found from (see seed_of), known without a query for the links this
  // process stored below a page whose seed it already looked up; seed URLs of this run's seeds_.
  std::unordered_map<int64_t, std::optional<Seed>> seed_by_url_id_;
  std::set<std::string> seed_urls_;
  // While handle_batch runs: reads wait for the first commit, deliveries for the second.
  bool deferring_reads_ = false, deferring_deliveries_ = false;
  std::vector<std::unique_ptr<PendingRead>> pending_reads_;
  std::vector<std::pair<CrawledDocument, std::string>> pending_deliveries_;
  uint64_t next_token_ = 1;
  CrawlStats stats_;
  std::mt19937 random_;
  DeliveryWorker* delivery_ = nullptr;  // lives for the duration of run()
  double last_progress_ = 0;
  // Shared frontier: when this worker may claim again (after a claim that found less than it
  // asked for), renew its leases and ask again whether work is left anywhere.
  double next_claim_at_ = 0, next_renewal_at_ = 0, next_work_check_at_ = 0;
  bool work_left_elsewhere_ = true;  // the last answer of Frontier::work_left (see work_left_elsewhere)
};

// "scheme://host[:port]" of an absolute URL ("" when it cannot be parsed).
std::string origin_of(const std::string& url);

}  // namespace nianbao::crawler
