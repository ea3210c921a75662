// Recursive text collection over a Gumbo subtree. Word-made cells split labels over many <span>,
// <p>, <font> and <br>: spans join without a space, block boundaries and <br> add one.
#include "extract/html/node_text.h"

#include "extract/html/gumbo_document.h"

namespace nianbao {
namespace {

bool is_block(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_P: case GUMBO_TAG_DIV: case GUMBO_TAG_BR: case GUMBO_TAG_LI: case GUMBO_TAG_TR:
    case GUMBO_TAG_H1: case GUMBO_TAG_H2: case GUMBO_TAG_H3: case GUMBO_TAG_H4: case GUMBO_TAG_H5:
    case GUMBO_TAG_H6: case GUMBO_TAG_SECTION: case GUMBO_TAG_ARTICLE: case GUMBO_TAG_UL: case GUMBO_TAG_OL:
      return true;
    default:
      return false;
  }
}

void collect(const GumboNode* node, NodeText& out, int depth) {
  if (node == nullptr || depth > 200) return;
  if (node->type == GUMBO_NODE_TEXT || node->type == GUMBO_NODE_WHITESPACE || node->type == GUMBO_NODE_CDATA) {
    if (out.first_offset < 0 && node->type != GUMBO_NODE_WHITESPACE) {
      out.first_offset = static_cast<long>(node->v.text.start_pos.offset);
    }
    out.text += node->v.text.text;
    return;
  }
  if (node->type != GUMBO_NODE_ELEMENT && node->type != GUMBO_NODE_TEMPLATE) return;
  if (is_invisible_element(node) || is_element(node, GUMBO_TAG_TABLE)) return;
  bool block = is_block(node->v.element.tag);
  if (block) out.text += ' ';
  const GumboVector& children = children_of(node);
  for (unsigned int i = 0; i < children.length; ++i) {
    collect(static_cast<const GumboNode*>(children.data[i]), out, depth + 1);
  }
  if (block) out.text += ' ';
}

}  // namespace

bool is_invisible_element(const GumboNode* node) {
  if (node == nullptr || node->type != GUMBO_NODE_ELEMENT) return false;
  switch (node->v.element.tag) {
    case GUMBO_TAG_SCRIPT: case GUMBO_TAG_STYLE: case GUMBO_TAG_NOSCRIPT: case GUMBO_TAG_TEMPLATE:
    case GUMBO_TAG_HEAD: case GUMBO_TAG_IFRAME: case GUMBO_TAG_OBJECT: case GUMBO_TAG_SELECT:
      return true;
    default:
      return false;
  }
}

NodeText node_text(const GumboNode* node) {
  NodeText out;
  const GumboVector& children = children_of(node);
  for (unsigned int i = 0; i < children.length; ++i) {
    collect(static_cast<const GumboNode*>(children.data[i]), out, 0);
  }
  return out;
}

}  // namespace nianbao
