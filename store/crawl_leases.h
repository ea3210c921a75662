// A crawl worker's claims on the frontier that several workers share (migration 8): the turn of a
// host (one request at a time per host, across every worker), leases on URLs, and their expiry.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "store/crawl_state.h"
#include "store/session.h"

namespace nianbao::store {

// A host whose turn this worker took, with the one due URL it claimed there.
struct CrawlTurn {
  std::string host;
  int backoff_level = 0;
  CrawlQueuedUrl url;
};

// Every claim is one short statement of its own (never inside the crawl's write transactions, and
// never behind the store's writer lock): on PostgreSQL the candidate rows are locked with
// `FOR UPDATE SKIP LOCKED`, so workers claiming at once take different rows without waiting; on
// SQLite the file's write lock makes each statement atomic anyway.
//
// Host times (next_allowed_at, blocked_until, turn and lease expiry) are read from the database's
// clock, so workers on machines whose clocks differ still keep each host's delay; a worker passes
// only durations. URL retry times (crawl_urls.next_fetch_at) stay on the worker's clock: `url_now`.
//
// A lease or turn lives `lease_seconds` unless renewed (renew()); a worker that dies (kill -9)
// stops renewing, and once they expire other workers take its URLs and hosts over.
class CrawlLeases {
 public:
  CrawlLeases(Session& db, std::string worker, double lease_seconds);
  ~CrawlLeases();
  CrawlLeases(const CrawlLeases&) = delete;
  CrawlLeases& operator=(const CrawlLeases&) = delete;

  const std::string& worker() const { return worker_; }
  double lease_seconds() const { return lease_seconds_; }

  // Takes the turn of up to `limit` hosts that are free, due, and have a due URL nobody holds, and
  // claims that URL (the oldest) at each; hosts whose URL another worker took first are given back.
  std::vector<CrawlTurn> claim_turns(int limit, double url_now);
  // Takes the turn of one host for a URL this worker already holds; its backoff level, or nullopt
  // while the host is not due or another worker has its turn.
  std::optional<int> take_turn(const std::string& host);
  // Ends the turn after a request: the next request to the host may start `wait_seconds` from now
  // (database clock), none before `blocked_seconds` from now (0: no new block). false when the
  // turn had already expired and passed to another worker (the times are then left to it).
  bool end_turn(const std::string& host, double wait_seconds, double blocked_seconds, int backoff_level);
  // Gives an unused turn back without changing the host's times.
  void give_back_turn(const std::string& host);
  // Extends every lease and turn this worker holds by lease_seconds from now.
  void renew();
  // Lets go of every lease and turn this worker still holds (it is leaving: URLs it claimed but did
  // not fetch, deliveries that failed), so that other workers need not wait for them to expire.
  void release_all();

  // URLs recorded but not read to the end, held by nobody (their worker died): now this worker's.
  std::vector<CrawlQueuedUrl> claim_unfinished_reads(int limit);
  // Stored bodies never handed to the document sink, held by nobody: now this worker's.
  std::vector<CrawlPendingDelivery> claim_pending_deliveries(int limit);

  // Whether the crawl has anything left for some worker: a URL queued (held or not, due or not) or
  // a delivery pending that this worker does not hold.
  bool work_left();

 private:
  struct Prepared;

  Session& db_;
  std::string worker_;
  double lease_seconds_;
  std::unique_ptr<Prepared> prepared_;
};

// The database clock as epoch seconds, in SQL of the session's dialect (for the claims above).
std::string database_now_sql(Dialect dialect);

}  // namespace nianbao::store
