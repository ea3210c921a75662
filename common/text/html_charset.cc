// Meta charset sniffing on the raw bytes (ASCII-compatible prefix, like a browser's prescan) and
// the decode order. A declared label that does not decode the bytes is a lie and is skipped.
#include "extract/html/html_charset.h"

#include <unicode/regex.h>
#include <unicode/unistr.h>

#include <memory>

namespace nianbao {

std::vector<std::string> meta_charset_labels(std::string_view bytes) {
  std::vector<std::string> labels;
  std::string head(bytes.substr(0, 16384));
  for (char& c : head) {
    if (static_cast<unsigned char>(c) >= 0x80) c = ' ';  // keep the prescan ASCII
  }
  UErrorCode status = U_ZERO_ERROR;
  static const std::unique_ptr<icu::RegexPattern> pattern(icu::RegexPattern::compile(
      icu::UnicodeString::fromUTF8("<meta[^>]*?charset\\s*=\\s*[\"']?\\s*([A-Za-z0-9_\\-:.]+)"), UREGEX_CASE_INSENSITIVE,
      status));
  if (!pattern) return labels;
  icu::UnicodeString text = icu::UnicodeString::fromUTF8(head);
  std::unique_ptr<icu::RegexMatcher> matcher(pattern->matcher(text, status));
  while (U_SUCCESS(status) && matcher->find(status)) {
    std::string label;
    matcher->group(1, status).toUTF8String(label);
    labels.push_back(label);
  }
  return labels;
}

DecodedText decode_html(std::string_view bytes, std::string_view http_charset) {
  std::vector<std::string> candidates;
  if (!http_charset.empty()) candidates.emplace_back(http_charset);
  for (std::string& label : meta_charset_labels(bytes)) candidates.push_back(std::move(label));
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
