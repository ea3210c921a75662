// What a fetched body is, by its first bytes (never by extension or Content-Type alone):
// %PDF-, the OLE2 header of DOC/XLS/WPS, the ZIP header of DOCX/XLSX, or markup.
#pragma once

#include <string_view>

namespace nianbao::crawler {

enum class DocumentType { pdf, ole2, zip, ofd_or_other_binary, html, xml, text, empty };

DocumentType sniff_document_type(std::string_view bytes);
const char* to_string(DocumentType type);

// True for the attachment formats reports are published in (PDF, DOC/WPS/XLS, DOCX/XLSX).
bool is_attachment_document(DocumentType type);

}  // namespace nianbao::crawler
