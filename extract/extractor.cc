// extract_document: sniff the media type, pick the reader, build the report. Every failure becomes
// a status with a message naming the origin; nothing here throws to the caller.
#include "extract/extractor.h"

#include <exception>

#include "extract/media_type.h"
#include "extract/readers/docx_reader.h"
#include "extract/readers/html_reader.h"
#include "extract/readers/pdf_reader.h"
#include "extract/readers/text_reader.h"
#include "extract/report_builder.h"
#include "common/text/decode.h"

namespace nianbao {
namespace {

Extraction failed(ExtractStatus status, const std::string& media_type, const std::string& message) {
  Extraction extraction;
  extraction.status = status;
  extraction.media_type = media_type;
  extraction.message = message;
  return extraction;
}

Extraction extract_text(const DocumentInput& input, const std::string& media_type) {
  DecodedText decoded = decode_to_utf8(input.bytes, input.charset_hint);
  if (looks_binary(decoded)) {
    return failed(ExtractStatus::unreadable, media_type,
                  input.origin + ": not text (binary content; no charset decodes it)");
  }
  ReadDocument document = read_text_document(decoded);
  Extraction extraction;
  extraction.media_type = media_type;
  extraction.charset = decoded.charset;
  extraction.reports.push_back(build_report(document));
  return extraction;
}

Extraction extract_with(const ReaderResult& read, const DocumentInput& input, const std::string& media_type) {
  if (read.status != ExtractStatus::ok) return failed(read.status, media_type, input.origin + ": " + read.message);
  Extraction extraction;
  extraction.media_type = media_type;
  extraction.charset = read.document.charset;
  extraction.reports.push_back(build_report(read.document));
  return extraction;
}

}  // namespace

const char* to_string(ExtractStatus status) {
  switch (status) {
    case ExtractStatus::ok: return "ok";
    case ExtractStatus::unreadable: return "unreadable";
    case ExtractStatus::unsupported: return "unsupported";
    case ExtractStatus::needs_ocr: return "needs_ocr";
  }
  return "unreadable";
}

const char* to_string(DocumentRole role) {
  switch (role) {
    case DocumentRole::report: return "report";
    case DocumentRole::landing: return "landing";
    case DocumentRole::notice: return "notice";
    case DocumentRole::interpretation: return "interpretation";
    case DocumentRole::other: return "other";
  }
  return "other";
}

Extraction extract_document(const DocumentInput& input) {
  std::string media_type = detect_media_type(input.bytes);
  try {
    if (media_type == kMediaEmpty) {
      return failed(ExtractStatus::unreadable, media_type, input.origin + ": empty document (0 bytes)");
    }
    if (media_type == kMediaOle) {
      return failed(ExtractStatus::unsupported, media_type,
                    input.origin + ": old binary Word/WPS document (.doc/.wps); save it as DOCX or PDF");
    }
    if (media_type == kMediaText) return extract_text(input, media_type);
    if (media_type == kMediaHtml) return extract_with(read_html_document(input.bytes, input.charset_hint), input, media_type);
    if (media_type == kMediaPdf) return extract_with(read_pdf_document(input.bytes), input, media_type);
    if (media_type == kMediaDocx) return extract_with(read_docx_document(input.bytes), input, media_type);
    return failed(ExtractStatus::unsupported, media_type,
                  input.origin + ": no reader for " + media_type + " yet");
  } catch (const std::exception& error) {
    return failed(ExtractStatus::unreadable, media_type, input.origin + ": " + error.what());
  }
}

}  // namespace nianbao
