// Challenge detection from status codes, cookie names, body markers (portals.md §2.7) and the shape
// of script-only cookie interstitials; only small bodies are examined (real report pages are large).
#include "crawler/challenge.h"

#include <cctype>

namespace nianbao::crawler {
namespace {

bool contains(std::string_view text, std::string_view part) { return text.find(part) != std::string_view::npos; }

// Script-only interstitials are tiny; a page of this size or more is never taken for one.
constexpr size_t kMaxInterstitialBytes = 16 * 1024;
// Visible text below this many bytes (outside scripts, styles, comments and tags) is "no content".
constexpr size_t kMaxInterstitialTextBytes = 48;

char lower(char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); }

// Position of `part` (lowercase ASCII) in `text` at or after `from`, ignoring ASCII case.
size_t find_ignoring_case(std::string_view text, std::string_view part, size_t from) {
  for (size_t at = from; at + part.size() <= text.size(); ++at) {
    size_t i = 0;
    while (i < part.size() && lower(text[at + i]) == part[i]) ++i;
    if (i == part.size()) return at;
  }
  return std::string_view::npos;
}

// Where the markup construct opening at `at` ('<') ends: past </script> or </style> for those
// elements, past "-->" for a comment, past '>' for any other tag.
size_t end_of_markup(std::string_view html, size_t at) {
  std::string_view closing;
  if (find_ignoring_case(html.substr(at, 7), "<script", 0) == 0) closing = "</script";
  else if (find_ignoring_case(html.substr(at, 6), "<style", 0) == 0) closing = "</style";
  else if (html.substr(at, 4) == "<!--") closing = "-->";
  size_t end = closing.empty() ? at : find_ignoring_case(html, closing, at + 1);
  if (end == std::string_view::npos) return html.size();
  end = html.find('>', end);
  return end == std::string_view::npos ? html.size() : end + 1;
}

// Bytes of visible text: everything outside markup, scripts, styles and comments but whitespace.
size_t visible_text_bytes(std::string_view html) {
  size_t count = 0;
  for (size_t at = 0; at < html.size();) {
    if (html[at] == '<') {
      at = end_of_markup(html, at);
      continue;
    }
    if (!std::isspace(static_cast<unsigned char>(html[at]))) ++count;
    ++at;
  }
  return count;
}

// A page that is only a script writing document.cookie and then reloading or moving on.
bool is_cookie_script_interstitial(std::string_view body) {
  if (body.size() >= kMaxInterstitialBytes || !contains(body, "document.cookie")) return false;
  bool navigates = contains(body, "location.reload") || contains(body, "location.href") ||
                   contains(body, "location.replace") || contains(body, "location.assign") ||
                   contains(body, "location=") || contains(body, "location =");
  return navigates && find_ignoring_case(body, "<script", 0) != std::string_view::npos &&
         visible_text_bytes(body) < kMaxInterstitialTextBytes;
}

}  // namespace

std::optional<std::string> detect_challenge(long status, std::string_view set_cookie, std::string_view body) {
  std::string_view head = body.substr(0, 64 * 1024);
  bool small_body = body.size() < 64 * 1024;
  if (contains(set_cookie, "__jsluid") || contains(set_cookie, "__jsl_clearance") || contains(head, "__jsl_clearance"))
    if (status == 521 || small_body) return "jiasule";
  if (status == 521) return "jiasule";
  if (contains(head, "wzwschallenge") || contains(head, "wzwsconfirm") || contains(set_cookie, "wzws_cid"))
    return "wzws";
  if (small_body && (contains(head, "$_ts") || contains(head, "r='m'") || contains(head, "r=\"m\"")))
    return "ruishu";
  if (status == 412) return "ruishu";
  if (small_body && contains(head, "acw_sc__v2")) return "acw";
  if (small_body && body.size() < 4096 && (contains(head, "请开启JavaScript") || contains(head, "请启用JavaScript")))
    return "js-required";
  if (is_cookie_script_interstitial(body)) return "cookie-script";
  return std::nullopt;
}

}  // namespace nianbao::crawler
