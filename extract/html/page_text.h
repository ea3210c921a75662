// The readable text of an HTML page in reading order, with navigation, headers, footers, scripts
// and styles left out; every character keeps the offset of its text node in the original bytes.
#pragma once

#include <gumbo.h>

#include <string>
#include <vector>

#include "common/text/mapped_text.h"
#include "extract/html/page_metadata.h"

namespace nianbao {

// `decoded` is the UTF-8 buffer Gumbo parsed, with its map to the original bytes. The result is
// not yet normalized. Table rows become lines with cells separated by " | ".
struct PageText {
  MappedText text;
  std::vector<std::string> table_captions;  // per <table> in document order: the text since the previous one (its last 16 KiB)
  // Every <table> outside the chrome and the invisible elements, in document order, at most
  // kMaxPageTables (found in the same walk as the text: one walk of the tree fewer).
  std::vector<const GumboNode*> tables;
};

constexpr size_t kMaxPageTables = 500;

PageText page_text(const GumboNode* root, const MappedText& decoded);

// What the HTML reader takes from the tree, found in one walk of it (a walk of a report page's
// tree costs about 2% of its parse, mostly cache misses; there were four): the page's <meta> elements
// and first <title> (anywhere), its <a> elements outside invisible elements (script, style, head,
// …) in document order, and page_text()'s result.
struct PageWalk {
  PageHead head;
  std::vector<const GumboNode*> anchors;
  PageText text;
};

PageWalk walk_page(const GumboNode* root, const MappedText& decoded);

// True for page chrome: <nav>/<header>/<footer>/<aside>, or a class/id naming a header, footer,
// navigation, menu or breadcrumb.
bool is_page_chrome(const GumboNode* node);

}  // namespace nianbao
