// Writes and looks up document rows. Bytes are bound as a BLOB, never as text, so the stored
// copy is byte-identical whatever the encoding of the file.
#include "store/document_writer.h"

#include "store/statement.h"

namespace nianbao::store {
namespace {

// Spelled here rather than through the extractor's to_string so the store links without it.
const char* status_name(ExtractStatus status) {
  switch (status) {
    case ExtractStatus::ok: return "ok";
    case ExtractStatus::unreadable: return "unreadable";
    case ExtractStatus::unsupported: return "unsupported";
    case ExtractStatus::needs_ocr: return "needs_ocr";
  }
  return "unknown";
}

// documents.role: what the extractor classified; 'unknown' when it could not read the document.
const char* role_name(const Extraction& extraction) {
  return extraction.status == ExtractStatus::ok ? to_string(extraction.role) : "unknown";
}

std::optional<std::string> published_source(const Extraction& extraction) {
  if (!extraction.published || extraction.published_source.empty()) return std::nullopt;
  return extraction.published_source;
}

}  // namespace

std::optional<DocumentRow> find_document(Session& db, const std::string& sha256) {
  Statement statement(db, "SELECT id, extract_status FROM documents WHERE sha256 = ?1", "looking up document " + sha256);
  statement.bind(1, sha256);
  if (!statement.step()) return std::nullopt;
  return DocumentRow{statement.column_int64(0), statement.column_text(1)};
}

void mark_extracted(Session& db, int64_t document_id, const Extraction& extraction) {
  Statement statement(db,
                      "UPDATE documents SET media_type = ?2, charset = ?3, extract_status = ?4, extract_message = ?5, "
                      "extractor_version = ?6, role = ?7, title = ?8, published = ?9, published_source = ?10 "
                      "WHERE id = ?1",
                      "recording the extraction of document " + std::to_string(document_id));
  statement.bind(1, document_id)
      .bind(2, extraction.media_type)
      .bind(3, extraction.charset)
      .bind(4, status_name(extraction.status))
      .bind(5, extraction.message)
      .bind(6, kExtractorVersion)
      .bind(7, role_name(extraction))
      .bind(8, extraction.title)
      .bind(9, extraction.published)
      .bind(10, published_source(extraction))
      .run();
}

int64_t insert_document(Session& db, std::string_view bytes, const std::string& sha256, const std::string& origin,
                        const Extraction& extraction) {
  Statement statement(db,
                      "INSERT INTO documents (sha256, bytes, size, media_type, charset, origin, extract_status, "
                      "extract_message, extractor_version, role, title, published, published_source) "
                      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13) RETURNING id",
                      "storing the document bytes");
  statement.bind(1, sha256)
      .bind_blob(2, bytes)
      .bind(3, static_cast<int64_t>(bytes.size()))
      .bind(4, extraction.media_type)
      .bind(5, extraction.charset)
      .bind(6, origin)
      .bind(7, status_name(extraction.status))
      .bind(8, extraction.message)
      .bind(9, kExtractorVersion)
      .bind(10, role_name(extraction))
      .bind(11, extraction.title)
      .bind(12, extraction.published)
      .bind(13, published_source(extraction));
  statement.step();
  int64_t id = statement.column_int64(0);
  statement.reset();
  return id;
}

void record_origin(Session& db, int64_t document_id, const std::string& origin) {
  Statement statement(db, "INSERT INTO document_origins (document_id, origin) VALUES (?1, ?2) ON CONFLICT DO NOTHING",
                      "recording the document's origin");
  statement.bind(1, document_id).bind(2, origin).run();
}

}  // namespace nianbao::store
