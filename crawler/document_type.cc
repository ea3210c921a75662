// Magic-byte sniffing of fetched bodies, so a downfile.jsp that answers with an HTML error page is
// never mistaken for the PDF it promised.
#include "crawler/document_type.h"

#include <algorithm>
#include <cctype>
#include <string>

namespace nianbao::crawler {

DocumentType sniff_document_type(std::string_view bytes) {
  if (bytes.empty()) return DocumentType::empty;
  if (bytes.substr(0, 5) == "%PDF-") return DocumentType::pdf;
  if (bytes.substr(0, 8) == std::string_view("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8)) return DocumentType::ole2;
  if (bytes.substr(0, 4) == std::string_view("PK\x03\x04", 4)) return DocumentType::zip;
  std::string_view head = bytes.substr(0, 1024);
  if (head.substr(0, 3) == "\xEF\xBB\xBF") head.remove_prefix(3);
  size_t first = head.find_first_not_of(" \t\r\n");
  if (first != std::string_view::npos) head.remove_prefix(first);
  std::string lower(head.substr(0, 512));
  std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (lower.rfind("<?xml", 0) == 0 || lower.rfind("<datastore", 0) == 0) return DocumentType::xml;
  if (lower.find("<html") != std::string::npos || lower.find("<!doctype html") != std::string::npos ||
      lower.find("<head") != std::string::npos || lower.find("<body") != std::string::npos)
    return DocumentType::html;
  bool has_nul = std::find(bytes.begin(), bytes.begin() + std::min<size_t>(bytes.size(), 4096), '\0') !=
                 bytes.begin() + std::min<size_t>(bytes.size(), 4096);
  return has_nul ? DocumentType::ofd_or_other_binary : DocumentType::text;
}

const char* to_string(DocumentType type) {
  switch (type) {
    case DocumentType::pdf: return "pdf";
    case DocumentType::ole2: return "ole2";
    case DocumentType::zip: return "zip";
    case DocumentType::ofd_or_other_binary: return "binary";
    case DocumentType::html: return "html";
    case DocumentType::xml: return "xml";
    case DocumentType::text: return "text";
    case DocumentType::empty: return "empty";
  }
  return "unknown";
}

bool is_attachment_document(DocumentType type) {
  return type == DocumentType::pdf || type == DocumentType::ole2 || type == DocumentType::zip;
}

}  // namespace nianbao::crawler
