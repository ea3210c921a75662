// GumboDocument: gumbo_parse_with_options on UTF-8 input, its memory from a ParseArena (freed at
// once). Parse errors are not collected (max_errors 0): malformed pages are the norm, not an error.
#include "extract/html/gumbo_document.h"

#include <stdexcept>
#include <string>

#include "common/text/markup_depth.h"

namespace nianbao {

namespace {

// Gumbo's parse time grows with the square of the nesting and freeing its tree recurses once per
// level, so a page built (or broken) to nest tens of thousands of elements is refused unparsed.
// Real report pages stay below a hundred; the crawler refuses the same pages (crawler/html_page.cc).
constexpr size_t kMaxOpenElements = 12288;

}  // namespace

GumboDocument::GumboDocument(std::string_view utf8) {
  size_t open_elements = peak_unclosed_elements(utf8);
  if (open_elements > kMaxOpenElements) {
    throw std::runtime_error("HTML with " + std::to_string(open_elements) + " elements open at once (more than " +
                             std::to_string(kMaxOpenElements) + "): nested too deep to parse, not read");
  }
  GumboOptions options = kGumboDefaultOptions;
  options.max_errors = 0;
  options.allocator = &ParseArena::gumbo_allocate;
  options.deallocator = &ParseArena::gumbo_deallocate;
  options.userdata = &arena_;
  output_ = gumbo_parse_with_options(&options, utf8.data(), utf8.size());
  if (output_ == nullptr) throw std::runtime_error("Gumbo could not parse the page");
}

// Nothing to do node by node: every byte of the tree is in the arena, freed as it goes.
GumboDocument::~GumboDocument() = default;

std::string attribute(const GumboNode* node, const char* name) {
  if (node == nullptr || (node->type != GUMBO_NODE_ELEMENT && node->type != GUMBO_NODE_TEMPLATE)) return "";
  const GumboAttribute* found = gumbo_get_attribute(&node->v.element.attributes, name);
  return found ? found->value : "";
}

}  // namespace nianbao
