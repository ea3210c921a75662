// The crawl's persistent state in the store's file: runs, seeds, the URL frontier, every fetch, the
// robots.txt cache, and fetched bodies kept in the content-addressed documents table (status raw).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "store/connection.h"
#include "store/transaction.h"

namespace nianbao::store {

// A row of crawl_seeds: one portal entry of a sources file.
struct CrawlSeed {
  std::string agency, region_code, level, url;
};

struct CrawlRunStart {
  int64_t run_id = 0;
  bool resumed = false;  // true: the last run had not finished and continues
};

// A URL to insert into the frontier (state queued). `fingerprint` identifies the request; `kind`
// is the crawler's word for the page (seed, list, report, …); parent_id 0 means none.
struct CrawlNewUrl {
  std::string fingerprint, url, method, body, host, kind, anchor_text;
  int depth = 0;
  int64_t parent_id = 0;
  int redirects = 0;
};

// A queued URL as the frontier holds it, with the validators of its last stored copy.
struct CrawlQueuedUrl {
  int64_t id = 0;
  std::string url, method, body, host, kind;
  int depth = 0, tries = 0, redirects = 0;
  double next_fetch_at = 0;
  std::string anchor_text, etag, last_modified, content_sha256;
};

// The columns a CrawlQueuedUrl is read from (queued_url_from), for SELECT and RETURNING lists.
extern const char* const kQueuedUrlColumns;
class Statement;
CrawlQueuedUrl queued_url_from(const Statement& row);

// A row of crawl_fetches: one HTTP exchange. Empty sha256 and error are stored as NULL.
struct CrawlFetch {
  int64_t run_id = 0, url_id = 0;
  std::string url, final_url, method;
  int64_t status = 0;
  std::string outcome, headers, content_type, charset, sha256;
  int64_t bytes = 0, elapsed_ms = 0;
  std::string error;
};

// The new state of a URL after an exchange. An empty error is stored as NULL.
struct CrawlUrlState {
  std::string state;
  int tries = 0;
  double next_fetch_at = 0;
  std::string error;
};

// The copy a URL now points to, after a body was stored; `deliver` marks it pending for the sink.
struct CrawlStoredCopy {
  std::string content_sha256, etag, last_modified, content_type, charset;
  bool deliver = false;
};

// A stored body not yet handed to the document sink.
struct CrawlPendingDelivery {
  int64_t url_id = 0;
  std::string url, anchor_text, content_type, charset, sha256, kind;
};

struct CrawlRobots {
  int64_t status = 0;
  std::string body;
  double fetched_at = 0;
};

class CrawlState {
 public:
  // Opens (creating if missing) and migrates the file; throws StoreError naming it. The connection
  // keeps a small page cache (see limit_page_cache): the crawl's writes are appends and key lookups.
  explicit CrawlState(const std::string& path);
  ~CrawlState();
  CrawlState(const CrawlState&) = delete;
  CrawlState& operator=(const CrawlState&) = delete;

  // Writes several statements at once: everything between begin() and commit() or nothing.
  Transaction begin(const std::string& purpose) { return Transaction(connection_.handle(), purpose); }

  // The unfinished run if there is one; otherwise a new run, with every known URL queued again.
  CrawlRunStart begin_run(double now);
  void finish_run(int64_t run_id, double now);

  // Inserts the seed unless its URL is known.
  void add_seed(const CrawlSeed& seed);
  // Inserts the URL unless its fingerprint is known; returns the new id, or nullopt when known.
  std::optional<int64_t> add_url(const CrawlNewUrl& url);
  std::optional<int64_t> url_id(const std::string& fingerprint);
  // Inserts the host's politeness row (crawl_hosts: free, due now) unless present.
  void ensure_host(const std::string& host);
  std::vector<CrawlQueuedUrl> queued_urls();

  void record_fetch(const CrawlFetch& fetch);
  void update_url(int64_t url_id, const CrawlUrlState& state);
  void set_stored_copy(int64_t url_id, const CrawlStoredCopy& copy);
  void mark_delivered(int64_t url_id);
  std::vector<CrawlPendingDelivery> pending_deliveries();

  // Keeps the body as a document (extract_status raw) unless one with this sha256 exists, and
  // records `url` as an origin of it. Throws StoreError when sha256 is not that of the bytes.
  // Returns the document id.
  int64_t store_body(const std::string& sha256, std::string_view bytes, const std::string& url,
                     const std::string& content_type, const std::string& charset);
  std::optional<std::string> body(const std::string& sha256);

  // The seed the URL was found from: its nearest ancestor (itself included) whose URL is a seed.
  std::optional<CrawlSeed> seed_of_url(int64_t url_id);

  std::optional<CrawlRobots> cached_robots(const std::string& host);
  void save_robots(const std::string& host, int64_t status, const std::string& body, double now);

  // URLs per state, ordered by state.
  std::vector<std::pair<std::string, int64_t>> state_counts();

  const std::string& path() const { return connection_.path(); }
  Session& session() const { return connection_.handle(); }

 private:
  // The statements of the per-exchange calls, each prepared at its first use and kept for the
  // life of the connection (destroyed before it).
  struct Prepared;

  Connection connection_;
  std::unique_ptr<Prepared> prepared_;
};

}  // namespace nianbao::store
