// Walks the DOM and emits text nodes with their source offsets; block elements and table rows end
// lines, cells are separated by pipes, chrome subtrees are skipped entirely.
#include "extract/html/page_text.h"

#include <algorithm>
#include <cctype>
#include <string_view>

#include "extract/html/gumbo_document.h"
#include "extract/html/node_text.h"

namespace nianbao {
namespace {

// Generous: readers keep the last 240 normalized characters of a caption.
constexpr size_t kCaptionBytes = 16 * 1024;

bool ends_line(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_P: case GUMBO_TAG_DIV: case GUMBO_TAG_BR: case GUMBO_TAG_LI: case GUMBO_TAG_TR:
    case GUMBO_TAG_H1: case GUMBO_TAG_H2: case GUMBO_TAG_H3: case GUMBO_TAG_H4: case GUMBO_TAG_H5:
    case GUMBO_TAG_H6: case GUMBO_TAG_TABLE: case GUMBO_TAG_SECTION: case GUMBO_TAG_ARTICLE:
    case GUMBO_TAG_TITLE:
      return true;
    default:
      return false;
  }
}

// One pre-order walk of the tree for everything the reader takes from it, each part by its own
// rules: <meta> and the first <title> anywhere; <a> outside invisible elements; text and tables
// outside invisible elements and chrome (the tables of a <template>, whose text is not read, too).
class PageWalker {
 public:
  explicit PageWalker(const MappedText& decoded) : decoded_(decoded) {}

  // How the text walk treats a subtree: read its text and tables, only its tables (a <template>'s
  // content), or nothing of it.
  enum class TextMode { read, tables_only, skip };

  void walk(const GumboNode* node, int depth, bool visible, TextMode mode) {
    if (node == nullptr || depth > 400) return;
    if (is_element(node, GUMBO_TAG_META)) head_.metas.push_back(node);
    if (head_.title == nullptr && is_element(node, GUMBO_TAG_TITLE)) head_.title = node;
    bool element = node->type == GUMBO_NODE_ELEMENT;
    bool invisible = element && is_invisible_element(node);
    visible = visible && !invisible;
    if (visible && is_element(node, GUMBO_TAG_A)) anchors_.push_back(node);
    bool read_here = false;  // this element's text is read: it may end a line or a table after its children
    if (mode == TextMode::read) {
      mode = enter_text(node, element, invisible);
      read_here = mode == TextMode::read;
    } else if (mode == TextMode::tables_only) {
      if (element && (invisible || is_page_chrome(node))) {
        mode = TextMode::skip;
      } else if (is_element(node, GUMBO_TAG_TABLE) && tables_.size() < kMaxPageTables) {
        tables_.push_back(node);
      }
    }
    const GumboVector& children = children_of(node);
    for (unsigned int i = 0; i < children.length; ++i) {
      walk(static_cast<const GumboNode*>(children.data[i]), depth + 1, visible, mode);
    }
    if (!read_here) return;
    GumboTag tag = element ? node->v.element.tag : GUMBO_TAG_UNKNOWN;
    if (ends_line(tag)) emit("\n", last_source_);
    if (tag == GUMBO_TAG_TABLE) caption_start_ = out_.utf8.size();
  }

  PageWalk take() {
    return {std::move(head_), std::move(anchors_), {std::move(out_), std::move(captions_), std::move(tables_)}};
  }

 private:
  // The text walk at `node` in read mode: emits its text, or what an element prints before its
  // children; returns how its subtree is walked.
  TextMode enter_text(const GumboNode* node, bool element, bool invisible) {
    if (node->type == GUMBO_NODE_TEXT || node->type == GUMBO_NODE_CDATA || node->type == GUMBO_NODE_WHITESPACE) {
      emit_text(node);
      return TextMode::skip;
    }
    if (node->type == GUMBO_NODE_TEMPLATE) return TextMode::tables_only;  // no text, but its tables
    if (!element && node->type != GUMBO_NODE_DOCUMENT) return TextMode::skip;
    if (element && (invisible || is_page_chrome(node))) return TextMode::skip;
    GumboTag tag = element ? node->v.element.tag : GUMBO_TAG_UNKNOWN;
    if (tag == GUMBO_TAG_TD || tag == GUMBO_TAG_TH) emit(" | ", last_source_);
    if (tag == GUMBO_TAG_TABLE) {
      captions_.push_back(caption_text());
      if (tables_.size() < kMaxPageTables) tables_.push_back(node);
    }
    return TextMode::read;
  }

