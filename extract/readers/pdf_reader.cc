// The PDF reader: poppler words per page → lines → document text; tables drawn with ruling lines
// → ruled grids, the other words → table regions → layout grids, in page order. A document with
// pages but no text is needs_ocr. Never throws: failures become statuses.
#include "extract/readers/pdf_reader.h"

#include <algorithm>
#include <exception>

#include "extract/pdf/layout_grid.h"
#include "extract/pdf/page_join.h"
#include "extract/pdf/page_lines.h"
#include "extract/pdf/page_regions.h"
#include "extract/pdf/page_text.h"
#include "extract/pdf/page_words.h"
#include "extract/pdf/ruled_table.h"
#include "extract/pdf/split_rows.h"
#include "extract/pdf/text_layer.h"
#include "extract/text/normalize.h"

namespace nianbao {
namespace {

size_t count_words(const std::vector<pdf::PageWords>& pages) {
  size_t words = 0;
  for (const pdf::PageWords& page : pages) words += page.words.size();
  return words;
}

ReaderResult failure(ExtractStatus status, std::string message) { return {status, std::move(message), {}}; }

struct PlacedGrid {
  double top = 0;
  Grid grid;
};

// The page's tables top to bottom: ruled tables first take their words, the rest is laid out.
// `header_columns` carry an unruled table's columns to its continuation on the next page.
std::vector<Grid> page_grids(const pdf::PageWords& page, std::vector<pdf::ColumnSpan>& header_columns) {
  std::vector<PlacedGrid> placed;
  std::vector<bool> taken(page.words.size(), false);
  for (pdf::RuledTable& table : pdf::find_ruled_tables(page)) {
    for (size_t word : table.words) taken[word] = true;
    placed.push_back({table.box.top, std::move(table.grid)});
  }
  if (!placed.empty()) header_columns.clear();
  pdf::PageWords rest{page.page, page.width, page.height, {}, {}};
  for (size_t i = 0; i < page.words.size(); ++i) {
    if (!taken[i]) rest.words.push_back(page.words[i]);
  }
  for (const pdf::Region& region : pdf::find_table_regions(pdf::build_lines(rest), page.page)) {
    placed.push_back({region.lines.front().top, pdf::build_layout_grid(region, header_columns)});
  }
  std::stable_sort(placed.begin(), placed.end(), [](const PlacedGrid& a, const PlacedGrid& b) { return a.top < b.top; });
  std::vector<Grid> grids;
  for (PlacedGrid& grid : placed) grids.push_back(std::move(grid.grid));
  return grids;
}

ReadDocument layout_document(const std::vector<pdf::PageWords>& pages) {
  ReadDocument document;
  document.charset = "utf-8";
  MappedText text;
  std::vector<pdf::ColumnSpan> header_columns;
  for (const pdf::PageWords& page : pages) {
    pdf::append_page_text(pdf::build_lines(page), text);
    for (Grid& grid : page_grids(page, header_columns)) document.grids.push_back(std::move(grid));
  }
  pdf::drop_repeated_headers(document.grids);
  pdf::join_split_rows(document.grids);
  for (size_t i = 0; i < document.grids.size(); ++i) document.grids[i].index = static_cast<int>(i);
  document.text = normalize_text(text);
  return document;
}

// Pages whose text is unmapped (fonts without ToUnicode) lose their words: nothing is guessed
// from them. Returns their numbers.
std::vector<int> drop_unmapped_pages(std::vector<pdf::PageWords>& pages) {
  std::vector<int> dropped;
  for (pdf::PageWords& page : pages) {
    if (!pdf::page_needs_ocr(page)) continue;
    dropped.push_back(page.page);
    page.words.clear();
    page.rulings.clear();
  }
  return dropped;
}

std::string page_list(const std::vector<int>& pages) {
  std::string list;
  for (int page : pages) list += (list.empty() ? "" : ", ") + std::to_string(page);
  return list;
}

// A page is rendered for its rulings only when a line of it reads as several cells (a blank form
// has no values, so the value test of table regions cannot decide).
bool may_hold_a_table(const pdf::PageWords& page) {
  std::vector<pdf::Line> lines = pdf::build_lines(page);
  return std::any_of(lines.begin(), lines.end(), [](const pdf::Line& line) { return line.fragments.size() >= 2; });
}

}  // namespace

ReaderResult read_pdf_document(std::string_view bytes) {
  try {
    pdf::PdfPages pages = pdf::read_page_words(bytes, may_hold_a_table);
    if (!pages.opened) return failure(ExtractStatus::unreadable, "PDF: " + pages.error);
    if (pages.pages.empty()) return failure(ExtractStatus::unreadable, "PDF: the document has no pages");
    if (count_words(pages.pages) == 0) {
      return failure(ExtractStatus::needs_ocr, "PDF: " + std::to_string(pages.pages.size()) +
                                                   " page(s) but no text layer (scanned images); OCR is needed");
    }
    std::vector<int> unmapped = drop_unmapped_pages(pages.pages);
    if (count_words(pages.pages) == 0) {
      return failure(ExtractStatus::needs_ocr, "PDF: the text of page(s) " + page_list(unmapped) +
                                                   " uses fonts without a Unicode map (no ToUnicode); OCR is needed");
    }
    return {ExtractStatus::ok, "", layout_document(pages.pages)};
  } catch (const std::exception& error) {
    return failure(ExtractStatus::unreadable, std::string("PDF: reading failed: ") + error.what());
  } catch (...) {
    return failure(ExtractStatus::unreadable, "PDF: reading failed with an unknown error");
  }
}

}  // namespace nianbao
