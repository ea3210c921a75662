// What discovery needs from an HTML page, read with Gumbo: title, <meta name> values, <base href>,
// every anchor (href, visible text, title attribute) and every script (type, src, raw text).
#pragma once

#include <cstddef>
#include <map>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace nianbao::crawler {

struct Anchor {
  std::string href;   // as written (entities decoded by the parser)
  std::string text;   // visible text, whitespace collapsed
  std::string title;  // the title attribute, if any
};

struct Script {
  std::string type;  // lowercase type attribute ("" when absent)
  std::string src;
  std::string text;  // raw script body (Gumbo keeps it unparsed, e.g. Hanweb's XML datastore)
};

struct HtmlPage {
  std::string title;
  std::string base_href;
  std::map<std::string, std::string> metas;  // lowercase name -> content (first occurrence)
  std::vector<Anchor> anchors;
  std::vector<Script> scripts;
};

// Elements nested deeper than this make a page unprocessable (real pages nest a few dozen deep).
inline constexpr size_t kMaxElementDepth = 4096;

// Thrown by parse_html for a tree deeper than kMaxElementDepth; the message says so.
class HtmlTooDeep : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Parses UTF-8 HTML (or an HTML fragment) with Gumbo. Link texts, titles, hrefs and meta values are
// capped at 4 KiB each. Throws HtmlTooDeep for a page nested deeper than kMaxElementDepth.
HtmlPage parse_html(std::string_view utf8_html);

// Collapses runs of whitespace (including U+3000 and NBSP) to one space and trims.
std::string collapse_whitespace(std::string_view text);

}  // namespace nianbao::crawler
