// Turns one HTTP response (or transport error) into what the engine must do next: keep it, follow
// a redirect, retry the URL, block the host (429/503, honouring Retry-After), record a challenge,
// or give up — with the reason, naming the URL, for the fetch log.
#pragma once

#include <optional>
#include <string>

#include "crawler/http_transfer.h"

namespace nianbao::crawler {

enum class Verdict { ok, not_modified, redirect, retry_url, backoff_host, challenge, gone, failed };
const char* to_string(Verdict verdict);

struct ResponseVerdict {
  Verdict verdict = Verdict::failed;
  std::string reason;                   // human-readable, names the URL
  std::optional<double> retry_after_s;  // from Retry-After (seconds or HTTP-date)
  std::string location;                 // for redirects, as sent
  std::string challenge;                // challenge label
};

ResponseVerdict judge_response(const std::string& url, const HttpResponse& response);

// Retry-After as seconds from now: delta-seconds or an HTTP-date (parsed by curl_getdate).
std::optional<double> parse_retry_after(const std::string& value, double now_unix);

}  // namespace nianbao::crawler
