// The crawl's persistent state in the database (through store::CrawlState and, for workers sharing
// it, store::CrawlLeases): runs, seeds, every URL's state, every fetch, bodies by sha256 (as
// documents), the robots.txt cache and hosts' turns, in the crawler's own types. A kill at any moment
// loses at most the exchanges in flight.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "crawler/crawl_types.h"
#include "crawler/frontier_write.h"
#include "store/crawl_leases.h"
#include "store/crawl_state.h"

namespace nianbao::crawler {

struct Seed {
  std::string agency, region_code, level, url;
};

struct RunStart {
  int64_t run_id = 0;
  bool resumed = false;  // true: the previous run was interrupted and continues
};

// The new state of a URL after one exchange.
struct UrlUpdate {
  std::string state = url_state::queued;
  int tries = 0;
  double next_fetch_at = 0;
  std::string error;
  // Set only when a body was stored (200): the copy the URL now points to.
  std::optional<std::string> content_sha256, etag, last_modified, content_type, charset;
  bool deliver = false;  // a report page or attachment whose bytes go to the document sink
};

// An update that only changes the state (no new stored copy).
inline UrlUpdate state_update(std::string state, int tries, std::string error, double next_fetch_at = 0) {
  UrlUpdate update;
  update.state = std::move(state);
  update.tries = tries;
  update.error = std::move(error);
  update.next_fetch_at = next_fetch_at;
  return update;
}

// A stored document not yet handed to the sink (e.g. the process died right after storing it).
struct PendingDelivery {
  int64_t url_id = 0;
  std::string url, anchor_text, content_type, charset, sha256;
  UrlKind kind = UrlKind::report;
};

// A host whose turn this worker took in the shared frontier, and the URL it claimed there.
struct ClaimedTurn {
  std::string host;
  int backoff_level = 0;
  UrlRecord record;
};

struct CachedRobots {
  long status = 0;
  std::string body;
  double fetched_at = 0;
};

class Frontier {
 public:
  explicit Frontier(const std::string& db_path);

  // Resumes the last run if it did not finish; otherwise starts a new run and re-queues every known
  // URL so that it is revalidated (conditional GET) rather than forgotten.
  RunStart begin_run(double now);
  void finish_run(double now);
  int64_t run_id() const { return run_id_; }

  // Inserts the seed and its URL (kind seed) unless present; returns the URL id.
  int64_t add_seed(const Seed& seed, const std::string& host);
  // Inserts a discovered link unless its fingerprint (method, URL, body) is known; returns the new
  // id, or nullopt when it was already in the frontier.
  std::optional<int64_t> add_link(const DiscoveredLink& link, const std::string& host, int depth, int64_t parent_id,
                                  int redirects = 0);
  std::vector<UrlRecord> pending_urls();

  // Writes one exchange and, when given, its body (as a document). Call inside a transaction with
  // the URL's new state and the links it found.
  void record_fetch(const FetchRecord& fetch, const std::string* body);
  void update_url(int64_t url_id, const UrlUpdate& update);
  void mark_delivered(int64_t url_id);
  std::vector<PendingDelivery> pending_deliveries();
  std::optional<std::string> blob(const std::string& sha256);
  // The seed the URL was discovered from (walking up the links that led to it), if any.
  std::optional<Seed> seed_of_url(int64_t url_id);

  std::optional<CachedRobots> cached_robots(const std::string& host);
  void save_robots(const std::string& host, long status, const std::string& body, double now);

  // The frontier shared by several workers (store/crawl_leases.h): from share() on, this worker
  // takes hosts' turns and URLs by claims under its name, each lease living lease_seconds unless
  // renewed. Without share() the process is the frontier's only user.
  void share(const std::string& worker, double lease_seconds);
  bool shared() const { return leases_ != nullptr; }
  std::vector<ClaimedTurn> claim_turns(int limit, double now);
  std::optional<int> take_turn(const std::string& host);
  bool end_turn(const std::string& host, double wait_seconds, double blocked_seconds, int backoff_level);
  void give_back_turn(const std::string& host);
  void renew_leases();
  void release_claims();
  std::vector<UrlRecord> claim_unfinished_reads(int limit);
  std::vector<PendingDelivery> claim_pending_deliveries(int limit);
  bool work_left();

  // Count of URLs per state in the frontier (for summaries and tests).
  std::vector<std::pair<std::string, int64_t>> state_counts();

  // Groups the writes that follow until commit(); rolled back if the guard dies first. Inside an
  // open batch it joins the batch instead (committed, or rolled back, with it).
  FrontierWrite begin_transaction(const std::string& purpose) {
    return batch_open_ ? FrontierWrite() : FrontierWrite(state_, purpose);
  }
  // One transaction for every begin_transaction() until it commits (batches do not nest).
  FrontierWrite begin_batch(const std::string& purpose) {
    return batch_open_ ? FrontierWrite() : FrontierWrite(state_, purpose, &batch_open_);
  }

 private:
  void ensure_host(const std::string& host);

  store::CrawlState state_;
  std::unique_ptr<store::CrawlLeases> leases_;
  std::set<std::string> hosts_with_rows_;  // hosts whose crawl_hosts row this process made sure of
  int64_t run_id_ = 0;
  bool batch_open_ = false;
};

// Identity of a request: sha256 of "METHOD URL\nBODY" (POST pagination stays distinct).
std::string request_fingerprint(const std::string& method, const std::string& url, const std::string& body);

}  // namespace nianbao::crawler
