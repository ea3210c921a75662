// Media type of a document from its first bytes (magic numbers), never from its file name:
// PDF, DOCX (a zip holding word/document.xml), old binary Word/WPS (OLE2), HTML, or plain text.
#pragma once

#include <string>
#include <string_view>

namespace nianbao {

inline constexpr const char* kMediaPdf = "application/pdf";
inline constexpr const char* kMediaDocx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
inline constexpr const char* kMediaOle = "application/x-ole-storage";  // .doc / .wps / .xls
inline constexpr const char* kMediaZip = "application/zip";
inline constexpr const char* kMediaHtml = "text/html";
inline constexpr const char* kMediaText = "text/plain";
inline constexpr const char* kMediaEmpty = "application/x-empty";

std::string detect_media_type(std::string_view bytes);

}  // namespace nianbao
