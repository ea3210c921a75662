// The documents table: content-addressed by sha256, bytes kept exactly, every origin the same
// bytes arrived from remembered in document_origins. Runs inside the caller's transaction.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "extract/extractor.h"

#include "store/session.h"

namespace nianbao::store {

struct DocumentRow {
  int64_t id = 0;
  std::string extract_status;  // ok, unreadable, …, or 'raw' (stored by the crawler, never extracted)
};

std::optional<DocumentRow> find_document(Session& db, const std::string& sha256);

// Records a new extraction of a stored document: status, media type, charset, extractor version,
// role ('unknown' when the status is not ok), title, publication date and its source.
void mark_extracted(Session& db, int64_t document_id, const Extraction& extraction);

// Inserts the document row and returns its id.
int64_t insert_document(Session& db, std::string_view bytes, const std::string& sha256, const std::string& origin,
                        const Extraction& extraction);

// Records that `origin` delivered the document (no-op when already recorded).
void record_origin(Session& db, int64_t document_id, const std::string& origin);

}  // namespace nianbao::store
