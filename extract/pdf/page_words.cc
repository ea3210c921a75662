// poppler-cpp → PageWords: loads the document from memory (no file), refuses encrypted or broken
// files with a reason, reads every page's text boxes and, for pages with text, renders the page
// (gray, 2 px per point, no antialiasing) to find its ruling lines. Poppler's stderr is silenced.
#include "extract/pdf/page_words.h"

#include <poppler-document.h>
#include <poppler-global.h>
#include <poppler-image.h>
#include <poppler-page-renderer.h>
#include <poppler-page.h>

#include <climits>
#include <memory>

#include "extract/pdf/ruling_lines.h"

namespace nianbao::pdf {
namespace {

void ignore_poppler_message(const std::string&, void*) {}

std::string to_utf8(const poppler::ustring& text) {
  poppler::byte_array bytes = text.to_utf8();
  return std::string(bytes.begin(), bytes.end());
}

constexpr double kRenderScale = 2;  // pixels per point: a 0.75pt border is at least one pixel

std::vector<Ruling> page_rulings(const poppler::page& source, const std::vector<PageWord>& words) {
  if (words.empty() || !poppler::page_renderer::can_render()) return {};
  poppler::page_renderer renderer;
  renderer.set_image_format(poppler::image::format_gray8);
  renderer.set_render_hints(0);  // no antialiasing: borders stay crisp, thin ones stay dark
  poppler::image image = renderer.render_page(&source, 72 * kRenderScale, 72 * kRenderScale);
  if (!image.is_valid() || image.format() != poppler::image::format_gray8) return {};
  GrayPage gray{image.width(), image.height(), image.bytes_per_row(),
                reinterpret_cast<const uint8_t*>(image.const_data()), kRenderScale};
  std::vector<BoundingBox> boxes;
  for (const PageWord& word : words) boxes.push_back(word.box);
  return find_rulings(gray, boxes);
}

PageWords read_page(const poppler::document& document, int index, const WantsRulings& wants_rulings) {
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
  if (!wants_rulings || wants_rulings(page)) page.rulings = page_rulings(*source, page.words);
  return page;
}

}  // namespace

PdfPages read_page_words(std::string_view bytes, const WantsRulings& wants_rulings) {
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
  for (int index = 0; index < document->pages(); ++index) result.pages.push_back(read_page(*document, index, wants_rulings));
  return result;
}

}  // namespace nianbao::pdf
