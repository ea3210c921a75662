// The HTML reader: decode (BOM > HTTP hint > verified <meta> > detection), parse with Gumbo, take
// the page's title and date, its readable text, and every <table> outside the page chrome as a grid.
#include "extract/readers/html_reader.h"

#include <exception>

#include "extract/html/gumbo_document.h"
#include "common/text/html_charset.h"
#include "extract/html/node_text.h"
#include "extract/html/page_metadata.h"
#include "extract/html/page_text.h"
#include "extract/html/table_grid.h"
#include "extract/text/normalize.h"

namespace nianbao {
namespace {

constexpr size_t kMaxTables = 500;

void collect_tables(const GumboNode* node, std::vector<const GumboNode*>& tables, int depth) {
  if (node == nullptr || depth > 400 || tables.size() >= kMaxTables) return;
  if (node->type == GUMBO_NODE_ELEMENT && (is_invisible_element(node) || is_page_chrome(node))) return;
  if (is_element(node, GUMBO_TAG_TABLE)) tables.push_back(node);
  const GumboVector& children = children_of(node);
  for (unsigned int i = 0; i < children.length; ++i) {
    collect_tables(static_cast<const GumboNode*>(children.data[i]), tables, depth + 1);
  }
}

std::optional<std::string> date_near_title(const std::string& text) {
  for (const char* label : {"发布日期", "发布时间", "公开日期", "成文日期"}) {
    size_t at = text.find(label);
    if (at != std::string::npos) {
      if (auto date = first_date(text.substr(at, 80))) return date;
    }
  }
  return std::nullopt;
}

std::string last_characters(const std::string& text, size_t bytes) {
  if (text.size() <= bytes) return text;
  size_t begin = text.size() - bytes;
  while (begin < text.size() && (static_cast<unsigned char>(text[begin]) & 0xC0) == 0x80) ++begin;
  return text.substr(begin);
}

}  // namespace

ReaderResult read_html_document(std::string_view bytes, std::string_view charset_hint) {
  try {
    DecodedText decoded = decode_html(bytes, charset_hint);
    if (looks_binary(decoded)) return {ExtractStatus::unreadable, "not an HTML page (binary content)", {}};
    GumboDocument page(decoded.text.utf8);
    ReaderResult result;
    ReadDocument& document = result.document;
    document.charset = decoded.charset;
    PageMetadata metadata = read_page_metadata(page.root());
    document.title = metadata.title;
    PageText text = page_text(page.root(), decoded.text);
    document.text = normalize_text(text.text);
    document.published = metadata.published ? metadata.published : date_near_title(document.text.utf8);
    std::vector<const GumboNode*> tables;
    collect_tables(page.root(), tables, 0);
    for (const GumboNode* table : tables) {
      Grid grid = build_table_grid(table, decoded.text, static_cast<int>(document.grids.size()));
      if (document.grids.size() < text.table_captions.size()) {
        grid.caption = last_characters(normalize_string(text.table_captions[document.grids.size()]), 240);
      }
      document.grids.push_back(std::move(grid));
    }
    return result;
  } catch (const std::exception& error) {
    return {ExtractStatus::unreadable, std::string("HTML reader failed: ") + error.what(), {}};
  }
}

}  // namespace nianbao
