// The crawl engine (see crawler.h): a scheduling loop over per-host queues, one libcurl multi pool,
// and store transactions per batch of finished exchanges: the fetch row, body and URL state are
// recorded before the page is read (links, delivery), the outcome after it — so a kill -9 loses only
// the exchanges in flight or held in the write window (fetched again by the next run), repeats no
// recorded request, and a page that crashes the reader is read at most twice, never in a loop.
#include "crawler/crawler.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <stdexcept>

#include "common/sha256.h"
#include "crawler/charset.h"
#include "crawler/document_type.h"
#include "crawler/url.h"

namespace nianbao::crawler {
namespace {

// Fetched bodies waiting for the sink beyond the one it is working on (one is always accepted). When
// the sink is slower than the network the crawl waits for it; a larger queue would only add memory.
constexpr size_t kMaxQueuedDeliveryBytes = 8u << 20;

// Shared frontier: how long a worker waits before asking the database again for hosts' turns when
// the last claim found fewer than it asked for, or for a host whose turn another worker holds; and
// how many unfinished reads / pending deliveries of dead workers it takes over at once.
constexpr double kClaimPollSeconds = 0.02;
constexpr int kTakeOverBatch = 64;
// How often an idle worker asks whether the crawl has work left anywhere (its end is seen that late).
constexpr double kWorkCheckSeconds = 0.25;

// next_fetch_at of a queued URL whose exchange is recorded but whose body is not read yet: the
// first reading, and the second after an interrupted first (see Crawler::resume_reading).
constexpr double kReadingMarker = -1;
constexpr double kRereadingMarker = -2;

std::string processing_did_not_finish(const std::string& url) { return url + ": processing did not finish"; }

std::string utc_time(double unix_seconds) {
  std::time_t when = static_cast<std::time_t>(unix_seconds);
  std::tm utc{};
  gmtime_r(&when, &utc);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return buffer;
}

std::string seconds_text(double seconds) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.1f", seconds);
  return buffer;
}

// Decodes a page for reading; a decoder failure becomes `problem` instead of an exception.
DecodedPage decode_for_reading(const FetchedPage& page, std::string& problem) {
  try {
    return decode_fetched_page(page);
  } catch (const std::exception& error) {
    problem = std::string("cannot decode the page: ") + error.what();
    return {};
  }
}

std::string host_name_of(const std::string& url) {
  auto parts = parse_url(url);
  return parts ? parts->host : "";
}

std::string path_and_query(const std::string& url) {
  auto parts = parse_url(url);
  if (!parts) return "/";
  return parts->path + (parts->query.empty() ? "" : "?" + parts->query);
}

// A document for the sink without its bytes (the delivery worker points them at its own copy) and
// without its seed (deliver() adds it).
CrawledDocument crawled_document(int64_t url_id, const std::string& url, UrlKind kind, const std::string& sha256,
                                 const std::string& content_type, const std::string& charset, const std::string& anchor_text) {
  CrawledDocument document;
  document.url_id = url_id;
  document.url = url;
  document.kind = kind;
  document.sha256 = sha256;
  document.content_type = content_type;
  document.charset = charset;
  document.anchor_text = anchor_text;
  return document;
}

}  // namespace

std::string origin_of(const std::string& url) {
  auto parts = parse_url(url);
  if (!parts) return "";
  return parts->scheme + "://" + parts->host + (parts->port.empty() ? "" : ":" + parts->port);
}

Crawler::Crawler(const std::string& db_path, CrawlOptions options)
    : options_(std::move(options)), frontier_(db_path), random_(std::random_device{}()) {
  if (!options_.worker.empty()) frontier_.share(options_.worker, options_.lease_seconds);
}

void Crawler::log(const std::string& line) const {
  if (options_.log) options_.log(line);
}

double Crawler::now() const {
  return std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
}

void Crawler::add_seed(const Seed& seed) {
  if (origin_of(seed.url).empty()) throw std::invalid_argument("seed URL is not an http/https URL: " + seed.url);
  seeds_.push_back(seed);
  seed_urls_.insert(seed.url);
  allowed_hosts_.insert(host_name_of(seed.url));
}

bool Crawler::allowed_host(const std::string& url) const { return allowed_hosts_.count(host_name_of(url)) > 0; }

HostState& Crawler::host_for(const std::string& origin) {
  auto [it, inserted] = hosts_.try_emplace(origin);
  if (inserted) {
    it->second.origin = origin;
    it->second.delay_seconds = options_.delay_seconds;
    ++stats_.hosts;
  }
  return it->second;
}

// A URL found (or loaded from the frontier) for this process; a worker of the shared frontier only
// counts it: URLs reach its queues by claims (claim_turns).
void Crawler::enqueue(UrlRecord record) {
  if (record.kind == UrlKind::report && record.redirects == 0) ++stats_.reports_found;
  if (!shared()) hold(std::move(record));
}

