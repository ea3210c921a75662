// Body walk: w:p adds a line, w:tbl adds a grid (and its rows as lines), containers such as w:sdt,
// w:customXml and w:sdtContent are entered. libxml2 reads without network and limits depth.
#include "extract/docx/word_document.h"

#include <libxml/parser.h>

#include <climits>
#include <memory>
#include <mutex>

#include "extract/docx/word_table.h"
#include "extract/docx/word_xml.h"

namespace nianbao::docx {
namespace {

struct DocumentFreer {
  void operator()(xmlDoc* document) const { xmlFreeDoc(document); }
};

void append_table_text(const Grid& grid, std::string& text) {
  for (const auto& row : grid.rows) {
    bool first = true;
    for (const GridCell& cell : row) {
      if (cell.spanned || cell.text.empty()) continue;
      text += (first ? "" : " ") + cell.text;
      first = false;
    }
    text += "\n";
  }
}

void walk(const xmlNode* node, WordBody& body) {
  for (const xmlNode* child = node->children; child; child = child->next) {
    if (is_word_element(child, "p")) {
      body.text += word_text(child) + "\n";
    } else if (is_word_element(child, "tbl")) {
      Grid grid = read_word_table(child);
      grid.index = static_cast<int>(body.grids.size());
      append_table_text(grid, body.text);
      body.grids.push_back(std::move(grid));
    } else if (is_word_element(child, "sdt") || is_word_element(child, "sdtContent") ||
               is_word_element(child, "customXml") || is_word_element(child, "body")) {
      walk(child, body);
    }
  }
}

// libxml2's last error as " (message)", without its trailing newline; empty when there is none.
std::string parser_message() {
  const xmlError* error = xmlGetLastError();
  if (!error || !error->message) return "";
  std::string message = error->message;
  while (!message.empty() && message.back() == '\n') message.pop_back();
  return " (" + message + ")";
}

// libxml2 sets up its global state on first use, which is not safe when several extraction
// workers parse at once: it is done once, before any parse.
void init_libxml_once() {
  static std::once_flag initialized;
  std::call_once(initialized, [] { xmlInitParser(); });
}

}  // namespace

WordBody read_word_body(std::string_view document_xml) {
  init_libxml_once();
  WordBody body;
  if (document_xml.size() > static_cast<size_t>(INT_MAX)) {
    body.error = "word/document.xml is too large";
    return body;
  }
  int options = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_COMPACT;  // short texts inline
  std::unique_ptr<xmlDoc, DocumentFreer> document(xmlReadMemory(
      document_xml.data(), static_cast<int>(document_xml.size()), "document.xml", nullptr, options));
  const xmlNode* root = document ? xmlDocGetRootElement(document.get()) : nullptr;
  if (!root) {
    body.error = "word/document.xml is not well-formed XML" + parser_message();
    return body;
  }
  const xmlNode* content = word_child(root, "body");
  walk(content ? content : root, body);
  body.ok = true;
  return body;
}

}  // namespace nianbao::docx
