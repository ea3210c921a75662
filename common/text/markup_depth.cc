// peak_unclosed_elements (see markup_depth.h): one pass over '<' positions, tag names compared
// case-insensitively against the HTML elements with implied end tags and the void elements.
#include "common/text/markup_depth.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <string>

namespace nianbao {
namespace {

// Void elements, and elements that the parser closes on its own (implied end tags, table parts,
// document structure): none of them makes the tree deeper by being left open.
constexpr std::array<std::string_view, 35> kNotNesting = {
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr",
    "keygen", "frame", "p", "li", "dt", "dd", "tr", "td", "th", "option", "optgroup", "rb", "rt", "rp", "rtc",
    "tbody", "thead", "tfoot", "colgroup", "html", "head"};

bool is_ascii_alnum(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

char ascii_lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

// A tag name of at most 16 characters, lowercase, held without allocating (this runs per tag).
struct TagName {
  char letters[16];
  size_t length = 0;
  std::string_view view() const { return {letters, length}; }
};

bool nests(std::string_view name) {
  if (name == "body" || name.empty()) return false;
  for (std::string_view other : kNotNesting)
    if (name == other) return false;
  return true;
}

// The lowercase tag name starting at `at`.
TagName tag_name(std::string_view html, size_t at) {
  TagName name;
  while (at < html.size() && name.length < sizeof name.letters && is_ascii_alnum(html[at]))
    name.letters[name.length++] = ascii_lower(html[at++]);
  return name;
}

// Where the raw text of a <script> or <style> element that opened before `from` ends: at its
// "</name", whatever the case; the end of the input when it is never closed.
size_t end_of_raw_text(std::string_view html, size_t from, std::string_view name) {
  for (size_t at = html.find("</", from); at != std::string_view::npos; at = html.find("</", at + 2))
    if (tag_name(html, at + 2).view() == name) return at;
  return html.size();
}

}  // namespace

size_t peak_unclosed_elements(std::string_view html) {
  size_t open = 0, peak = 0;
  for (size_t at = html.find('<'); at != std::string_view::npos && at + 1 < html.size(); at = html.find('<', at + 1)) {
    char next = html[at + 1];
    if (next == '!' || next == '?') {
      size_t end = html.substr(at, 4) == "<!--" ? html.find("-->", at + 4) : html.find('>', at);
      if (end == std::string_view::npos) break;
      at = end;
      continue;
    }
    bool closing = next == '/';
    TagName tag = tag_name(html, at + (closing ? 2 : 1));
    std::string_view name = tag.view();
    if (name.empty() || !std::isalpha(static_cast<unsigned char>(name[0])) || !nests(name)) continue;
    size_t end = at + 1;  // the tag's end, never past the next tag: the scan stays linear
    while (end < html.size() && html[end] != '<' && html[end] != '>') ++end;  // (find_first_of: a memchr a byte)
    bool self_closed = end < html.size() && html[end] == '>' && html[end - 1] == '/';
    if (closing) {
      if (open > 0) --open;
    } else if (!self_closed) {
      peak = std::max(peak, ++open);
      if (name == "script" || name == "style") at = end_of_raw_text(html, at + 1, name) - 1;  // `a<b` in code is no tag
    }
  }
  return peak;
}

}  // namespace nianbao
