// The readable text of an HTML page in reading order, with navigation, headers, footers, scripts
// and styles left out; every character keeps the offset of its text node in the original bytes.
#pragma once

#include <gumbo.h>

#include <string>
#include <vector>

#include "common/text/mapped_text.h"

namespace nianbao {

// `decoded` is the UTF-8 buffer Gumbo parsed, with its map to the original bytes. The result is
// not yet normalized. Table rows become lines with cells separated by " | ".
struct PageText {
  MappedText text;
  std::vector<std::string> table_captions;  // per <table> in document order: the text since the previous one (its last 16 KiB)
};

PageText page_text(const GumboNode* root, const MappedText& decoded);

// True for page chrome: <nav>/<header>/<footer>/<aside>, or a class/id naming a header, footer,
// navigation, menu or breadcrumb.
bool is_page_chrome(const GumboNode* node);

}  // namespace nianbao