void Crawler::hold(UrlRecord record) {
  HostState& host = host_for(record.host);
  host.queue.push_back(record.id);
  pending_[record.id] = std::move(record);
}

// Takes the turn of as many due hosts as slots are free, each with one URL (shared frontier).
void Crawler::claim_turns() {
  double current = now();
  int free_slots = options_.max_concurrency - static_cast<int>(pool_.active());
  if (options_.max_fetches > 0) free_slots = std::min<int64_t>(free_slots, options_.max_fetches - stats_.requests);
  if (free_slots <= 0 || current < next_claim_at_) return;
  std::vector<ClaimedTurn> claimed = frontier_.claim_turns(free_slots, current);
  next_claim_at_ = static_cast<int>(claimed.size()) < free_slots ? current + kClaimPollSeconds : 0;
  for (ClaimedTurn& turn : claimed) {
    hold_turn(host_for(turn.host), turn.backoff_level);
    hold(std::move(turn.record));
  }
}

// The database gave this worker the host's turn: the host is due (its own times are the database's).
void Crawler::hold_turn(HostState& host, int backoff_level) {
  host.has_turn = true;
  host.backoff_level = backoff_level;
  host.next_allowed_at = host.blocked_until = 0;
}

// Takes a host's turn for a URL this worker already holds (e.g. after fetching its robots.txt).
bool Crawler::take_turn(HostState& host) {
  std::optional<int> backoff_level = frontier_.take_turn(host.origin);
  if (!backoff_level) {
    host.next_allowed_at = now() + kClaimPollSeconds;
    return false;
  }
  hold_turn(host, *backoff_level);
  return true;
}

// After a request: the host's next allowed start and any backoff go to the database as durations
// from now (its clock), with the turn.
void Crawler::end_turn(HostState& host) {
  if (!host.has_turn) return;
  host.has_turn = false;
  double current = now();
  double wait = std::max(0.0, host.next_allowed_at - current), blocked = std::max(0.0, host.blocked_until - current);
  if (!frontier_.end_turn(host.origin, wait, blocked, host.backoff_level))
    log("the turn of " + host.origin + " had expired before its request ended (another worker may have taken it; lease " +
        seconds_text(options_.lease_seconds) + " s)");
}

// Renews this worker's leases and turns every third of a lease, and takes over what dead workers
// left (their leases ran out): bodies never delivered, pages recorded but not read.
void Crawler::keep_claims_alive() {
  double current = now();
  if (current < next_renewal_at_) return;
  next_renewal_at_ = current + options_.lease_seconds / 3;
  frontier_.renew_leases();
  take_over_unfinished_work();
}

// Whether URLs are queued anywhere or another worker's delivery is pending, asked of the database
// at most every kWorkCheckSeconds while this worker idles (the query scans crawl_urls).
bool Crawler::work_left_elsewhere() {
  double current = now();
  if (current >= next_work_check_at_) {
    work_left_elsewhere_ = frontier_.work_left();
    next_work_check_at_ = current + kWorkCheckSeconds;
  }
  return work_left_elsewhere_;
}

void Crawler::take_over_unfinished_work() {
  deliver_pending(frontier_.claim_pending_deliveries(kTakeOverBatch));
  for (UrlRecord& record : frontier_.claim_unfinished_reads(kTakeOverBatch)) resume_reading(std::move(record));
}

CrawlSummary Crawler::run(const DocumentSink& sink, const ProgressSink& progress) {
  DeliveryWorker worker(sink, kMaxQueuedDeliveryBytes);
  delivery_ = &worker;
  CrawlSummary summary;
  RunStart start = frontier_.begin_run(now());
  summary.resumed = start.resumed;
  log(std::string(start.resumed ? "resuming" : "starting") + " crawl run " + std::to_string(start.run_id) +
      (options_.ignore_robots ? " (robots.txt IGNORED: --ignore-robots)" : ""));
  for (const Seed& seed : seeds_) frontier_.add_seed(seed, origin_of(seed.url));
  if (shared()) {
    log("worker " + options_.worker + " of a shared frontier (leases of " + seconds_text(options_.lease_seconds) + " s)");
  } else {
    deliver_pending(frontier_.pending_deliveries());
    for (UrlRecord& record : frontier_.pending_urls()) {
      if (record.next_fetch_at < 0) resume_reading(std::move(record));
      else enqueue(std::move(record));
    }
  }
  bool stopped_early = false;
  std::vector<std::pair<uint64_t, HttpResponse>> held;  // finished, not yet written (see write_window_over)
  double window_started = 0;
  while (true) {
    bool may_launch = options_.max_fetches <= 0 || stats_.requests < options_.max_fetches;
    if (shared()) keep_claims_alive();
    if (shared() && may_launch) claim_turns();
    if (may_launch) launch_ready();
    if (!held.empty() && write_window_over(held.size(), window_started)) {
      handle_batch(held);
      held.clear();
      report_progress(progress, false);
      continue;  // the batch freed its hosts and may have found links: launch first
    }
    if (pool_.active() == 0 && (pending_.empty() || !may_launch)) {
      // A worker of the shared frontier goes on while URLs are queued anywhere (other workers may
      // still find links, or die and leave theirs) and it may fetch.
      bool others_have_work = shared() && work_left_elsewhere();
      if (!(others_have_work && may_launch)) {
        stopped_early = !pending_.empty() || others_have_work;
        break;
      }
    }
    int budget_ms = wait_budget_ms();
    if (!held.empty()) {
      double left = window_started + options_.write_window_seconds - now();
      budget_ms = std::clamp(static_cast<int>(std::ceil(left * 1000)), 1, budget_ms);
    }
    for (auto& exchange : pool_.wait(budget_ms)) {
      if (held.empty()) window_started = now();
      held.push_back(std::move(exchange));
    }
    if (held.empty()) record_deliveries();
    report_progress(progress, false);
  }
  worker.drain();
  record_deliveries();
  if (shared()) frontier_.release_claims();  // URLs held but not fetched (--max-pages), failed deliveries
  summary.finished = !stopped_early;
  if (summary.finished) frontier_.finish_run(now());
  report_progress(progress, true);
  summary.stats = stats_;
  summary.url_states = frontier_.state_counts();
  log(std::string("crawl ") + (summary.finished ? "finished" : "stopped before the end (will resume)") + ": " +
      std::to_string(stats_.requests) + " requests, " + std::to_string(stats_.documents) + " documents, " +
      std::to_string(stats_.errors) + " errors");
  delivery_ = nullptr;
  return summary;
}

