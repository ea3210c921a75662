// HTML escaping and safe hrefs for the audit page. The UTF-8 check follows RFC 3629 (no overlong
// forms, no surrogates, nothing above U+10FFFF), so the page is always valid UTF-8.
#include "cli/html_escape.h"

#include <cstdint>

namespace nianbao::cli {
namespace {

constexpr std::string_view replacement_character = "\xEF\xBF\xBD";

// The length of the valid UTF-8 sequence starting at text[i], or 0 when the bytes there are not one.
size_t utf8_sequence_length(std::string_view text, size_t i) {
  auto byte = [&](size_t k) { return static_cast<unsigned char>(text[i + k]); };
  unsigned char lead = byte(0);
  if (lead < 0x80) return 1;
  size_t length = (lead >= 0xC2 && lead <= 0xDF)   ? 2
                  : (lead >= 0xE0 && lead <= 0xEF) ? 3
                  : (lead >= 0xF0 && lead <= 0xF4) ? 4
                                                   : 0;
  if (length == 0 || i + length > text.size()) return 0;
  for (size_t k = 1; k < length; ++k) {
    if ((byte(k) & 0xC0) != 0x80) return 0;
  }
  unsigned char second = byte(1);
  if (lead == 0xE0 && second < 0xA0) return 0;  // overlong
  if (lead == 0xED && second > 0x9F) return 0;  // surrogate
  if (lead == 0xF0 && second < 0x90) return 0;  // overlong
  if (lead == 0xF4 && second > 0x8F) return 0;  // above U+10FFFF
  return length;
}

bool is_dropped_control(unsigned char c) { return (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F; }

void append_escaped_ascii(std::string& out, char c) {
  switch (c) {
    case '&': out += "&amp;"; break;
    case '<': out += "&lt;"; break;
    case '>': out += "&gt;"; break;
    case '"': out += "&quot;"; break;
    case '\'': out += "&#39;"; break;
    default: out += c;
  }
}

void append_percent_encoded(std::string& out, unsigned char c) {
  static constexpr char hex[] = "0123456789ABCDEF";
  out += '%';
  out += hex[c >> 4];
  out += hex[c & 0x0F];
}

bool starts_with_ignoring_case(std::string_view text, std::string_view prefix) {
  if (text.size() < prefix.size()) return false;
  for (size_t i = 0; i < prefix.size(); ++i) {
    char c = text[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != prefix[i]) return false;
  }
  return true;
}

// Bytes that may stay as they are in a URL we pass through: printable ASCII except the ones the
// URL standard says to encode in a path or query.
bool keeps_in_url(unsigned char c) {
  if (c <= 0x20 || c >= 0x7F) return false;
  return std::string_view("\"<>\\^`{|}").find(static_cast<char>(c)) == std::string_view::npos;
}

// Bytes of a file path that need no encoding: unreserved characters and the path separator.
bool keeps_in_path(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
         std::string_view("-._~/").find(static_cast<char>(c)) != std::string_view::npos;
}

template <typename Keep>
std::string percent_encoded(std::string_view text, Keep keep) {
  std::string out;
  for (char c : text) {
    auto byte = static_cast<unsigned char>(c);
    if (keep(byte)) {
      out += c;
    } else {
      append_percent_encoded(out, byte);
    }
  }
  return out;
}

}  // namespace

std::string html_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  for (size_t i = 0; i < text.size();) {
    size_t length = utf8_sequence_length(text, i);
    if (length == 0) {
      out += replacement_character;
      ++i;
    } else if (length == 1) {
      if (!is_dropped_control(static_cast<unsigned char>(text[i]))) append_escaped_ascii(out, text[i]);
      ++i;
    } else {
      out.append(text.substr(i, length));
      i += length;
    }
  }
  return out;
}

std::string source_href(std::string_view url) {
  if (starts_with_ignoring_case(url, "http://") || starts_with_ignoring_case(url, "https://")) {
    return percent_encoded(url, keeps_in_url);
  }
  if (starts_with_ignoring_case(url, "file:///")) return percent_encoded(url, keeps_in_url);
  if (!url.empty() && url.front() == '/' && url.substr(0, 2) != "//") {
    return "file://" + percent_encoded(url, keeps_in_path);
  }
  return "";
}

std::string relative_href(std::string_view path) {
  if (path.empty() || path.front() == '/' || path.front() == '\\') return "";
  size_t colon = path.find(':');
  if (colon != std::string_view::npos && path.find('/') > colon) return "";  // a scheme, e.g. javascript:
  return percent_encoded(path, keeps_in_path);
}

}  // namespace nianbao::cli
