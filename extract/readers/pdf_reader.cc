// The PDF reader: poppler words per page → lines → document text and table regions → layout
// grids; a document with pages but no text is needs_ocr. Never throws: failures become statuses.
#include "extract/readers/pdf_reader.h"

#include <exception>

#include "extract/pdf/layout_grid.h"
#include "extract/pdf/page_join.h"
#include "extract/pdf/page_lines.h"
#include "extract/pdf/page_regions.h"
#include "extract/pdf/page_text.h"
#include "extract/pdf/page_words.h"
#include "extract/text/normalize.h"

namespace nianbao {
namespace {

size_t count_words(const std::vector<pdf::PageWords>& pages) {
  size_t words = 0;
  for (const pdf::PageWords& page : pages) words += page.words.size();
  return words;
}

ReaderResult failure(ExtractStatus status, std::string message) { return {status, std::move(message), {}}; }

ReadDocument layout_document(const std::vector<pdf::PageWords>& pages) {
  ReadDocument document;
  document.charset = "utf-8";
  MappedText text;
  for (const pdf::PageWords& page : pages) {
    std::vector<pdf::Line> lines = pdf::build_lines(page);
    pdf::append_page_text(lines, text);
    for (const pdf::Region& region : pdf::find_table_regions(lines, page.page)) {
      document.grids.push_back(pdf::build_layout_grid(region));
    }
  }
  pdf::drop_repeated_headers(document.grids);
  for (size_t i = 0; i < document.grids.size(); ++i) document.grids[i].index = static_cast<int>(i);
  document.text = normalize_text(text);
  return document;
}

}  // namespace

ReaderResult read_pdf_document(std::string_view bytes) {
  try {
    pdf::PdfPages pages = pdf::read_page_words(bytes);
    if (!pages.opened) return failure(ExtractStatus::unreadable, "PDF: " + pages.error);
    if (pages.pages.empty()) return failure(ExtractStatus::unreadable, "PDF: the document has no pages");
    if (count_words(pages.pages) == 0) {
      return failure(ExtractStatus::needs_ocr, "PDF: " + std::to_string(pages.pages.size()) +
                                                   " page(s) but no text layer (scanned images); OCR is needed");
    }
    return {ExtractStatus::ok, "", layout_document(pages.pages)};
  } catch (const std::exception& error) {
    return failure(ExtractStatus::unreadable, std::string("PDF: reading failed: ") + error.what());
  } catch (...) {
    return failure(ExtractStatus::unreadable, "PDF: reading failed with an unknown error");
  }
}

}  // namespace nianbao
