// Walks Gumbo's parse tree once (iteratively, depth-limited) to collect the title, meta tags, base
// href, anchors and scripts of a page. No regex over markup: all structure comes from the parser.
#include "crawler/html_page.h"

#include <gumbo.h>

#include <algorithm>
#include <memory>
#include <utility>
#include <vector>

#include "common/text/markup_depth.h"

namespace nianbao::crawler {
namespace {

// No real link text, title or URL is longer: texts are cut there, longer URLs are ignored. This
// keeps later pattern matching (std::regex recurses per character) cheap and shallow.
constexpr size_t kMaxAnchorTextBytes = 4096;

// More elements left open than this (see markup_depth.h) and the page is refused unparsed: Gumbo
// needs time quadratic in the nesting and recursion as deep as it to build and free such a tree.
// Some slack over kMaxElementDepth: unclosed elements inside table cells are closed by </td>.
constexpr size_t kMaxUnclosedElements = 3 * kMaxElementDepth;

// The longest prefix of `text` of at most `limit` bytes that does not split a UTF-8 sequence.
size_t utf8_prefix_length(const std::string& text, size_t limit) {
  if (text.size() <= limit) return text.size();
  size_t length = limit;
  while (length > 0 && (static_cast<unsigned char>(text[length]) & 0xC0) == 0x80) --length;
  return length;
}

std::string capped(std::string text) {
  text.resize(utf8_prefix_length(text, kMaxAnchorTextBytes));
  return text;
}

std::string attribute(const GumboElement& element, const char* name) {
  const GumboAttribute* found = gumbo_get_attribute(&element.attributes, name);
  return found ? std::string(found->value) : std::string();
}

std::string lowercase_ascii(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

// The visible text under `node`, iteratively (a hostile page can nest thousands of elements
// inside one anchor). Stops collecting at kMaxAnchorTextBytes: no real link text is that long.
void append_text(const GumboNode* node, std::string& out) {
  std::vector<const GumboNode*> stack{node};
  while (!stack.empty() && out.size() < kMaxAnchorTextBytes) {
    const GumboNode* current = stack.back();
    stack.pop_back();
    if (current->type == GUMBO_NODE_TEXT || current->type == GUMBO_NODE_WHITESPACE || current->type == GUMBO_NODE_CDATA) {
      out += current->v.text.text;
      continue;
    }
    if (current->type != GUMBO_NODE_ELEMENT) continue;
    if (current->v.element.tag == GUMBO_TAG_SCRIPT || current->v.element.tag == GUMBO_TAG_STYLE) continue;
    if (current->v.element.tag == GUMBO_TAG_BR) out += ' ';
    const GumboVector& children = current->v.element.children;
    for (unsigned i = children.length; i-- > 0;) stack.push_back(static_cast<const GumboNode*>(children.data[i]));
  }
  if (out.size() > kMaxAnchorTextBytes) out.resize(utf8_prefix_length(out, kMaxAnchorTextBytes));
}

std::string raw_text_of(const GumboNode* node) {
  std::string out;
  const GumboVector& children = node->v.element.children;
  for (unsigned i = 0; i < children.length; ++i) {
    const auto* child = static_cast<const GumboNode*>(children.data[i]);
    if (child->type == GUMBO_NODE_TEXT || child->type == GUMBO_NODE_WHITESPACE || child->type == GUMBO_NODE_CDATA)
      out += child->v.text.text;
  }
  return out;
}

// Collects what one element contributes; returns false when its children are not to be visited.
bool collect(const GumboNode* node, HtmlPage& page) {
  const GumboElement& element = node->v.element;
  switch (element.tag) {
    case GUMBO_TAG_A: {
      std::string href = attribute(element, "href");
      if (href.size() > kMaxAnchorTextBytes) return true;  // not a real link; a cut one would be wrong
      std::string text;
      append_text(node, text);
      page.anchors.push_back({href, collapse_whitespace(text), collapse_whitespace(capped(attribute(element, "title")))});
      return true;
    }
    case GUMBO_TAG_META: {
      std::string name = lowercase_ascii(attribute(element, "name"));
      if (!name.empty() && !page.metas.count(name)) page.metas[name] = collapse_whitespace(capped(attribute(element, "content")));
      return true;
    }
    case GUMBO_TAG_TITLE:
      if (page.title.empty()) page.title = collapse_whitespace(capped(raw_text_of(node)));
      return false;
    case GUMBO_TAG_BASE:
      if (page.base_href.empty() && attribute(element, "href").size() <= kMaxAnchorTextBytes)
        page.base_href = attribute(element, "href");
      return true;
    case GUMBO_TAG_SCRIPT:
      page.scripts.push_back({lowercase_ascii(attribute(element, "type")), capped(attribute(element, "src")), raw_text_of(node)});
      return false;
    default:
      return true;
  }
}

// Depth-first over the tree with an explicit stack (document order kept), so no input can exhaust
// the call stack; a tree deeper than kMaxElementDepth is refused as hostile or broken.
void walk(const GumboNode* root, HtmlPage& page) {
  std::vector<std::pair<const GumboNode*, size_t>> stack{{root, 0}};
  while (!stack.empty()) {
    auto [node, depth] = stack.back();
    stack.pop_back();
    if (node->type != GUMBO_NODE_ELEMENT) continue;
    if (depth > kMaxElementDepth)
      throw HtmlTooDeep("HTML elements nested deeper than " + std::to_string(kMaxElementDepth) +
                        " levels (hostile or broken page): not processed");
    if (!collect(node, page)) continue;
    const GumboVector& children = node->v.element.children;
    for (unsigned i = children.length; i-- > 0;) stack.emplace_back(static_cast<const GumboNode*>(children.data[i]), depth + 1);
  }
}

bool starts_with_space_at(std::string_view text, size_t i, size_t& width) {
  unsigned char c = static_cast<unsigned char>(text[i]);
  if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') { width = 1; return true; }
  if (text.substr(i, 3) == "\xE3\x80\x80") { width = 3; return true; }  // U+3000 ideographic space
  if (text.substr(i, 2) == "\xC2\xA0") { width = 2; return true; }      // U+00A0 no-break space
  return false;
}

}  // namespace

std::string collapse_whitespace(std::string_view text) {
  std::string out;
  bool pending_space = false;
  for (size_t i = 0; i < text.size();) {
    size_t width = 0;
    if (starts_with_space_at(text, i, width)) {
      pending_space = !out.empty();
      i += width;
      continue;
    }
    if (pending_space) out += ' ';
    pending_space = false;
    out += text[i++];
  }
  return out;
}

HtmlPage parse_html(std::string_view utf8_html) {
  size_t unclosed = peak_unclosed_elements(utf8_html);
  if (unclosed > kMaxUnclosedElements)
    throw HtmlTooDeep("HTML with " + std::to_string(unclosed) + " elements open at once, nested deeper than " +
                      std::to_string(kMaxElementDepth) + " levels (hostile or broken page): not processed");
  std::unique_ptr<GumboOutput, void (*)(GumboOutput*)> output(
      gumbo_parse_with_options(&kGumboDefaultOptions, utf8_html.data(), utf8_html.size()),
      [](GumboOutput* parsed) { gumbo_destroy_output(&kGumboDefaultOptions, parsed); });
  HtmlPage page;
  if (output) walk(output->root, page);
  return page;
}

}  // namespace nianbao::crawler
