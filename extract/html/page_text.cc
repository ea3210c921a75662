// Walks the DOM and emits text nodes with their source offsets; block elements and table rows end
// lines, cells are separated by pipes, chrome subtrees are skipped entirely.
#include "extract/html/page_text.h"

#include <algorithm>
#include <cctype>

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

class TextWalker {
 public:
  explicit TextWalker(const MappedText& decoded) : decoded_(decoded) {}

  void walk(const GumboNode* node, int depth) {
    if (node == nullptr || depth > 400) return;
    if (node->type == GUMBO_NODE_TEXT || node->type == GUMBO_NODE_CDATA || node->type == GUMBO_NODE_WHITESPACE) {
      emit_text(node);
      return;
    }
    if (node->type != GUMBO_NODE_ELEMENT && node->type != GUMBO_NODE_DOCUMENT) return;
    if (node->type == GUMBO_NODE_ELEMENT && (is_invisible_element(node) || is_page_chrome(node))) return;
    GumboTag tag = node->type == GUMBO_NODE_ELEMENT ? node->v.element.tag : GUMBO_TAG_UNKNOWN;
    if (tag == GUMBO_TAG_TD || tag == GUMBO_TAG_TH) emit(" | ", last_source_);
    if (tag == GUMBO_TAG_TABLE) captions_.push_back(caption_text());
    const GumboVector& children = children_of(node);
    for (unsigned int i = 0; i < children.length; ++i) walk(static_cast<const GumboNode*>(children.data[i]), depth + 1);
    if (ends_line(tag)) emit("\n", last_source_);
    if (tag == GUMBO_TAG_TABLE) caption_start_ = out_.utf8.size();
  }

  PageText take() { return {std::move(out_), std::move(captions_)}; }

 private:
  void emit(const std::string& text, uint32_t source) {
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
  MappedText out_;
  std::vector<std::string> captions_;
  size_t caption_start_ = 0;
  uint32_t last_source_ = 0;
};

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
  if (class_name == nullptr && id == nullptr) return false;
  // "class id", lowercased, in a buffer kept per thread (this runs for every element).
  thread_local std::string names;
  names.clear();
  auto append_lowercase = [](const GumboAttribute* from) {
    if (from == nullptr) return;
    for (const char* c = from->value; *c != '\0'; ++c) names.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(*c))));
  };
  append_lowercase(class_name);
  names.push_back(' ');
  append_lowercase(id);
  if (names.size() <= 1) return false;
  for (const char* chrome : {"header", "footer", "nav", "menu", "breadcrumb", "crumb", "sidebar", "topbar",
                             "toolbar", "share", "copyright"}) {
    // "header" must be a word of its own: TRS pages use classes like "article_header_title".
    size_t at = names.find(chrome);
    while (at != std::string::npos) {
      bool starts = at == 0 || names[at - 1] == ' ' || names[at - 1] == '-' || names[at - 1] == '_';
      size_t end = at + std::char_traits<char>::length(chrome);
      bool ends = end == names.size() || names[end] == ' ' || names[end] == '-' || names[end] == '_' ||
                  std::isdigit(static_cast<unsigned char>(names[end]));
      if (starts && ends) return true;
      at = names.find(chrome, at + 1);
    }
  }
  return false;
}

PageText page_text(const GumboNode* root, const MappedText& decoded) {
  TextWalker walker(decoded);
  walker.walk(root, 0);
  return walker.take();
}

}  // namespace nianbao
