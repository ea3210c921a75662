// URL handling for the crawler: resolving links against their page, and the parts (scheme, host,
// path) that scope and politeness decisions need. Built on libcurl's URL API (CURLU).
#pragma once

#include <optional>
#include <string>

namespace nianbao::crawler {

struct UrlParts {
  std::string scheme;  // lowercase: "http" or "https"
  std::string host;    // lowercase host name or address, without port
  std::string port;    // empty when the scheme's default
  std::string path;    // always starts with '/'
  std::string query;   // without '?', empty when none
};

// Resolves `reference` (an href as written in a page) against `base`. Returns the absolute URL
// without its fragment, or nullopt when the result is not an http/https URL or cannot be parsed.
std::optional<std::string> resolve_url(const std::string& base, const std::string& reference);

// Splits an absolute http/https URL; nullopt for anything else.
std::optional<UrlParts> parse_url(const std::string& url);

// The last path segment, e.g. "index_2.html" for http://h/a/index_2.html ("" for a directory).
std::string last_path_segment(const std::string& path);

}  // namespace nianbao::crawler
