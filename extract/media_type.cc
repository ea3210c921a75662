// Magic-byte sniffing. HTML is recognized by a tag near the start of the (possibly BOM-prefixed,
// ASCII-compatible) text; everything else that is not a known binary format is treated as text.
#include "extract/media_type.h"

#include <algorithm>
#include <cctype>

namespace nianbao {
namespace {

bool starts_with(std::string_view bytes, std::string_view magic) { return bytes.substr(0, magic.size()) == magic; }

std::string lowercase_head(std::string_view bytes, size_t length) {
  std::string head(bytes.substr(0, std::min(length, bytes.size())));
  std::transform(head.begin(), head.end(), head.begin(), [](unsigned char c) { return std::tolower(c); });
  return head;
}

bool looks_like_html(std::string_view bytes) {
  std::string head = lowercase_head(bytes, 4096);
  size_t first = head.find_first_not_of(" \t\r\n\xEF\xBB\xBF");
  if (first == std::string::npos) return false;
  std::string_view start = std::string_view(head).substr(first);
  for (std::string_view tag : {"<!doctype html", "<html", "<head", "<meta", "<body", "<table", "<!--", "<div", "<p"}) {
    if (start.substr(0, tag.size()) == tag) return true;
  }
  return head.find("<html") != std::string::npos && head.find("</") != std::string::npos;
}

}  // namespace

std::string detect_media_type(std::string_view bytes) {
  if (bytes.empty()) return kMediaEmpty;
  if (starts_with(bytes, "%PDF-") || lowercase_head(bytes, 1024).find("%pdf-") != std::string::npos) return kMediaPdf;
  if (starts_with(bytes, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1")) return kMediaOle;
  if (starts_with(bytes, "PK\x03\x04")) {
    bool word = bytes.find("word/") != std::string_view::npos;
    return word ? kMediaDocx : kMediaZip;
  }
  if (looks_like_html(bytes)) return kMediaHtml;
  return kMediaText;
}

}  // namespace nianbao
