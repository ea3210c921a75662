// The HTML reader: decode (BOM > HTTP hint > verified <meta> > detection), parse with Gumbo, take
// the page's title and date (and where the date came from), its readable text, its links, and every
// <table> outside the page chrome as a grid.
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

constexpr size_t kMaxLinks = 2000;
constexpr size_t kMaxLinkText = 400;

// Every visible <a href> (the walk's anchors), chrome included (a landing page may put its
// attachment anywhere), the first kMaxLinks.
void collect_links(const std::vector<const GumboNode*>& anchors, std::vector<DocumentLink>& links) {
  for (const GumboNode* anchor : anchors) {
    if (links.size() >= kMaxLinks) return;
    std::string href = attribute(anchor, "href");
    if (href.empty()) continue;
    std::string text = normalize_string(node_text(anchor).text);
    if (text.size() > kMaxLinkText) {
      size_t end = kMaxLinkText;
      while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
      text.resize(end);
    }
    links.push_back({std::move(href), std::move(text)});
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

// The last `bytes` bytes (on a character boundary) of normalize_string(text), normalizing only the
// last lines of `text`: normalization works a line at a time, so the normalization of the lines
// after a newline is the end of the normalization of the whole. A caption is the last 240 bytes of
// up to 16 KiB of prose, so this spares normalizing the prose once more per table.
std::string normalized_tail(const std::string& text, size_t bytes) {
  size_t want = bytes * 2;
  while (true) {
    size_t begin = 0;
    if (text.size() > want) {
      size_t newline = text.rfind('\n', text.size() - want);
      begin = newline == std::string::npos ? 0 : newline + 1;
    }
    std::string normalized = normalize_string(begin == 0 ? text : text.substr(begin));
    if (begin == 0 || normalized.size() >= bytes) return last_characters(normalized, bytes);
    want *= 4;
  }
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
    PageWalk walked = walk_page(page.root(), decoded.text);
    PageMetadata metadata = read_page_metadata(walked.head);
    document.title = metadata.title;
    PageText& text = walked.text;
    document.text = normalize_text(text.text);
    if (metadata.published) {
      document.published = metadata.published;
      document.published_source = kPublishedFromMeta;
    } else if ((document.published = date_near_title(document.text.utf8))) {
      document.published_source = kPublishedFromPrinted;
    }
    collect_links(walked.anchors, document.links);
    for (const GumboNode* table : text.tables) {
      Grid grid = build_table_grid(table, decoded.text, static_cast<int>(document.grids.size()));
      if (document.grids.size() < text.table_captions.size()) {
        grid.caption = normalized_tail(text.table_captions[document.grids.size()], 240);
      }
      document.grids.push_back(std::move(grid));
    }
    return result;
  } catch (const std::exception& error) {
    return {ExtractStatus::unreadable, std::string("HTML reader failed: ") + error.what(), {}};
  }
}

}  // namespace nianbao
