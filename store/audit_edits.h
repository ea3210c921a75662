// The fetch history the audit reads: every URL's versions (distinct bodies in the order they were
// first fetched) — a page edited after publication has two — and, per stored body, the URLs that
// served it, when nianbao first fetched it, and the date of the landing page that linked to it.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "store/session.h"

namespace nianbao::store {

struct UrlVersion {
  std::string sha256;
  std::string first_fetched_at, last_fetched_at;  // as stored: YYYY-MM-DDTHH:MM:SS.sssZ
};

// The page that linked to a body (its crawl_urls parent) and the date that page carries.
struct LandingDate {
  std::string url, published, source;  // source: documents.published_source of the page (may be "")
};

struct FetchHistory {
  std::map<std::string, std::vector<UrlVersion>> versions_by_url;    // ordered by first fetch
  std::map<std::string, std::vector<std::string>> urls_by_sha256;     // URLs that returned the body
  std::map<std::string, std::string> first_fetched_by_sha256;         // earliest fetched_at
  std::map<std::string, LandingDate> landing_by_sha256;               // first dated parent found
};

// Reads crawl_fetches (rows with a body), their crawl_urls and the parent pages' documents.
FetchHistory load_fetch_history(Session& db);

// The URLs of `history` with two or more versions, one of which is `sha256`.
std::vector<std::string> edited_urls_serving(const FetchHistory& history, const std::string& sha256);

}  // namespace nianbao::store
