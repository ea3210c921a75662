// The visible text of an HTML subtree (text nodes, <br> and block boundaries as spaces or
// newlines), with the byte position of its first character in the parsed UTF-8 buffer.
#pragma once

#include <gumbo.h>

#include <string>

namespace nianbao {

struct NodeText {
  std::string text;       // raw, before normalization
  long first_offset = -1;  // offset of the first text character in the UTF-8 buffer Gumbo parsed
};

// Text of `node` and its descendants; nested <table>s are left out (they become grids of their own);
// <script>/<style> are skipped.
NodeText node_text(const GumboNode* node);

// True for elements whose content is never visible text.
bool is_invisible_element(const GumboNode* node);

}  // namespace nianbao