// How long the pool may wait for the network: until the soonest host or queued URL becomes
// launchable, at most 250 ms. With every slot taken nothing can launch before a transfer finishes
// (which ends the wait), so the full 250 ms: the loop then wakes per finished transfer, not per ms.
int Crawler::wait_budget_ms() const {
  double soonest = 0.25;
  if (static_cast<int>(pool_.active()) >= options_.max_concurrency) return static_cast<int>(soonest * 1000);
  double current = now();
  for (const auto& [origin, host] : hosts_) {
    if (host.busy || host.queue.empty()) continue;
    double earliest_url = pending_.at(host.queue.front()).next_fetch_at;
    for (int64_t id : host.queue) {
      if (earliest_url <= current) break;  // already launchable: the rest cannot make it sooner
      earliest_url = std::min(earliest_url, pending_.at(id).next_fetch_at);
    }
    double ready = std::max(host.eligible_at(), earliest_url);
    soonest = std::min(soonest, std::max(0.0, ready - current));
    if (soonest <= 0) break;
  }
  if (shared()) soonest = std::min(soonest, std::max(next_claim_at_ - current, kClaimPollSeconds / 2));
  return std::max(1, static_cast<int>(std::ceil(soonest * 1000)));
}

// Held exchanges are written once a slot is free (nothing more could launch: the batch's hosts and
// the links it finds are what the loop waits for), once the window has passed, or at kMaxHeld.
bool Crawler::write_window_over(size_t held, double window_started) const {
  constexpr size_t kMaxHeld = 256;
  return static_cast<int>(pool_.active()) < options_.max_concurrency || held >= kMaxHeld ||
         now() - window_started >= options_.write_window_seconds;
}

void Crawler::report_progress(const ProgressSink& progress, bool force) {
  double current = now();
  if (!progress || (!force && current - last_progress_ < options_.progress_interval_seconds)) return;
  last_progress_ = current;
  stats_.queued = static_cast<int64_t>(pending_.size());
  stats_.waiting_hosts = 0;
  for (const auto& [origin, host] : hosts_) stats_.waiting_hosts += host.blocked_until > current ? 1 : 0;
  progress(stats_);
}

void Crawler::launch_ready() {
  double current = now();
  for (auto& [origin, host] : hosts_) {
    if (static_cast<int>(pool_.active()) >= options_.max_concurrency) return;
    if (options_.max_fetches > 0 && stats_.requests >= options_.max_fetches) return;
    if (host.busy || host.queue.empty() || current < host.eligible_at()) continue;
    launch_from_host(host);
  }
}

bool Crawler::resolve_robots_before_launch(HostState& host) {
  if (options_.ignore_robots || host.robots == RobotsStatus::ready) return true;
  if (host.robots == RobotsStatus::unavailable) {
    defer_host(host);
    return false;
  }
  if (host.robots == RobotsStatus::fetching) return false;
  if (auto cached = frontier_.cached_robots(host.origin); cached && now() - cached->fetched_at < options_.robots_cache_seconds) {
    apply_robots(host, cached->status, cached->body);
    return true;
  }
  launch_robots(host);
  return false;
}

