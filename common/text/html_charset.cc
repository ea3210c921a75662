// Meta charset sniffing on the raw bytes (ASCII-compatible prefix, like a browser's prescan) and
// the decode order. A declared label that does not decode the bytes is a lie and is skipped.
#include "common/text/html_charset.h"

#include <algorithm>
#include <cctype>

namespace nianbao {

std::vector<std::string> meta_charset_labels(std::string_view bytes) {
  std::vector<std::string> labels;
  std::string head(bytes.substr(0, 16384));
  for (char& c : head) c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;  // ASCII only, as in the C locale
  size_t at = 0;
  while ((at = head.find("<meta", at)) != std::string::npos) {
    size_t close = head.find('>', at);
    if (close == std::string::npos) break;
    std::string_view tag = std::string_view(head).substr(at, close - at);
    size_t charset = tag.find("charset");
    if (charset != std::string_view::npos) {
      size_t value = tag.find_first_not_of(" \t\r\n=\"'", charset + 7);
      if (value != std::string_view::npos && tag.substr(charset + 7, value - charset - 7).find('=') != std::string_view::npos) {
        size_t end = tag.find_first_of(" \t\r\n\"';/>", value);
        labels.emplace_back(tag.substr(value, end == std::string_view::npos ? tag.size() - value : end - value));
      }
    }
    at = close;
  }
  return labels;
}

DecodedText decode_html(std::string_view bytes, std::string_view http_charset) {
  std::vector<std::string> candidates;
  if (!http_charset.empty()) candidates.emplace_back(http_charset);
  for (std::string& label : meta_charset_labels(bytes)) candidates.push_back(std::move(label));
  // A Latin-1 family label decodes any bytes "cleanly": servers send it by default, so it proves
  // nothing about a Chinese page and is left to detection.
  std::erase_if(candidates, [](const std::string& label) {
    std::string name = canonical_charset(label);
    return name == "ISO-8859-1" || name == "windows-1252" || name == "US-ASCII" || name.rfind("ibm-", 0) == 0;
  });
  bool any_wrong = false;
  for (const std::string& candidate : candidates) {
    DecodedText decoded = decode_to_utf8(bytes, candidate);
    if (decoded.charset_basis == "bom" || decoded.charset_basis == "declared" ||
        decoded.charset_basis == "utf8-valid") {
      decoded.declared_was_wrong |= any_wrong;
      return decoded;
    }
    any_wrong = true;
  }
  DecodedText decoded = decode_to_utf8(bytes, "");
  decoded.declared_was_wrong = any_wrong;
  return decoded;
}

}  // namespace nianbao
