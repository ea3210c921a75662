// What every reader (plain text, HTML, PDF, DOCX) hands to the report builder: the normalized text
// with its source map, the table grids in document order, and what the page says about itself.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "extract/extractor.h"
#include "extract/model/grid.h"
#include "common/text/mapped_text.h"

namespace nianbao {

// A hyperlink of the page (HTML only): where it points and the text it shows. A landing page is
// recognized by a link to the report's attachment (.pdf, .docx …).
struct DocumentLink {
  std::string href;
  std::string text;
};

struct ReadDocument {
  MappedText text;         // normalized full text (prose and tables), offsets into the original bytes
  std::vector<Grid> grids;  // every table found, numbered from 0 in document order
  std::string title;        // where the document names it (HTML <title>, ArticleTitle); may be empty
  std::optional<std::string> published;  // YYYY-MM-DD where the document carries it
  std::string published_source;          // kPublishedFromMeta or kPublishedFromPrinted; empty when none
  std::vector<DocumentLink> links;       // the page's <a href> links, in document order (HTML only)
  std::string charset;
  // What a reader met and could not settle itself (a flattened row whose split or placement is
  // ambiguous): appended to the report's findings.
  std::vector<Finding> findings;
};

// A reader's answer: a document, or a status other than ok with a message saying what failed
// (the caller adds the document's origin).
struct ReaderResult {
  ExtractStatus status = ExtractStatus::ok;
  std::string message;
  ReadDocument document;
};

}  // namespace nianbao