// On the shared frontier a launch needs the host's turn (claimed with the URL, or taken now); a turn
// that launched nothing is given back at once.
bool Crawler::launch_from_host(HostState& host) {
  if (!shared()) return launch_from_queue(host);
  if (!host.has_turn && !take_turn(host)) return false;
  bool launched = launch_from_queue(host);
  if (host.has_turn && !host.busy) {
    host.has_turn = false;
    frontier_.give_back_turn(host.origin);
  }
  return launched;
}

bool Crawler::launch_from_queue(HostState& host) {
  if (!resolve_robots_before_launch(host)) return false;
  double current = now();
  for (auto it = host.queue.begin(); it != host.queue.end();) {
    UrlRecord& record = pending_.at(*it);
    if (record.next_fetch_at > current) {
      ++it;
      continue;
    }
    if (!options_.ignore_robots && !host.rules.allows(path_and_query(record.url))) {
      log("robots.txt disallows " + record.url);
      ++stats_.robots_denied;
      frontier_.update_url(record.id, state_update(url_state::robots_denied, record.tries, "robots.txt of " + host.origin + " disallows it"));
      pending_.erase(*it);
      it = host.queue.erase(it);
      continue;
    }
    UrlRecord chosen = record;
    host.queue.erase(it);
    launch_url(host, chosen);
    return true;
  }
  return false;
}

void Crawler::defer_host(HostState& host) {
  for (int64_t id : host.queue) {
    const UrlRecord& record = pending_.at(id);
    frontier_.update_url(id, state_update(url_state::deferred, record.tries, "deferred: " + host.robots_error));
    log("deferred " + record.url + ": " + host.robots_error);
    pending_.erase(id);
  }
  host.queue.clear();
}

void Crawler::launch_robots(HostState& host) {
  HttpRequest request;
  request.url = host.origin + "/robots.txt";
  request.user_agent = options_.user_agent;
  request.connect_timeout_ms = options_.connect_timeout_ms;
  request.total_timeout_ms = options_.transfer_timeout_ms;
  request.low_speed_bytes_per_second = options_.low_speed_bytes_per_second;
  request.low_speed_seconds = options_.low_speed_seconds;
  request.max_bytes = 512 * 1024;
  request.max_redirects = 5;
  host.robots = RobotsStatus::fetching;
  host.busy = true;
  uint64_t token = next_token_++;
  in_flight_[token] = {true, host.origin, 0, now()};
  ++stats_.requests;
  log("GET " + request.url);
  pool_.start(token, request);
}

void Crawler::launch_url(HostState& host, const UrlRecord& record) {
  HttpRequest request;
  request.url = record.url;
  request.method = record.method;
  request.body = record.body;
  request.user_agent = options_.user_agent;
  request.connect_timeout_ms = options_.connect_timeout_ms;
  request.total_timeout_ms = options_.transfer_timeout_ms;
  request.low_speed_bytes_per_second = options_.low_speed_bytes_per_second;
  request.low_speed_seconds = options_.low_speed_seconds;
  request.max_bytes = record.kind == UrlKind::attachment ? options_.max_attachment_bytes : options_.max_page_bytes;
  if (!record.content_sha256.empty()) {
    request.if_none_match = record.etag;
    request.if_modified_since = record.last_modified;
  }
  host.busy = true;
  uint64_t token = next_token_++;
  in_flight_[token] = {false, host.origin, record.id, now()};
  ++stats_.requests;
  log(record.method + " " + record.url + " [" + to_string(record.kind) + ", try " + std::to_string(record.tries + 1) + "]");
  pool_.start(token, request);
}

// The exchanges that finished together, in the order record_then_read keeps for one page: all
// recorded (fetch rows, bodies, "reading" markers) in one transaction, then all read and their
// links and outcomes recorded in a second, then handed to the sink. A crash while reading leaves
// every page of the batch marked, so each is read at most twice, as alone.
void Crawler::handle_batch(const std::vector<std::pair<uint64_t, HttpResponse>>& finished) {
  if (finished.empty()) return;
  pending_reads_.clear();
  pending_deliveries_.clear();
  deferring_reads_ = true;
  {
    FrontierWrite batch = frontier_.begin_batch("recording " + std::to_string(finished.size()) + " exchanges");
    for (const auto& [token, response] : finished) handle(token, response);
    batch.commit();
  }
  deferring_reads_ = false;
  if (pending_reads_.empty()) {
    record_deliveries();
    return;
  }
  deferring_deliveries_ = true;
  {
    FrontierWrite batch = frontier_.begin_batch("recording what " + std::to_string(pending_reads_.size()) + " pages link to");
    for (const auto& read : pending_reads_) {
      if (!read->problem.empty()) fail_unreadable(read->record, read->update, read->problem);
      else read_page(read->record, read->page, read->text, read->update);
    }
    record_deliveries();  // the sink's outcomes so far, in the same commit
    batch.commit();
  }
  deferring_deliveries_ = false;
  pending_reads_.clear();
  for (auto& [document, bytes] : pending_deliveries_) deliver(std::move(document), std::move(bytes));
  pending_deliveries_.clear();
}

