// peak_unclosed_elements (see markup_depth.h): one pass over '<' positions, tag names compared
// case-insensitively against the HTML elements with implied end tags and the void elements.
#include "common/text/markup_depth.h"

#include <algorithm>
#include <cctype>
#include <cstring>
#include <string>

namespace nianbao {
namespace {

// Void elements, and elements that the parser closes on its own (implied end tags, table parts,
// document structure): none of them makes the tree deeper by being left open. Grouped by length,
// so that a tag name is compared only with the names as long as it (this runs for every tag).
constexpr std::string_view kNotNesting1[] = {"p"};
constexpr std::string_view kNotNesting2[] = {"br", "hr", "li", "dt", "dd", "tr", "td", "th", "rb", "rt", "rp"};
constexpr std::string_view kNotNesting3[] = {"col", "img", "wbr", "rtc"};
constexpr std::string_view kNotNesting4[] = {"area", "base", "link", "meta", "html", "head"};
constexpr std::string_view kNotNesting5[] = {"embed", "input", "param", "track", "frame", "tbody", "thead", "tfoot"};
constexpr std::string_view kNotNesting6[] = {"source", "keygen", "option"};
constexpr std::string_view kNotNesting8[] = {"optgroup", "colgroup"};

template <size_t N>
bool is_one_of(std::string_view name, const std::string_view (&names)[N]) {
  for (std::string_view other : names)
    if (name == other) return true;
  return false;
}

bool is_ascii_alnum(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

char ascii_lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

// A tag name of at most 16 characters, lowercase, held without allocating (this runs per tag).
struct TagName {
  char letters[16];
  size_t length = 0;
  std::string_view view() const { return {letters, length}; }
};

bool nests(std::string_view name) {
  switch (name.size()) {
    case 0: return false;
    case 1: return !is_one_of(name, kNotNesting1);
    case 2: return !is_one_of(name, kNotNesting2);
    case 3: return !is_one_of(name, kNotNesting3);
    case 4: return name != "body" && !is_one_of(name, kNotNesting4);
    case 5: return !is_one_of(name, kNotNesting5);
    case 6: return !is_one_of(name, kNotNesting6);
    case 8: return !is_one_of(name, kNotNesting8);
    default: return true;
  }
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

// Where the tag whose name starts before `from` ends: its '>', or the next '<' when that comes
// first (a tag left unclosed), or the end of the input; never past the next tag, so the scan stays
// linear. Two memchr calls (std::string_view::find_first_of would make one per byte).
size_t tag_end(std::string_view html, size_t from) {
  if (from >= html.size()) return html.size();
  const char* begin = html.data() + from;
  size_t rest = html.size() - from;
  const void* close = std::memchr(begin, '>', rest);
  size_t limit = close == nullptr ? rest : static_cast<size_t>(static_cast<const char*>(close) - begin);
  const void* open = std::memchr(begin, '<', limit);
  if (open != nullptr) return from + static_cast<size_t>(static_cast<const char*>(open) - begin);
  return from + limit;
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
    size_t end = tag_end(html, at + 1);
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
