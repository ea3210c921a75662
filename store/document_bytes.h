// Reading a stored document's exact bytes back out (for `nianbao audit --out`, which saves the
// sources its flags cite so the page's links work offline): by sha256, or the latest body of a URL.
#pragma once

#include <optional>
#include <string>

#include "store/session.h"

namespace nianbao::store {

struct StoredBytes {
  std::string sha256;
  std::string media_type;  // documents.media_type as stored (may be empty for crawl bodies)
  std::string bytes;       // byte-exact, as ingested or fetched
};

// The document whose sha256 is `sha256`; nullopt when none is stored. Throws StoreError naming the
// database file and the sha256 when the read fails.
std::optional<StoredBytes> read_document_bytes(Session& db, const std::string& sha256);

// The body last stored for `url`: the crawl's current content of that URL, else the latest
// document whose origin is `url`. nullopt when nothing is stored under that URL.
std::optional<StoredBytes> read_latest_bytes_of_url(Session& db, const std::string& url);

}  // namespace nianbao::store