void Crawler::handle(uint64_t token, const HttpResponse& response) {
  InFlight flight = in_flight_.at(token);
  in_flight_.erase(token);
  HostState& host = hosts_.at(flight.origin);
  host.busy = false;
  host.next_allowed_at = next_request_at(flight.started_at, now(), host.delay_seconds, options_.delay_jitter, random_);
  ++stats_.status_counts[response.curl_code == CURLE_OK ? response.status : 0];
  if (flight.robots) {
    handle_robots(host, response);
  } else {
    UrlRecord record = pending_.at(flight.url_id);
    pending_.erase(flight.url_id);
    handle_url(host, std::move(record), response);
  }
  end_turn(host);  // in the batch's transaction: the host's new times commit with the exchange
}

void Crawler::apply_robots(HostState& host, long status, const std::string& body) {
  host.robots = RobotsStatus::ready;
  host.rules = status >= 200 && status < 300 ? RobotsRules::parse(body, options_.agent_token) : RobotsRules::allow_all();
  if (auto crawl_delay = host.rules.crawl_delay_seconds()) {
    double honoured = std::min(*crawl_delay, options_.max_crawl_delay_seconds);
    host.delay_seconds = std::max(options_.delay_seconds, honoured);
    log("robots.txt of " + host.origin + ": Crawl-delay " + std::to_string(*crawl_delay) + " s, using " +
        std::to_string(host.delay_seconds) + " s");
  }
}

void Crawler::handle_robots(HostState& host, const HttpResponse& response) {
  std::string url = host.origin + "/robots.txt";
  ResponseVerdict verdict = judge_response(url, response);
  FetchRecord fetch{0, url, response.final_url, "GET", response.status, to_string(verdict.verdict), response.header_block,
                    response.header("content-type"), "", "", static_cast<int64_t>(response.body.size()), response.elapsed_ms,
                    verdict.reason};
  frontier_.record_fetch(fetch, nullptr);
  long status = response.status;
  bool usable = response.curl_code == CURLE_OK && verdict.verdict != Verdict::challenge &&
                ((status >= 200 && status < 300) || (status >= 400 && status < 500 && status != 429 && status != 408));
  if (usable) {
    log("robots.txt of " + host.origin + ": HTTP " + std::to_string(status) + (status >= 400 ? " (treated as allow all)" : ""));
    frontier_.save_robots(host.origin, status, response.body, now());
    apply_robots(host, status, response.body);
    return;
  }
  ++stats_.errors;
  if (verdict.verdict == Verdict::challenge) {
    ++stats_.challenges;
    stats_.challenged_hosts.insert(host.origin);
  }
  host.robots_error = "robots.txt unavailable (" + (verdict.reason.empty() ? url : verdict.reason) + ")";
  if (++host.robots_tries >= options_.max_tries) {
    host.robots = RobotsStatus::unavailable;
    log("robots.txt of " + host.origin + " unavailable after " + std::to_string(host.robots_tries) + " tries: host deferred");
    defer_host(host);
    return;
  }
  host.robots = RobotsStatus::unknown;
  start_waiting(host, host_wait_seconds(host, verdict), host.robots_error);
}

void Crawler::schedule_retry(HostState& host, UrlRecord& record, UrlUpdate& update, double at, bool challenge) {
  update.tries = record.tries + 1;
  if (update.tries >= options_.max_tries) {
    update.state = challenge ? url_state::challenge : url_state::failed;
    ++stats_.errors;
    log("giving up on " + record.url + " after " + std::to_string(update.tries) + " tries: " + update.error);
    return;
  }
  update.state = url_state::queued;
  update.next_fetch_at = at;
  record.tries = update.tries;
  record.next_fetch_at = at;
  (void)host;
}

bool Crawler::adds_new_items(const PageDiscovery& found) {
  bool added = false;
  for (const std::string& url : found.item_urls) added = seen_items_.insert(url).second || added;
  return added;
}

std::vector<DiscoveredLink> Crawler::scoped(const UrlRecord& parent, const PageDiscovery& found, bool follow_pagination) {
  std::vector<DiscoveredLink> links;
  auto keep = [&](const DiscoveredLink& link) {
    if (!allowed_host(link.url)) return;
    links.push_back(link);
  };
  if (parent.depth + 1 <= options_.max_depth)
    for (const DiscoveredLink& link : found.links) keep(link);
  if (follow_pagination)
    for (const DiscoveredLink& link : found.next_pages) keep(link);
  return links;
}

void Crawler::store_links(const UrlRecord& parent, const std::vector<DiscoveredLink>& links, int redirects) {
  for (const DiscoveredLink& link : links) {
    bool same_column_page = link.kind == UrlKind::list && parent.kind == UrlKind::list;
    int depth = (same_column_page || redirects > 0) ? parent.depth : parent.depth + 1;
    std::string origin = origin_of(link.url);
    auto id = frontier_.add_link(link, origin, depth, parent.id, redirects);
    if (!id) continue;
    inherit_seed(parent.id, *id, link);
    UrlRecord record;
    record.id = *id;
    record.url = link.url;
    record.method = link.method;
    record.body = link.body;
    record.host = origin;
    record.kind = link.kind;
    record.depth = depth;
    record.redirects = redirects;
    record.anchor_text = link.anchor_text;
    enqueue(std::move(record));
  }
}

