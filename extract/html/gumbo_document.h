// A parsed HTML document owned in RAII style, plus the few Gumbo tree helpers the HTML reader
// needs (tag tests, attribute lookup, children iteration).
#pragma once

#include <gumbo.h>

#include <string>
#include <string_view>

#include "extract/html/parse_arena.h"

namespace nianbao {

class GumboDocument {
 public:
  // `utf8` must outlive the document (Gumbo keeps pointers into it).
  explicit GumboDocument(std::string_view utf8);
  ~GumboDocument();
  GumboDocument(const GumboDocument&) = delete;
  GumboDocument& operator=(const GumboDocument&) = delete;

  const GumboNode* root() const { return output_->root; }

 private:
  ParseArena arena_;  // every allocation of the parse: the tree is freed with it, not node by node
  GumboOutput* output_;
};

// Inline: the reader's walks call these for every node of the page.
inline bool is_element(const GumboNode* node, GumboTag tag) {
  return node != nullptr && node->type == GUMBO_NODE_ELEMENT && node->v.element.tag == tag;
}

std::string attribute(const GumboNode* node, const char* name);  // empty when absent

inline const GumboVector& children_of(const GumboNode* node) {  // element or template children
  static const GumboVector kEmpty = {nullptr, 0, 0};
  if (node == nullptr) return kEmpty;
  if (node->type == GUMBO_NODE_ELEMENT || node->type == GUMBO_NODE_TEMPLATE) return node->v.element.children;
  if (node->type == GUMBO_NODE_DOCUMENT) return node->v.document.children;
  return kEmpty;
}

}  // namespace nianbao
