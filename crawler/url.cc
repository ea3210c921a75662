// URL handling for the crawler, implemented with libcurl's CURLU parser so that relative links,
// dot segments and percent-encoding follow curl's RFC 3986 rules rather than hand-written ones.
#include "crawler/url.h"

#include <curl/curl.h>

#include <algorithm>
#include <memory>

namespace nianbao::crawler {
namespace {

struct CurlUrlDeleter {
  void operator()(CURLU* handle) const { curl_url_cleanup(handle); }
};
using CurlUrl = std::unique_ptr<CURLU, CurlUrlDeleter>;

std::string trim_whitespace(const std::string& text) {
  const char* space = " \t\r\n\f\v";
  size_t first = text.find_first_not_of(space);
  if (first == std::string::npos) return "";
  size_t last = text.find_last_not_of(space);
  return text.substr(first, last - first + 1);
}

// The part's text, or `fallback` when the URL has no such part.
std::string get_part_or(CURLU* handle, CURLUPart part, const char* fallback) {
  char* value = nullptr;
  if (curl_url_get(handle, part, &value, 0) != CURLUE_OK || value == nullptr) return fallback;
  std::string text(value);
  curl_free(value);
  return text;
}

std::optional<std::string> get_part(CURLU* handle, CURLUPart part) {
  char* value = nullptr;
  if (curl_url_get(handle, part, &value, 0) != CURLUE_OK || value == nullptr) return std::nullopt;
  std::string text(value);
  curl_free(value);
  return text;
}

std::string lowercase(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

bool is_web_scheme(const std::string& scheme) { return scheme == "http" || scheme == "https"; }

}  // namespace

std::optional<std::string> resolve_url(const std::string& base, const std::string& reference) {
  std::string href = trim_whitespace(reference);
  if (href.empty() || href.size() > 2083) return std::nullopt;
  CurlUrl handle(curl_url());
  if (!handle || curl_url_set(handle.get(), CURLUPART_URL, base.c_str(), 0) != CURLUE_OK) return std::nullopt;
  if (curl_url_set(handle.get(), CURLUPART_URL, href.c_str(), CURLU_URLENCODE | CURLU_NON_SUPPORT_SCHEME) != CURLUE_OK)
    return std::nullopt;
  auto scheme = get_part(handle.get(), CURLUPART_SCHEME);
  if (!scheme || !is_web_scheme(lowercase(*scheme))) return std::nullopt;
  curl_url_set(handle.get(), CURLUPART_FRAGMENT, nullptr, 0);
  return get_part(handle.get(), CURLUPART_URL);
}

std::optional<UrlParts> parse_url(const std::string& url) {
  CurlUrl handle(curl_url());
  if (!handle || curl_url_set(handle.get(), CURLUPART_URL, url.c_str(), 0) != CURLUE_OK) return std::nullopt;
  UrlParts parts;
  parts.scheme = lowercase(get_part_or(handle.get(), CURLUPART_SCHEME, ""));
  if (!is_web_scheme(parts.scheme)) return std::nullopt;
  parts.host = lowercase(get_part_or(handle.get(), CURLUPART_HOST, ""));
  if (parts.host.empty()) return std::nullopt;
  parts.port = get_part_or(handle.get(), CURLUPART_PORT, "");
  parts.path = get_part_or(handle.get(), CURLUPART_PATH, "/");
  if (parts.path.empty()) parts.path.push_back('/');
  parts.query = get_part_or(handle.get(), CURLUPART_QUERY, "");
  return parts;
}

std::string last_path_segment(const std::string& path) {
  size_t slash = path.rfind('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

}  // namespace nianbao::crawler
