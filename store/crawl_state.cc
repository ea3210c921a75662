// The SQL of the crawl state (see crawl_state.h). The tables come from migration 3; bodies go into
// documents like every other stored byte, so a page fetched and later ingested is one row.
#include "store/crawl_state.h"

#include <chrono>
#include <cstdio>
#include <ctime>

#include "common/sha256.h"
#include "store/reused_statement.h"
#include "store/statement.h"
#include "store/wal_mode.h"

namespace nianbao::store {
namespace {

// Now as 2026-01-31T08:00:00.123Z: what the crawl's fetch stamps hold on either backend (the
// program makes it, so no SQL date function of one dialect is needed).
std::string utc_now_text() {
  auto now = std::chrono::system_clock::now();
  std::time_t seconds = std::chrono::system_clock::to_time_t(now);
  auto millis = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000;
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char text[64];
  std::snprintf(text, sizeof text, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", utc.tm_year + 1900, utc.tm_mon + 1,
                utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec, static_cast<int>(millis));
  return text;
}

// Runs `body`; a StoreError from it (whose action is the kept statement's general one) gets the
// row it was about appended: "<file>: <action>: <reason> (<what>)".
template <typename Body>
auto about(const std::string& what, Body body) -> decltype(body()) {
  try {
    return body();
  } catch (const StoreError& error) {
    throw StoreError(std::string(error.what()) + " (" + what + ")");
  }
}

// Text columns the crawler leaves empty when there is nothing to say are NULL in the table.
void bind_or_null(Statement& statement, int index, const std::string& text) {
  if (text.empty()) {
    statement.bind_null(index);
  } else {
    statement.bind(index, text);
  }
}

}  // namespace

const char* const kQueuedUrlColumns =
    "id, url, method, body, host, kind, depth, tries, next_fetch_at, redirects, anchor_text,"
    " COALESCE(etag,''), COALESCE(last_modified,''), COALESCE(content_sha256,'')";

CrawlQueuedUrl queued_url_from(const Statement& row) {
  CrawlQueuedUrl url;
  url.id = row.column_int64(0);
  url.url = row.column_text(1);
  url.method = row.column_text(2);
  url.body = row.column_text(3);
  url.host = row.column_text(4);
  url.kind = row.column_text(5);
  url.depth = row.column_int(6);
  url.tries = row.column_int(7);
  url.next_fetch_at = row.column_double(8);
  url.redirects = row.column_int(9);
  url.anchor_text = row.column_text(10);
  url.etag = row.column_text(11);
  url.last_modified = row.column_text(12);
  url.content_sha256 = row.column_text(13);
  return url;
}

struct CrawlState::Prepared {
  std::unique_ptr<Statement> add_url, url_id, ensure_host, record_fetch, update_url, set_stored_copy, mark_delivered, insert_body,
      find_body, add_origin, body, seed_of_url, cached_robots;
};

CrawlState::CrawlState(const std::string& path)
    : connection_(path, OpenMode::create), prepared_(std::make_unique<Prepared>()) {
  limit_page_cache(connection_.handle());
}

CrawlState::~CrawlState() = default;

CrawlRunStart CrawlState::begin_run(double now) {
  Session& db = connection_.handle();
  // One transaction under the write lock: workers starting at once join one run, and only the
  // first of them queues the known URLs again.
  Transaction transaction(db, "starting a crawl run");
  {
    Statement unfinished(db, "SELECT id FROM crawl_runs WHERE finished_at IS NULL ORDER BY id DESC LIMIT 1",
                         "looking for an unfinished crawl run in crawl_runs");
    if (unfinished.step()) {
      int64_t run_id = unfinished.column_int64(0);
      unfinished.reset();
      transaction.commit();
      return {run_id, true};
    }
  }
  Statement insert(db, "INSERT INTO crawl_runs(started_at) VALUES(?1) RETURNING id", "inserting a run into crawl_runs");
  insert.bind(1, now);
  insert.step();
  int64_t run_id = insert.column_int64(0);
  insert.reset();
  execute(db, "UPDATE crawl_urls SET state='queued', tries=0, next_fetch_at=0, error=NULL, lease_owner=NULL, lease_until=NULL",
          "queueing every known URL of crawl_urls again for run " + std::to_string(run_id));
  execute(db, "INSERT INTO crawl_hosts(host) SELECT DISTINCT host FROM crawl_urls WHERE true ON CONFLICT DO NOTHING",
          "giving every host of crawl_urls its row in crawl_hosts for run " + std::to_string(run_id));
  transaction.commit();
  return {run_id, false};
}

void CrawlState::finish_run(int64_t run_id, double now) {
  Statement statement(connection_.handle(), "UPDATE crawl_runs SET finished_at=?1 WHERE id=?2 AND finished_at IS NULL",
                      "finishing run " + std::to_string(run_id) + " in crawl_runs");
  statement.bind(1, now).bind(2, run_id).run();
}

void CrawlState::add_seed(const CrawlSeed& seed) {
  Statement statement(connection_.handle(),
                      "INSERT INTO crawl_seeds(url, agency, region_code, level) VALUES(?1, ?2, ?3, ?4) ON CONFLICT DO NOTHING",
                      "inserting seed " + seed.url + " into crawl_seeds");
  statement.bind(1, seed.url).bind(2, seed.agency).bind(3, seed.region_code).bind(4, seed.level).run();
}

std::optional<int64_t> CrawlState::add_url(const CrawlNewUrl& url) {
  return about(url.method + " " + url.url, [&]() -> std::optional<int64_t> {
    Reused insert(prepared_->add_url, connection_.handle(),
                  "INSERT INTO crawl_urls(fingerprint, url, method, body, host, kind, state, depth, redirects, parent_id,"
                  " anchor_text) VALUES(?1, ?2, ?3, ?4, ?5, ?6, 'queued', ?7, ?8, ?9, ?10)"
                  " ON CONFLICT(fingerprint) DO NOTHING RETURNING id",
                  "inserting a URL into crawl_urls");
    insert->bind(1, url.fingerprint).bind(2, url.url).bind(3, url.method).bind(4, url.body).bind(5, url.host)
        .bind(6, url.kind).bind(7, url.depth).bind(8, url.redirects);
    if (url.parent_id > 0) {
      insert->bind(9, url.parent_id);
    } else {
      insert->bind_null(9);
    }
    insert->bind(10, url.anchor_text);
    if (!insert->step()) return std::nullopt;
    return insert->column_int64(0);
  });
}

std::optional<int64_t> CrawlState::url_id(const std::string& fingerprint) {
  return about("fingerprint " + fingerprint, [&]() -> std::optional<int64_t> {
    Reused query(prepared_->url_id, connection_.handle(), "SELECT id FROM crawl_urls WHERE fingerprint=?1",
                 "looking up a fingerprint in crawl_urls");
    query->bind(1, fingerprint);
    if (!query->step()) return std::nullopt;
    return query->column_int64(0);
  });
}

void CrawlState::ensure_host(const std::string& host) {
  about("host " + host, [&] {
    Reused insert(prepared_->ensure_host, connection_.handle(),
                  "INSERT INTO crawl_hosts(host) VALUES(?1) ON CONFLICT DO NOTHING", "inserting a host into crawl_hosts");
    insert->bind(1, host).step();
  });
}

std::vector<CrawlQueuedUrl> CrawlState::queued_urls() {
  Statement query(connection_.handle(),
                  std::string("SELECT ") + kQueuedUrlColumns + " FROM crawl_urls WHERE state='queued' ORDER BY id",
                  "reading the queued URLs of crawl_urls");
  std::vector<CrawlQueuedUrl> urls;
  while (query.step()) urls.push_back(queued_url_from(query));
  return urls;
}

void CrawlState::record_fetch(const CrawlFetch& fetch) {
  about("the fetch of " + fetch.url, [&] {
    Reused insert(prepared_->record_fetch, connection_.handle(),
                  "INSERT INTO crawl_fetches(run_id, url_id, url, final_url, method, status, outcome, headers, content_type,"
                  " charset, sha256, bytes, fetched_at, elapsed_ms, error) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10,"
                  " ?11, ?12, ?15, ?13, ?14)",
                  "recording a fetch in crawl_fetches");
    insert->bind(1, fetch.run_id).bind(2, fetch.url_id).bind(3, fetch.url).bind(4, fetch.final_url).bind(5, fetch.method)
        .bind(6, fetch.status).bind(7, fetch.outcome).bind(8, fetch.headers).bind(9, fetch.content_type)
        .bind(10, fetch.charset);
    bind_or_null(*insert, 11, fetch.sha256);
    insert->bind(12, fetch.bytes).bind(13, fetch.elapsed_ms);
    bind_or_null(*insert, 14, fetch.error);
    insert->bind(15, utc_now_text());
    insert->step();
  });
}

void CrawlState::update_url(int64_t url_id, const CrawlUrlState& state) {
  about("URL " + std::to_string(url_id) + " to " + state.state, [&] {
    Reused statement(prepared_->update_url, connection_.handle(),
                     "UPDATE crawl_urls SET state=?1, tries=?2, next_fetch_at=?3, error=?4, updated_at=?6,"
                     // A worker's lease ends with the URL, unless it is still being read (queued
                     // with a reading marker) or its body waits for the sink (see mark_delivered).
                     " lease_owner=CASE WHEN (?1='queued' AND ?3<0) OR delivery='pending' THEN lease_owner END,"
                     " lease_until=CASE WHEN (?1='queued' AND ?3<0) OR delivery='pending' THEN lease_until END"
                     " WHERE id=?5",
                     "setting the state of a URL in crawl_urls");
    statement->bind(1, state.state).bind(2, state.tries).bind(3, state.next_fetch_at);
    bind_or_null(*statement, 4, state.error);
    statement->bind(5, url_id).bind(6, static_cast<double>(std::time(nullptr))).step();
  });
}

void CrawlState::set_stored_copy(int64_t url_id, const CrawlStoredCopy& copy) {
  about("URL " + std::to_string(url_id) + ", body " + copy.content_sha256, [&] {
    Reused statement(prepared_->set_stored_copy, connection_.handle(),
                     "UPDATE crawl_urls SET content_sha256=?1, etag=?2, last_modified=?3, content_type=?4, charset=?5,"
                     " delivery=?6 WHERE id=?7",
                     "pointing a URL of crawl_urls at its stored body");
    statement->bind(1, copy.content_sha256).bind(2, copy.etag).bind(3, copy.last_modified).bind(4, copy.content_type)
        .bind(5, copy.charset).bind(6, copy.deliver ? "pending" : "none").bind(7, url_id).step();
  });
}

void CrawlState::mark_delivered(int64_t url_id) {
  about("URL " + std::to_string(url_id), [&] {
    Reused statement(prepared_->mark_delivered, connection_.handle(), "UPDATE crawl_urls SET delivery='done', lease_owner=NULL, lease_until=NULL WHERE id=?1",
                     "marking a URL of crawl_urls delivered");
    statement->bind(1, url_id).step();
  });
}

std::vector<CrawlPendingDelivery> CrawlState::pending_deliveries() {
  Statement query(connection_.handle(),
                  "SELECT id, url, anchor_text, COALESCE(content_type,''), COALESCE(charset,''), content_sha256, kind"
                  " FROM crawl_urls WHERE delivery='pending' ORDER BY id",
                  "reading the pending deliveries of crawl_urls");
  std::vector<CrawlPendingDelivery> pending;
  while (query.step()) {
    pending.push_back({query.column_int64(0), query.column_text(1), query.column_text(2), query.column_text(3),
                       query.column_text(4), query.column_text(5), query.column_text(6)});
  }
  return pending;
}

int64_t CrawlState::store_body(const std::string& sha256, std::string_view bytes, const std::string& url,
                               const std::string& content_type, const std::string& charset) {
  if (sha256_hex(bytes) != sha256) {
    throw StoreError(path() + ": storing the body of " + url + " in documents: sha256 " + sha256 +
                     " is not that of its " + std::to_string(bytes.size()) + " bytes");
  }
  Session& db = connection_.handle();
  return about("the body of " + url + ", sha256 " + sha256, [&] {
    {
      Reused insert(prepared_->insert_body, db,
                    "INSERT INTO documents (sha256, bytes, size, media_type, charset, origin, extract_status,"
                    " extract_message) VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'raw', 'stored by the crawler; not extracted')"
                    " ON CONFLICT(sha256) DO NOTHING",
                    "storing a fetched body in documents");
      insert->bind(1, sha256).bind_blob(2, bytes).bind(3, static_cast<int64_t>(bytes.size())).bind(4, content_type)
          .bind(5, charset).bind(6, url).step();
    }
    int64_t document_id = 0;
    {
      Reused find(prepared_->find_body, db, "SELECT id FROM documents WHERE sha256=?1", "finding a stored body in documents");
      find->bind(1, sha256);
      if (!find->step()) throw StoreError(path() + ": storing a fetched body in documents: the row is missing after the insert");
      document_id = find->column_int64(0);
    }
    Reused origin(prepared_->add_origin, db, "INSERT INTO document_origins (document_id, origin) VALUES (?1, ?2) ON CONFLICT DO NOTHING",
                  "recording the URL of a fetched body in document_origins");
    origin->bind(1, document_id).bind(2, url).step();
    return document_id;
  });
}

std::optional<std::string> CrawlState::body(const std::string& sha256) {
  return about("body " + sha256, [&]() -> std::optional<std::string> {
    Reused query(prepared_->body, connection_.handle(), "SELECT bytes FROM documents WHERE sha256=?1",
                 "reading a stored body from documents");
    query->bind(1, sha256);
    if (!query->step()) return std::nullopt;
    return query->column_blob(0);
  });
}

std::optional<CrawlSeed> CrawlState::seed_of_url(int64_t url_id) {
  // Parents always have smaller ids (a link is inserted after the page it was found on), so the
  // walk ends; the id guard keeps it finite even in a hand-edited file.
  return about("URL " + std::to_string(url_id), [&]() -> std::optional<CrawlSeed> {
    Reused query(prepared_->seed_of_url, connection_.handle(),
                 "WITH RECURSIVE ancestors(id, parent_id, url, method, steps) AS ("
                 " SELECT id, parent_id, url, method, 0 FROM crawl_urls WHERE id=?1"
                 " UNION ALL"
                 " SELECT u.id, u.parent_id, u.url, u.method, a.steps + 1 FROM crawl_urls u"
                 " JOIN ancestors a ON u.id = a.parent_id WHERE u.id < a.id)"
                 " SELECT s.agency, s.region_code, s.level, s.url FROM ancestors a"
                 " JOIN crawl_seeds s ON s.url = a.url AND a.method = 'GET'"
                 " ORDER BY a.steps LIMIT 1",
                 "finding the seed of a URL through crawl_urls.parent_id");
    query->bind(1, url_id);
    if (!query->step()) return std::nullopt;
    return CrawlSeed{query->column_text(0), query->column_text(1), query->column_text(2), query->column_text(3)};
  });
}

std::optional<CrawlRobots> CrawlState::cached_robots(const std::string& host) {
  return about("host " + host, [&]() -> std::optional<CrawlRobots> {
    Reused query(prepared_->cached_robots, connection_.handle(),
                 "SELECT status, body, fetched_at FROM crawl_robots WHERE host=?1", "reading a robots.txt from crawl_robots");
    query->bind(1, host);
    if (!query->step()) return std::nullopt;
    return CrawlRobots{query->column_int64(0), query->column_text(1), query->column_double(2)};
  });
}

void CrawlState::save_robots(const std::string& host, int64_t status, const std::string& body, double now) {
  Statement statement(connection_.handle(),
                      "INSERT INTO crawl_robots(host, status, body, fetched_at) VALUES(?1, ?2, ?3, ?4) ON CONFLICT(host) DO UPDATE"
                      " SET status = excluded.status, body = excluded.body, fetched_at = excluded.fetched_at",
                      "saving the robots.txt of " + host + " in crawl_robots");
  statement.bind(1, host).bind(2, status).bind(3, body).bind(4, now).run();
}

std::vector<std::pair<std::string, int64_t>> CrawlState::state_counts() {
  Statement query(connection_.handle(), "SELECT state, COUNT(*) FROM crawl_urls GROUP BY state ORDER BY state",
                  "counting the URLs of crawl_urls by state");
  std::vector<std::pair<std::string, int64_t>> counts;
  while (query.step()) counts.emplace_back(query.column_text(0), query.column_int64(1));
  return counts;
}

}  // namespace nianbao::store
