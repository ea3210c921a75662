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

bool nests(const std::string& name) {
  if (name == "body" || name.empty()) return false;
  for (std::string_view other : kNotNesting)
    if (name == other) return false;
  return true;
}

// The lowercase tag name starting at `at`.
std::string tag_name(std::string_view html, size_t at) {
  std::string name;
  while (at < html.size() && name.size() < 16 && std::isalnum(static_cast<unsigned char>(html[at])))
    name += static_cast<char>(std::tolower(static_cast<unsigned char>(html[at++])));
  return name;
}

// Where the raw text of a <script> or <style> element that opened before `from` ends: at its
// "</name", whatever the case; the end of the input when it is never closed.
size_t end_of_raw_text(std::string_view html, size_t from, const std::string& name) {
  for (size_t at = html.find("</", from); at != std::string_view::npos; at = html.find("</", at + 2))
    if (tag_name(html, at + 2) == name) return at;
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
    std::string name = tag_name(html, at + (closing ? 2 : 1));
    if (name.empty() || !std::isalpha(static_cast<unsigned char>(name[0])) || !nests(name)) continue;
    size_t end = html.find_first_of("<>", at + 1);  // never past the next tag: the scan stays linear
    bool self_closed = end != std::string_view::npos && html[end] == '>' && html[end - 1] == '/';
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
