// Walks Gumbo's parse tree once to collect the title, meta tags, base href, anchors and scripts
// of a page. No regex over markup: all structure comes from the HTML5 parser.
#include "crawler/html_page.h"

#include <gumbo.h>

#include <algorithm>
#include <memory>

namespace nianbao::crawler {
namespace {

std::string attribute(const GumboElement& element, const char* name) {
  const GumboAttribute* found = gumbo_get_attribute(&element.attributes, name);
  return found ? std::string(found->value) : std::string();
}

std::string lowercase_ascii(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

void append_text(const GumboNode* node, std::string& out) {
  if (node->type == GUMBO_NODE_TEXT || node->type == GUMBO_NODE_WHITESPACE || node->type == GUMBO_NODE_CDATA) {
    out += node->v.text.text;
    return;
  }
  if (node->type == GUMBO_NODE_ELEMENT) {
    if (node->v.element.tag == GUMBO_TAG_SCRIPT || node->v.element.tag == GUMBO_TAG_STYLE) return;
    if (node->v.element.tag == GUMBO_TAG_BR) out += ' ';
    const GumboVector& children = node->v.element.children;
    for (unsigned i = 0; i < children.length; ++i) append_text(static_cast<const GumboNode*>(children.data[i]), out);
  }
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

void visit(const GumboNode* node, HtmlPage& page) {
  if (node->type != GUMBO_NODE_ELEMENT) return;
  const GumboElement& element = node->v.element;
  switch (element.tag) {
    case GUMBO_TAG_A: {
      std::string text;
      append_text(node, text);
      page.anchors.push_back({attribute(element, "href"), collapse_whitespace(text), collapse_whitespace(attribute(element, "title"))});
      break;
    }
    case GUMBO_TAG_META: {
      std::string name = lowercase_ascii(attribute(element, "name"));
      if (!name.empty() && !page.metas.count(name)) page.metas[name] = collapse_whitespace(attribute(element, "content"));
      break;
    }
    case GUMBO_TAG_TITLE:
      if (page.title.empty()) page.title = collapse_whitespace(raw_text_of(node));
      return;
    case GUMBO_TAG_BASE:
      if (page.base_href.empty()) page.base_href = attribute(element, "href");
      break;
    case GUMBO_TAG_SCRIPT:
      page.scripts.push_back({lowercase_ascii(attribute(element, "type")), attribute(element, "src"), raw_text_of(node)});
      return;
    default:
      break;
  }
  for (unsigned i = 0; i < element.children.length; ++i) visit(static_cast<const GumboNode*>(element.children.data[i]), page);
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
  std::unique_ptr<GumboOutput, void (*)(GumboOutput*)> output(
      gumbo_parse_with_options(&kGumboDefaultOptions, utf8_html.data(), utf8_html.size()),
      [](GumboOutput* parsed) { gumbo_destroy_output(&kGumboDefaultOptions, parsed); });
  HtmlPage page;
  if (output) visit(output->root, page);
  return page;
}

}  // namespace nianbao::crawler