void Crawler::handle_url(HostState& host, UrlRecord record, const HttpResponse& response) {
  ResponseVerdict verdict = judge_response(record.url, response);
  FetchRecord fetch{record.id, record.url, response.final_url, record.method, response.status, to_string(verdict.verdict),
                    response.header_block, response.header("content-type"), "", "",
                    static_cast<int64_t>(response.body.size()), response.elapsed_ms, verdict.reason};
  UrlUpdate update = state_update(url_state::done, record.tries, "");
  std::vector<DiscoveredLink> links;
  int redirect_hops = 0;
  log(std::to_string(response.status) + " " + record.url + " " + std::to_string(response.body.size()) + " bytes " +
      std::to_string(response.elapsed_ms) + " ms" + (verdict.reason.empty() ? "" : " (" + verdict.reason + ")"));
  switch (verdict.verdict) {
    case Verdict::ok: {
      host.backoff_level = 0;
      ++stats_.fetched;
      stats_.bytes += static_cast<int64_t>(response.body.size());
      fetch.sha256 = sha256_hex(response.body);
      DocumentType type = sniff_document_type(response.body);
      if (record.kind == UrlKind::attachment && !is_attachment_document(type)) {
        update.state = url_state::gone;
        update.error = record.url + ": expected an attachment, got " + to_string(type);
        fetch.outcome = "not_a_document";
        fetch.error = update.error;
        ++stats_.errors;
        break;
      }
      FetchedPage page{record.kind, record.url, record.body, response.body, fetch.content_type, options_.max_list_pages};
      std::string problem;
      DecodedPage text = decode_for_reading(page, problem);
      fetch.charset = text.charset;
      update.content_sha256 = fetch.sha256;
      update.etag = response.header("etag");
      update.last_modified = response.header("last-modified");
      update.content_type = fetch.content_type;
      update.charset = text.charset;
      update.deliver = (record.kind == UrlKind::report || record.kind == UrlKind::attachment) &&
                       fetch.sha256 != record.content_sha256;
      record_then_read(record, fetch, update, &response.body, page, text, problem);
      return;
    }
    case Verdict::not_modified: {
      host.backoff_level = 0;
      ++stats_.not_modified;
      fetch.sha256 = record.content_sha256;
      if (auto stored = frontier_.blob(record.content_sha256)) {
        FetchedPage page{record.kind, record.url, record.body, *stored, "", options_.max_list_pages};
        std::string problem;
        DecodedPage text = decode_for_reading(page, problem);
        record_then_read(record, fetch, update, nullptr, page, text, problem);
        return;
      }
      break;
    }
    case Verdict::redirect:
      follow_redirect(record, verdict, update, links, redirect_hops);
      break;
    case Verdict::retry_url:
      update.error = verdict.reason;
      schedule_retry(host, record, update, now() + options_.retry_base_seconds * std::pow(2.0, record.tries), false);
      break;
    case Verdict::backoff_host:
    case Verdict::challenge: {
      bool challenge = verdict.verdict == Verdict::challenge;
      if (challenge) {
        ++stats_.challenges;
        stats_.challenged_hosts.insert(host.origin);
        fetch.outcome = "challenge:" + verdict.challenge;
      }
      update.error = verdict.reason;
      start_waiting(host, host_wait_seconds(host, verdict), verdict.reason);
      schedule_retry(host, record, update, host.blocked_until, challenge);
      break;
    }
    case Verdict::gone:
    case Verdict::failed:
      update.state = verdict.verdict == Verdict::gone ? url_state::gone : url_state::failed;
      update.error = verdict.reason;
      ++stats_.errors;
      break;
  }
  {
    FrontierWrite transaction = frontier_.begin_transaction("recording the exchange with " + record.url);
    frontier_.record_fetch(fetch, nullptr);
    frontier_.update_url(record.id, update);
    store_links(record, links, redirect_hops);
    transaction.commit();
  }
  if (update.state == url_state::queued && !shared()) {  // a worker's retry goes back to the shared frontier
    pending_[record.id] = record;
    host.queue.push_back(record.id);
  }
}

