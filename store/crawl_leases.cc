// The SQL of a crawl worker's claims (see crawl_leases.h): one statement per claim, with the
// dialect's row locking (PostgreSQL: FOR UPDATE SKIP LOCKED) and the database's clock.
#include "store/crawl_leases.h"

#include "store/reused_statement.h"
#include "store/statement.h"

namespace nianbao::store {
namespace {

// Replaces every {NOW}, {SKIP_LOCKED} and {GREATEST} of a statement with the dialect's spelling.
std::string dialect_sql(Dialect dialect, std::string sql) {
  const std::pair<std::string, std::string> words[] = {
      {"{NOW}", database_now_sql(dialect)},
      {"{SKIP_LOCKED}", dialect == Dialect::postgresql ? " FOR UPDATE SKIP LOCKED" : ""},
      {"{GREATEST}", dialect == Dialect::postgresql ? "greatest" : "max"},
  };
  for (const auto& [word, spelling] : words) {
    for (size_t at = sql.find(word); at != std::string::npos; at = sql.find(word, at + spelling.size()))
      sql.replace(at, word.size(), spelling);
  }
  return sql;
}

// A URL nobody holds: never leased, or its lease ran out (`table` qualifies the columns: "u.").
std::string free_url(const std::string& table = "") {
  return "(" + table + "lease_owner IS NULL OR " + table + "lease_until < {NOW})";
}

}  // namespace

std::string database_now_sql(Dialect dialect) {
  return dialect == Dialect::postgresql ? "CAST(extract(epoch FROM clock_timestamp()) AS double precision)"
                                        : "((julianday('now') - 2440587.5) * 86400.0)";
}

struct CrawlLeases::Prepared {
  std::string reserve_hosts_sql, claim_url_sql, take_turn_sql, end_turn_sql, give_back_sql, renew_urls_sql,
      renew_turns_sql, unfinished_reads_sql, pending_deliveries_sql, work_left_sql;
  std::unique_ptr<Statement> reserve_hosts, claim_url, take_turn, end_turn, give_back, renew_urls,
      renew_turns, unfinished_reads, pending_deliveries, work_left;
};

CrawlLeases::CrawlLeases(Session& db, std::string worker, double lease_seconds)
    : db_(db), worker_(std::move(worker)), lease_seconds_(lease_seconds), prepared_(std::make_unique<Prepared>()) {
  Dialect dialect = db.dialect();
  Prepared& p = *prepared_;
  p.reserve_hosts_sql = dialect_sql(
      dialect,
      "UPDATE crawl_hosts SET turn_owner=?1, turn_until={NOW}+?2 WHERE host IN ("
      " SELECT h.host FROM crawl_hosts h"
      " WHERE h.next_allowed_at <= {NOW} AND h.blocked_until <= {NOW} AND (h.turn_owner IS NULL OR h.turn_until < {NOW})"
      " AND EXISTS (SELECT 1 FROM crawl_urls u WHERE u.host = h.host AND u.state = 'queued' AND u.next_fetch_at >= 0"
      " AND u.next_fetch_at <= ?3 AND " + free_url("u.") + ")"
      " ORDER BY h.next_allowed_at, h.host LIMIT ?4{SKIP_LOCKED})"
      " RETURNING host, backoff_level");
  p.claim_url_sql = dialect_sql(
      dialect, "UPDATE crawl_urls SET lease_owner=?1, lease_until={NOW}+?2 WHERE id = ("
               " SELECT id FROM crawl_urls WHERE host=?3 AND state='queued' AND next_fetch_at >= 0 AND next_fetch_at <= ?4"
               " AND " + free_url() + " ORDER BY id LIMIT 1{SKIP_LOCKED})"
               " RETURNING " + std::string(kQueuedUrlColumns));
  p.take_turn_sql = dialect_sql(
      dialect, "UPDATE crawl_hosts SET turn_owner=?1, turn_until={NOW}+?2 WHERE host=?3 AND next_allowed_at <= {NOW}"
               " AND blocked_until <= {NOW} AND (turn_owner IS NULL OR turn_until < {NOW} OR turn_owner=?1)"
               " RETURNING backoff_level");
  p.end_turn_sql = dialect_sql(
      dialect, "UPDATE crawl_hosts SET turn_owner=NULL, turn_until=NULL, next_allowed_at={NOW}+?3,"
               " blocked_until={GREATEST}(blocked_until, {NOW}+?4), backoff_level=?5 WHERE host=?2 AND turn_owner=?1");
  p.give_back_sql = "UPDATE crawl_hosts SET turn_owner=NULL, turn_until=NULL WHERE host=?2 AND turn_owner=?1";
  p.renew_urls_sql = dialect_sql(dialect, "UPDATE crawl_urls SET lease_until={NOW}+?2 WHERE lease_owner=?1");
  p.renew_turns_sql = dialect_sql(dialect, "UPDATE crawl_hosts SET turn_until={NOW}+?2 WHERE turn_owner=?1");
  p.unfinished_reads_sql = dialect_sql(
      dialect, "UPDATE crawl_urls SET lease_owner=?1, lease_until={NOW}+?2 WHERE id IN ("
               " SELECT id FROM crawl_urls WHERE state='queued' AND next_fetch_at < 0 AND " + free_url() +
               " ORDER BY id LIMIT ?3{SKIP_LOCKED}) RETURNING " + std::string(kQueuedUrlColumns));
  p.pending_deliveries_sql = dialect_sql(
      dialect, "UPDATE crawl_urls SET lease_owner=?1, lease_until={NOW}+?2 WHERE id IN ("
               " SELECT id FROM crawl_urls WHERE delivery='pending' AND " + free_url() +
               " ORDER BY id LIMIT ?3{SKIP_LOCKED})"
               " RETURNING id, url, anchor_text, COALESCE(content_type,''), COALESCE(charset,''), content_sha256, kind");
  p.work_left_sql =
      "SELECT CASE WHEN EXISTS (SELECT 1 FROM crawl_urls WHERE state='queued')"
      " OR EXISTS (SELECT 1 FROM crawl_urls WHERE delivery='pending' AND (lease_owner IS NULL OR lease_owner <> ?1))"
      " THEN 1 ELSE 0 END";
}

CrawlLeases::~CrawlLeases() = default;

std::vector<CrawlTurn> CrawlLeases::claim_turns(int limit, double url_now) {
  std::vector<CrawlTurn> turns;
  if (limit <= 0) return turns;
  {
    Reused reserve(prepared_->reserve_hosts, db_, prepared_->reserve_hosts_sql.c_str(),
                   "taking the turn of due hosts in crawl_hosts");
    reserve->bind(1, worker_).bind(2, lease_seconds_).bind(3, url_now).bind(4, limit);
    while (reserve->step()) turns.push_back({reserve->column_text(0), reserve->column_int(1), {}});
  }
  std::vector<CrawlTurn> claimed;
  for (CrawlTurn& turn : turns) {
    Reused claim(prepared_->claim_url, db_, prepared_->claim_url_sql.c_str(), "claiming a due URL of crawl_urls");
    claim->bind(1, worker_).bind(2, lease_seconds_).bind(3, turn.host).bind(4, url_now);
    if (!claim->step()) {
      claim->reset();
      give_back_turn(turn.host);
      continue;
    }
    turn.url = queued_url_from(*claim);
    claimed.push_back(std::move(turn));
  }
  return claimed;
}

std::optional<int> CrawlLeases::take_turn(const std::string& host) {
  Reused take(prepared_->take_turn, db_, prepared_->take_turn_sql.c_str(), "taking the turn of a host in crawl_hosts");
  take->bind(1, worker_).bind(2, lease_seconds_).bind(3, host);
  if (!take->step()) return std::nullopt;
  return take->column_int(0);
}

bool CrawlLeases::end_turn(const std::string& host, double wait_seconds, double blocked_seconds, int backoff_level) {
  Reused end(prepared_->end_turn, db_, prepared_->end_turn_sql.c_str(), "ending the turn of a host in crawl_hosts");
  end->bind(1, worker_).bind(2, host).bind(3, wait_seconds).bind(4, blocked_seconds).bind(5, backoff_level);
  end->step();
  return end->changes() == 1;
}

void CrawlLeases::give_back_turn(const std::string& host) {
  Reused give_back(prepared_->give_back, db_, prepared_->give_back_sql.c_str(), "giving back the turn of a host in crawl_hosts");
  give_back->bind(1, worker_).bind(2, host).step();
}

void CrawlLeases::renew() {
  {
    Reused urls(prepared_->renew_urls, db_, prepared_->renew_urls_sql.c_str(), "renewing a worker's leases in crawl_urls");
    urls->bind(1, worker_).bind(2, lease_seconds_).step();
  }
  Reused turns(prepared_->renew_turns, db_, prepared_->renew_turns_sql.c_str(), "renewing a worker's turns in crawl_hosts");
  turns->bind(1, worker_).bind(2, lease_seconds_).step();
}

void CrawlLeases::release_all() {
  Statement urls(db_, "UPDATE crawl_urls SET lease_owner=NULL, lease_until=NULL WHERE lease_owner=?1",
                 "releasing the leases of worker " + worker_ + " in crawl_urls");
  urls.bind(1, worker_).run();
  Statement turns(db_, "UPDATE crawl_hosts SET turn_owner=NULL, turn_until=NULL WHERE turn_owner=?1",
                  "releasing the turns of worker " + worker_ + " in crawl_hosts");
  turns.bind(1, worker_).run();
}

std::vector<CrawlQueuedUrl> CrawlLeases::claim_unfinished_reads(int limit) {
  Reused claim(prepared_->unfinished_reads, db_, prepared_->unfinished_reads_sql.c_str(),
               "claiming URLs of crawl_urls whose reading did not finish");
  claim->bind(1, worker_).bind(2, lease_seconds_).bind(3, limit);
  std::vector<CrawlQueuedUrl> urls;
  while (claim->step()) urls.push_back(queued_url_from(*claim));
  return urls;
}

std::vector<CrawlPendingDelivery> CrawlLeases::claim_pending_deliveries(int limit) {
  Reused claim(prepared_->pending_deliveries, db_, prepared_->pending_deliveries_sql.c_str(),
               "claiming the pending deliveries of crawl_urls");
  claim->bind(1, worker_).bind(2, lease_seconds_).bind(3, limit);
  std::vector<CrawlPendingDelivery> pending;
  while (claim->step()) {
    pending.push_back({claim->column_int64(0), claim->column_text(1), claim->column_text(2), claim->column_text(3),
                       claim->column_text(4), claim->column_text(5), claim->column_text(6)});
  }
  return pending;
}

bool CrawlLeases::work_left() {
  Reused query(prepared_->work_left, db_, prepared_->work_left_sql.c_str(), "looking for work left in crawl_urls");
  query->bind(1, worker_);
  query->step();
  return query->column_int(0) == 1;
}

}  // namespace nianbao::store
