// The frontier over store::CrawlState (see frontier.h): converts between the crawler's types (URL
// kinds, fetch records, updates) and the store's plain rows. No SQL here; the store holds it all.
#include "crawler/frontier.h"

#include "common/sha256.h"
#include "store/store_error.h"

namespace nianbao::crawler {
namespace {

UrlRecord url_record_from(const store::CrawlQueuedUrl& row) {
  UrlRecord record;
  record.id = row.id;
  record.url = row.url;
  record.method = row.method;
  record.body = row.body;
  record.host = row.host;
  record.kind = url_kind_from_string(row.kind);
  record.depth = row.depth;
  record.tries = row.tries;
  record.next_fetch_at = row.next_fetch_at;
  record.redirects = row.redirects;
  record.anchor_text = row.anchor_text;
  record.etag = row.etag;
  record.last_modified = row.last_modified;
  record.content_sha256 = row.content_sha256;
  return record;
}

store::CrawlFetch fetch_row(int64_t run_id, const FetchRecord& fetch) {
  return {.run_id = run_id,
          .url_id = fetch.url_id,
          .url = fetch.url,
          .final_url = fetch.final_url,
          .method = fetch.method,
          .status = fetch.status,
          .outcome = fetch.outcome,
          .headers = fetch.headers,
          .content_type = fetch.content_type,
          .charset = fetch.charset,
          .sha256 = fetch.sha256,
          .bytes = fetch.bytes,
          .elapsed_ms = fetch.elapsed_ms,
          .error = fetch.error};
}

std::vector<PendingDelivery> pending_from(const std::vector<store::CrawlPendingDelivery>& rows) {
  std::vector<PendingDelivery> pending;
  for (const store::CrawlPendingDelivery& row : rows)
    pending.push_back({row.url_id, row.url, row.anchor_text, row.content_type, row.charset, row.sha256,
                       url_kind_from_string(row.kind)});
  return pending;
}

}  // namespace

std::string request_fingerprint(const std::string& method, const std::string& url, const std::string& body) {
  return sha256_hex(method + " " + url + "\n" + body);
}

Frontier::Frontier(const std::string& db_path) : state_(db_path) {}

RunStart Frontier::begin_run(double now) {
  store::CrawlRunStart start = state_.begin_run(now);
  run_id_ = start.run_id;
  return {start.run_id, start.resumed};
}

void Frontier::finish_run(double now) { state_.finish_run(run_id_, now); }

int64_t Frontier::add_seed(const Seed& seed, const std::string& host) {
  state_.add_seed({seed.agency, seed.region_code, seed.level, seed.url});
  DiscoveredLink link{seed.url, "GET", "", UrlKind::seed, seed.agency};
  if (auto id = add_link(link, host, 0, 0)) return *id;
  if (auto existing = state_.url_id(request_fingerprint("GET", seed.url, ""))) return *existing;
  throw store::StoreError(state_.path() + ": seed " + seed.url + " is neither new nor known in crawl_urls");
}

std::optional<int64_t> Frontier::add_link(const DiscoveredLink& link, const std::string& host, int depth, int64_t parent_id,
                                          int redirects) {
  store::CrawlNewUrl row;
  row.fingerprint = request_fingerprint(link.method, link.url, link.body);
  row.url = link.url;
  row.method = link.method;
  row.body = link.body;
  row.host = host;
  row.kind = to_string(link.kind);
  row.anchor_text = link.anchor_text;
  row.depth = depth;
  row.parent_id = parent_id;
  row.redirects = redirects;
  auto id = state_.add_url(row);
  if (id) ensure_host(host);
  return id;
}

// Every host of the frontier has a politeness row, which the shared frontier's claims start from.
void Frontier::ensure_host(const std::string& host) {
  if (hosts_with_rows_.count(host) > 0) return;
  state_.ensure_host(host);
  hosts_with_rows_.insert(host);
}

std::vector<UrlRecord> Frontier::pending_urls() {
  std::vector<UrlRecord> records;
  for (const store::CrawlQueuedUrl& row : state_.queued_urls()) records.push_back(url_record_from(row));
  return records;
}

void Frontier::record_fetch(const FetchRecord& fetch, const std::string* body) {
  if (body != nullptr && !fetch.sha256.empty())
    state_.store_body(fetch.sha256, *body, fetch.url, fetch.content_type, fetch.charset);
  state_.record_fetch(fetch_row(run_id_, fetch));
}

void Frontier::update_url(int64_t url_id, const UrlUpdate& update) {
  state_.update_url(url_id, {update.state, update.tries, update.next_fetch_at, update.error});
  if (update.content_sha256) {
    state_.set_stored_copy(url_id, {*update.content_sha256, update.etag.value_or(""), update.last_modified.value_or(""),
                                    update.content_type.value_or(""), update.charset.value_or(""), update.deliver});
  }
}

void Frontier::mark_delivered(int64_t url_id) { state_.mark_delivered(url_id); }

std::vector<PendingDelivery> Frontier::pending_deliveries() { return pending_from(state_.pending_deliveries()); }

void Frontier::share(const std::string& worker, double lease_seconds) {
  leases_ = std::make_unique<store::CrawlLeases>(state_.session(), worker, lease_seconds);
}

std::vector<ClaimedTurn> Frontier::claim_turns(int limit, double now) {
  std::vector<ClaimedTurn> claimed;
  for (const store::CrawlTurn& turn : leases_->claim_turns(limit, now))
    claimed.push_back({turn.host, turn.backoff_level, url_record_from(turn.url)});
  return claimed;
}

std::optional<int> Frontier::take_turn(const std::string& host) { return leases_->take_turn(host); }

bool Frontier::end_turn(const std::string& host, double wait_seconds, double blocked_seconds, int backoff_level) {
  return leases_->end_turn(host, wait_seconds, blocked_seconds, backoff_level);
}

void Frontier::give_back_turn(const std::string& host) { leases_->give_back_turn(host); }

void Frontier::renew_leases() { leases_->renew(); }

void Frontier::release_claims() { leases_->release_all(); }

std::vector<UrlRecord> Frontier::claim_unfinished_reads(int limit) {
  std::vector<UrlRecord> records;
  for (const store::CrawlQueuedUrl& row : leases_->claim_unfinished_reads(limit)) records.push_back(url_record_from(row));
  return records;
}

std::vector<PendingDelivery> Frontier::claim_pending_deliveries(int limit) {
  return pending_from(leases_->claim_pending_deliveries(limit));
}

bool Frontier::work_left() { return leases_->work_left(); }

std::optional<std::string> Frontier::blob(const std::string& sha256) { return state_.body(sha256); }

std::optional<Seed> Frontier::seed_of_url(int64_t url_id) {
  auto seed = state_.seed_of_url(url_id);
  if (!seed) return std::nullopt;
  return Seed{seed->agency, seed->region_code, seed->level, seed->url};
}

std::optional<CachedRobots> Frontier::cached_robots(const std::string& host) {
  auto robots = state_.cached_robots(host);
  if (!robots) return std::nullopt;
  return CachedRobots{static_cast<long>(robots->status), robots->body, robots->fetched_at};
}

void Frontier::save_robots(const std::string& host, long status, const std::string& body, double now) {
  state_.save_robots(host, status, body, now);
}

std::vector<std::pair<std::string, int64_t>> Frontier::state_counts() { return state_.state_counts(); }

}  // namespace nianbao::crawler
