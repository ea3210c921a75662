// The crawler's shared vocabulary: kinds of URL (seed, hub, list, report, attachment), the states a
// frontier entry moves through, a queued request, a discovered link and one recorded fetch.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace nianbao::crawler {

enum class UrlKind { seed, hub, list, report, attachment };
const char* to_string(UrlKind kind);
UrlKind url_kind_from_string(const std::string& text);

// Frontier states. Only `queued` is pending; everything else is final for the current run.
namespace url_state {
inline constexpr const char* queued = "queued";
inline constexpr const char* done = "done";                    // fetched (200 or 304)
inline constexpr const char* redirected = "redirected";        // 3xx; the target is its own entry
inline constexpr const char* gone = "gone";                    // 404/410 and other final 4xx
inline constexpr const char* failed = "failed";                // tries exhausted or unrecoverable
inline constexpr const char* challenge = "challenge";          // anti-bot challenge, tries exhausted
inline constexpr const char* robots_denied = "robots_denied";  // robots.txt disallows it
inline constexpr const char* deferred = "deferred";            // host's robots.txt unavailable
}  // namespace url_state

// One frontier entry as the engine holds it while pending.
struct UrlRecord {
  int64_t id = 0;
  std::string url;
  std::string method = "GET";
  std::string body;  // form body for POST (Hanweb dataproxy)
  std::string host;
  UrlKind kind = UrlKind::seed;
  int depth = 0;
  int tries = 0;
  double next_fetch_at = 0;  // unix seconds
  int redirects = 0;
  std::string anchor_text;  // the link text it was found under (the report title for reports)
  std::string etag, last_modified, content_sha256;  // validators and the last stored copy
};

// A link discovery wants fetched.
struct DiscoveredLink {
  std::string url;
  std::string method = "GET";
  std::string body;
  UrlKind kind = UrlKind::list;
  std::string anchor_text;
};

// Everything recorded about one HTTP exchange (a row of crawl_fetches).
struct FetchRecord {
  int64_t url_id = 0;
  std::string url, final_url, method;
  long status = 0;
  std::string outcome;  // ok, not_modified, redirect, retry, backoff, challenge, gone, failed, capped
  std::string headers;  // raw response header block
  std::string content_type, charset, sha256;
  int64_t bytes = 0;
  int64_t elapsed_ms = 0;
  std::string error;  // what failed, naming the URL
};

}  // namespace nianbao::crawler