// Records the exchange first — fetch row, body, the copy the URL now points to (and its pending
// delivery), the URL marked "processing did not finish" — and only then reads the page. A crash
// while reading leaves that record behind, and the next run knows not to fetch it again.
void Crawler::record_then_read(const UrlRecord& record, const FetchRecord& fetch, const UrlUpdate& update,
                               const std::string* body, const FetchedPage& page, const DecodedPage& text,
                               const std::string& problem) {
  UrlUpdate reading = update;
  reading.state = url_state::queued;
  reading.next_fetch_at = kReadingMarker;
  reading.error = processing_did_not_finish(record.url);
  {
    FrontierWrite transaction = frontier_.begin_transaction("recording the exchange with " + record.url);
    frontier_.record_fetch(fetch, body);
    frontier_.update_url(record.id, reading);
    transaction.commit();
  }
  if (deferring_reads_) {
    auto read = std::make_unique<PendingRead>(PendingRead{record, "", page, text, update, problem});
    if (!body) {
      read->owned_bytes = std::string(page.bytes);
      read->page.bytes = read->owned_bytes;
    }
    pending_reads_.push_back(std::move(read));
    return;
  }
  if (!problem.empty()) {
    fail_unreadable(record, update, problem);
    return;
  }
  read_page(record, page, text, update);
}

// Finds the page's links, then records its final state with them and hands a report page or
// attachment to the sink. An exception while reading (e.g. HtmlTooDeep) fails the URL with it.
void Crawler::read_page(const UrlRecord& record, const FetchedPage& page, const DecodedPage& text, UrlUpdate update) {
  std::vector<DiscoveredLink> links;
  try {
    PageDiscovery found = report_page_may_have_links(page, text) ? discover_links(page, text) : PageDiscovery{};
    links = scoped(record, found, record.kind != UrlKind::list || adds_new_items(found));
  } catch (const std::exception& error) {
    fail_unreadable(record, update, error.what());
    return;
  }
  {
    FrontierWrite transaction = frontier_.begin_transaction("recording what " + record.url + " links to");
    frontier_.update_url(record.id, update);
    store_links(record, links, 0);
    transaction.commit();
  }
  if (update.deliver)
    deliver(crawled_document(record.id, record.url, record.kind, *update.content_sha256, update.content_type.value_or(""),
                             text.charset, record.anchor_text),
            std::string(page.bytes));
}

void Crawler::fail_unreadable(const UrlRecord& record, UrlUpdate update, const std::string& problem) {
  update.state = url_state::failed;
  update.next_fetch_at = 0;
  update.error = record.url + ": cannot process the page: " + problem;
  update.deliver = false;
  ++stats_.errors;
  ++stats_.unprocessable;
  log(update.error);
  FrontierWrite transaction = frontier_.begin_transaction("recording that " + record.url + " cannot be processed");
  frontier_.update_url(record.id, update);
  transaction.commit();
}

// A URL an earlier run recorded but did not finish reading (killed, or crashed while reading it).
// It is read once more from its stored copy — a kill loses nothing — and fails for good if that
// reading was interrupted too, so a page that crashes the reader cannot do so a third time.
void Crawler::resume_reading(UrlRecord record) {
  std::optional<std::string> stored = frontier_.blob(record.content_sha256);
  if (record.next_fetch_at <= kRereadingMarker || !stored) {
    std::string error = processing_did_not_finish(record.url) +
                        (stored ? " (interrupted twice while reading it; not read again)" : " (no stored copy to read)");
    ++stats_.errors;
    ++stats_.unprocessable;
    log(error);
    frontier_.update_url(record.id, state_update(url_state::failed, record.tries, error));
    return;
  }
  log("reading " + record.url + " again from its stored copy: an earlier run did not finish processing it");
  frontier_.update_url(record.id, state_update(url_state::queued, record.tries, processing_did_not_finish(record.url),
                                               kRereadingMarker));
  FetchedPage page{record.kind, record.url, record.body, *stored, "", options_.max_list_pages};
  std::string problem;
  DecodedPage text = decode_for_reading(page, problem);
  UrlUpdate update = state_update(url_state::done, record.tries, "");
  if (!problem.empty()) {
    fail_unreadable(record, update, problem);
    return;
  }
  read_page(record, page, text, update);
}

// How long a host must wait after a 429/503/challenge: its Retry-After (capped by
// max_retry_after_seconds, which is logged) or the exponential backoff.
double Crawler::host_wait_seconds(HostState& host, const ResponseVerdict& verdict) {
  if (!verdict.retry_after_s)
    return backoff_seconds(host.backoff_level++, options_.backoff_base_seconds, options_.backoff_max_seconds, random_);
  double asked = std::max(0.0, *verdict.retry_after_s);
  if (asked <= options_.max_retry_after_seconds) return asked;
  ++stats_.retry_after_capped;
  log("Retry-After of " + seconds_text(asked) + " s from " + host.origin + " capped at " +
      seconds_text(options_.max_retry_after_seconds) + " s (--max-retry-after)");
  return options_.max_retry_after_seconds;
}

void Crawler::start_waiting(HostState& host, double wait, const std::string& reason) {
  double until = std::max(host.blocked_until, now() + wait);
  host.blocked_until = until;
  log("host " + host.origin + " waits " + seconds_text(wait) + " s, until " + utc_time(until) + " (" + reason + ")");
}

