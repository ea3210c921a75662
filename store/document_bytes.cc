// Reading a stored document's bytes by sha256 or by URL: two small queries over documents,
// crawl_urls and document_origins, for the audit's saved sources.
#include "store/document_bytes.h"

#include "store/statement.h"

namespace nianbao::store {
namespace {

// The sha256 the crawl last stored for `url`, else that of the newest document with that origin.
std::optional<std::string> latest_sha256_of_url(Session& db, const std::string& url) {
  Statement crawled(db,
                    "SELECT content_sha256 FROM crawl_urls WHERE url = ?1 AND content_sha256 IS NOT NULL "
                    "AND content_sha256 <> '' ORDER BY updated_at DESC, id DESC LIMIT 1",
                    "finding the stored body of " + url + " in crawl_urls");
  crawled.bind(1, url);
  if (crawled.step()) return crawled.column_text(0);
  Statement ingested(db,
                     "SELECT d.sha256 FROM document_origins o JOIN documents d ON d.id = o.document_id "
                     "WHERE o.origin = ?1 ORDER BY o.first_seen_at DESC, d.id DESC LIMIT 1",
                     "finding the stored document of " + url + " in document_origins");
  ingested.bind(1, url);
  if (ingested.step()) return ingested.column_text(0);
  return std::nullopt;
}

}  // namespace

std::optional<StoredBytes> read_document_bytes(Session& db, const std::string& sha256) {
  Statement statement(db, "SELECT sha256, media_type, bytes FROM documents WHERE sha256 = ?1",
                      "reading the bytes of document " + sha256 + " from documents");
  statement.bind(1, sha256);
  if (!statement.step()) return std::nullopt;
  return StoredBytes{statement.column_text(0), statement.column_text(1), statement.column_blob(2)};
}

std::optional<StoredBytes> read_latest_bytes_of_url(Session& db, const std::string& url) {
  std::optional<std::string> sha256 = latest_sha256_of_url(db, url);
  if (!sha256) return std::nullopt;
  return read_document_bytes(db, *sha256);
}

}  // namespace nianbao::store
