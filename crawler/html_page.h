// What discovery needs from an HTML page, read with Gumbo: title, <meta name> values, <base href>,
// every anchor (href, visible text, title attribute) and every script (type, src, raw text).
#pragma once

#include <map>
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

// Parses UTF-8 HTML (or an HTML fragment) with Gumbo.
HtmlPage parse_html(std::string_view utf8_html);

// Collapses runs of whitespace (including U+3000 and NBSP) to one space and trims.
std::string collapse_whitespace(std::string_view text);

}  // namespace nianbao::crawler