// The URLs a redirect chain passed through before `record` (known only for chains followed by
// this process) and whether the chain's first URL counted as a report page found.
Crawler::RedirectChain Crawler::chain_to(const UrlRecord& record) const {
  auto found = redirect_chains_.find(record.url);
  if (found != redirect_chains_.end()) return found->second;
  return {{}, record.kind == UrlKind::report && record.redirects == 0};
}

void Crawler::fail_redirect_chain(const UrlRecord& record, UrlUpdate& update, const std::string& error) {
  update.state = url_state::failed;
  update.error = error;
  ++stats_.errors;
  if (chain_to(record).counted_report) --stats_.reports_found;  // it never led to a report page
  log(error);
}

void Crawler::follow_redirect(const UrlRecord& record, const ResponseVerdict& verdict, UrlUpdate& update,
                              std::vector<DiscoveredLink>& links, int& redirect_hops) {
  update.state = url_state::redirected;
  auto target = resolve_url(record.url, verdict.location);
  if (!target || !allowed_host(*target)) {
    update.error = record.url + ": redirect to " + verdict.location + " leaves the allowed hosts";
    return;
  }
  RedirectChain chain = chain_to(record);
  chain.urls.push_back(record.url);
  auto loop_start = std::find(chain.urls.begin(), chain.urls.end(), *target);
  if (loop_start != chain.urls.end()) {
    ++stats_.redirect_loops;
    std::string path;
    for (auto it = loop_start; it != chain.urls.end(); ++it) path += *it + " → ";
    fail_redirect_chain(record, update, record.url + ": redirect loop: " + path + *target);
    return;
  }
  if (record.redirects + 1 > options_.max_redirects) {
    fail_redirect_chain(record, update, record.url + ": more than " + std::to_string(options_.max_redirects) + " redirects");
    return;
  }
  links.push_back({*target, "GET", "", record.kind, record.anchor_text});
  redirect_hops = record.redirects + 1;
  redirect_chains_[*target] = std::move(chain);
}

// The seed a URL was found from (Frontier::seed_of_url: its nearest ancestor, itself included,
// whose URL is a seed), looked up once per URL and remembered.
const std::optional<Seed>& Crawler::seed_of(int64_t url_id) {
  auto found = seed_by_url_id_.find(url_id);
  if (found == seed_by_url_id_.end()) found = seed_by_url_id_.emplace(url_id, frontier_.seed_of_url(url_id)).first;
  return found->second;
}

// A link just stored below `parent_id` has its parent's seed — unless it is a seed itself (a GET of
// one of this run's seed URLs: that one is left to the query). So a column of N reports costs one
// seed query, not N. (A seed known only from an earlier run's sources is not recognised here.)
void Crawler::inherit_seed(int64_t parent_id, int64_t child_id, const DiscoveredLink& link) {
  bool may_be_a_seed = link.method == "GET" && (seed_urls_.count(link.url) > 0 || link.kind == UrlKind::seed);
  if (may_be_a_seed || parent_id <= 0) return;
  seed_by_url_id_.emplace(child_id, seed_of(parent_id));
}

// Hands the document over with the seed it was found from (the sink links reports to its agency).
void Crawler::deliver(CrawledDocument document, std::string bytes) {
  if (deferring_deliveries_) {
    pending_deliveries_.emplace_back(std::move(document), std::move(bytes));
    return;
  }
  if (const std::optional<Seed>& seed = seed_of(document.url_id)) {
    document.seed_agency = seed->agency;
    document.seed_region_code = seed->region_code;
    document.seed_level = seed->level;
  }
  delivery_->submit(document, std::move(bytes));
}

// Marks what the sink took as delivered (one transaction per batch); a failed hand-over stays
// pending in the frontier for the next run.
void Crawler::record_deliveries() {
  std::vector<DeliveryOutcome> outcomes = delivery_->take_finished();
  if (outcomes.empty()) return;
  FrontierWrite transaction = frontier_.begin_transaction("recording " + std::to_string(outcomes.size()) + " deliveries");
  for (const DeliveryOutcome& outcome : outcomes) {
    if (outcome.error.empty()) {
      frontier_.mark_delivered(outcome.url_id);
      ++stats_.documents;
      continue;
    }
    ++stats_.errors;
    log("could not hand " + outcome.url + " to the store (kept for the next run): " + outcome.error);
  }
  transaction.commit();
}

// Bodies stored by an interrupted run (or a dead worker) but never handed to the sink.
void Crawler::deliver_pending(const std::vector<PendingDelivery>& pending_list) {
  for (const PendingDelivery& pending : pending_list) {
    auto bytes = frontier_.blob(pending.sha256);
    if (!bytes) continue;
    log("delivering " + pending.url + " stored by an interrupted run");
    deliver(crawled_document(pending.url_id, pending.url, pending.kind, pending.sha256, pending.content_type, pending.charset,
                             pending.anchor_text),
            std::move(*bytes));
  }
}

}  // namespace nianbao::crawler
