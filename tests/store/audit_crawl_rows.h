// Test support for the audit's tests: the crawl's rows (seeds, URLs, fetches, a stored body) written
// as store::CrawlState writes them, in SQL that runs on both backends (the crawler is SQLite-only).
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>

#include "common/sha256.h"
#include "store/connection.h"
#include "store/crawl_state.h"
#include "store/statement.h"
#include "store_test_support.h"

namespace nianbao::store {

// The crawl's rows as store::CrawlState writes them (crawl_seeds, crawl_urls, crawl_fetches, a
// stored body), in SQL that runs on both backends; fetched_at is given, not the clock's.
class CrawlRows {
 public:
  explicit CrawlRows(const std::string& target) : connection_(target, OpenMode::existing) {}

  void add_seed(const std::string& agency, const std::string& region_code, const std::string& level,
                const std::string& url) {
    Statement insert(db(), "INSERT INTO crawl_seeds(url, agency, region_code, level) VALUES(?1, ?2, ?3, ?4) "
                           "ON CONFLICT DO NOTHING", "test seed");
    insert.bind(1, url).bind(2, agency).bind(3, region_code).bind(4, level).run();
  }

  // The id of the GET of `url` in crawl_urls, added when new.
  int64_t add_url(const std::string& url, const std::string& kind, int64_t parent_id) {
    CrawlNewUrl row = store_test::crawl_get(url, "http://127.0.0.1:8080", kind, 0, parent_id);
    Statement insert(db(),
                     "INSERT INTO crawl_urls(fingerprint, url, method, body, host, kind, state, depth, redirects, "
                     "parent_id, anchor_text) VALUES(?1, ?2, ?3, ?4, ?5, ?6, 'queued', ?7, ?8, ?9, ?10) "
                     "ON CONFLICT(fingerprint) DO NOTHING",
                     "test URL");
    insert.bind(1, row.fingerprint).bind(2, row.url).bind(3, row.method).bind(4, row.body).bind(5, row.host)
        .bind(6, row.kind).bind(7, row.depth).bind(8, row.redirects).bind(10, row.anchor_text);
    if (row.parent_id > 0) insert.bind(9, row.parent_id);
    else insert.bind_null(9);
    insert.run();
    Statement find(db(), "SELECT id FROM crawl_urls WHERE fingerprint = ?1", "test URL id");
    find.bind(1, row.fingerprint);
    if (!find.step()) throw std::runtime_error("no crawl_urls row for " + url);
    return find.column_int64(0);
  }

  void record_fetch(int64_t url_id, const std::string& url, const std::string& sha256, const std::string& outcome,
                    int64_t status, const std::string& fetched_at, const std::string& error) {
    Statement insert(db(),
                     "INSERT INTO crawl_fetches(run_id, url_id, url, final_url, method, status, outcome, headers, "
                     "content_type, charset, sha256, bytes, fetched_at, elapsed_ms, error) "
                     "VALUES(1, ?1, ?2, '', 'GET', ?3, ?4, '', '', '', ?5, 0, ?6, 0, ?7)",
                     "test fetch");
    insert.bind(1, url_id).bind(2, url).bind(3, status).bind(4, outcome).bind(6, fetched_at);
    if (sha256.empty()) insert.bind_null(5);
    else insert.bind(5, sha256);
    if (error.empty()) insert.bind_null(7);
    else insert.bind(7, error);
    insert.run();
  }

  void set_state(int64_t url_id, const std::string& state, const std::string& error) {
    Statement update(db(), "UPDATE crawl_urls SET state = ?1, error = ?2 WHERE id = ?3", "test URL state");
    update.bind(1, state).bind(2, error).bind(3, url_id).run();
  }

  // The body stored raw by the crawler and the URL pointed at it.
  void store_body(int64_t url_id, const std::string& url, const std::string& bytes) {
    std::string sha256 = sha256_hex(bytes);
    Statement insert(db(),
                     "INSERT INTO documents (sha256, bytes, size, media_type, charset, origin, extract_status, "
                     "extract_message) VALUES (?1, ?2, ?3, 'text/html', 'UTF-8', ?4, 'raw', "
                     "'stored by the crawler; not extracted') ON CONFLICT(sha256) DO NOTHING",
                     "test body");
    insert.bind(1, sha256).bind_blob(2, bytes).bind(3, static_cast<int64_t>(bytes.size())).bind(4, url).run();
    execute(db(),
            "INSERT INTO document_origins (document_id, origin) SELECT id, '" + url + "' FROM documents WHERE sha256 = '" +
                sha256 + "' ON CONFLICT DO NOTHING",
            "test body origin");
    Statement point(db(), "UPDATE crawl_urls SET content_sha256 = ?1, content_type = 'text/html', charset = 'UTF-8' "
                          "WHERE id = ?2", "test stored copy");
    point.bind(1, sha256).bind(2, url_id).run();
  }

  Session& db() { return connection_.handle(); }

 private:
  Connection connection_;
};

}  // namespace nianbao::store