  void emit(std::string_view text, uint32_t source) {
    out_.utf8 += text;
    out_.source_offsets.insert(out_.source_offsets.end(), text.size(), source);
  }

  // The text since the previous table: its last kCaptionBytes only (a caption is the end of the
  // text before a table; the whole prose before it would be a second copy of the page).
  std::string caption_text() const {
    size_t begin = std::max(caption_start_, out_.utf8.size() - std::min(out_.utf8.size(), kCaptionBytes));
    while (begin < out_.utf8.size() && (static_cast<unsigned char>(out_.utf8[begin]) & 0xC0) == 0x80) ++begin;
    return out_.utf8.substr(begin);
  }

  void emit_text(const GumboNode* node) {
    size_t offset = node->v.text.start_pos.offset;
    int64_t mapped = decoded_.source_offset(offset);
    uint32_t source = mapped >= 0 ? static_cast<uint32_t>(mapped) : last_source_;
    last_source_ = source;
    emit(node->v.text.text, source);
  }

  const MappedText& decoded_;
  PageHead head_;
  std::vector<const GumboNode*> anchors_;
  MappedText out_;
  std::vector<std::string> captions_;
  std::vector<const GumboNode*> tables_;
  size_t caption_start_ = 0;
  uint32_t last_source_ = 0;
};

// A class or id word that names page chrome: it begins (any case) with one of these words and the
// chrome word ends the word or is followed by a digit. "header" must be a word of its own: TRS
// pages use classes like "article_header_title", whose words are "article", "header", "title".
bool is_chrome_word(std::string_view word) {
  static constexpr std::string_view kChromeWords[] = {"header", "footer", "nav", "menu", "breadcrumb", "crumb",
                                                      "sidebar", "topbar", "toolbar", "share", "copyright"};
  char lower[16];
  size_t length = std::min(word.size(), sizeof lower);
  for (size_t i = 0; i < length; ++i) lower[i] = static_cast<char>(std::tolower(static_cast<unsigned char>(word[i])));
  for (std::string_view chrome : kChromeWords) {
    if (length < chrome.size() || std::string_view(lower, chrome.size()) != chrome) continue;
    if (word.size() == chrome.size() || std::isdigit(static_cast<unsigned char>(word[chrome.size()]))) return true;
  }
  return false;
}

// Whether a class or id attribute value has a chrome word; words are separated by ' ', '-', '_'.
// (This runs for every element with a class or id: no allocation.)
bool has_chrome_word(const char* value) {
  auto separates = [](char c) { return c == ' ' || c == '-' || c == '_'; };
  std::string_view names(value);
  size_t begin = 0;
  while (begin < names.size()) {
    if (separates(names[begin])) {
      ++begin;
      continue;
    }
    size_t end = begin;
    while (end < names.size() && !separates(names[end])) ++end;
    if (is_chrome_word(names.substr(begin, end - begin))) return true;
    begin = end;
  }
  return false;
}

}  // namespace

bool is_page_chrome(const GumboNode* node) {
  if (node == nullptr || node->type != GUMBO_NODE_ELEMENT) return false;
  switch (node->v.element.tag) {
    case GUMBO_TAG_NAV: case GUMBO_TAG_HEADER: case GUMBO_TAG_FOOTER: case GUMBO_TAG_ASIDE:
      return true;
    default:
      break;
  }
  if (node->v.element.attributes.length == 0) return false;
  const GumboAttribute* class_name = gumbo_get_attribute(&node->v.element.attributes, "class");
  const GumboAttribute* id = gumbo_get_attribute(&node->v.element.attributes, "id");
  return (class_name != nullptr && has_chrome_word(class_name->value)) ||
         (id != nullptr && has_chrome_word(id->value));
}

PageWalk walk_page(const GumboNode* root, const MappedText& decoded) {
  PageWalker walker(decoded);
  walker.walk(root, 0, true, PageWalker::TextMode::read);
  return walker.take();
}

PageText page_text(const GumboNode* root, const MappedText& decoded) { return walk_page(root, decoded).text; }

}  // namespace nianbao
