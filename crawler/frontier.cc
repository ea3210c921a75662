// SQLite implementation of the frontier and raw store (see frontier.h). Schema changes here must
// stay additive: the same file also holds the store's tables, opened by another connection.
#include "crawler/frontier.h"

#include "common/sha256.h"

namespace nianbao::crawler {

std::string request_fingerprint(const std::string& method, const std::string& url, const std::string& body) {
  return sha256_hex(method + " " + url + "\n" + body);
}

Frontier::Frontier(const std::string& db_path) : db_(db_path) { create_tables(); }

void Frontier::create_tables() {
  db_.execute(R"(
    CREATE TABLE IF NOT EXISTS crawl_runs(
      id INTEGER PRIMARY KEY, started_at REAL NOT NULL, finished_at REAL);
    CREATE TABLE IF NOT EXISTS crawl_seeds(
      id INTEGER PRIMARY KEY, url TEXT NOT NULL UNIQUE, agency TEXT, region_code TEXT, level TEXT);
    CREATE TABLE IF NOT EXISTS crawl_urls(
      id INTEGER PRIMARY KEY, fingerprint TEXT NOT NULL UNIQUE, url TEXT NOT NULL, method TEXT NOT NULL,
      body TEXT NOT NULL DEFAULT '', host TEXT NOT NULL, kind TEXT NOT NULL, state TEXT NOT NULL,
      depth INTEGER NOT NULL DEFAULT 0, tries INTEGER NOT NULL DEFAULT 0, next_fetch_at REAL NOT NULL DEFAULT 0,
      redirects INTEGER NOT NULL DEFAULT 0, parent_id INTEGER, anchor_text TEXT NOT NULL DEFAULT '',
      etag TEXT, last_modified TEXT, content_sha256 TEXT, content_type TEXT, charset TEXT, error TEXT,
      delivery TEXT NOT NULL DEFAULT 'none', updated_at REAL);
    CREATE INDEX IF NOT EXISTS crawl_urls_state ON crawl_urls(state);
    CREATE TABLE IF NOT EXISTS crawl_fetches(
      id INTEGER PRIMARY KEY, run_id INTEGER NOT NULL, url_id INTEGER NOT NULL, url TEXT NOT NULL,
      final_url TEXT, method TEXT NOT NULL, status INTEGER, outcome TEXT NOT NULL, headers TEXT,
      content_type TEXT, charset TEXT, sha256 TEXT, bytes INTEGER, fetched_at TEXT NOT NULL,
      elapsed_ms INTEGER, error TEXT);
    CREATE INDEX IF NOT EXISTS crawl_fetches_url ON crawl_fetches(url_id);
    CREATE TABLE IF NOT EXISTS crawl_blobs(sha256 TEXT PRIMARY KEY, size INTEGER NOT NULL, bytes BLOB NOT NULL);
    CREATE TABLE IF NOT EXISTS crawl_robots(
      host TEXT PRIMARY KEY, status INTEGER NOT NULL, body TEXT NOT NULL, fetched_at REAL NOT NULL);
  )");
}

RunStart Frontier::begin_run(double now) {
  auto unfinished = db_.prepare("SELECT id FROM crawl_runs WHERE finished_at IS NULL ORDER BY id DESC LIMIT 1");
  if (unfinished.step()) {
    run_id_ = unfinished.integer(0);
    return {run_id_, true};
  }
  Transaction transaction(db_);
  db_.prepare("INSERT INTO crawl_runs(started_at) VALUES(?)").bind(1, now).run();
  run_id_ = db_.last_insert_id();
  db_.execute("UPDATE crawl_urls SET state='queued', tries=0, next_fetch_at=0, error=NULL");
  transaction.commit();
  return {run_id_, false};
}

void Frontier::finish_run(double now) {
  db_.prepare("UPDATE crawl_runs SET finished_at=? WHERE id=?").bind(1, now).bind(2, run_id_).run();
}

int64_t Frontier::add_seed(const Seed& seed, const std::string& host) {
  db_.prepare("INSERT OR IGNORE INTO crawl_seeds(url, agency, region_code, level) VALUES(?,?,?,?)")
      .bind(1, seed.url).bind(2, seed.agency).bind(3, seed.region_code).bind(4, seed.level).run();
  DiscoveredLink link{seed.url, "GET", "", UrlKind::seed, seed.agency};
  if (auto id = add_link(link, host, 0, 0)) return *id;
  auto existing = db_.prepare("SELECT id FROM crawl_urls WHERE fingerprint=?");
  existing.bind(1, request_fingerprint("GET", seed.url, ""));
  existing.step();
  return existing.integer(0);
}

std::optional<int64_t> Frontier::add_link(const DiscoveredLink& link, const std::string& host, int depth, int64_t parent_id,
                                          int redirects) {
  auto insert = db_.prepare(
      "INSERT OR IGNORE INTO crawl_urls(fingerprint, url, method, body, host, kind, state, depth, redirects, parent_id, anchor_text)"
      " VALUES(?,?,?,?,?,?,'queued',?,?,?,?)");
  insert.bind(1, request_fingerprint(link.method, link.url, link.body)).bind(2, link.url).bind(3, link.method)
      .bind(4, link.body).bind(5, host).bind(6, to_string(link.kind)).bind(7, static_cast<int64_t>(depth))
      .bind(8, static_cast<int64_t>(redirects));
  if (parent_id > 0) insert.bind(9, parent_id); else insert.bind_null(9);
  insert.bind(10, link.anchor_text).run();
  if (db_.changes() == 0) return std::nullopt;
  return db_.last_insert_id();
}

std::vector<UrlRecord> Frontier::pending_urls() {
  auto query = db_.prepare(
      "SELECT id, url, method, body, host, kind, depth, tries, next_fetch_at, redirects, anchor_text,"
      " COALESCE(etag,''), COALESCE(last_modified,''), COALESCE(content_sha256,'')"
      " FROM crawl_urls WHERE state='queued' ORDER BY id");
  std::vector<UrlRecord> records;
  while (query.step()) {
    UrlRecord record;
    record.id = query.integer(0);
    record.url = query.text(1);
    record.method = query.text(2);
    record.body = query.text(3);
    record.host = query.text(4);
    record.kind = url_kind_from_string(query.text(5));
    record.depth = static_cast<int>(query.integer(6));
    record.tries = static_cast<int>(query.integer(7));
    record.next_fetch_at = query.real(8);
    record.redirects = static_cast<int>(query.integer(9));
    record.anchor_text = query.text(10);
    record.etag = query.text(11);
    record.last_modified = query.text(12);
    record.content_sha256 = query.text(13);
    records.push_back(std::move(record));
  }
  return records;
}

void Frontier::record_fetch(const FetchRecord& fetch, const std::string* body) {
  if (body != nullptr && !fetch.sha256.empty()) {
    db_.prepare("INSERT OR IGNORE INTO crawl_blobs(sha256, size, bytes) VALUES(?,?,?)")
        .bind(1, fetch.sha256).bind(2, static_cast<int64_t>(body->size())).bind_blob(3, *body).run();
  }
  auto insert = db_.prepare(
      "INSERT INTO crawl_fetches(run_id, url_id, url, final_url, method, status, outcome, headers, content_type, charset,"
      " sha256, bytes, fetched_at, elapsed_ms, error) VALUES(?,?,?,?,?,?,?,?,?,?,?,?,strftime('%Y-%m-%dT%H:%M:%fZ','now'),?,?)");
  insert.bind(1, run_id_).bind(2, fetch.url_id).bind(3, fetch.url).bind(4, fetch.final_url).bind(5, fetch.method)
      .bind(6, static_cast<int64_t>(fetch.status)).bind(7, fetch.outcome).bind(8, fetch.headers).bind(9, fetch.content_type)
      .bind(10, fetch.charset);
  if (fetch.sha256.empty()) insert.bind_null(11); else insert.bind(11, fetch.sha256);
  insert.bind(12, fetch.bytes).bind(13, fetch.elapsed_ms);
  if (fetch.error.empty()) insert.bind_null(14); else insert.bind(14, fetch.error);
  insert.run();
}

void Frontier::update_url(int64_t url_id, const UrlUpdate& update) {
  auto statement = db_.prepare(
      "UPDATE crawl_urls SET state=?, tries=?, next_fetch_at=?, error=?, updated_at=strftime('%s','now') WHERE id=?");
  statement.bind(1, update.state).bind(2, static_cast<int64_t>(update.tries)).bind(3, update.next_fetch_at);
  if (update.error.empty()) statement.bind_null(4); else statement.bind(4, update.error);
  statement.bind(5, url_id).run();
  if (update.content_sha256) {
    db_.prepare("UPDATE crawl_urls SET content_sha256=?, etag=?, last_modified=?, content_type=?, charset=?, delivery=? WHERE id=?")
        .bind(1, *update.content_sha256).bind(2, update.etag.value_or("")).bind(3, update.last_modified.value_or(""))
        .bind(4, update.content_type.value_or("")).bind(5, update.charset.value_or(""))
        .bind(6, update.deliver ? "pending" : "none").bind(7, url_id).run();
  }
}

void Frontier::mark_delivered(int64_t url_id) {
  db_.prepare("UPDATE crawl_urls SET delivery='done' WHERE id=?").bind(1, url_id).run();
}

std::vector<PendingDelivery> Frontier::pending_deliveries() {
  auto query = db_.prepare(
      "SELECT id, url, anchor_text, COALESCE(content_type,''), COALESCE(charset,''), content_sha256, kind"
      " FROM crawl_urls WHERE delivery='pending' ORDER BY id");
  std::vector<PendingDelivery> pending;
  while (query.step())
    pending.push_back({query.integer(0), query.text(1), query.text(2), query.text(3), query.text(4), query.text(5),
                       url_kind_from_string(query.text(6))});
  return pending;
}

std::optional<std::string> Frontier::blob(const std::string& sha256) {
  auto query = db_.prepare("SELECT bytes FROM crawl_blobs WHERE sha256=?");
  query.bind(1, sha256);
  if (!query.step()) return std::nullopt;
  return query.blob(0);
}

std::optional<CachedRobots> Frontier::cached_robots(const std::string& host) {
  auto query = db_.prepare("SELECT status, body, fetched_at FROM crawl_robots WHERE host=?");
  query.bind(1, host);
  if (!query.step()) return std::nullopt;
  return CachedRobots{static_cast<long>(query.integer(0)), query.text(1), query.real(2)};
}

void Frontier::save_robots(const std::string& host, long status, const std::string& body, double now) {
  db_.prepare("INSERT OR REPLACE INTO crawl_robots(host, status, body, fetched_at) VALUES(?,?,?,?)")
      .bind(1, host).bind(2, static_cast<int64_t>(status)).bind(3, body).bind(4, now).run();
}

std::vector<std::pair<std::string, int64_t>> Frontier::state_counts() {
  auto query = db_.prepare("SELECT state, COUNT(*) FROM crawl_urls GROUP BY state ORDER BY state");
  std::vector<std::pair<std::string, int64_t>> counts;
  while (query.step()) counts.emplace_back(query.text(0), query.integer(1));
  return counts;
}

}  // namespace nianbao::crawler
