// The crawler's side of charset handling is only the HTTP header: the decoding itself is shared
// with the extractor so a page is read the same way when it is crawled and when it is extracted.
#include "crawler/charset.h"

#include <algorithm>
#include <cctype>

#include "common/text/html_charset.h"

namespace nianbao::crawler {

std::string charset_from_content_type(std::string_view content_type) {
  std::string lower(content_type);
  std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
  size_t at = lower.find("charset");
  if (at == std::string::npos) return "";
  at = lower.find_first_not_of(" \t", at + 7);
  if (at == std::string::npos || lower[at] != '=') return "";
  at = lower.find_first_not_of(" \t\"'", at + 1);
  if (at == std::string::npos) return "";
  size_t end = lower.find_first_of(" \t\"';,", at);
  return canonical_charset(lower.substr(at, end == std::string::npos ? std::string::npos : end - at));
}

DecodedPage decode_page(std::string_view bytes, std::string_view content_type) {
  DecodedText decoded = decode_html(bytes, charset_from_content_type(content_type));
  return {std::move(decoded.text.utf8), decoded.charset};
}

}  // namespace nianbao::crawler
