// poppler-cpp → PageWords: loads the document from memory (no file), refuses encrypted or broken
// files with a reason, and reads every page's text boxes. Poppler's stderr chatter is silenced.
#include "extract/pdf/page_words.h"

#include <poppler-document.h>
#include <poppler-global.h>
#include <poppler-page.h>

#include <climits>
#include <memory>

namespace nianbao::pdf {
namespace {

void ignore_poppler_message(const std::string&, void*) {}

std::string to_utf8(const poppler::ustring& text) {
  poppler::byte_array bytes = text.to_utf8();
  return std::string(bytes.begin(), bytes.end());
}

PageWords read_page(const poppler::document& document, int index) {
  PageWords page;
  page.page = index + 1;
  std::unique_ptr<poppler::page> source(document.create_page(index));
  if (!source) return page;
  poppler::rectf rect = source->page_rect();
  page.width = rect.width();
  page.height = rect.height();
  for (const poppler::text_box& box : source->text_list()) {
    PageWord word;
    word.text = to_utf8(box.text());
    poppler::rectf bounds = box.bbox();
    word.box = {bounds.left(), bounds.top(), bounds.right(), bounds.bottom()};
    word.space_after = box.has_space_after();
    word.rotated = box.rotation() % 2 == 1;
    if (!word.text.empty()) page.words.push_back(std::move(word));
  }
  return page;
}

}  // namespace

PdfPages read_page_words(std::string_view bytes) {
  PdfPages result;
  poppler::set_debug_error_function(ignore_poppler_message, nullptr);
  if (bytes.size() > static_cast<size_t>(INT_MAX)) {
    result.error = "PDF larger than 2 GiB";
    return result;
  }
  std::unique_ptr<poppler::document> document(
      poppler::document::load_from_raw_data(bytes.data(), static_cast<int>(bytes.size())));
  if (!document) {
    result.error = "poppler cannot open the PDF (corrupt or truncated)";
    return result;
  }
  if (document->is_locked()) {
    result.error = "the PDF is encrypted with a user password";
    return result;
  }
  result.opened = true;
  for (int index = 0; index < document->pages(); ++index) result.pages.push_back(read_page(*document, index));
  return result;
}

}  // namespace nianbao::pdf
